from __future__ import annotations

from celery import Task, shared_task
from django.db import OperationalError

from exports import proposals, services, shares
from personaforge.core.jobs import JobTask
from personaforge.core.models import BackgroundJob


class ExportTask(JobTask):
    def on_job_failed(self, job: BackgroundJob, error: str) -> None:
        if job.subject_id:
            services.export_mark_failed(export_id=job.subject_id, error=error)


# Storage that is briefly away (a database blip, an S3 hiccup) is tried again; a template's error is final.
@shared_task(
    bind=True, base=ExportTask, autoretry_for=(OperationalError, ConnectionError), retry_backoff=True, max_retries=2
)
def export_task(self: Task, job_id: str) -> None:
    services.export_run(job_id=job_id)


@shared_task(bind=True, base=JobTask, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=2)
def proposal_task(self: Task, job_id: str) -> None:
    proposals.proposal_run(job_id=job_id)


class ShareTask(JobTask):
    def on_job_failed(self, job: BackgroundJob, error: str) -> None:
        if job.subject_id:
            shares.share_mark_failed(share_id=job.subject_id, error=error)


@shared_task(
    bind=True, base=ShareTask, autoretry_for=(OperationalError, ConnectionError), retry_backoff=True, max_retries=2
)
def share_task(self: Task, job_id: str) -> None:
    shares.share_make(job_id=job_id)
