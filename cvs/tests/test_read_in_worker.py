"""End to end through the real broker and a real `celery worker` process."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import wait_for
from cvs.models import CV
from personaforge.core.models import BackgroundJob
from personaforge.tests.factories import BackgroundJobFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("celery_worker")]


def _upload(client, name: str, content: bytes) -> CV:
    response = client.post(reverse("cv_upload"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302
    return CV.objects.get(filename=name)


def _finished_job(cv: CV) -> BackgroundJob:
    def job_is_finished():
        """the worker to finish reading the CV"""
        job = BackgroundJob.objects.filter(subject_id=cv.pk).order_by("-created_at").first()
        return job if job and job.is_finished else None

    return wait_for(job_is_finished)


def test_the_worker_reads_an_uploaded_cv_and_the_page_shows_it(owner_client):
    cv = _upload(owner_client, "jane.md", b"# Jane Doe\n\nPlatform engineer, Kubernetes and Go.")
    job = _finished_job(cv)
    assert job.status == "succeeded" and job.progress == 100 and job.attempts == 1
    cv.refresh_from_db()
    assert "Kubernetes and Go" in cv.raw_text
    page = owner_client.get(reverse("cv_detail", args=[cv.pk])).content.decode()
    assert "Platform engineer, Kubernetes and Go." in page and "Done." in page


def test_a_json_resume_is_parsed_into_its_profile(owner_client):
    resume = {"basics": {"name": "Jane Doe"}, "work": [{"name": "Acme", "position": "Engineer"}]}
    cv = _upload(owner_client, "resume.json", json.dumps(resume).encode())
    assert _finished_job(cv).status == "succeeded"
    cv.refresh_from_db()
    assert cv.status == "parsed" and cv.parsed_json == resume


def test_a_broken_pdf_fails_with_a_reason_and_keeps_the_file(owner_client):
    cv = _upload(owner_client, "broken.pdf", b"%PDF-1.4 garbage")
    job = _finished_job(cv)
    assert job.status == "failed" and "damaged" in job.error
    cv.refresh_from_db()
    assert cv.status == "failed" and "damaged" in cv.error
    assert cv.file.storage.exists(cv.file.name)
    page = owner_client.get(reverse("cv_detail", args=[cv.pk])).content.decode()
    assert "export it again" in page


def test_the_progress_fragment_asks_the_page_to_reload_once_done(owner_client):
    cv = _upload(owner_client, "short.txt", b"Jane Doe")
    job = _finished_job(cv)
    response = owner_client.get(
        reverse("background_job_status", args=[job.pk]) + "?reload=1", headers={"HX-Request": "true"}
    )
    assert response["HX-Refresh"] == "true"


def test_an_unexpected_error_fails_the_job_instead_of_leaving_the_page_waiting(user):
    from cvs.tasks import cv_read_task

    cv = CV.objects.create(user=user, filename="gone.txt", file="cvs/missing/file")  # the stored file vanished
    job = BackgroundJobFactory(user=user, kind="cv.read", subject_id=cv.pk)
    cv_read_task.delay(str(job.pk))
    job = _finished_job(cv)
    assert job.status == "failed"
    assert "try again" in job.error
    cv.refresh_from_db()
    assert cv.status == "failed" and "try again" in cv.error


def test_a_job_whose_worker_died_three_times_is_given_up(user):
    from cvs.tasks import cv_read_task

    cv = CV.objects.create(user=user, filename="deadly.pdf", file="cvs/x/deadly")
    job = BackgroundJobFactory(user=user, kind="cv.read", subject_id=cv.pk, status="running", attempts=3)
    cv_read_task.delay(str(job.pk))
    job = _finished_job(cv)
    assert job.status == "failed" and "gave up" in job.error
    cv.refresh_from_db()
    assert cv.status == "failed"
