"""The security settings a deployment relies on: password hashing, throttled log-in, the staff door, the CSP."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


def _production_settings(*names: str) -> dict:
    """Some settings as production loads them (outside the test run, which swaps a few for speed)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION" and not k.startswith("DJANGO_")}
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="s",
        DJANGO_ALLOWED_HOSTS="example.com",
        DATABASE_URL="postgres://db/x",
        REDIS_URL="redis://redis:6379/0",
        SITE_URL="https://example.com",
    )
    code = f"import json, personaforge.settings as s; print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_hashes_passwords_with_argon2_and_keeps_cookies_to_https():
    production = _production_settings(
        "PASSWORD_HASHERS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "CACHES"
    )
    assert production["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert (
        production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"] and production["SECURE_SSL_REDIRECT"]
    )
    # Throttles count in Redis, shared by every web process (a per-process cache would multiply the allowance).
    assert production["CACHES"]["default"]["BACKEND"] == "personaforge.core.cache.RedisOrLocalCache"


def test_argon2_is_installed_and_hashes_with_argon2id():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    hasher = Argon2PasswordHasher()
    hashed = hasher.encode("correct-horse-battery", hasher.salt())
    assert hashed.startswith("argon2$argon2id$")
    assert hasher.verify("correct-horse-battery", hashed) and not hasher.verify("wrong", hashed)


def test_failed_log_ins_are_throttled_per_account(client, user):
    for _ in range(5):
        answer = client.post(reverse("account_login"), {"login": user.email, "password": "guess"})
        assert "not correct" in answer.content.decode()
    # The sixth try is refused whatever the password, so guessing stops here.
    answer = client.post(reverse("account_login"), {"login": user.email, "password": "correct-horse-battery"})
    assert "Too many failed login attempts" in answer.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_admin_login_sends_people_to_the_throttled_site_login(client):
    answer = client.get("/admin/")
    assert answer.status_code == 302
    followed = client.get(answer.url)
    assert followed.status_code == 302
    assert followed.url == reverse("account_login") + "?next=%2Fadmin%2F"


def test_the_admin_login_refuses_a_signed_in_user_who_is_not_staff(owner_client):
    assert owner_client.get("/admin/login/?next=/admin/").status_code == 403


def test_the_admin_login_lets_staff_through(client, staff_user):
    client.force_login(staff_user)
    answer = client.get("/admin/login/?next=https://elsewhere.example/")
    assert answer.status_code == 302 and answer.url == reverse("admin:index")


def test_every_page_carries_a_policy_that_runs_only_our_own_scripts(owner_client):
    policy = owner_client.get(reverse("dashboard"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "'unsafe-inline'" not in directives["default-src"]


TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>|\son[a-z]+=|javascript:"
)


def test_no_page_template_holds_a_script_the_policy_would_block():
    """Inline scripts, on* handlers and javascript: links would be refused by the browser: keep them out."""
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for directory in TEMPLATE_DIRS
        for path in directory.rglob("*.html")
        if "emails" not in path.parts  # emails are read in mail clients, not under our policy
        for match in INLINE_SCRIPT.finditer(path.read_text())
    ]
    assert offenders == []


def test_the_api_docs_load_their_start_up_script_as_a_file(owner_client):
    page = owner_client.get(reverse("api_docs")).content.decode()
    assert "<script>" not in page
    script = owner_client.get(reverse("api_docs") + "?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
