"""Applying as a group: one PDF with a cover page and each member's CV, tracked as one application."""

import pypdfium2
import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from exports.models import TeamProposal
from exports.proposals import proposal_run
from gaps.models import Application
from gaps.services import posting_create
from personas.tests.factories import demo_persona
from templates_app.selectors import builtin_templates

pytestmark = pytest.mark.django_db


def _persona(user, name):
    return demo_persona(user, title="Backend engineer", change=lambda data: data["basics"].update(name=name))


@pytest.fixture
def team(client):
    lead = UserFactory(email="lead@agency.example", plan="team")
    client.force_login(lead)
    client.post(reverse("team"), {"action": "create", "name": "Northwind Agency"})
    lead.refresh_from_db()
    ana = UserFactory(email="ana@example.com", team=lead.team)
    return lead, ana


def test_the_lead_sends_one_pdf_for_the_team(client, team):
    lead, ana = team
    mine, hers = _persona(lead, "Lee Lead"), _persona(ana, "Ana Alvarez")
    job = posting_create(user=lead, description="We need two backend engineers for a payments platform rebuild.",
                         title="Payments platform rebuild", company="Initech")  # fmt: skip
    form = {"job": job.pk, "personas": [mine.pk, hers.pk], "template": builtin_templates(type="cv")[1].pk,
            "intro": "Two engineers who shipped payment ledgers together."}  # fmt: skip
    assert client.post(reverse("team_proposals"), form).status_code == 302
    proposal = TeamProposal.objects.get()
    proposal_run(job_id=lead.jobs.get(subject_id=proposal.pk).pk)
    proposal.refresh_from_db()
    assert proposal.status == "done", proposal.error
    assert sorted(m["name"] for m in proposal.members) == sorted([lead.display_name, ana.display_name])
    with proposal.file.open("rb") as stored:
        pdf = pypdfium2.PdfDocument(stored.read())
    text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    assert text.index("Northwind Agency") < min(text.index("Lee Lead"), text.index("Ana Alvarez"))
    assert "Two engineers who shipped payment ledgers together." in text and len(pdf) >= 3
    application = Application.objects.get(job=job)
    assert application.user == lead and "Applied as a team (Northwind Agency)" in application.notes
    response = client.get(reverse("proposal_download", args=[proposal.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_no_one_else_makes_or_reads_a_teams_proposal(client, team):
    lead, ana = team
    outsider = UserFactory(email="out@example.com")
    theirs = _persona(outsider, "Out Sider")
    job = posting_create(user=lead, description="We need two backend engineers for a payments platform rebuild.",
                         title="Payments platform rebuild")  # fmt: skip
    form = {"job": job.pk, "personas": [theirs.pk], "template": builtin_templates(type="cv")[0].pk}
    assert client.post(reverse("team_proposals"), form).status_code == 400  # not a member's persona: not offered
    assert not TeamProposal.objects.exists()
    client.force_login(ana)  # a member, not the lead
    assert client.get(reverse("team_proposals")).status_code == 404
