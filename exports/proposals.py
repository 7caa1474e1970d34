"""Applying as a group: the team lead picks members' personas for one job and sends one PDF (a cover page about the
team, then each member's CV through a template), tracked as one application."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from accounts.limits import limits_for
from accounts.models import User
from accounts.teams import team_of_lead
from exports.models import ExportStatus, TeamProposal
from exports.services import ExportRefused, cv_context
from gaps.models import Application, JobPosting
from personaforge.jobs import job_claim, job_create, job_fail, job_progress, job_succeed
from personaforge.models import BackgroundJob
from personas.models import Persona
from templates_app.config import clean_config
from templates_app.models import Template
from templates_app.rendering import builtin_of, laid_out, render_builtin, render_html
from templates_app.sandbox import TemplateRefused
from templates_app.selectors import builtin_templates

PROPOSAL = "team.proposal"
MAX_MEMBERS = 20


@transaction.atomic
def proposal_request(
    *, lead: User, job: JobPosting, personas: list[Persona], template: Template, intro: str = ""
) -> tuple[TeamProposal, BackgroundJob]:
    """Queue the proposal. ExportRefused when the user leads no team, or a persona is not a member's."""
    team = team_of_lead(lead)
    if team is None or not limits_for(lead).team_seats:
        raise ExportRefused("Applying as a group is for team leads on the Team plan.")
    if not personas or len(personas) > MAX_MEMBERS:
        raise ExportRefused(f"Choose between 1 and {MAX_MEMBERS} personas of your team's members.")
    if any(persona.user.team_id != team.pk for persona in personas) or job.user_id != lead.pk:
        raise ExportRefused("Only your own jobs, and your team members' personas, can go into a proposal.")
    if template.type != Template.Type.CV:
        raise ExportRefused("Choose a CV template for the members' CVs.")
    members: list[dict[str, Any]] = []
    for persona in personas:
        latest = persona.versions.order_by("-number").first()
        members.append({"persona": str(persona.pk), "version": latest.number if latest else None,
                        "name": persona.user.display_name})  # fmt: skip
    proposal = TeamProposal.objects.create(
        user=lead, team=team, job=job, template=template, intro=intro.strip()[:3000], members=members
    )
    names = ", ".join(member["name"] for member in members)
    Application.objects.get_or_create(
        job=job, defaults={"user": lead, "notes": f"Applied as a team ({team.name}): {names}."}
    )
    background = job_create(user=lead, kind=PROPOSAL, subject_id=proposal.pk)
    from exports.tasks import proposal_task

    transaction.on_commit(lambda: proposal_task.delay(str(background.pk)))
    return proposal, background


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
        pdf = proposal_pdf(proposal)
    except TemplateRefused as refused:
        TeamProposal.objects.filter(pk=proposal.pk).update(status=ExportStatus.FAILED, error=str(refused))
        job_fail(background, error=f"The template could not make a member's CV. {refused}")
        return
    name = f"{slugify(proposal.team.name)[:40] or 'team'}-{slugify(proposal.job.title)[:40] or 'proposal'}.pdf"
    proposal.file.save(name, ContentFile(pdf), save=False)
    proposal.status = ExportStatus.DONE
    proposal.save(update_fields=["file", "status", "updated_at"])
    job_succeed(background, message="The team proposal is ready.")


def proposal_pdf(proposal: TeamProposal) -> bytes:
    """The cover page, then each member's CV (each laid out with its own styles), as one PDF."""
    template = proposal.template or builtin_templates(type=Template.Type.CV)[0]
    builtin = builtin_of(template)
    config = clean_config({}, defaults=builtin.defaults if builtin else template.config)
    documents, covers = [], []
    for member in proposal.members:
        persona = Persona.objects.filter(pk=member["persona"]).first()
        if persona is None:
            continue  # its owner deleted it since: the proposal goes without it
        version = persona.versions.filter(number=member["version"]).first()
        context = cv_context(version.snapshot if version else persona.snapshot(), config)
        covers.append({"name": context["basics"]["name"] or member["name"], "label": context["basics"]["label"]})
        documents.append(render_html(template, context))
    cover = render_builtin("proposal_cover.html", {
        "team": proposal.team.name, "job_title": proposal.job.title, "company": proposal.job.company,
        "intro": proposal.intro, "members": covers, "config": config, "language": "en",
        "basics": {"name": proposal.team.name, "label": proposal.job.title},
        "title": proposal.team.name,
    })  # fmt: skip
    rendered = [laid_out(html) for html in [cover, *documents]]
    pages = [page for document in rendered for page in document.pages]
    return rendered[0].copy(pages).write_pdf()
