from __future__ import annotations

import logging

from celery import Task, shared_task
from django.db import OperationalError

from llm.errors import LLMError, retry_countdown
from personaforge.core.jobs import JobTask
from personaforge.core.models import BackgroundJob
from personas import services, tailor

logger = logging.getLogger(__name__)


# A database hiccup or a busy model server is worth another try; a refused request (bad key, wrong model) is not.
@shared_task(bind=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def persona_embed_task(self: Task, persona_id: str) -> None:
    try:
        services.persona_embed(persona_id=persona_id)
    except LLMError as error:
        if error.retryable:
            raise self.retry(exc=error, countdown=retry_countdown(base=30, attempt=self.request.retries)) from error
        logger.warning("Persona %s not embedded: %s", persona_id, error)


# A busy or slow AI service is tried twice more, a minute apart; anything else fails the job with its reason.
# A long persona takes several calls, so this task has more time than most (each part is saved as it comes).
@shared_task(
    bind=True, base=JobTask, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=2,
    soft_time_limit=600, time_limit=660,
)  # fmt: skip
def persona_translation_draft_task(self: Task, job_id: str) -> None:
    try:
        services.persona_translation_draft(job_id=job_id)
    except LLMError as error:
        raise self.retry(exc=error, countdown=retry_countdown(base=60, attempt=self.request.retries)) from error


class TailorTask(JobTask):
    def on_job_failed(self, job: BackgroundJob, error: str) -> None:
        if job.subject_id:
            tailor.tailoring_mark_failed(tailoring_id=job.subject_id, error=error)


# A busy or slow AI service is tried twice more, with growing waits; a refused request fails with its reason.
@shared_task(bind=True, base=TailorTask, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=2)
def persona_tailor_task(self: Task, job_id: str) -> None:
    try:
        tailor.tailoring_run(job_id=job_id)
    except LLMError as error:
        raise self.retry(exc=error, countdown=retry_countdown(base=30, attempt=self.request.retries)) from error
