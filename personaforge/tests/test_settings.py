"""Settings fail loudly on what would be dangerous or ambiguous in production."""

import os
import subprocess
import sys

from django.conf import settings


def _load_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "SITE_URL"))
    }
    return subprocess.run(
        [sys.executable, "-c", "import personaforge.settings"],
        env={**clean, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _load_settings(DJANGO_ENV="production", DATABASE_URL="postgres://db/x", REDIS_URL="redis://r")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_needs_its_database_url():
    result = _load_settings(DJANGO_ENV="production", DJANGO_SECRET_KEY="s", DJANGO_ALLOWED_HOSTS="example.com")
    assert result.returncode != 0
    assert "DATABASE_URL must be set in production" in result.stderr


def test_a_mistyped_boolean_fails_instead_of_meaning_off():
    result = _load_settings(DJANGO_DEBUG="ture", DATABASE_URL="postgres://db/x", REDIS_URL="redis://r")
    assert result.returncode != 0
    assert "DJANGO_DEBUG='ture' is not a boolean" in result.stderr


def test_production_loads_with_everything_set():
    result = _load_settings(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="a-real-secret",
        DJANGO_ALLOWED_HOSTS="example.com",
        DATABASE_URL="postgres://db/x",
        REDIS_URL="redis://r",
        SITE_URL="https://example.com",
    )
    assert result.returncode == 0, result.stderr


def test_production_needs_the_site_address_for_links_in_emails():
    result = _load_settings(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="s",
        DJANGO_ALLOWED_HOSTS="example.com",
        DATABASE_URL="postgres://db/x",
        REDIS_URL="redis://r",
    )
    assert result.returncode != 0 and "SITE_URL must be the site's address" in result.stderr


def test_a_database_entry_survives_the_trip_to_a_url_and_back():
    from personaforge.env import database_config, database_url_of

    entry = {"USER": "pf@team", "PASSWORD": "s/e:c@r#e?t", "HOST": "/tmp/pg sock", "PORT": "", "NAME": "personaforge"}
    back = database_config(database_url_of(entry))
    assert {key: back[key] for key in ("USER", "PASSWORD", "HOST", "NAME")} == {
        key: entry[key] for key in ("USER", "PASSWORD", "HOST", "NAME")
    }
