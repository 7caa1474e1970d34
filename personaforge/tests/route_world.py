"""One world for the route matrix: a team (a lead, the owner and a teammate), an outsider and a member of staff, and
one of every object of the owner's that a URL names. Built once per test module; each test rolls back what it did.

Every name, title and text of the owner's carries a word no other object has, so a response that shows any of them
to someone else is caught by a plain substring check (see SECRETS and who may read which of them).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from accounts import data
from accounts.emails import unsubscribe_token
from accounts.models import EmailKind, Notice, Plan, SentEmail, TeamInvitation, User
from accounts.teams import team_create
from accounts.tests.factories import UserFactory
from accounts.tokens import token_create
from cvs.models import CV
from cvs.tests.factories import KnowledgeBaseEntryFactory
from exports.models import Export, TeamProposal
from exports.proposals import ASKED
from exports.shares import share_create, share_make
from exports.tests.factories import ExportFactory
from gaps.postings.services import posting_create
from gaps.tests.factories import (
    ApplicationFactory,
    CoverLetterFactory,
    FollowUpQuestionFactory,
    GapReportFactory,
    JobImportFactory,
    TailoringFactory,
)
from personaforge.core.models import BackgroundJob, JobStatus
from personaforge.tests.factories import BackgroundJobFactory
from personas.lead_notes import note_create
from personas.team_shares import share_with_team
from personas.tests.factories import demo_persona
from templates_app.selectors import builtin_templates
from templates_app.services import template_create

ACTORS = ("owner", "outsider", "teammate", "lead", "staff", "anonymous")

# Strings only the owner's own objects hold, by what they belong to. `persona` is the title of the persona the
# lead may read (a lead reads every member's personas); `shared` is the one the lead shared with the whole team.
SECRETS = {
    "persona": "Quillwort persona",
    "shared": "Bramblecress persona",
    "cv": "quillwort-cv.txt",
    "fact": "Quillwortology",
    "job": "Quillwort Labs job",
    "application": "Quillwort application notes",
    "letter": "Dear Quillwort Labs",
    "template": "Quillwort template",
    "token": "Quillwort token",
    "notice": "Quillwort notice",
    "import": "Quillwort imported job",
    "email": "owner.quillwort@example.com",
}
# What each actor may read of them anywhere: the team sees who is in it and what the lead shared; the lead also
# reads the owner's personas. Nobody else reads anything of the owner's.
MAY_READ = {
    "owner": set(SECRETS),
    "teammate": {"email", "shared"},
    "lead": {"email", "shared", "persona"},
    "outsider": set(),
    "staff": set(),
    "anonymous": set(),
}
JOIN_TOKEN = "quillwort-invitation-link"
DESCRIPTION = "We need a backend engineer with Python, PostgreSQL and Kubernetes, remote."


@dataclass
class World:
    users: dict[str, User]
    objects: dict[str, Any] = field(default_factory=dict)  # by the name the matrix gives them: "@persona"


def build_world() -> World:
    lead = UserFactory(email="lead@example.com", name="Lee Lead", plan=Plan.TEAM)
    team = team_create(user=lead, name="Northwind crew")
    users = {
        "lead": lead,
        "owner": UserFactory(email=SECRETS["email"], name="Olive Owner", team=team),
        "teammate": UserFactory(email="teammate@example.com", name="Tam Teammate", team=team),
        # Pro, so that a refusal the matrix sees is about whose object it is, not about the plan
        "outsider": UserFactory(email="outsider@example.com", name="Otto Outsider", plan=Plan.PRO),
        "staff": UserFactory(email="staff@example.com", name="Stef Staff", is_staff=True, is_superuser=True),
    }
    world = World(users=users)
    world.objects.update(team=team, **_owners_objects(users["owner"]), **_teams_objects(lead, team, users["owner"]))
    world.objects.update(_outsiders_objects(users["outsider"]))
    return world


def _owners_objects(owner: User) -> dict[str, Any]:
    cv = CV.objects.create(
        user=owner,
        filename=SECRETS["cv"],
        status=CV.Status.PARSED,
        raw_text="Olive Owner\nPython",
        parsed_json={"basics": {"name": "Olive Owner"}, "skills": [{"name": "Skills", "keywords": ["Python"]}]},
        file=ContentFile(b"Olive Owner\nPython", name="cv.txt"),
        size=18,
    )
    fact = KnowledgeBaseEntryFactory(user=owner, type="skill", value=SECRETS["fact"], source="user_answer")
    persona = demo_persona(owner, title=SECRETS["persona"])
    persona.photo.save("photo.jpg", ContentFile(b"\xff\xd8\xff\xe0 not really a jpeg"), save=True)
    shared = demo_persona(owner, title=SECRETS["shared"])
    job = posting_create(user=owner, title=SECRETS["job"], company="Initech", description=DESCRIPTION)
    letter = CoverLetterFactory(
        user=owner, job=job, persona=persona, body=f"{SECRETS['letter']},", status=JobStatus.SUCCEEDED
    )
    builtin_cv = builtin_templates(type="cv")[0]
    export = ExportFactory(user=owner, persona=persona, persona_version=persona.versions.first(), template=builtin_cv)
    exported_letter = ExportFactory(
        user=owner,
        persona=persona,
        cover_letter=letter,
        template=builtin_templates(type="cover_letter")[0],
        format=Export.Format.HTML,
        file__filename="letter.html",
        file__data=f"{SECRETS['letter']},".encode(),
    )
    archive = BackgroundJobFactory(user=owner, kind=data.ARCHIVE, subject_id=owner.pk)
    archive.status = JobStatus.SUCCEEDED
    archive.save(update_fields=["status"])
    default_storage.save(data.archive_path(archive.pk), ContentFile(b"PK not really a zip"))
    edit = {"id": "e1", "kind": "summary", "path": "summary", "before": "", "after": "Tailored.", "status": "pending"}
    sent = SentEmail.objects.create(key="route-matrix", kind=EmailKind.EXPORT_READY, to=owner.email)
    return {
        "cv": cv,
        "fact": fact,
        "persona": persona,
        "shared": shared,
        "job": job,
        "letter": letter,
        "export": export,
        "exported_letter": exported_letter,
        "archive": archive,
        "background_job": BackgroundJobFactory(user=owner, kind="cv.extract_text", subject_id=cv.pk),
        "application": ApplicationFactory(user=owner, job=job, persona=persona, notes=SECRETS["application"]),
        "question": FollowUpQuestionFactory(user=owner, job=job, persona=persona),
        "report": GapReportFactory(persona=persona, type="general", status=JobStatus.SUCCEEDED),
        "tailoring": TailoringFactory(
            persona=persona, job=job, status=JobStatus.SUCCEEDED, edits=[edit], version_number=2
        ),
        "job_import": JobImportFactory(user=owner, fields={"title": SECRETS["import"], "description": DESCRIPTION}),
        "template": template_create(user=owner, name=SECRETS["template"], type="cv", engine="markdown", body="# Me"),
        "letter_template": template_create(
            user=owner, name="Letters", type="cover_letter", engine="markdown", body="Dear reader"
        ),
        "token": token_create(user=owner, name=SECRETS["token"])[0],
        "notice": Notice.objects.create(user=owner, message=SECRETS["notice"]),
        "share": _made(share_create(user=owner, persona=persona, template=builtin_cv)),
        "unsubscribe_token": unsubscribe_token(sent),
    }


def _teams_objects(lead: User, team: Any, owner: User) -> dict[str, Any]:
    """What the lead made in the team: a note on the owner's persona, a shared persona, an invitation (to the
    outsider) and a group application that waits for the owner's consent."""
    persona, shared = owner.personas.get(title=SECRETS["persona"]), owner.personas.get(title=SECRETS["shared"])
    share_with_team(lead=lead, persona=shared)
    lead_job = posting_create(user=lead, title="Lead's tender", description=DESCRIPTION)
    proposal = TeamProposal.objects.create(
        user=lead,
        team=team,
        job=lead_job,
        template=builtin_templates(type="cv")[0],
        awaiting=True,
        members=[
            {
                "persona": str(shared.pk),
                "member": str(owner.pk),
                "name": "Olive Owner",
                "consent": ASKED,
                "version": None,
            }
        ],
    )
    proposal.file.save("proposal.pdf", ContentFile(b"%PDF-1.4 not really a pdf"), save=True)
    invitation = TeamInvitation.objects.create(
        team=team,
        email="outsider@example.com",
        invited_by=lead,
        expires_at=timezone.now() + timedelta(days=7),
        token_hash=hashlib.sha256(JOIN_TOKEN.encode()).hexdigest(),
    )
    return {
        "note": note_create(lead=lead, persona=persona, comment="Lead with the payments work."),
        "proposal": proposal,
        "lead_job": lead_job,
        "invitation": invitation,
        "join_token": JOIN_TOKEN,
    }


def _outsiders_objects(outsider: User) -> dict[str, Any]:
    """The outsider's own objects: a request on them may name the owner's (a job, a persona) in its body."""
    persona = demo_persona(outsider, title="Otto's persona")
    job = posting_create(user=outsider, title="Otto's job", description=DESCRIPTION)
    return {
        "outsider_persona": persona,
        "outsider_job": job,
        "outsider_fact": KnowledgeBaseEntryFactory(user=outsider, type="skill", value="Go", source="cv"),
        "outsider_letter": CoverLetterFactory(
            user=outsider, job=job, persona=persona, body="Dear Initech,", status=JobStatus.SUCCEEDED
        ),
        "outsider_application": ApplicationFactory(user=outsider, job=job, persona=persona),
        "outsider_template": template_create(
            user=outsider, name="Otto's template", type="cv", engine="markdown", body="# Otto"
        ),
        "builtin_cv": builtin_templates(type="cv")[0],
        "builtin_letter": builtin_templates(type="cover_letter")[0],
    }


def _made(share):
    """The share's page and PDF, as the worker makes them."""
    share_make(job_id=BackgroundJob.objects.get(subject_id=share.pk).pk)
    share.refresh_from_db()
    return share
