"""Applying as a group: one PDF with a cover page and each member's CV, tracked as one application."""

import pypdfium2
import pytest
from django.urls import reverse

from accounts.services import plan_change
from accounts.teams import member_remove
from accounts.tests.factories import UserFactory
from cvs.tests.factories import KnowledgeBaseEntryFactory
from exports.models import TeamProposal
from exports.proposals import ConsentRefused, proposal_consent, proposal_request, proposal_run, proposal_tailor
from gaps.models import Application, Tailoring
from gaps.postings.services import posting_create
from gaps.tailoring.services import tailoring_run
from personas.lead_notes import note_decide
from personas.models import LeadNote
from personas.tests.factories import demo_persona
from templates_app.selectors import builtin_templates

pytestmark = pytest.mark.django_db


def _persona(user, name):
    return demo_persona(user, title="Backend engineer", change=lambda data: data["basics"].update(name=name))


@pytest.fixture
def team(client):
    lead = UserFactory(email="lead@agency.example", plan="team")
    client.force_login(lead)
    client.post(reverse("team_create"), {"name": "Northwind Agency"})
    lead.refresh_from_db()
    ana = UserFactory(email="ana@example.com", team=lead.team)
    return lead, ana


def test_the_lead_sends_one_pdf_for_the_team(client, team):
    lead, ana = team
    mine, hers = _persona(lead, "Lee Lead"), _persona(ana, "Ana Alvarez")
    job = posting_create(
        user=lead,
        description="We need two backend engineers for a payments platform rebuild.",
        title="Payments platform rebuild",
        company="Initech",
    )
    form = {
        "job": job.pk,
        "personas": [mine.pk, hers.pk],
        "template": builtin_templates(type="cv")[1].pk,
        "intro": "Two engineers who shipped payment ledgers together.",
    }
    assert client.post(reverse("team_proposals"), form).status_code == 302
    proposal = TeamProposal.objects.get()
    assert proposal.awaiting and not lead.jobs.filter(subject_id=proposal.pk).exists()  # Ana is asked first
    client.force_login(ana)
    asked = client.get(reverse("team")).content.decode()
    assert "would like to apply with you" in asked and "Payments platform rebuild" in asked
    assert client.post(reverse("proposal_consent", args=[proposal.pk, "agree"])).status_code == 302
    client.force_login(lead)
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
    job = posting_create(
        user=lead,
        description="We need two backend engineers for a payments platform rebuild.",
        title="Payments platform rebuild",
    )
    form = {"job": job.pk, "personas": [theirs.pk], "template": builtin_templates(type="cv")[0].pk}
    assert client.post(reverse("team_proposals"), form).status_code == 400  # not a member's persona: not offered
    assert not TeamProposal.objects.exists()
    client.force_login(ana)  # a member, not the lead
    assert client.get(reverse("team_proposals")).status_code == 404


def _propose(lead, *personas):
    job = posting_create(
        user=lead,
        description="We need two backend engineers for a payments platform rebuild.",
        title="Payments platform rebuild",
        company="Initech",
    )
    return proposal_request(lead=lead, job=job, personas=list(personas), template=builtin_templates(type="cv")[0])


def _made(proposal):
    proposal.refresh_from_db()
    proposal_run(job_id=proposal.user.jobs.get(subject_id=proposal.pk).pk)
    proposal.refresh_from_db()
    return proposal


def test_a_member_who_declines_stays_out_and_if_no_one_agrees_nothing_is_made(team):
    lead, ana = team
    mine, hers = _persona(lead, "Lee Lead"), _persona(ana, "Ana Alvarez")
    proposal, background = _propose(lead, mine, hers)
    assert background is None and [m["consent"] for m in proposal.members] == ["not needed", "asked"]
    proposal_consent(proposal_id=proposal.pk, member=ana, agree=False)
    made = _made(proposal)
    assert made.status == "done" and [m["version"] for m in made.members] == [2, None]

    alone, _ = _propose(lead, hers)
    proposal_consent(proposal_id=alone.pk, member=ana, agree=False)
    alone.refresh_from_db()
    assert alone.status == "failed" and "No member agreed" in alone.error and not alone.file
    with pytest.raises(ConsentRefused):  # answered already
        proposal_consent(proposal_id=alone.pk, member=ana, agree=True)


