from __future__ import annotations

import logging

from celery import Task, shared_task
from django.db import OperationalError

from llm.errors import LLMError, retry_countdown
from personaforge.core.jobs import JobTask
from personas import services

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
    bind=True,
    base=JobTask,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=2,
    soft_time_limit=600,
    time_limit=660,
)
def persona_translation_draft_task(self: Task, job_id: str) -> None:
    try:
        services.persona_translation_draft(job_id=job_id)
    except LLMError as error:
        raise self.retry(exc=error, countdown=retry_countdown(base=60, attempt=self.request.retries)) from error
