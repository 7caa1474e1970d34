from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.core.management import call_command
from django.db import OperationalError

from accounts import data, emails


@shared_task
def accounts_delete_due_task() -> int:
    """Periodic (Celery beat, daily): delete the accounts whose grace period is over."""
    return data.accounts_delete_due()


# A mail server that is down or slow is tried again, with growing waits, for about an hour.
@shared_task(
    autoretry_for=(SMTPException, OSError, OperationalError), retry_backoff=30, retry_backoff_max=1200, max_retries=6
)
def email_send_task(sent_id: str) -> None:
    emails.email_send(sent_id=sent_id)


@shared_task
def jwt_flush_expired_task() -> None:
    """Periodic (Celery beat, daily): forget refresh tokens that have run out (they can no longer be used anyway)."""
    call_command("flushexpiredtokens")
