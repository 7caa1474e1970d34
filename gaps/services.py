from __future__ import annotations

import re
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.limits import LimitReached, check_cover_letters_allowed
from accounts.models import User
from cvs.models import KnowledgeBaseEntry
from cvs.services import kb_entry_from_answer
from gaps import job_reading
from gaps.documents import user_material
from gaps.fit import fit_persona
from gaps.jobtext import JobTextRefused, clean_job_text
from gaps.letters import LETTER_TASK, grounded, letter_drafted
from gaps.models import Application, CoverLetter, FollowUpQuestion, GapReport, JobPosting
from gaps.questions import MAX_PER_ROUND, WORDING_TASK, questions_from, questions_worded
from gaps.requirements import Requirement, wanted_skills
from gaps.review import review_persona
from llm import get_provider
from llm.calls import llm_call
from llm.errors import LLMError
from personaforge.core.jobs import job_claim, job_fail, job_latest_for_subject, job_start, job_succeed
from personaforge.core.models import BackgroundJob, JobStatus
from personas.models import Persona
from personas.selectors import persona_latest_snapshot
from personas.services import persona_latest_number

REVIEW, FIT = "gaps.review", "gaps.fit"
UNFINISHED = (JobStatus.QUEUED, JobStatus.RUNNING)


def posting_create(
    *,
    user: User,
    description: str,
    title: str = "",
    company: str = "",
    location: str = "",
    url: str = "",
    notes: str = "",
    **details: Any,
) -> JobPosting:
    """Save a job. JobTextRefused when the description cannot be read as one (empty, a whole web page).

    `details`: what an import read besides (workplace, employment_type, salary_min/max/currency/period).
    """
    text = clean_job_text(description)
    title = title.strip() or _first_line(text)
    return JobPosting.objects.create(
        user=user,
        title=title[:200],
        company=company.strip()[:200],
        location=location.strip()[:200],
        url=url.strip(),
        description=text,
        notes=notes,
        **{key: value for key, value in details.items() if key in JOB_DETAILS},
    )


JOB_DETAILS = ("workplace", "employment_type", "salary_min", "salary_max", "salary_currency", "salary_period")


def posting_update(*, posting: JobPosting, **fields: str) -> JobPosting:
    if "description" in fields:
        fields["description"] = clean_job_text(fields["description"])
    for name, value in fields.items():
        setattr(posting, name, value.strip() if isinstance(value, str) and name != "description" else value)
    posting.save()
    return posting


