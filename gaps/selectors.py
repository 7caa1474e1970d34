from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import BooleanField, ExpressionWrapper, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from accounts.limits import limits_for
from accounts.models import User
from gaps.models import Application, CoverLetter, FollowUpQuestion, GapReport, JobImport, JobPosting, Tailoring
from llm.errors import LLMError
from llm.vectors import MAX_QUERY, closest_by_meaning, query_embedding
from personaforge.core.jobs import job_latest_for_subject, job_working_on
from personaforge.core.models import BackgroundJob, JobStatus
from personas.activity import with_read_only
from personas.models import Persona, PersonaVersion
from personas.selectors import persona_list_for_user


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


def fit_latest_for_persona(*, persona: Persona) -> GapReport | None:
    """The latest finished fit report, for the persona page's card."""
    reports = gap_reports_for_persona(persona=persona).filter(
        type=GapReport.Type.ROLE_SPECIFIC, status=JobStatus.SUCCEEDED
    )
    return reports.select_related("job").defer("input_text", "fit", "job__description").first()


@dataclass(frozen=True)
class ReviewPanel:
    """What the persona page shows of its general reviews (one query; one more while a review runs)."""

    latest: GapReport | None  # the latest finished review
    previous: GapReport | None  # the one before it, to compare with
    failed: GapReport | None  # the latest review, if it failed
    background_job: BackgroundJob | None  # the running review's progress


def review_panel_for_persona(*, persona: Persona) -> ReviewPanel:
    recent = list(gap_reports_for_persona(persona=persona).filter(type=GapReport.Type.GENERAL).defer("input_text")[:5])
    done = [report for report in recent if report.status == JobStatus.SUCCEEDED]
    newest = recent[0] if recent else None
    background_job = None
    if newest is not None and not newest.is_finished:
        background_job = job_latest_for_subject(user=persona.user, subject_id=newest.pk)
    return ReviewPanel(
        latest=done[0] if done else None,
        previous=done[1] if len(done) > 1 else None,
        failed=newest if newest is not None and newest.status == JobStatus.FAILED else None,
        background_job=background_job,
    )


def postings_for_user(*, user: User) -> QuerySet[JobPosting]:
    return JobPosting.objects.filter(user=user).order_by("-created_at")


def posting_get_for_user(*, user: User, pk: uuid.UUID) -> JobPosting:
    """404 for another user's job."""
    posting = postings_for_user(user=user).filter(pk=pk).first()
    if posting is None:
        raise Http404("No such job.")
    return posting


@dataclass(frozen=True)
class FitPage:
    """A persona's fit reports: the one shown, the one before it for the same job, and the list of all."""

    report: GapReport | None
    previous: GapReport | None  # the same job's last finished report before this one, to compare scores
    background_job: BackgroundJob | None  # the shown report's progress while it runs
    history: list[GapReport]


def fit_page_for_persona(*, persona: Persona, report_pk: uuid.UUID | None = None) -> FitPage:
    reports = gap_reports_for_persona(persona=persona).filter(type=GapReport.Type.ROLE_SPECIFIC)
    history = list(reports.select_related("job").defer("input_text", "fit")[:50])
    report = reports.select_related("job").filter(pk=report_pk).first() if report_pk else reports.first()
    if report_pk and report is None:
        raise Http404("No such report.")
    previous = background_job = None
    if report is not None:
        previous = (
            reports.filter(job=report.job, status=JobStatus.SUCCEEDED, created_at__lt=report.created_at)
            .defer("input_text", "fit")
            .first()
            if report.job_id
            else None
        )
        background_job = job_working_on(user=persona.user, subject=report)
    return FitPage(report=report, previous=previous, background_job=background_job, history=history)


def questions_for_job(*, user: User, job: JobPosting) -> QuerySet[FollowUpQuestion]:
    return FollowUpQuestion.objects.filter(user=user, job=job).select_related("entry")


def question_get_for_user(*, user: User, pk: uuid.UUID) -> FollowUpQuestion:
    """404 for another user's question."""
    question = FollowUpQuestion.objects.filter(user=user, pk=pk).select_related("job", "entry").first()
    if question is None:
        raise Http404("No such question.")
    return question


def persona_suggested_for_job(*, user: User, job: JobPosting) -> Persona | None:
    """The persona closest in meaning to the job (semantic search); the last edited one if none can be compared."""
    personas = Persona.objects.filter(user=user).only("id", "title")
    try:
        vector = query_embedding(f"{job.title}\n{job.description}"[:MAX_QUERY], user=user)
    except LLMError:
        vector = None
    closest = closest_by_meaning(personas, user=user, vector=vector).first() if vector is not None else None
    return closest or personas.order_by("-updated_at").first()


@dataclass(frozen=True)
class ApplyPage:
    """Applying to one job with one persona: its fit to the job, and the questions that would fill the gaps."""

    persona: Persona | None
    suggested: bool  # the persona was chosen by the app (the closest in meaning), not by the user
    fit: GapReport | None  # the latest fit report of this persona for this job, finished or not
    fit_background_job: BackgroundJob | None  # its progress while it runs
    open_questions: list[FollowUpQuestion]
    closed_questions: list[FollowUpQuestion]
    tailoring: Tailoring | None  # the latest suggested edits for this persona and job
    tailoring_background_job: BackgroundJob | None
    can_tailor: bool  # the plan includes tailoring (and cover letters)
    letter: CoverLetter | None  # the job's latest cover letter (a draft or the user's edit)
    letter_background_job: BackgroundJob | None
    questions_background_job: BackgroundJob | None  # a round of questions a model is wording