def test_the_lead_can_stop_waiting_and_a_team_can_choose_not_to_ask(client, team):
    lead, ana = team
    mine, hers = _persona(lead, "Lee Lead"), _persona(ana, "Ana Alvarez")
    proposal, _ = _propose(lead, mine, hers)
    client.force_login(lead)
    assert client.post(reverse("proposal_make_now", args=[proposal.pk])).status_code == 302
    made = _made(proposal)
    assert [m["consent"] for m in made.members] == ["not needed", "no answer"] and made.status == "done"

    client.post(reverse("team_settings"), {})  # the box unticked
    lead.team.refresh_from_db()
    assert lead.team.ask_consent is False
    direct, background = _propose(lead, hers)
    assert background is not None and not direct.awaiting and _made(direct).status == "done"


def test_only_the_members_asked_answer_and_the_worker_checks_the_team_again(team):
    lead, ana = team
    outsider = UserFactory(email="out@example.com")
    proposal, _ = _propose(lead, _persona(ana, "Ana Alvarez"))
    for someone in (outsider, lead):
        with pytest.raises(ConsentRefused):
            proposal_consent(proposal_id=proposal.pk, member=someone, agree=True)
    proposal_consent(proposal_id=proposal.pk, member=ana, agree=True)
    member_remove(team=lead.team, member=ana, by=lead)  # she left before the worker ran: her CV is not sent
    made = _made(proposal)
    assert made.status == "failed" and "can go in any more" in made.error and not made.file

    again, _ = _propose(lead, _persona(lead, "Lee Lead"))
    plan_change(user=lead, plan="pro", source="billing", by=None, reason="downgraded")
    assert _made(again).status == "failed" and "Team plan" in again.error


def test_the_lead_suggests_tailoring_to_each_member_who_accepts_before_the_pdf_is_made(team):
    lead, ana = team
    hers = _persona(ana, "Ana Alvarez")
    job = posting_create(
        user=lead,
        title="Platform engineer",
        company="Initech",
        description="Platform engineer. You must know Kubernetes and Terraform well, and PostgreSQL. "
        "Python is a plus. Remote in Europe.",
    )
    KnowledgeBaseEntryFactory(
        user=ana,
        type="tool",
        value="Kubernetes",
        source="user_answer",
        evidence="My own cluster at home, a private note",
    )
    proposal, _ = proposal_request(lead=lead, job=job, personas=[hers], template=builtin_templates(type="cv")[0])
    assert proposal_tailor(proposal_id=proposal.pk, lead=lead) == 1
    tailoring = Tailoring.objects.get(persona=hers)
    assert tailoring.requested_by == lead and hers.versions.count() == 2  # nothing changes on its own
    tailoring_run(job_id=lead.jobs.get(subject_id=tailoring.pk).pk)
    notes = list(LeadNote.objects.filter(persona=hers))
    assert notes and all(n.comment.startswith("For Platform engineer at Initech:") for n in notes)
    assert any(n.edit["kind"] == "add_skill" for n in notes)  # a skill from her knowledge base...
    assert not any("private note" in n.comment for n in notes)  # ...without her own words, which the lead would read
    skills = next(n for n in notes if n.edit["kind"] == "order_skills")
    note_decide(note=skills, by=ana, accept=True)  # Ana takes one edit, then agrees
    proposal_consent(proposal_id=proposal.pk, member=ana, agree=True)
    made = _made(proposal)
    assert made.status == "done" and made.members[0]["version"] == 3  # the version with her accepted edit


def test_only_the_lead_of_a_waiting_proposal_suggests_tailoring(team):
    lead, ana = team
    proposal, _ = _propose(lead, _persona(ana, "Ana Alvarez"))
    with pytest.raises(ConsentRefused):
        proposal_tailor(proposal_id=proposal.pk, lead=ana)
    proposal_consent(proposal_id=proposal.pk, member=ana, agree=True)  # no longer waiting
    with pytest.raises(ConsentRefused):
        proposal_tailor(proposal_id=proposal.pk, lead=lead)
    assert not Tailoring.objects.exists()
