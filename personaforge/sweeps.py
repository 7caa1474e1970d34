"""Periodic care of background work (Celery beat, every few minutes): what the broker never got is sent again,
and what has waited or run far too long is failed with a message, so no page polls forever."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.emails import SEND_TASK
from accounts.models import SentEmail
from personaforge.celery import app
from personaforge.core.broker import send_now
from personaforge.core.jobs import JobTask, job_fail
from personaforge.core.models import BackgroundJob, JobStatus

log = logging.getLogger(__name__)

# A commit and its send are a moment apart: younger rows may be on their way.
SEND_GRACE = timedelta(minutes=1)
# A sent job nobody took for this long lost its message (a broker restarted without its data): send it once more.
LOST_AFTER = timedelta(minutes=30)
# Far beyond any task's time limit and its redeliveries: the work is not coming back.
GIVE_UP_AFTER = timedelta(hours=6)
STALE_MESSAGE = "This waited too long for our workers and was stopped. Please try again."
BATCH = 500


def jobs_send_unsent() -> int:
    """Send the jobs whose task never reached the broker, or whose message was lost. Returns how many were sent."""
    now = timezone.now()
    waiting = BackgroundJob.objects.filter(status=JobStatus.QUEUED, created_at__gt=now - GIVE_UP_AFTER).exclude(task="")
    unsent = waiting.filter(
        Q(task_sent_at=None, created_at__lt=now - SEND_GRACE) | Q(task_sent_at__lt=now - LOST_AFTER)
    )
    sent = 0
    for job in unsent.order_by("created_at")[:BATCH]:
        if not send_now(job.task, [str(job.pk), *job.task_args], stamp=BackgroundJob.objects.filter(pk=job.pk)):
            break  # the broker is still away; the next sweep tries again
        sent += 1
    return sent


def jobs_fail_stale() -> int:
    """Fail jobs queued or running for longer than GIVE_UP_AFTER, and their objects (a report, an export...)."""
    stale = BackgroundJob.objects.filter(
        status__in=[JobStatus.QUEUED, JobStatus.RUNNING], created_at__lt=timezone.now() - GIVE_UP_AFTER
    )
    failed = 0
    for job in stale[:BATCH]:
        job_fail(job, error=STALE_MESSAGE)
        task = app.tasks.get(job.task)
        if isinstance(task, JobTask):
            task.on_job_failed(job, STALE_MESSAGE)
        failed += 1
    if failed:
        log.warning("Failed %s background jobs that waited longer than %s", failed, GIVE_UP_AFTER)
    return failed


def emails_send_unsent() -> int:
    """Send the emails whose task never reached the broker (the worker's own retries handle the rest)."""
    now = timezone.now()
    unsent = SentEmail.objects.filter(
        task_sent_at=None, sent_at=None, skipped="", created_at__lt=now - SEND_GRACE, created_at__gt=now - GIVE_UP_AFTER
    )
    sent = 0
    for email in unsent.order_by("created_at")[:BATCH]:
        if not send_now(SEND_TASK, [str(email.pk)], stamp=SentEmail.objects.filter(pk=email.pk)):
            break
        sent += 1
    return sent
