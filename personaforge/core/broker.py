"""Sending tasks to the worker in a way that survives a broker outage.

Work is recorded in the database first (a BackgroundJob, a SentEmail) and its task is sent once the transaction
commits. If Redis cannot take the message, the request still succeeds: the row stays unsent (task_sent_at empty)
and `personaforge.sweeps` sends it again when the broker is back. Nothing the user asked for is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from celery import current_app as app
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


def send_on_commit(task_name: str, args: Sequence[str], *, stamp: QuerySet | None = None) -> None:
    """Send the task after the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: send_now(task_name, args, stamp=stamp))


def send_now(task_name: str, args: Sequence[str], *, stamp: QuerySet | None = None) -> bool:
    """Publish the task; on success mark `stamp`'s rows task_sent_at=now. False when the broker is unreachable."""
    if task_name not in app.tasks:  # outside the worker, task modules are imported when first needed
        app.loader.import_default_modules()
    task = app.tasks[task_name]  # a mistyped name fails here, in the request, not silently in the worker
    try:
        task.apply_async(args=tuple(args))
    except (BrokerError, RedisError, OSError) as error:
        log.warning("Broker unreachable; %s%s is left for the sweep to send: %s", task_name, tuple(args), error)
        return False
    if stamp is not None:
        stamp.update(task_sent_at=timezone.now())
    return True
