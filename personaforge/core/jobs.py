"""Background-job progress: created by a service, advanced by a Celery task, polled by a page."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from celery import Task
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from personaforge.core.broker import send_on_commit
from personaforge.core.errors import ServiceError
from personaforge.core.models import BackgroundJob, JobStatus


def job_start(
    *, user: AbstractBaseUser, kind: str, subject_id: uuid.UUID | None, task: str, args: Sequence[str] = ()
) -> BackgroundJob:
    """A job whose task (by name, called with the job's id then `args`) is sent once the transaction commits."""
    job = BackgroundJob.objects.create(
        user_id=user.pk, kind=kind, subject_id=subject_id, task=task, task_args=list(args)
    )
    send_on_commit(task, [str(job.pk), *args], stamp=BackgroundJob.objects.filter(pk=job.pk))
    return job


MAX_ATTEMPTS = 3


class TooManyAttempts(Exception):
    """A job was started MAX_ATTEMPTS times and never finished: its input kills the worker."""


def job_claim(*, job_id: uuid.UUID | str) -> BackgroundJob | None:
    """Mark a job running for this attempt; None when it already finished (a redelivered task).

    Raises TooManyAttempts when earlier attempts all died (a task redelivered after its worker was
    killed, by running out of memory say), so one bad file cannot crash the workers forever.
    """
    with transaction.atomic():
        job = BackgroundJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.is_finished:
            return None
        if job.attempts >= MAX_ATTEMPTS:
            raise TooManyAttempts(job.pk)
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.started_at = job.started_at or timezone.now()
        job.save(update_fields=["status", "attempts", "started_at", "updated_at"])
        return job


def job_progress(job: BackgroundJob, *, progress: int, message: str) -> None:
    job.progress, job.message = progress, message
    job.save(update_fields=["progress", "message", "updated_at"])


def job_succeed(job: BackgroundJob, *, message: str = "Done") -> None:
    job.status, job.progress, job.message = JobStatus.SUCCEEDED, 100, message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "progress", "message", "finished_at", "updated_at"])


def job_fail(job: BackgroundJob, *, error: str) -> None:
    job.status, job.error, job.message = JobStatus.FAILED, error, "Failed"
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "message", "finished_at", "updated_at"])


def job_get_for_user(*, user: AbstractBaseUser, pk: uuid.UUID) -> BackgroundJob:
    job = BackgroundJob.objects.filter(user_id=user.pk, pk=pk).first()
    if job is None:
        raise Http404("No such job.")
    return job


def job_is_latest(job: BackgroundJob) -> bool:
    """No newer job was started for the same object."""
    newer = BackgroundJob.objects.filter(subject_id=job.subject_id, kind=job.kind, created_at__gt=job.created_at)
    return not newer.exists()


def job_to_show(*, user: AbstractBaseUser, subject_id: uuid.UUID, changed_at: datetime) -> BackgroundJob | None:
    """The latest job on an object while it runs, or its outcome until the object is next changed."""
    job = job_latest_for_subject(user=user, subject_id=subject_id)
    if job is None or (job.finished_at is not None and job.finished_at < changed_at):
        return None
    return job


def job_latest_for_subject(*, user: AbstractBaseUser, subject_id: uuid.UUID) -> BackgroundJob | None:
    return BackgroundJob.objects.filter(user_id=user.pk, subject_id=subject_id).order_by("-created_at").first()


def job_working_on(*, user: AbstractBaseUser, subject: Any) -> BackgroundJob | None:
    """The job working on an unfinished object (a report, a letter...) for its page to show, or None.

    The object and its job are read one after the other, and the worker may finish both in between: the object
    is then read again, so a page never shows an object still "running" beside a finished job's fragment (which
    stops polling, and would leave it so).
    """
    if subject.is_finished:
        return None
    job = job_latest_for_subject(user=user, subject_id=subject.pk)
    if job is not None and job.is_finished:
        subject.refresh_from_db()
        if subject.is_finished:
            return None
    return job


class JobTask(Task):
    """Base for tasks whose first argument is a BackgroundJob id.

    When such a task finally fails (an unexpected error, retries used up, a time limit), its job
    is marked failed, so the page waiting on it stops polling and says so; `on_job_failed` lets a
    task mark its own object failed too.
    """

    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        job = BackgroundJob.objects.filter(pk=args[0] if args else kwargs.get("job_id")).first()
        if job is not None and not job.is_finished:
            error = _failure_message(exc)
            job_fail(job, error=error)
            self.on_job_failed(job, error)

    def on_job_failed(self, job: BackgroundJob, error: str) -> None:
        """Hook for subclasses."""


def _failure_message(exc: BaseException) -> str:
    from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded

    if isinstance(exc, SoftTimeLimitExceeded | TimeLimitExceeded):
        return "This took longer than we allow and was stopped. Please try again, or try a simpler file."
    if isinstance(exc, ServiceError):  # retries used up: say what the service did
        return f"{exc} Please try again later."
    if isinstance(exc, TooManyAttempts):
        return "This stopped our worker several times, so we gave up. A file may be damaged or too large to read."
    return "Something went wrong on our side. Please try again in a few minutes."
