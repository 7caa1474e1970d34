from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from gaps.models import GapReport
from personaforge.jobs import job_latest_for_subject
from personaforge.models import BackgroundJob, JobStatus
from personas.models import Persona


def gap_reports_for_persona(*, persona: Persona) -> QuerySet[GapReport]:
    """Newest first (served by the gap_persona_recent index). The persona is fetched for its user first."""
    return GapReport.objects.filter(persona=persona).order_by("-created_at")


def gap_report_get_for_persona(*, persona: Persona, pk: uuid.UUID) -> GapReport:
    """404 for a report of another persona (and so of another user)."""
    report = gap_reports_for_persona(persona=persona).filter(pk=pk).first()
    if report is None:
        raise Http404("No such report.")
    return report


def gap_review_latest(*, persona: Persona) -> GapReport | None:
    return gap_reports_for_persona(persona=persona).filter(type=GapReport.Type.GENERAL).first()


@dataclass(frozen=True)
class ReviewPanel:
    """What the persona page shows of its general reviews (one query; one more while a review runs)."""

    latest: GapReport | None  # the latest finished review
    previous: GapReport | None  # the one before it, to compare with
    failed: GapReport | None  # the latest review, if it failed
    job: BackgroundJob | None  # the running review's progress


def review_panel_for_persona(*, persona: Persona) -> ReviewPanel:
    recent = list(gap_reports_for_persona(persona=persona).filter(type=GapReport.Type.GENERAL).defer("input_text")[:5])
    done = [report for report in recent if report.status == JobStatus.SUCCEEDED]
    newest = recent[0] if recent else None
    job = None
    if newest is not None and not newest.is_finished:
        job = job_latest_for_subject(user=persona.user, subject_id=newest.pk)
    return ReviewPanel(
        latest=done[0] if done else None,
        previous=done[1] if len(done) > 1 else None,
        failed=newest if newest is not None and newest.status == JobStatus.FAILED else None,
        job=job,
    )
