"""Applying as a group: the team lead picks members' personas for one job and sends one PDF (a cover page about the
team, then each member's CV through a template), tracked as one application."""

from __future__ import annotations

import posixpath
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils.text import slugify

from accounts.limits import limits_for
from accounts.models import User
from accounts.teams import team_of_lead
from exports.models import ExportStatus, TeamProposal
from exports.services import ExportRefused, cv_context
from gaps.models import Application, JobPosting
from gaps.tailoring.services import member_tailoring_request
from personaforge.core.files import folder_delete
from personaforge.core.jobs import job_claim, job_fail, job_progress, job_start, job_succeed
from personaforge.core.models import BackgroundJob
from personas.models import Persona
from templates_app.config import clean_config
from templates_app.models import Template
from templates_app.rendering import builtin_of, pdf_of, render_builtin, render_html
from templates_app.sandbox import TemplateRefused
from templates_app.selectors import builtin_templates

PROPOSAL = "team.proposal"
MAX_MEMBERS = 20


# A member's answer in TeamProposal.members: asked, then given or declined; the lead's own persona needs none.
ASKED, GIVEN, DECLINED, NOT_NEEDED, NO_ANSWER = "asked", "given", "declined", "not needed", "no answer"
GOES_IN = (GIVEN, NOT_NEEDED)


class ConsentRefused(Exception):
    """A consent that cannot be given or asked for as asked, with why."""


@transaction.atomic
def proposal_request(
    *, lead: User, job: JobPosting, personas: list[Persona], template: Template, intro: str = ""
) -> tuple[TeamProposal, BackgroundJob | None]:
    """The proposal, queued at once, or (where the team asks members first) waiting for them: then no job yet.

    ExportRefused when the user leads no team, or a persona is not a member's.
    """
    team = team_of_lead(lead)
    if team is None or not limits_for(lead).team_seats:
        raise ExportRefused("Applying as a group is for team leads on the Team plan.")
    if not personas or len(personas) > MAX_MEMBERS:
        raise ExportRefused(f"Choose between 1 and {MAX_MEMBERS} personas of your team's members.")
    if any(persona.user.team_id != team.pk for persona in personas) or job.user_id != lead.pk:
        raise ExportRefused("Only your own jobs, and your team members' personas, can go into a proposal.")
    if template.type != Template.Type.CV:
        raise ExportRefused("Choose a CV template for the members' CVs.")
    members: list[dict[str, Any]] = [
        {
            "persona": str(persona.pk),
            "member": str(persona.user_id),
            "name": persona.user.display_name,
            "consent": ASKED if team.ask_consent and persona.user_id != lead.pk else NOT_NEEDED,
            "version": None,
        }
        for persona in personas
    ]
    proposal = TeamProposal.objects.create(
        user=lead,
        team=team,
        job=job,
        template=template,
        intro=intro.strip()[:3000],
        members=members,
        awaiting=any(member["consent"] == ASKED for member in members),
    )
    names = ", ".join(member["name"] for member in members)
    Application.objects.get_or_create(
        job=job, defaults={"user": lead, "notes": f"Applied as a team ({team.name}): {names}."}
    )
    return proposal, None if proposal.awaiting else _queue(proposal)


def _queue(proposal: TeamProposal) -> BackgroundJob:
    proposal.awaiting = False
    proposal.save(update_fields=["awaiting", "members", "updated_at"])
    return job_start(user=proposal.user, kind=PROPOSAL, subject_id=proposal.pk, task="exports.tasks.proposal_task")


def proposal_get_for_lead(*, lead: User, pk: uuid.UUID) -> TeamProposal:
    """A proposal of the team the user leads, or 404."""
    proposal = TeamProposal.objects.filter(pk=pk, team__owner=lead).select_related("job").first()
    if proposal is None:
        raise Http404("No such proposal.")
    return proposal


def consent_requests_for(member: User) -> list[tuple[TeamProposal, list[dict[str, Any]]]]:
    """Group applications waiting for this member's answer, each with the member's personas it names."""
    if member.team_id is None:
        return []
    waiting = TeamProposal.objects.filter(team_id=member.team_id, awaiting=True).select_related("job", "user")
    requests = []
    titles = {str(pk): title for pk, title in Persona.objects.filter(user=member).values_list("pk", "title")}
    for proposal in waiting:
        mine = [
            {**entry, "persona_title": titles.get(entry["persona"], "")}
            for entry in proposal.members
            if entry.get("member") == str(member.pk)
        ]
        if any(entry["consent"] == ASKED for entry in mine):
            requests.append((proposal, mine))
    return requests


@transaction.atomic
def proposal_consent(*, proposal_id: uuid.UUID, member: User, agree: bool) -> TeamProposal:
    """The member's answer for their personas in the proposal; the last answer queues it (or ends it, when everyone
    declined). ConsentRefused when there is nothing of theirs to answer."""
    proposal = (
        TeamProposal.objects.select_for_update().filter(pk=proposal_id, team_id=member.team_id).first()
        if member.team_id is not None
        else None
    )
    mine = [e for e in proposal.members if e.get("member") == str(member.pk)] if proposal is not None else []
    if proposal is None or not proposal.awaiting or not any(entry["consent"] == ASKED for entry in mine):
        raise ConsentRefused("There is no group application waiting for your answer.")
    for entry in mine:
        entry["consent"] = GIVEN if agree else DECLINED
    if not any(entry["consent"] == ASKED for entry in proposal.members):
        _finish_asking(proposal)
    else:
        proposal.save(update_fields=["members", "updated_at"])
    return proposal


