"""The account page: API tokens, all my data as a zip, and deleting the account with everything in it."""

import io
import json
import uuid
import zipfile
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import emails
from accounts.data import USER_FOLDERS, accounts_delete_due
from accounts.models import ApiToken, EmailPreference, SentEmail, User
from accounts.tokens import token_create
from cvs.models import CV
from cvs.services import cv_upload
from exports.models import Export
from exports.services import export_request, export_run
from personaforge.account_archive import account_archive_run
from personaforge.core.models import BackgroundJob
from personas.tests.factories import demo_persona
from templates_app.selectors import builtin_templates

pytestmark = pytest.mark.django_db


def _token(owner_client, name="script"):
    page = owner_client.post(reverse("token_create"), {"name": name}).content.decode()
    return page.split('<code class="token">', 1)[1].split("</code>", 1)[0]


def test_a_token_is_shown_once_works_as_a_bearer_and_stops_when_revoked(owner_client, user, other_user):
    raw = _token(owner_client)
    token = ApiToken.objects.get(user=user)
    assert raw.startswith("pf_") and raw not in token.key_hash and token.prefix == raw[:10]
    assert raw not in owner_client.get(reverse("account")).content.decode()  # never shown again
    api = APIClient()
    response = api.get(reverse("api_me"), headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200 and response.json()["email"] == user.email
    token.refresh_from_db()
    assert token.last_used_at is not None

    owner_client.post(reverse("token_revoke", args=[token.pk]))
    response = api.get(reverse("api_me"), headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    assert api.get(reverse("api_me"), headers={"Authorization": "Bearer pf_made-up"}).status_code == 401
    owner_client.force_login(other_user)
    assert owner_client.post(reverse("token_revoke", args=[token.pk])).status_code == 404


def test_a_token_of_a_closed_account_is_refused_and_each_token_is_rate_limited(owner_client, user, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "token": "3/min"},
    }
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        first, second = _token(owner_client, "one"), _token(owner_client, "two")
        api = APIClient()
        codes = [api.get(reverse("api_me"), headers={"Authorization": f"Bearer {first}"}).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        assert api.get(reverse("api_me"), headers={"Authorization": f"Bearer {second}"}).status_code == 200
    finally:
        SimpleRateThrottle.THROTTLE_RATES = {**SimpleRateThrottle.THROTTLE_RATES, "token": "600/min"}
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert APIClient().get(reverse("api_me"), headers={"Authorization": f"Bearer {second}"}).status_code == 401


def _content(user):
    persona = demo_persona(user)
    cv_upload(user=user, file=SimpleUploadedFile("alex.txt", b"Alex Morgan, backend engineer"))
    _export, job = export_request(user=user, persona=persona, template=builtin_templates(type="cv")[0], format="pdf")
    export_run(job_id=job.pk)
    return persona


def test_all_my_data_as_one_zip(owner_client, user, other_user):
    _content(user)
    _content(other_user)
    assert owner_client.post(reverse("archive_request")).status_code == 302
    job = BackgroundJob.objects.get(user=user, kind="account.archive")
    account_archive_run(job_id=job.pk)
    page = owner_client.get(reverse("account")).content.decode()
    assert reverse("archive_download", args=[job.pk]) in page
    response = owner_client.get(reverse("archive_download", args=[job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert "account.json" in names and "knowledge-base.json" in names and "jobs.json" in names
    persona = json.loads(archive.read(next(n for n in names if n.startswith("personas/") and n.endswith(".json"))))
    assert persona["title"] == "Payments backend engineer" and persona["versions"][0]["number"] == 1
    assert archive.read(next(n for n in names if n.startswith("cvs/") and n.endswith("alex.txt"))) == (
        b"Alex Morgan, backend engineer"
    )
    assert any(n.startswith("exports/") and n.endswith(".pdf") for n in names)
    assert other_user.email not in archive.read("account.json").decode()
    owner_client.force_login(other_user)
    assert owner_client.get(reverse("archive_download", args=[job.pk])).status_code == 404


def test_deleting_an_account_waits_for_the_grace_period_then_leaves_nothing(owner_client, user, other_user, media_root):
    _content(user)
    theirs = _content(other_user)
    files = [cv.file.name for cv in CV.objects.filter(user=user)] + [
        e.file.name for e in Export.objects.filter(user=user)
    ]
    assert all((media_root / name).exists() for name in files)
    # A file a worker stored just before it was killed: no row points to it.
    leftover = default_storage.save(f"exports/{user.pk}/{uuid.uuid4()}/cv.pdf", ContentFile(b"%PDF-1.7"))
    kept = [e.file.name for e in Export.objects.filter(user=other_user)]
    _, token = token_create(user=user, name="script")
    emails.preference_set(email=user.email, kind="weekly_digest", subscribed=True)
    assert SentEmail.objects.filter(to=user.email, kind="export_ready").exists()
    response = owner_client.post(reverse("account_delete"), {"confirm": "someone@else.example"}, follow=True)
    assert "nothing is deleted" in response.content.decode()
    owner_client.post(reverse("account_delete"), {"confirm": user.email.upper()})
    user.refresh_from_db()
    assert user.deletion_due_at > timezone.now() + timedelta(days=13)
    assert "will be deleted on" in owner_client.get(reverse("dashboard")).content.decode()
    assert accounts_delete_due() == 0  # not yet

    User.objects.filter(pk=user.pk).update(deletion_due_at=timezone.now() - timedelta(minutes=1))
    assert accounts_delete_due() == 1
    assert not User.objects.filter(pk=user.pk).exists()
    assert not CV.objects.filter(user_id=user.pk).exists() and not Export.objects.filter(user_id=user.pk).exists()
    assert not any((media_root / name).exists() for name in [*files, leftover])
    assert not [path for path in media_root.rglob("*") if str(user.pk) in str(path)]  # no folder named after them
    assert theirs.__class__.objects.filter(pk=theirs.pk).exists()  # nobody else's data goes
    assert kept and all((media_root / name).exists() for name in kept)
    owner_client.logout()
    assert owner_client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401  # its token too
    assert not SentEmail.objects.filter(to__iexact=user.email).exists()  # "your export is ready", by address
    assert not EmailPreference.objects.filter(email=user.email.casefold()).exists()


def test_every_file_a_user_owns_is_stored_in_one_of_their_folders(user):
    """Deleting an account removes USER_FOLDERS/<user id>/: a model whose files go elsewhere would leave them."""
    owned = [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField)
    ]
    for model, field in owned:
        instance = model(user=user)
        folder, _ = field.generate_filename(instance, "file.pdf").split(f"/{user.pk}/", 1)
        assert folder in USER_FOLDERS, (model, field.name)


def test_a_scheduled_deletion_can_be_cancelled(owner_client, user):
    owner_client.post(reverse("account_delete"), {"confirm": user.email})
    owner_client.post(reverse("account_delete"), {"cancel": "1"})
    user.refresh_from_db()
    assert user.deletion_due_at is None


def test_a_profile_that_fails_says_so_and_keeps_what_was_typed(owner_client, user):
    response = owner_client.post(reverse("account_profile"), {"name": "Ada Lovelace", "language": "xx"})
    page = response.content.decode()
    assert response.status_code == 400 and "Select a valid choice" in page and 'value="Ada Lovelace"' in page
    user.refresh_from_db()
    assert user.name != "Ada Lovelace"
