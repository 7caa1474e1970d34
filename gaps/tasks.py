from __future__ import annotations

from celery import Task, shared_task
from django.db import OperationalError

from gaps import reports
from gaps.applications import reminders
from gaps.applications import services as applications
from gaps.models import JobImport
from gaps.postings import imports as job_imports
from gaps.questions import services as questions
from gaps.tailoring import services as tailoring
from llm.errors import LLMError, retry_countdown
from personaforge.core.jobs import JobTask
from personaforge.core.models import BackgroundJob


class GapReportTask(JobTask):
    def on_job_failed(self, job: BackgroundJob, error: str) -> None:
        if job.subject_id:
            reports.gap_report_mark_failed(report_id=job.subject_id, error=error)


# A busy or slow AI service is tried twice more, 30 s apart; a refused request fails the report with its reason.
@shared_task(bind=True, base=GapReportTask, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=2)
def gap_report_task(self: Task, job_id: str) -> None:
    try:
        reports.gap_report_run(job_id=job_id)
    except LLMError as error:
        raise self.retry(exc=error, countdown=retry_countdown(base=30, attempt=self.request.retries)) from error


class CoverLetterTask(JobTask):
    def on_job_failed(self, job: BackgroundJob, error: str) -> None:
        if job.subject_id:
            applications.cover_letter_mark_failed(letter_id=job.subject_id, error=error)


@shared_task(bind=True, base=CoverLetterTask, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=2)
def cover_letter_task(self: Task, job_id: str) -> None:
    try:
        applications.cover_letter_run(job_id=job_id)
    except LLMError as error:
        raise self.retry(exc=error, countdown=retry_countdown(base=30, attempt=self.request.retries)) from error


@shared_task(bind=True, base=JobTask, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=2)
def questions_task(self: Task, job_id: str, persona_id: str) -> None:
    try:
        questions.questions_run(job_id=job_id, persona_id=persona_id)
    except LLMError as error:
        raise self.retry(exc=error, countdown=retry_countdown(base=30, attempt=self.request.retries)) from error


class JobImportTask(JobTask):
    def on_job_failed(self, job: BackgroundJob, error: str) -> None:
        if job.subject_id:
            JobImport.objects.filter(pk=job.subject_id).exclude(status="succeeded").update(status="failed", error=error)


# A fetch has its own time limits (gaps.postings.fetch: 15 s); a refused or failed fetch fails the job with its reason.
@shared_task(
    bind=True,
    base=JobImportTask,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=2,
    soft_time_limit=60,
    time_limit=90,
)
def job_import_task(self: Task, job_id: str) -> None:
    job_imports.job_import_run(job_id=job_id)


@shared_task
def reminders_send_due_task() -> int:
    """Periodic (Celery beat, hourly): today's follow-up reminders, each once."""
    return reminders.reminders_send_due()


@shared_task
def digests_send_task() -> int:
    """Periodic (Celery beat, every few hours): the weekly digest for those who asked for it, once a week each."""
    return reminders.digests_send()


class TailorTask(JobTask):
    def on_job_failed(self, job: BackgroundJob, error: str) -> None:
        if job.subject_id:
            tailoring.tailoring_mark_failed(tailoring_id=job.subject_id, error=error)


# A busy or slow AI service is tried twice more, with growing waits; a refused request fails with its reason.
# Its name is from when tailoring lived in personas: jobs queued then still find it.
@shared_task(
    bind=True,
    base=TailorTask,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=2,
    name="personas.tasks.persona_tailor_task",
)
def tailoring_task(self: Task, job_id: str) -> None:
    try:
        tailoring.tailoring_run(job_id=job_id)
    except LLMError as error:
        raise self.retry(exc=error, countdown=retry_countdown(base=30, attempt=self.request.retries)) from error
