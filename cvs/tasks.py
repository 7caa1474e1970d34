from __future__ import annotations

import logging

from botocore.exceptions import EndpointConnectionError
from celery import Task, shared_task
from django.db import OperationalError

from cvs import services
from llm.errors import LLMError, retry_countdown
from personaforge.core.jobs import JobTask, job_is_latest
from personaforge.core.models import BackgroundJob

logger = logging.getLogger(__name__)


class ReadCVTask(JobTask):
    def on_job_failed(self, job: BackgroundJob, error: str) -> None:
        if job.subject_id and job_is_latest(job):
            services.cv_mark_failed(cv_id=job.subject_id, error=error)


# Storage or database hiccups are worth another try; a file we cannot read is not (the service says so).
@shared_task(
    base=ReadCVTask, autoretry_for=(OperationalError, EndpointConnectionError), retry_backoff=True, max_retries=3
)
def cv_read_task(job_id: str) -> None:
    services.cv_read(job_id=job_id)


@shared_task(bind=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def kb_embed_task(self: Task, user_id: str) -> None:
    try:
        services.kb_embed_missing(user_id=user_id)
    except LLMError as error:  # retried only when retrying can help (see persona_embed_task)
        if error.retryable:
            raise self.retry(exc=error, countdown=retry_countdown(base=30, attempt=self.request.retries)) from error
        logger.warning("Facts of user %s not embedded: %s", user_id, error)
