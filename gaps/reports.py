"""Gap reports: a persona's general review or its fit to a job posting, requested on a page and written in the
worker, each kept with the version of the persona it read."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction

from accounts.limits import LimitReached
from accounts.models import User
from cvs.models import KnowledgeBaseEntry
from gaps.fit import reading
from gaps.fit.requirements import Requirement
from gaps.fit.scoring import fit_persona
from gaps.models import GapReport, JobPosting
from gaps.postings.text import JobTextRefused, clean_job_text
from gaps.review.checks import review_persona
from llm.calls import llm_call
from llm.errors import LLMError
from personaforge.core.jobs import job_claim, job_fail, job_latest_for_subject, job_start, job_succeed
from personaforge.core.models import BackgroundJob, JobStatus
from personas.models import Persona
from personas.selectors import persona_latest_snapshot

REVIEW, FIT = "gaps.review", "gaps.fit"
UNFINISHED = (JobStatus.QUEUED, JobStatus.RUNNING)


@transaction.atomic
def gap_review_request(*, persona: Persona, by: User) -> tuple[GapReport, BackgroundJob]:
    """Queue a general review of the persona; the report fills in when the worker is done.

    While one is waiting or running, asking again (a double click, two tabs) returns that one.
    """
    return _request(persona=persona, by=by, type=GapReport.Type.GENERAL)


@transaction.atomic
def gap_fit_request(*, persona: Persona, posting: JobPosting, by: User) -> tuple[GapReport, BackgroundJob]:
    """Queue a report on the persona's fit to the saved job (the same job's waiting report, if asked twice)."""
    return _request(persona=persona, by=by, type=GapReport.Type.ROLE_SPECIFIC, posting=posting)


def _request(
    *, persona: Persona, by: User, type: str, posting: JobPosting | None = None
) -> tuple[GapReport, BackgroundJob]:
    Persona.objects.select_for_update().filter(pk=persona.pk).first()  # one request at a time per persona
    waiting = (
        GapReport.objects.filter(persona=persona, type=type, job=posting, status__in=UNFINISHED)
        .order_by("-created_at")
        .first()
    )
    job = job_latest_for_subject(user=by, subject_id=waiting.pk) if waiting is not None else None
    if waiting is not None and job is not None and not job.is_finished:
        return waiting, job
    report = GapReport.objects.create(
        persona=persona, type=type, job=posting, input_text=posting.description if posting else ""
    )
    job = job_start(
        user=by,
        kind=REVIEW if type == GapReport.Type.GENERAL else FIT,
        subject_id=report.pk,
        task="gaps.tasks.gap_report_task",
    )
    return report, job


def gap_report_run(*, job_id: uuid.UUID | str) -> None:
    """Write the report (in the worker; safe to run twice). LLMError when retrying can help, for the task's retry."""
    job = job_claim(job_id=job_id)
    if job is None:
        return
    report = (
        GapReport.objects.select_related("persona__user", "job").filter(pk=job.subject_id).first()
        if job.subject_id
        else None
    )
    if report is None:
        job_fail(job, error="The report was deleted before it was written.")
        return
    persona = report.persona
    # The latest version's snapshot, so the number stored is exactly what was analysed even if an edit lands now.
    snapshot = persona_latest_snapshot(persona)
    report.status, report.version_number = JobStatus.RUNNING, snapshot.number
    report.save(update_fields=["status", "version_number", "updated_at"])
    data, summary = snapshot.data, snapshot.summary
    try:
        if report.type == GapReport.Type.ROLE_SPECIFIC:
            message = _write_fit(report, data=data, summary=summary, language=snapshot.language)
        else:
            message = _write_review(report, data=data, summary=summary)
    except (LimitReached, LLMError, JobTextRefused) as error:
        if isinstance(error, LLMError) and error.retryable:
            raise
        gap_report_mark_failed(report_id=report.pk, error=str(error))
        job_fail(job, error=str(error))
        return
    report.status = JobStatus.SUCCEEDED
    report.save(update_fields=["issues", "fit", "fit_score", "provider", "status", "updated_at"])
    job_succeed(job, message=message)


def _write_review(report: GapReport, *, data: dict[str, Any], summary: str) -> str:
    with llm_call(user=report.persona.user, task="review_persona", rules_only=True):
        report.issues = review_persona(data=data, summary=summary)
        report.provider = "offline"
    count = len(report.issues)
    return f"{count} point{'s' * (count != 1)} to look at" if count else "Nothing to fix"


def _write_fit(report: GapReport, *, data: dict[str, Any], summary: str, language: str) -> str:
    posting = report.job
    text = clean_job_text(report.input_text)
    with llm_call(user=report.persona.user, task=reading.READ_JOB_AI_TASK) as provider:
        requirements = reading.read_requirements(
            provider, text=text, title=posting.title if posting else "", location=posting.location if posting else ""
        )
        report.provider = provider.name
    if all(requirement.kind == "seniority" for requirement in requirements):  # the title alone is no reading
        raise JobTextRefused(
            "No requirements could be read from this job description. Paste the part that says what the job "
            "asks for (skills, experience, languages, location)."
        )
    knowledge = KnowledgeBaseEntry.objects.filter(user=report.persona.user).values_list("type", "value", "evidence")
    fit = fit_persona(requirements=requirements, data=data, summary=summary, language=language, knowledge=knowledge)
    report.fit_score, report.issues = fit.score, fit.issues()
    report.fit = {"explanation": fit.explanation, "requirements": [point.as_dict() for point in fit.points]}
    return f"Fit {fit.score}/100"


def gap_report_mark_failed(*, report_id: uuid.UUID, error: str) -> None:
    GapReport.objects.filter(pk=report_id).exclude(status=JobStatus.SUCCEEDED).update(
        status=JobStatus.FAILED, error=error
    )


def job_requirements_for(*, persona: Persona, job: JobPosting, user: User) -> list[Requirement]:
    """The job's requirements as the persona's latest fit report for it read them, or read now (an AI call when a
    model reads jobs)."""
    report = (
        GapReport.objects.filter(persona=persona, job=job, status=JobStatus.SUCCEEDED)
        .order_by("-created_at")
        .only("fit")
        .first()
    )
    if report is not None and report.fit.get("requirements"):
        return [Requirement.from_dict(point) for point in report.fit["requirements"] if isinstance(point, dict)]
    with llm_call(user=user, task=reading.READ_JOB_AI_TASK) as provider:
        return reading.read_requirements(provider, text=job.description, title=job.title, location=job.location)
