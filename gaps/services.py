from __future__ import annotations

import uuid

from django.db import transaction

from accounts.limits import LimitReached
from accounts.models import User
from gaps.models import GapReport
from llm.calls import llm_call
from llm.errors import LLMError
from personaforge.jobs import job_claim, job_create, job_fail, job_succeed
from personaforge.models import BackgroundJob, JobStatus
from personas.models import Persona
from personas.services import persona_latest_number

REVIEW = "gaps.review"


@transaction.atomic
def gap_review_request(*, persona: Persona, by: User) -> tuple[GapReport, BackgroundJob]:
    """Queue a general review of the persona; the report fills in when the worker is done."""
    report = GapReport.objects.create(persona=persona, type=GapReport.Type.GENERAL)
    job = job_create(user=by, kind=REVIEW, subject_id=report.pk)
    from gaps.tasks import gap_report_task  # the task module imports this one

    transaction.on_commit(lambda: gap_report_task.delay(str(job.pk)))
    return report, job


def gap_report_run(*, job_id: uuid.UUID | str) -> None:
    """Write the report (in the worker; safe to run twice). LLMError when retrying can help, for the task's retry."""
    job = job_claim(job_id=job_id)
    if job is None:
        return
    report = (
        GapReport.objects.select_related("persona__user").filter(pk=job.subject_id).first() if job.subject_id else None
    )
    if report is None:
        job_fail(job, error="The report was deleted before it was written.")
        return
    persona = report.persona
    report.status, report.version_number = JobStatus.RUNNING, persona_latest_number(persona)
    report.save(update_fields=["status", "version_number", "updated_at"])
    try:
        with llm_call(user=persona.user, task="review_persona") as provider:
            report.issues = provider.review_persona(data=persona.data, summary=persona.summary)
            report.provider = provider.name
    except (LimitReached, LLMError) as error:
        if isinstance(error, LLMError) and error.retryable:
            raise
        gap_report_mark_failed(report_id=report.pk, error=str(error))
        job_fail(job, error=str(error))
        return
    report.status = JobStatus.SUCCEEDED
    report.save(update_fields=["issues", "provider", "status", "updated_at"])
    count = len(report.issues)
    job_succeed(job, message=f"{count} point{'s' * (count != 1)} to look at" if count else "Nothing to fix")


def gap_report_mark_failed(*, report_id: uuid.UUID, error: str) -> None:
    GapReport.objects.filter(pk=report_id).exclude(status=JobStatus.SUCCEEDED).update(
        status=JobStatus.FAILED, error=error
    )
