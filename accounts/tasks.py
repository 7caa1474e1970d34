from __future__ import annotations

from celery import Task, shared_task
from django.db import OperationalError

from accounts import data
from personaforge.jobs import JobTask


@shared_task(bind=True, base=JobTask, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=2)
def account_archive_task(self: Task, job_id: str) -> None:
    data.account_archive_run(job_id=job_id)


@shared_task
def accounts_delete_due_task() -> int:
    """Periodic (Celery beat, daily): delete the accounts whose grace period is over."""
    return data.accounts_delete_due()