def apply_page_for(*, user: User, job: JobPosting, persona_pk: uuid.UUID | None) -> ApplyPage:
    persona = Persona.objects.filter(user=user, pk=persona_pk).first() if persona_pk else None
    if persona_pk and persona is None:
        raise Http404("No such persona.")
    suggested = persona is None
    persona = persona or persona_suggested_for_job(user=user, job=job)
    fit = fit_background_job = None
    if persona is not None:
        fit = gap_reports_for_persona(persona=persona).filter(type=GapReport.Type.ROLE_SPECIFIC, job=job).first()
        fit_background_job = job_working_on(user=user, subject=fit) if fit is not None else None
    tailoring = tailoring_latest(persona=persona, job_id=job.pk) if persona is not None else None
    tailoring_background_job = job_working_on(user=user, subject=tailoring) if tailoring is not None else None
    letter = CoverLetter.objects.filter(user=user, job=job).order_by("-number").first()
    letter_background_job = job_working_on(user=user, subject=letter) if letter is not None else None
    questions_background_job = job_latest_for_subject(user=user, subject_id=job.pk)
    if questions_background_job is not None and questions_background_job.is_finished:
        questions_background_job = None
    questions = list(questions_for_job(user=user, job=job))
    return ApplyPage(
        persona=persona,
        suggested=suggested,
        fit=fit,
        fit_background_job=fit_background_job,
        open_questions=[q for q in questions if q.status == FollowUpQuestion.Status.OPEN],
        closed_questions=[q for q in questions if q.status != FollowUpQuestion.Status.OPEN],
        tailoring=tailoring,
        tailoring_background_job=tailoring_background_job,
        can_tailor=limits_for(user).tailoring,
        letter=letter,
        letter_background_job=letter_background_job,
        questions_background_job=questions_background_job,
    )


def applications_for_user(*, user: User) -> QuerySet[Application]:
    return (
        Application.objects.filter(user=user)
        .select_related("job", "persona")
        .defer("job__description", "persona__data", "persona__embedding", "persona__summary")
        .order_by("-updated_at")
    )


def application_get_for_user(*, user: User, pk: uuid.UUID) -> Application:
    """404 for another user's application."""
    application = applications_for_user(user=user).filter(pk=pk).first()
    if application is None:
        raise Http404("No such application.")
    return application


def follow_ups_for_user(*, user: User, days: int = 7) -> QuerySet[Application]:
    """Active applications whose next step is due within `days` (or overdue), soonest first."""
    until = timezone.localdate() + timedelta(days=days)
    return (
        applications_for_user(user=user)
        .filter(status__in=Application.ACTIVE, next_step_on__lte=until)
        .order_by("next_step_on")
    )


@dataclass(frozen=True)
class BoardColumn:
    status: str
    label: str
    applications: list[Application]


def application_board(*, user: User) -> list[BoardColumn]:
    """The user's applications by status, in the order a search goes (one query)."""
    applications = list(applications_for_user(user=user)[:500])
    return [
        BoardColumn(status, label, [a for a in applications if a.status == status])
        for status, label in Application.Status.choices
    ]


def cover_letter_get_for_user(*, user: User, pk: uuid.UUID) -> CoverLetter:
    """404 for another user's letter."""
    letter = CoverLetter.objects.filter(user=user, pk=pk).select_related("job").first()
    if letter is None:
        raise Http404("No such cover letter.")
    return letter


def tailoring_get_for_user(*, user: User, pk: uuid.UUID) -> Tailoring:
    """404 for a tailoring of another user's persona."""
    tailoring = Tailoring.objects.filter(persona__user=user, pk=pk).select_related("persona", "job").first()
    if tailoring is None:
        raise Http404("No such tailoring.")
    return tailoring


def tailoring_latest(*, persona: Persona, job_id: uuid.UUID) -> Tailoring | None:
    return Tailoring.objects.filter(persona=persona, job_id=job_id).order_by("-created_at").first()


def persona_cards_for_user(*, user: User, limit: int = 50) -> QuerySet[Persona]:
    """The dashboard's cards: no documents loaded, the latest fit score and translation state in the same query."""
    latest_fit = GapReport.objects.filter(
        persona=OuterRef("pk"), type=GapReport.Type.ROLE_SPECIFIC, fit_score__isnull=False
    ).order_by("-created_at")
    latest_review = GapReport.objects.filter(
        persona=OuterRef("pk"), type=GapReport.Type.GENERAL, status=GapReport.Status.SUCCEEDED
    ).order_by("-created_at")
    source_latest = PersonaVersion.objects.filter(persona=OuterRef("translation_of")).order_by("-number")
    return (
        with_read_only(persona_list_for_user(user=user), user=user)
        .defer("data", "embedding", "summary")
        .select_related(None)
        .annotate(
            latest_fit=Subquery(latest_fit.values("fit_score")[:1]),
            latest_fit_report=Subquery(latest_fit.values("pk")[:1]),
            latest_fit_job=Subquery(latest_fit.values("job__title")[:1]),
            review_points=Subquery(
                latest_review.annotate(count=Func("issues", function="jsonb_array_length")).values("count")[:1],
                output_field=IntegerField(),
            ),
            translation_outdated=ExpressionWrapper(
                Q(source_version__lt=Subquery(source_latest.values("number")[:1])), output_field=BooleanField()
            ),
        )[:limit]
    )


def job_import_get_for_user(*, user: User, pk: uuid.UUID) -> JobImport:
    """The user's import of a job posting, or 404."""
    job_import = JobImport.objects.filter(pk=pk, user=user).first()
    if job_import is None:
        raise Http404("No such import.")
    return job_import