def _first_line(text: str) -> str:
    return next((line.strip("#*- ") for line in text.splitlines() if line.strip("#*- ")), "Job")[:200]


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
    with llm_call(user=report.persona.user, task=job_reading.READ_JOB_TASK) as provider:
        requirements = job_reading.read_requirements(
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


# An answer that says no, in the four languages the app reads: "No", "Never", "Not really", "Nein", "Non", "Nunca".
NEGATIVE_ANSWER = re.compile(r"^\s*(no|nope|never|not really|not yet|nein|nie|non|jamais|nunca)\b", re.IGNORECASE)


class AnswerRefused(ValueError):
    """The answer cannot be taken (empty, or the question was answered already); the message says why."""


@transaction.atomic
def questions_ask(*, user: User, job: JobPosting, persona: Persona | None) -> list[FollowUpQuestion]:
    """This job's open follow-up questions, topped up to a handful from the persona's latest fit report for the job
    and its latest review; most valuable first. Nothing asked before (answered, declined or skipped) is asked again.
    """
    waiting = list(FollowUpQuestion.objects.filter(user=user, job=job, status=FollowUpQuestion.Status.OPEN))
    room = MAX_PER_ROUND - len(waiting)
    if room <= 0 or persona is None:
        return waiting
    reports = GapReport.objects.filter(persona=persona, status=JobStatus.SUCCEEDED).order_by("-created_at")
    fit = reports.filter(type=GapReport.Type.ROLE_SPECIFIC, job=job).only("fit").first()
    review = reports.filter(type=GapReport.Type.GENERAL).only("issues").first()
    data = persona.data if isinstance(persona.data, dict) else {}
    # No review yet: the rules' reading of the persona as it is (a millisecond; no report is written).
    issues = review.issues if review else review_persona(data=data, summary=persona.summary)
    points = (fit.fit.get("requirements") or []) if fit else []
    try:
        with llm_call(user=user, task=WORDING_TASK) as provider:
            drafts = questions_worded(provider, points=points, issues=issues, data=data)
    except LimitReached:  # a model words them better; with no AI calls left, the rules still ask
        drafts = questions_from(points=points, issues=issues, data=data)
    keys = [draft.key for draft in drafts]
    # Open for another job: it moves here (one question per subject, shown where the user is now).
    FollowUpQuestion.objects.filter(user=user, key__in=keys, status=FollowUpQuestion.Status.OPEN).exclude(
        job=job
    ).update(job=job)
    asked = set(FollowUpQuestion.objects.filter(user=user, key__in=keys).values_list("key", flat=True))
    new = [
        FollowUpQuestion(user=user, job=job, persona=persona, **vars(draft))
        for draft in drafts
        if draft.key not in asked
    ]
    FollowUpQuestion.objects.bulk_create(new, ignore_conflicts=True)  # a double click asked the same at once
    open_now = FollowUpQuestion.objects.filter(user=user, job=job, status=FollowUpQuestion.Status.OPEN)
    return list(open_now.order_by("-value", "created_at")[:MAX_PER_ROUND])


@transaction.atomic
def question_answer(*, question: FollowUpQuestion, answer: str) -> FollowUpQuestion:
    """Keep the answer in the knowledge base, in the user's words, linked to the question. AnswerRefused when it
    is empty or the question has an answer already (a second tab, a double click)."""
    question = FollowUpQuestion.objects.select_for_update().get(pk=question.pk)
    answer = answer.strip()
    if question.status == FollowUpQuestion.Status.ANSWERED:
        raise AnswerRefused("This question has an answer already; edit it in your knowledge base.")
    if not answer:
        raise AnswerRefused("Write a sentence or two, or choose “No” or “Skip”.")
    if NEGATIVE_ANSWER.match(answer):  # "No, never used it" typed out: a real gap, not a fact
        question.status, question.answer = FollowUpQuestion.Status.DECLINED, answer[:2000]
        question.save(update_fields=["status", "answer", "updated_at"])
        return question
    # A skill or language is stored by its name, with the answer as evidence; an achievement or a preference is
    # the answer itself. Either way the words are the user's: nothing is added to them (the question is linked,
    # not copied, so its words never count as something the user said).
    value = answer if question.entry_type in {"achievement", "preference"} else question.subject
    question.entry = kb_entry_from_answer(user=question.user, type=question.entry_type, value=value, evidence=answer)
    question.status, question.answer = FollowUpQuestion.Status.ANSWERED, answer[:2000]
    question.save(update_fields=["entry", "status", "answer", "updated_at"])
    return question


def question_close(*, question: FollowUpQuestion, status: str) -> FollowUpQuestion:
    """A "no" (a real gap, noted so it is not asked again) or a skip; an answered question stays answered."""
    FollowUpQuestion.objects.filter(pk=question.pk).exclude(status=FollowUpQuestion.Status.ANSWERED).update(
        status=status
    )
    question.refresh_from_db()
    return question


def application_save(*, user: User, job: JobPosting, persona: Persona | None, **fields: Any) -> Application:
    """Create or update the job's application. Moving it to "applied" dates it today unless a date is given, and
    records which version of the persona went out (its latest, then)."""
    application, _created = Application.objects.get_or_create(user=user, job=job)
    for name, value in fields.items():
        setattr(application, name, value)
    if persona is not None and persona.user_id == user.id and persona.pk != application.persona_id:
        application.persona, application.persona_version = persona, None  # the version is of the persona sent
    sent = application.status != Application.Status.SAVED
    if sent and application.applied_on is None:
        application.applied_on = timezone.localdate()
    if sent and application.persona is not None and application.persona_version is None:
        application.persona_version = persona_latest_number(application.persona)
    if sent and application.cover_letter_id is None:  # the letter sent: the latest one written by then
        application.cover_letter = (
            CoverLetter.objects.filter(job=job, status=JobStatus.SUCCEEDED).order_by("-number").first()
        )
    application.save()
    return application


LETTER = "gaps.letter"


@transaction.atomic
def cover_letter_request(
    *, job: JobPosting, persona: Persona, tone: str, length: str, by: User
) -> tuple[CoverLetter, BackgroundJob]:
    """Queue a draft cover letter for the job from the persona. LimitReached on a plan without cover letters."""
    check_cover_letters_allowed(user=job.user)
    JobPosting.objects.select_for_update().filter(pk=job.pk).first()  # numbers are given out one at a time
    letter = CoverLetter.objects.create(
        user=job.user, job=job, persona=persona, tone=tone, length=length, number=_next_letter_number(job)
    )
    background = job_start(user=by, kind=LETTER, subject_id=letter.pk, task="gaps.tasks.cover_letter_task")
    return letter, background


def _next_letter_number(job: JobPosting) -> int:
    latest = CoverLetter.objects.filter(job=job).order_by("-number").values_list("number", flat=True).first()
    return (latest or 0) + 1


def cover_letter_run(*, job_id: uuid.UUID | str) -> None:
    """Draft the letter (in the worker; safe to run twice). LLMError when retrying can help."""
    background = job_claim(job_id=job_id)
    if background is None:
        return
    letter = (
        CoverLetter.objects.select_related("job", "persona__user").filter(pk=background.subject_id).first()
        if background.subject_id
        else None
    )
    if letter is None or letter.persona is None:
        job_fail(background, error="The letter or its persona was deleted before it was written.")
        return
    persona, job = letter.persona, letter.job
    snapshot = persona_latest_snapshot(persona)
    data, summary = snapshot.data, snapshot.summary
    facts = KnowledgeBaseEntry.objects.filter(user=letter.user).values_list("value", "evidence")
    material = user_material(data, summary, facts, job.title, job.company)
    try:
        wanted = wanted_skills(job_requirements_for(persona=persona, job=job, user=letter.user))
        with llm_call(user=letter.user, task=LETTER_TASK) as provider:
            draft = letter_drafted(
                provider,
                data=data,
                summary=summary,
                job_title=job.title,
                company=job.company,
                wanted=wanted,
                tone=letter.tone,
                length=letter.length,
            )
            letter.provider = provider.name
    except (LimitReached, LLMError) as error:
        if isinstance(error, LLMError) and error.retryable:
            raise
        cover_letter_mark_failed(letter_id=letter.pk, error=str(error))
        job_fail(background, error=str(error))
        return
    letter.body, letter.dropped = grounded(draft, material=material)
    letter.persona_version = snapshot.number
    letter.status = JobStatus.SUCCEEDED
    letter.save()
    job_succeed(background, message="Draft written")


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
    with llm_call(user=user, task=job_reading.READ_JOB_TASK) as provider:
        return job_reading.read_requirements(provider, text=job.description, title=job.title, location=job.location)


def cover_letter_mark_failed(*, letter_id: uuid.UUID, error: str) -> None:
    CoverLetter.objects.filter(pk=letter_id).exclude(status=JobStatus.SUCCEEDED).update(
        status=JobStatus.FAILED, error=error
    )


@transaction.atomic
def cover_letter_edit(*, letter: CoverLetter, body: str) -> CoverLetter:
    """The user's edit, kept as the job's next letter: the draft and every earlier edit stay as they were."""
    JobPosting.objects.select_for_update().filter(pk=letter.job_id).first()
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise AnswerRefused("A cover letter cannot be empty: write it, or draft a new one.")
    return CoverLetter.objects.create(
        user=letter.user,
        job=letter.job,
        persona=letter.persona,
        persona_version=letter.persona_version,
        number=_next_letter_number(letter.job),
        tone=letter.tone,
        length=letter.length,
        body=body[:20_000],
        status=JobStatus.SUCCEEDED,
        provider="",
        edited=True,
    )


QUESTIONS = "gaps.questions"


@transaction.atomic
def questions_request(*, job: JobPosting, persona: Persona, by: User) -> BackgroundJob | None:
    """A round of questions: asked now by the rules (a millisecond), or in the worker when a model words them
    (the job to follow is returned; the same one while it runs)."""
    if not get_provider().language_model:  # the rules alone: no need to wait
        questions_ask(user=job.user, job=job, persona=persona)
        return None
    JobPosting.objects.select_for_update().filter(pk=job.pk).first()
    waiting = job_latest_for_subject(user=by, subject_id=job.pk)
    if waiting is not None and waiting.kind == QUESTIONS and not waiting.is_finished:
        return waiting
    return job_start(
        user=by, kind=QUESTIONS, subject_id=job.pk, task="gaps.tasks.questions_task", args=[str(persona.pk)]
    )


def questions_run(*, job_id: uuid.UUID | str, persona_id: uuid.UUID | str) -> None:
    """Ask a round in the worker (safe to run twice). LLMError when retrying can help."""
    background = job_claim(job_id=job_id)
    if background is None:
        return
    job = JobPosting.objects.filter(pk=background.subject_id).first() if background.subject_id else None
    persona = Persona.objects.filter(pk=persona_id, user_id=background.user_id).first()
    if job is None or persona is None:
        job_fail(background, error="The job or the persona was deleted before the questions were asked.")
        return
    try:
        asked = questions_ask(user=job.user, job=job, persona=persona)
    except LLMError as error:
        if error.retryable:
            raise
        job_fail(background, error=str(error))
        return
    job_succeed(background, message=f"{len(asked)} question{'s' * (len(asked) != 1)} to answer")
