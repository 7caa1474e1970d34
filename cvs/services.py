from __future__ import annotations

import uuid

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.models import User
from cvs.extract import ExtractionError, extract
from cvs.models import CV, CVStatus
from personaforge.jobs import job_claim, job_create, job_fail, job_progress, job_succeed
from personaforge.models import BackgroundJob

READ_CV = "cv.read"


@transaction.atomic
def cv_upload(*, user: User, file: UploadedFile) -> tuple[CV, BackgroundJob]:
    """Store the file and queue reading it; returns at once."""
    cv = CV(user=user, filename=file.name or "cv", content_type=file.content_type or "", size=file.size or 0)
    cv.file.save(cv.filename, file, save=False)
    cv.save()
    job = job_create(user=user, kind=READ_CV, subject_id=cv.id)
    _enqueue_read(job)
    return cv, job


@transaction.atomic
def cv_reread(*, cv: CV) -> BackgroundJob:
    cv.status, cv.error = CVStatus.PENDING, ""
    cv.save(update_fields=["status", "error", "updated_at"])
    job = job_create(user=cv.user, kind=READ_CV, subject_id=cv.id)
    _enqueue_read(job)
    return job


def _enqueue_read(job: BackgroundJob) -> None:
    from cvs.tasks import cv_read_task

    transaction.on_commit(lambda: cv_read_task.delay(str(job.pk)))


def cv_read(*, job_id: uuid.UUID | str) -> None:
    """Read the CV's text (and its profile, for JSON Resume). Safe to run twice for one job."""
    job = job_claim(job_id=job_id)
    if job is None:
        return
    cv = CV.objects.filter(pk=job.subject_id).first() if job.subject_id else None
    if cv is None:  # deleted while queued
        job_fail(job, error="The CV was deleted before it could be read.")
        return
    job_progress(job, progress=10, message="Reading the file")
    try:
        with cv.file.open("rb") as stored:
            extracted = extract(stored.read(), cv.filename)
    except ExtractionError as error:
        cv.status, cv.error = CVStatus.FAILED, str(error)
        cv.save(update_fields=["status", "error", "updated_at"])
        job_fail(job, error=str(error))
        return
    cv.raw_text, cv.error = extracted.text, ""
    cv.parsed_json = extracted.profile
    cv.status = CVStatus.PARSED if extracted.profile else CVStatus.PENDING
    cv.save(update_fields=["raw_text", "parsed_json", "status", "error", "updated_at"])
    job_succeed(job, message=f"Read {len(extracted.text):,} characters")


def cv_delete(*, cv: CV) -> None:
    """Delete the CV and its stored file."""
    if cv.file:
        cv.file.delete(save=False)
    cv.delete()
