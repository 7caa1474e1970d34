"""A user's data as a whole: everything of theirs as one zip (made in the worker), and deleting the account,
their files included, after a grace period in which they can change their mind."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from accounts.models import EmailPreference, SentEmail, User
from personaforge.core.files import folder_delete
from personaforge.core.jobs import job_start
from personaforge.core.models import BackgroundJob

ARCHIVE = "account.archive"
ARCHIVE_TASK = "accounts.tasks.account_archive_task"  # its name from when accounts made it: queued jobs find it
GRACE = timedelta(days=14)


# Every file a user owns is stored under <folder>/<user id>/ (the models' upload paths), except data archives.
USER_FOLDERS = ("cvs", "exports", "shares", "proposals", "personas")


def archive_path(job_id: uuid.UUID | str) -> str:
    return f"archives/{job_id}.zip"


def account_archive_request(*, user: User) -> BackgroundJob:
    # The archive holds every app's data, so the site makes it (personaforge.account_archive).
    return job_start(user=user, kind=ARCHIVE, subject_id=user.pk, task=ARCHIVE_TASK)


def archives_expire() -> int:
    """Delete "all my data" zips made more than ARCHIVE_KEEP_DAYS ago, with their jobs (the account page then
    offers to make a new one). Returns how many."""
    cutoff = timezone.now() - timedelta(days=settings.ARCHIVE_KEEP_DAYS)
    expired = list(BackgroundJob.objects.filter(kind=ARCHIVE, created_at__lt=cutoff)[:1000])
    for job in expired:
        default_storage.delete(archive_path(job.pk))  # a missing file is no error
        job.delete()
    return len(expired)


def account_deletion_schedule(*, user: User) -> User:
    """Delete the account after the grace period (the user can cancel until then)."""
    user.deletion_due_at = timezone.now() + GRACE
    user.save(update_fields=["deletion_due_at", "updated_at"])
    return user


def account_deletion_cancel(*, user: User) -> User:
    user.deletion_due_at = None
    user.save(update_fields=["deletion_due_at", "updated_at"])
    return user


def account_delete(*, user: User) -> None:
    """Delete the user with everything of theirs: rows (by cascade) and files in storage (first)."""
    for kind in USER_FOLDERS:  # every file of theirs, also one a killed worker stored that no row points to
        folder_delete(f"{kind}/{user.pk}")
    for job in BackgroundJob.objects.filter(user=user, kind=ARCHIVE):
        default_storage.delete(archive_path(job.pk))
    user.owned_teams.all().delete()  # its members stay, without a team
    # Emails are kept by address (an invitation's may have no account): the address goes with the account.
    SentEmail.objects.filter(to__iexact=user.email).delete()
    EmailPreference.objects.filter(email=user.email.casefold()).delete()
    user.delete()


def accounts_delete_due() -> int:
    """Delete the accounts whose grace period is over (a periodic job); how many."""
    due = list(User.objects.filter(deletion_due_at__lte=timezone.now()))
    for user in due:
        account_delete(user=user)
    return len(due)
