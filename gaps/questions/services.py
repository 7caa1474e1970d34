"""Asking follow-up questions for a job, and keeping the answers in the user's knowledge base in their words."""

from __future__ import annotations

import re
import uuid

from django.db import transaction

from accounts.limits import LimitReached
from accounts.models import User
from cvs.services import kb_entry_from_answer
from gaps.models import FollowUpQuestion, GapReport, JobPosting
from gaps.questions.drafts import MAX_PER_ROUND, WORDING_AI_TASK, questions_from, questions_worded
from gaps.review.checks import review_persona
from llm import get_provider
from llm.calls import llm_call
from llm.errors import LLMError
from personaforge.core.jobs import job_claim, job_fail, job_latest_for_subject, job_start, job_succeed
from personaforge.core.models import BackgroundJob, JobStatus
from personas.models import Persona

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
        with llm_call(user=user, task=WORDING_AI_TASK) as provider:
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
