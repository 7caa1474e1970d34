"""acks_late means a task can be delivered twice; reading a CV twice for one job does the work once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cvs.services import cv_read, cv_upload
from personaforge.core.models import BackgroundJob

pytestmark = pytest.mark.django_db


def test_a_redelivered_read_does_nothing(user):
    cv, job = cv_upload(user=user, file=SimpleUploadedFile("cv.txt", b"Jane Doe, data engineer"))
    cv_read(job_id=job.pk)
    cv.raw_text = "edited after reading"
    cv.save(update_fields=["raw_text"])

    cv_read(job_id=job.pk)

    job.refresh_from_db()
    cv.refresh_from_db()
    assert job.status == BackgroundJob.Status.SUCCEEDED and job.attempts == 1
    assert cv.raw_text == "edited after reading"


def test_a_job_interrupted_mid_run_is_claimed_again(user):
    _cv, job = cv_upload(user=user, file=SimpleUploadedFile("cv.txt", b"Jane Doe"))
    BackgroundJob.objects.filter(pk=job.pk).update(status="running", attempts=1)  # its worker died

    cv_read(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == "succeeded" and job.attempts == 2


def test_an_older_reading_cannot_overwrite_a_newer_one(user):
    from cvs.services import cv_reread

    cv, first = cv_upload(user=user, file=SimpleUploadedFile("cv.txt", b"Jane Doe"))
    cv_read(job_id=first.pk)
    second = cv_reread(cv=cv)
    assert second.pk != first.pk
    assert cv_reread(cv=cv).pk == second.pk  # asked again while it runs: no third job
    BackgroundJob.objects.filter(pk=first.pk).update(status="running")  # the old one redelivered
    cv_read(job_id=first.pk)
    first.refresh_from_db()
    assert first.status == "failed" and "newer reading" in first.error
    cv_read(job_id=second.pk)
    cv.refresh_from_db()
    assert cv.status == "parsed"
