"""Tailoring services: suggest edits for a job in the worker, then make the ones the user accepts a new version."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction

from accounts.limits import LimitReached, check_tailoring_allowed
from accounts.models import User
from cvs.models import KnowledgeBaseEntry
from gaps.documents import user_material
from gaps.fit.requirements import wanted_skills
from gaps.fit.scoring import IN_KB, fit_persona
from gaps.models import JobPosting, Tailoring
from gaps.reports import job_requirements_for
from gaps.tailoring.rules import TAILOR_AI_TASK, edits_suggested
from llm.calls import llm_call
from llm.errors import LLMError
from personaforge.core.jobs import job_claim, job_fail, job_latest_for_subject, job_start, job_succeed
from personaforge.core.models import BackgroundJob, JobStatus
from personas import lead_notes
from personas.activity import check_persona_active, persona_activate
from personas.edits import EditDoesNotApply, apply_edits, check_edit, numbered
from personas.models import LeadNote, Persona
from personas.selectors import persona_latest_snapshot
from personas.services import persona_latest_number, persona_version_record

TAILOR = "personas.tailor"  # the jobs' kind, as named when tailoring lived in personas
TAILOR_TASK = "personas.tasks.persona_tailor_task"
UNFINISHED = (JobStatus.QUEUED, JobStatus.RUNNING)


class TailoringRefused(ValueError):
    """The decision cannot be made (edits decided already, or the persona changed); the message says why."""


@transaction.atomic
def tailoring_request(*, persona: Persona, job: JobPosting, by: User) -> tuple[Tailoring, BackgroundJob]:
    """Queue suggestions for tailoring the persona to the job. LimitReached on a plan without tailoring."""
    check_tailoring_allowed(user=persona.user)
    check_persona_active(persona)
    Persona.objects.select_for_update().filter(pk=persona.pk).first()  # one request at a time per persona
    waiting = Tailoring.objects.filter(persona=persona, job=job, status__in=UNFINISHED).order_by("-created_at").first()
    background = job_latest_for_subject(user=by, subject_id=waiting.pk) if waiting is not None else None
    if waiting is not None and background is not None and not background.is_finished:
        return waiting, background  # a double click, a second tab: the same suggestions on their way
    requested_by = by if by.pk != persona.user_id else None  # a team lead's request: it reaches the member as notes
    tailoring = Tailoring.objects.create(persona=persona, job=job, job_title=str(job)[:250], requested_by=requested_by)
    background = job_start(user=by, kind=TAILOR, subject_id=tailoring.pk, task=TAILOR_TASK)
    return tailoring, background


def member_tailoring_request(*, lead: User, persona: Persona, job: JobPosting) -> tuple[Tailoring, BackgroundJob]:
    """A team lead asks for edits tailoring a member's persona to one of the lead's jobs; the member gets each as a
    note to accept or decline. NoteRefused unless the user leads the member's team and the job is theirs."""
    lead_notes.check_lead_of(lead=lead, persona=persona)
    if job.user_id != lead.pk:
        raise lead_notes.NoteRefused("Choose one of your own jobs.")
    return tailoring_request(persona=persona, job=job, by=lead)


def tailoring_run(*, job_id: uuid.UUID | str) -> None:
    """Suggest the edits (in the worker; safe to run twice). LLMError when retrying can help."""
    background = job_claim(job_id=job_id)
    if background is None:
        return
    tailoring = (
        Tailoring.objects.select_related("persona__user", "job", "requested_by")
        .filter(pk=background.subject_id)
        .first()
        if background.subject_id
        else None
    )
    if tailoring is None or tailoring.job is None:
        job_fail(background, error="The job or the tailoring was deleted before the edits were suggested.")
        return
    persona, user = tailoring.persona, tailoring.persona.user
    payer = tailoring.requested_by or user  # a lead's request uses the lead's AI calls
    snapshot = persona_latest_snapshot(persona)
    data, summary, language = snapshot.data, snapshot.summary, snapshot.language
    knowledge = list(KnowledgeBaseEntry.objects.filter(user=user).values_list("type", "value", "evidence"))
    try:
        check_tailoring_allowed(user=user)  # again: the plan may have changed while this waited in the queue
        if tailoring.requested_by is not None:
            lead_notes.check_lead_of(lead=tailoring.requested_by, persona=persona)
        requirements = job_requirements_for(persona=persona, job=tailoring.job, user=user)
        before = fit_persona(
            requirements=requirements, data=data, summary=summary, language=language, knowledge=knowledge
        )
        wanted = wanted_skills(requirements)
        known_not_shown = [
            (p.requirement.name, p.evidence.text if p.evidence else "")
            for p in before.points
            if p.status == IN_KB and p.requirement.kind == "skill"
        ]
        with llm_call(user=payer, task=TAILOR_AI_TASK) as provider:
            suggested = edits_suggested(
                provider,
                data=data,
                summary=summary,
                wanted=wanted,
                known_not_shown=known_not_shown,
                job_title=tailoring.job.title,
            )
            tailoring.provider = provider.name
    except (LimitReached, LLMError, lead_notes.NoteRefused) as error:
        if isinstance(error, LLMError) and error.retryable:
            raise
        tailoring_mark_failed(tailoring_id=tailoring.pk, error=str(error))
        job_fail(background, error=str(error))
        return
    material = user_material(data, summary, [(value, evidence) for _type, value, evidence in knowledge])
    checked = [edit for edit in suggested if check_edit(edit, data=data, summary=summary, material=material)]
    # One edit per place (two summaries could not both apply); any number of skills to add.
    places = {(e["kind"], e["path"], e["after"] if e["kind"] == "add_skill" else ""): e for e in reversed(checked)}
    kept = list(reversed(places.values()))
    after_data, after_summary = apply_edits(data, summary, kept)
    after = fit_persona(
        requirements=requirements, data=after_data, summary=after_summary, language=language, knowledge=knowledge
    )
    tailoring.edits = numbered(kept)
    tailoring.dropped = len(suggested) - len(checked)  # for stating what the user never did, or no such place
    tailoring.version_number = snapshot.number
    tailoring.fit_before, tailoring.fit_after = before.score, after.score
    tailoring.status = JobStatus.SUCCEEDED
    tailoring.save()
    sent = _notes_to_member(tailoring)
    to_member = f", sent to {user.display_name} to accept or decline" if sent else ""
    job_succeed(background, message=f"{len(kept)} edit{'s' * (len(kept) != 1)} suggested{to_member}"[:200])


