"""A user's data as a whole: everything of theirs as one zip (made in the worker), and deleting the account,
their files included, after a grace period in which they can change their mind."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import EmailPreference, SentEmail, User
from personaforge.core.files import folder_delete
from personaforge.core.jobs import job_claim, job_progress, job_start, job_succeed
from personaforge.core.models import BackgroundJob

ARCHIVE = "account.archive"
GRACE = timedelta(days=14)


# Every file a user owns is stored under <folder>/<user id>/ (the models' upload paths), except data archives.
USER_FOLDERS = ("cvs", "exports", "shares", "proposals", "personas")


def archive_path(job_id: uuid.UUID | str) -> str:
    return f"archives/{job_id}.zip"


def account_archive_request(*, user: User) -> BackgroundJob:
    return job_start(user=user, kind=ARCHIVE, subject_id=user.pk, task="accounts.tasks.account_archive_task")


def account_archive_run(*, job_id: uuid.UUID | str) -> None:
    job = job_claim(job_id=job_id)
    if job is None:
        return
    job_progress(job, progress=20, message="Gathering your personas, CVs and files")
    data = account_archive(user=job.user)
    default_storage.save(archive_path(job.pk), ContentFile(data))
    job_succeed(job, message=f"Your data is ready ({len(data) // 1024 + 1} KB).")


def archives_expire() -> int:
    """Delete "all my data" zips made more than ARCHIVE_KEEP_DAYS ago, with their jobs (the account page then
    offers to make a new one). Returns how many."""
    cutoff = timezone.now() - timedelta(days=settings.ARCHIVE_KEEP_DAYS)
    expired = list(BackgroundJob.objects.filter(kind=ARCHIVE, created_at__lt=cutoff)[:1000])
    for job in expired:
        default_storage.delete(archive_path(job.pk))  # a missing file is no error
        job.delete()
    return len(expired)


def account_archive(*, user: User) -> bytes:
    """Everything of the user's: their account, personas with every version, CVs with their files, knowledge base,
    jobs, applications, letters, templates and exports with their files, as JSON and files in one zip."""
    from cvs.models import CV, KnowledgeBaseEntry
    from exports.models import Export
    from gaps.models import JobPosting
    from personas.models import Persona
    from templates_app.models import Template

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:

        def write(name: str, value: Any) -> None:
            archive.writestr(name, json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))

        def copy(name: str, field: Any) -> None:
            if field:
                try:
                    with field.open("rb") as stored:
                        archive.writestr(name, stored.read())
                except OSError:
                    archive.writestr(f"{name}.missing.txt", "This file could not be read from storage.")

        write(
            "account.json",
            {
                "email": user.email,
                "name": user.name,
                "plan": user.plan,
                "joined": user.created_at,
                "plan_changes": list(user.plan_changes.values("created_at", "old_plan", "new_plan", "reason")),
                "payments": list(user.payments.values("created_at", "amount_cents", "currency", "note")),
                "credits": list(user.credits.values("created_at", "amount_cents", "currency", "reason")),
            },
        )
        for number, persona in enumerate(Persona.objects.filter(user=user).order_by("created_at"), start=1):
            name = f"personas/{number:03d}-{slugify(persona.title)[:50] or 'persona'}"
            write(
                f"{name}.json",
                {
                    **persona.snapshot(),
                    "versions": list(
                        persona.versions.order_by("number").values(
                            "number", "name", "change_summary", "created_at", "snapshot"
                        )
                    ),
                },
            )
            copy(f"{name}-photo.jpg", persona.photo)
        for number, cv in enumerate(CV.objects.filter(user=user).order_by("created_at"), start=1):
            write(
                f"cvs/{number:03d}.json",
                {"filename": cv.filename, "uploaded": cv.created_at, "read": cv.parsed_json, "text": cv.raw_text},
            )
            copy(f"cvs/{number:03d}-{cv.filename}", cv.file)
        write(
            "knowledge-base.json",
            list(
                KnowledgeBaseEntry.objects.filter(user=user).values("type", "value", "source", "evidence", "created_at")
            ),
        )
        jobs = JobPosting.objects.filter(user=user).values(
            "id", "title", "company", "location", "url", "description", "notes", "created_at"
        )
        write("jobs.json", [{**job, **_job_records(job["id"])} for job in jobs])
        for template in Template.objects.filter(owner=user):
            extension = "md" if template.engine == Template.Engine.MARKDOWN else "html"
            archive.writestr(
                f"templates/{slugify(template.name)[:50] or 'template'}-{template.pk}.{extension}", template.body
            )
        for export in Export.objects.filter(user=user, status=Export.Status.DONE):
            copy(f"exports/{export.created_at:%Y-%m-%d}-{export.pk}-{export.file.name.rsplit('/', 1)[-1]}", export.file)
    return out.getvalue()


def _job_records(job_id: uuid.UUID) -> dict[str, Any]:
    from gaps.models import Application, CoverLetter, FollowUpQuestion

    return {
        "questions": list(FollowUpQuestion.objects.filter(job_id=job_id).values("text", "status", "answer")),
        "letters": list(CoverLetter.objects.filter(job_id=job_id).values("number", "tone", "body", "created_at")),
        "application": Application.objects.filter(job_id=job_id)
        .values("status", "applied_on", "next_step", "next_step_on", "notes")
        .first(),
    }


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
