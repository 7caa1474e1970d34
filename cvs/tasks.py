from __future__ import annotations

from botocore.exceptions import EndpointConnectionError
from celery import shared_task
from django.db import OperationalError

from cvs import services
from llm.errors import LLMError
from personaforge.jobs import JobTask, job_is_latest
from personaforge.models import BackgroundJob


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


@shared_task(autoretry_for=(OperationalError, LLMError), retry_backoff=True, max_retries=3)
def kb_embed_task(user_id: str) -> None:
    services.kb_embed_missing(user_id=user_id)
