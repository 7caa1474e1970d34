"""Reminders that keep applications moving: on the day a follow-up is due, and (opt-in) a weekly digest of the
applications with a next step in the coming week. Periodic jobs; each email is keyed by its day or week, so it goes
once even when the job runs often, or in two beat processes by mistake."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.emails import email_queue
from accounts.models import EmailKind, EmailPreference, User
from gaps.models import Application

OPEN = (Application.Status.SAVED, Application.Status.APPLIED, Application.Status.INTERVIEW, Application.Status.OFFER)


def _link(application: Application) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("apply", args=[application.job_id])


def _item(application: Application) -> dict[str, str]:
    with translation.override(application.user.language):  # "Mon 7 Dec", "Mo 7 Dez"
        due = date_format(application.next_step_on, "D j M") if application.next_step_on else ""
    return {
        "job": str(application.job),
        "next_step": application.next_step or "Follow up",
        "on": due,
        "url": _link(application),
    }


def reminders_send_due(*, today: date | None = None) -> int:
    """Queue a reminder for each open application whose next step is due today; how many were queued."""
    today = today or timezone.localdate()
    due = Application.objects.filter(next_step_on=today, status__in=OPEN, user__is_active=True).select_related(
        "job", "user"
    )
    queued = 0
    for application in due:
        sent = email_queue(
            to=application.user.email,
            kind=EmailKind.FOLLOW_UP_REMINDER,
            key=f"reminder:{application.pk}:{today}",
            language=application.user.language,
            context={**_item(application), "name": application.user.display_name},
        )
        queued += sent is not None
    return queued


def digests_send(*, today: date | None = None) -> int:
    """Queue this week's digest for each user who asked for one and has a next step in the coming week (or overdue)."""
    today = today or timezone.localdate()
    week = today.isocalendar()
    wanting = EmailPreference.objects.filter(kind=EmailKind.WEEKLY_DIGEST, subscribed=True).values("email")
    users = User.objects.annotate(address=Lower("email")).filter(address__in=wanting, is_active=True)
    applications = (
        Application.objects.filter(user__in=users, status__in=OPEN, next_step_on__lte=today + timedelta(days=7))
        .select_related("job", "user")
        .order_by("next_step_on")
    )
    by_user: dict[User, list[Application]] = defaultdict(list)
    for application in applications:
        by_user[application.user].append(application)
    queued = 0
    for user, items in by_user.items():
        sent = email_queue(
            to=user.email,
            kind=EmailKind.WEEKLY_DIGEST,
            key=f"digest:{user.pk}:{week.year}-W{week.week}",
            language=user.language,
            context={
                "name": user.display_name,
                "count": len(items),
                "plural": "s" * (len(items) != 1),
                "items": [_item(application) for application in items[:30]],
                "overdue": sum(1 for a in items if a.next_step_on and a.next_step_on < today),
            },
        )
        queued += sent is not None
    return queued
