"""Applications (what was sent, when, with which persona and letter) and cover letters (drafted in the worker,
edited into new versions)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.limits import LimitReached, check_cover_letters_allowed
from accounts.models import User
from cvs.models import KnowledgeBaseEntry
from gaps.applications.letters import LETTER_AI_TASK, grounded, letter_drafted
from gaps.documents import user_material
from gaps.fit.requirements import wanted_skills
from gaps.models import Application, CoverLetter, JobPosting
from gaps.reports import job_requirements_for
from llm.calls import llm_call
from llm.errors import LLMError
from personaforge.core.jobs import job_claim, job_fail, job_start, job_succeed
from personaforge.core.models import BackgroundJob, JobStatus
from personas.models import Persona
from personas.selectors import persona_latest_snapshot
from personas.services import persona_latest_number


class LetterRefused(ValueError):
    """The letter cannot be saved as given (it is empty); the message says what to do."""


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
        with llm_call(user=letter.user, task=LETTER_AI_TASK) as provider:
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
        raise LetterRefused("A cover letter cannot be empty: write it, or draft a new one.")
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
