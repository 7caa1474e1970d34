from __future__ import annotations

import logging

from celery import Task, shared_task
from django.db import OperationalError

from accounts.data import archives_expire
from cvs.services import kb_embed_stale
from exports.retention import exports_expire
from llm.errors import LLMError, retry_countdown
from personaforge import account_archive, sweeps
from personaforge.core.jobs import JobTask
from personas.services import personas_embed_stale

logger = logging.getLogger(__name__)


# Queued when a worker starts: after a change of embedder, every stored vector is made again, a batch per run so
# other work is never held up for long. Runs until a batch finds nothing left; a busy service is tried later.
@shared_task(bind=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def embeddings_refresh_task(self: Task) -> None:
    try:
        done = personas_embed_stale() + kb_embed_stale()
    except LLMError as error:
        if error.retryable:
            raise self.retry(exc=error, countdown=retry_countdown(base=60, attempt=self.request.retries)) from error
        logger.warning("Embeddings not refreshed: %s", error)
        return
    if done:
        logger.info("Embedded %s personas and facts again for the current embedder", done)
        embeddings_refresh_task.delay()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=2)
def background_sweep_task() -> None:
    sent = sweeps.jobs_send_unsent() + sweeps.emails_send_unsent()
    failed = sweeps.jobs_fail_stale()
    if sent or failed:
        logger.info("Sweep: sent %s waiting tasks again, failed %s stale jobs", sent, failed)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=2)
def files_expire_task() -> None:
    logger.info("Expired the files of %s exports and %s data archives", exports_expire(), archives_expire())


# Registered under the name it had in accounts, so archives asked for before the move are still made.
@shared_task(
    bind=True,
    base=JobTask,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=2,
    name="accounts.tasks.account_archive_task",
)
def account_archive_task(self: Task, job_id: str) -> None:
    account_archive.account_archive_run(job_id=job_id)
