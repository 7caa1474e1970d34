import json
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from cvs.models import CV
from cvs.tests.factories import CVFactory
from personaforge.core.models import BackgroundJob

pytestmark = pytest.mark.django_db


def test_an_upload_is_stored_and_queued(owner_client, user):
    file = SimpleUploadedFile("Jane Doe CV.txt", b"Jane Doe\nPython developer", content_type="text/plain")
    response = owner_client.post(reverse("cv_upload"), {"file": file})
    cv = CV.objects.get(user=user)
    assert response.url == reverse("cv_detail", args=[cv.pk])
    assert cv.filename == "Jane Doe CV.txt"
    assert cv.file.read() == b"Jane Doe\nPython developer"
    job = BackgroundJob.objects.get(subject_id=cv.pk)
    assert job.kind == "cv.read" and job.user == user


def test_a_too_large_file_is_refused_with_its_size_and_nothing_is_stored(owner_client, settings):
    settings.CV_MAX_UPLOAD_BYTES = 1024
    file = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 5000, content_type="application/pdf")
    response = owner_client.post(reverse("cv_upload"), {"file": file})
    assert response.status_code == 400
    assert "at most 1.0\xa0KB" in response.content.decode()
    assert not CV.objects.exists()


def test_an_unknown_file_type_is_refused_clearly(owner_client):
    file = SimpleUploadedFile("photo.exe", b"MZ...", content_type="application/octet-stream")
    response = owner_client.post(reverse("cv_upload"), {"file": file})
    assert response.status_code == 400
    assert "We read PDF, Word, OpenDocument" in response.content.decode()
    assert not CV.objects.exists()


def test_a_form_without_a_file_is_refused(owner_client):
    assert owner_client.post(reverse("cv_upload"), {}).status_code == 400


def test_the_upload_page_needs_a_login(client):
    assert client.get(reverse("cv_upload")).status_code == 302


def test_the_owner_sees_the_cv_and_its_text(owner_client, user):
    cv = CVFactory(user=user, raw_text="Senior Django developer")
    page = owner_client.get(reverse("cv_detail", args=[cv.pk])).content.decode()
    assert "Senior Django developer" in page


@pytest.mark.parametrize("name", ["cv_detail", "cv_download"])
def test_an_outsider_gets_404(client, other_user, user, name):
    cv = CVFactory(user=user)
    client.force_login(other_user)
    assert client.get(reverse(name, args=[cv.pk])).status_code == 404


@pytest.mark.parametrize("name", ["cv_reread", "cv_delete"])
def test_an_outsider_cannot_change_it(client, other_user, user, name):
    cv = CVFactory(user=user)
    client.force_login(other_user)
    assert client.post(reverse(name, args=[cv.pk])).status_code == 404
    assert CV.objects.filter(pk=cv.pk, status="pending").exists()


def test_an_unknown_or_malformed_id_gets_404(owner_client):
    assert owner_client.get(reverse("cv_detail", args=[uuid.uuid4()])).status_code == 404
    assert owner_client.get("/cv/not-a-uuid").status_code == 404


def test_download_returns_the_original_file(owner_client, user):
    cv = CVFactory(user=user, filename="Jane.txt")
    response = owner_client.get(reverse("cv_download", args=[cv.pk]))
    assert b"".join(response.streaming_content) == b"Jane Doe\nPython developer"
    assert 'filename="Jane.txt"' in response["Content-Disposition"]


def test_delete_removes_the_row_and_the_stored_file(owner_client, user):
    cv = CVFactory(user=user)
    storage, name = cv.file.storage, cv.file.name
    assert storage.exists(name)
    response = owner_client.post(reverse("cv_delete", args=[cv.pk]))
    assert response.url == reverse("dashboard")
    assert not CV.objects.filter(pk=cv.pk).exists()
    assert not storage.exists(name)


def test_delete_and_reread_refuse_get(owner_client, user):
    cv = CVFactory(user=user)
    assert owner_client.get(reverse("cv_delete", args=[cv.pk])).status_code == 405
    assert owner_client.get(reverse("cv_reread", args=[cv.pk])).status_code == 405


def test_a_50_mb_upload_gets_a_clear_refusal_not_a_500(owner_client):
    file = SimpleUploadedFile("huge.pdf", b"%PDF" + b"\0" * (50 * 1024 * 1024), content_type="application/pdf")
    response = owner_client.post(reverse("cv_upload"), {"file": file})
    assert response.status_code == 400
    assert "CVs can be at most 10.0\xa0MB" in response.content.decode()
    assert not CV.objects.exists()


def test_an_oversized_upload_is_not_kept_whole_on_disk_or_in_memory(owner_client, settings, monkeypatch):
    from cvs.uploads import SizeLimitedUploadHandler

    settings.CV_MAX_UPLOAD_BYTES = 100 * 1024
    kept = []
    original = SizeLimitedUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        passed_on = original(self, raw_data, start)
        kept.append(len(passed_on) if passed_on else 0)
        return passed_on

    monkeypatch.setattr(SizeLimitedUploadHandler, "receive_data_chunk", spy)
    file = SimpleUploadedFile("big.pdf", b"%PDF" + b"\0" * (3 * 1024 * 1024), content_type="application/pdf")
    response = owner_client.post(reverse("cv_upload"), {"file": file})
    assert response.status_code == 400
    assert "This file is 3.0\xa0MB" in response.content.decode()
    assert sum(kept) <= 100 * 1024 + 64 * 1024  # at most the limit and one chunk


@pytest.mark.parametrize("stem", sorted(p.stem for p in (Path(__file__).parents[2] / "corpus" / "expected").iterdir()))
def test_the_cv_page_shows_any_profile_without_error(owner_client, user, stem):
    profile = json.loads((Path(__file__).parents[2] / "corpus" / "expected" / f"{stem}.json").read_text())
    cv = CVFactory(user=user, status="parsed", parsed_json=profile)
    page = owner_client.get(reverse("cv_detail", args=[cv.pk])).content.decode()
    assert escape(profile["basics"]["name"]) in page
    assert escape(profile["work"][0]["name"]) in page


def test_a_long_content_type_from_the_client_is_no_500(owner_client, user):
    file = SimpleUploadedFile("cv.txt", b"Jane Doe", content_type="application/" + "x" * 300)
    response = owner_client.post(reverse("cv_upload"), {"file": file})
    assert response.status_code == 302
    assert len(CV.objects.get(user=user).content_type) == 100


def test_downloading_a_cv_whose_file_vanished_says_so(owner_client, user):
    cv = CVFactory(user=user)
    cv.file.storage.delete(cv.file.name)
    response = owner_client.get(reverse("cv_download", args=[cv.pk]), follow=True)
    assert "no longer stored" in response.content.decode()