def tailoring_mark_failed(*, tailoring_id: uuid.UUID, error: str) -> None:
    Tailoring.objects.filter(pk=tailoring_id).exclude(status=JobStatus.SUCCEEDED).update(
        status=JobStatus.FAILED, error=error
    )


@transaction.atomic
def tailoring_decide(*, tailoring: Tailoring, accept: list[str], reject: list[str], by: User) -> Tailoring:
    """Accept and reject suggested edits; the accepted ones become one new version named after the job.

    TailoringRefused when an edit was decided already, or the persona changed since the edits were suggested.
    """
    tailoring = Tailoring.objects.select_for_update().select_related("persona").get(pk=tailoring.pk)
    persona = Persona.objects.select_for_update().get(pk=tailoring.persona_id)
    if accept:
        check_persona_active(persona)
    if set(accept) & set(reject):
        raise TailoringRefused("An edit cannot be both accepted and rejected.")
    accept, reject = list(dict.fromkeys(accept)), list(dict.fromkeys(reject))
    by_id = {edit["id"]: edit for edit in tailoring.edits}
    if unknown := [edit_id for edit_id in [*accept, *reject] if edit_id not in by_id]:
        raise TailoringRefused(f"No such suggested edit: {', '.join(unknown)}.")
    decided = [edit_id for edit_id in [*accept, *reject] if by_id[edit_id].get("status") != "pending"]
    if decided:
        raise TailoringRefused("Those edits were decided already (in another tab?): the page shows where they stand.")
    latest = persona_latest_number(persona)
    if accept and tailoring.version_number != latest:
        raise TailoringRefused(
            f"“{persona.title}” has changed since these edits were suggested (version {tailoring.version_number}, "
            f"now {latest}): suggest edits again so they fit what it says now."
        )
    chosen = [by_id[edit_id] for edit_id in accept]
    if chosen:
        try:
            persona.data, persona.summary = apply_edits(persona.data, persona.summary, chosen)
        except EditDoesNotApply as error:
            raise TailoringRefused(f"{error} Suggest edits again.") from error
        persona.save()
        persona_activate(persona=persona)
        name = f"Tailored for {tailoring.job_title}"[:150]
        count = len(chosen)
        version = persona_version_record(
            persona=persona, by=by, name=name, change_summary=f"{name}: {count} edit{'s' * (count != 1)} accepted"
        )
        tailoring.version_number = tailoring.result_version = version.number
    for edit_id in accept:
        by_id[edit_id]["status"] = "accepted"
    for edit_id in reject:
        by_id[edit_id]["status"] = "rejected"
    tailoring.save(update_fields=["edits", "version_number", "result_version", "updated_at"])
    return tailoring


def _notes_to_member(tailoring: Tailoring) -> list[LeadNote]:
    """The edits a lead asked the tailoring engine for, sent to the member as notes, each with its reason."""
    lead = tailoring.requested_by
    if lead is None:
        return []
    notes = [
        (f"For {tailoring.job_title}: {_reason_for_lead(edit)}", {key: edit.get(key) for key in EDIT_KEYS})
        for edit in tailoring.edits
    ]
    return lead_notes.notes_create_many(
        persona_id=tailoring.persona_id, lead=lead, version_number=tailoring.version_number, notes=notes
    )


EDIT_KEYS = ("kind", "path", "before", "after")


def _reason_for_lead(edit: dict[str, Any]) -> str:
    """Why the edit helps, as the lead may read it: a skill's reason quotes the member's knowledge base (their
    answers and evidence), which is theirs alone."""
    if edit.get("kind") == "add_skill":
        return f"the job asks for {edit.get('after', '')}, which your knowledge base lists."
    return str(edit.get("reason", ""))