@transaction.atomic
def proposal_make_now(*, proposal_id: uuid.UUID, lead: User) -> TeamProposal:
    """The lead stops waiting: members who have not answered are left out."""
    proposal = TeamProposal.objects.select_for_update().filter(pk=proposal_id, team__owner=lead).first()
    if proposal is None or not proposal.awaiting:
        raise ConsentRefused("This proposal is not waiting for answers.")
    for entry in proposal.members:
        if entry["consent"] == ASKED:
            entry["consent"] = NO_ANSWER
    _finish_asking(proposal)
    return proposal


def proposal_tailor(*, proposal_id: uuid.UUID, lead: User) -> int:
    """Ask for edits tailoring each member's persona in a waiting proposal to its job; each member gets them as notes
    to accept or decline before they answer. Returns how many personas were sent for tailoring."""
    proposal = TeamProposal.objects.select_related("job").filter(pk=proposal_id, team__owner=lead).first()
    if proposal is None or not proposal.awaiting:
        raise ConsentRefused("Tailoring is suggested while a proposal waits for its members' answers.")
    wanted = [entry["persona"] for entry in proposal.members if entry["consent"] in (ASKED, GIVEN)]
    personas = Persona.objects.filter(pk__in=wanted, user__team=proposal.team_id).select_related("user")
    for persona in personas:
        member_tailoring_request(lead=lead, persona=persona, job=proposal.job)
    return len(personas)


def _finish_asking(proposal: TeamProposal) -> None:
    if any(entry["consent"] in GOES_IN for entry in proposal.members):
        _queue(proposal)
        return
    proposal.awaiting, proposal.status = False, ExportStatus.FAILED
    proposal.error = "No member agreed to be in this application, so no PDF was made."
    proposal.save(update_fields=["awaiting", "status", "error", "members", "updated_at"])


def proposal_run(*, job_id: uuid.UUID | str) -> None:
    background = job_claim(job_id=job_id)
    if background is None:
        return
    proposals = TeamProposal.objects.select_related("team", "job", "template")
    proposal = proposals.filter(pk=background.subject_id).first() if background.subject_id else None
    if proposal is None:
        job_fail(background, error="The proposal was deleted before it was made.")
        return
    job_progress(background, progress=20, message="Laying out each member's CV")
    try:
        if team_of_lead(proposal.user) != proposal.team:  # again: the lead's plan may have lapsed meanwhile
            raise ExportRefused("Applying as a group is for team leads on the Team plan.")
        pdf = proposal_pdf(proposal)
    except (TemplateRefused, ExportRefused) as refused:
        error = (
            f"The template could not make a member's CV. {refused}"
            if isinstance(refused, TemplateRefused)
            else str(refused)
        )
        TeamProposal.objects.filter(pk=proposal.pk).update(status=ExportStatus.FAILED, error=error)
        job_fail(background, error=error)
        return
    name = f"{slugify(proposal.team.name)[:40] or 'team'}-{slugify(proposal.job.title)[:40] or 'proposal'}.pdf"
    proposal.file.save(name, ContentFile(pdf), save=False)
    # The file an earlier run stored before it was killed goes, now that this one is safely stored.
    folder_delete(posixpath.dirname(proposal.file.name), keep=proposal.file.name)
    proposal.status = ExportStatus.DONE
    proposal.save(update_fields=["file", "status", "members", "updated_at"])
    job_succeed(background, message="The team proposal is ready.")


def proposal_pdf(proposal: TeamProposal) -> bytes:
    """The cover page, then each member's CV (each laid out with its own styles), as one PDF; `members` records the
    version each CV was made from. ExportRefused when none of the chosen personas can go in any more."""
    template = proposal.template or builtin_templates(type=Template.Type.CV)[0]
    builtin = builtin_of(template)
    config = clean_config({}, defaults=builtin.defaults if builtin else template.config)
    documents, covers = [], []
    for member in proposal.members:
        if member.get("consent", NOT_NEEDED) not in GOES_IN:
            continue
        # Checked again now: its owner may have deleted it, or left the team, since it was chosen.
        persona = Persona.objects.filter(pk=member["persona"], user__team=proposal.team_id).first()
        if persona is None:
            continue
        version = persona.versions.order_by("-number").first()  # with what the member accepted meanwhile
        member["version"] = version.number if version else None
        context = cv_context(version.snapshot if version else persona.snapshot(), config)
        covers.append({"name": context["basics"]["name"] or member["name"], "label": context["basics"]["label"]})
        documents.append(render_html(template, context))
    if not documents:
        raise ExportRefused("None of the chosen personas can go in any more (deleted, or their owners left the team).")
    cover = render_builtin(
        "proposal_cover.html",
        {
            "team": proposal.team.name,
            "job_title": proposal.job.title,
            "company": proposal.job.company,
            "intro": proposal.intro,
            "members": covers,
            "config": config,
            "language": "en",
            "basics": {"name": proposal.team.name, "label": proposal.job.title},
            "title": proposal.team.name,
        },
    )
    return pdf_of([cover, *documents], trusted=builtin is not None)
