"""All my data: everything of a user's across the apps, as one zip, made in the worker (the account page asks)."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.text import slugify

from accounts.data import archive_path
from accounts.models import User
from cvs.models import CV, KnowledgeBaseEntry
from exports.models import Export
from gaps.models import Application, CoverLetter, FollowUpQuestion, JobPosting
from personaforge.core.jobs import job_claim, job_progress, job_succeed
from personas.models import Persona
from templates_app.models import Template


def account_archive_run(*, job_id: uuid.UUID | str) -> None:
    job = job_claim(job_id=job_id)
    if job is None:
        return
    job_progress(job, progress=20, message="Gathering your personas, CVs and files")
    data = account_archive(user=job.user)
    default_storage.save(archive_path(job.pk), ContentFile(data))
    job_succeed(job, message=f"Your data is ready ({len(data) // 1024 + 1} KB).")


def account_archive(*, user: User) -> bytes:
    """Everything of the user's: their account, personas with every version, CVs with their files, knowledge base,
    jobs, applications, letters, templates and exports with their files, as JSON and files in one zip."""
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
    return {
        "questions": list(FollowUpQuestion.objects.filter(job_id=job_id).values("text", "status", "answer")),
        "letters": list(CoverLetter.objects.filter(job_id=job_id).values("number", "tone", "body", "created_at")),
        "application": Application.objects.filter(job_id=job_id)
        .values("status", "applied_on", "next_step", "next_step_on", "notes")
        .first(),
    }
