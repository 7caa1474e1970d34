"""A team lead comments on members' personas and suggests edits; only the member changes their persona, by accepting."""

import pytest
from django.urls import reverse

from accounts.models import Plan
from accounts.services import plan_change
from accounts.teams import member_remove, team_create
from accounts.tests.factories import UserFactory
from personas.lead_notes import NoteRefused, note_create, note_decide
from personas.models import LeadNote
from personas.services import persona_create, persona_update

pytestmark = pytest.mark.django_db
SUMMARY = "Backend engineer. Python."
DATA = {
    "basics": {"name": "Ana Alvarez", "label": "Engineer"},
    "work": [{"name": "Initech", "position": "Engineer", "highlights": ["Did payments", "Ran on-call"]}],
}


@pytest.fixture
def team():
    lead = UserFactory(email="lead@agency.example", plan=Plan.TEAM, name="Lee Lead")
    team = team_create(user=lead, name="Northwind")
    member = UserFactory(email="ana@example.com", name="Ana Alvarez", team=team)
    persona = persona_create(user=member, title="Backend")
    persona_update(persona=persona, by=member, based_on=1, title="Backend", summary=SUMMARY, tags=[], data=DATA)
    persona.refresh_from_db()
    return lead, member, persona


def _versions(persona):
    return persona.versions.count()


def test_the_lead_suggests_a_summary_and_the_member_accepts_it_as_a_new_version(client, team):
    lead, member, persona = team
    client.force_login(lead)
    page = client.get(reverse("team_member", args=[member.pk]), {"persona": persona.pk}).content.decode()
    assert "Did payments" in page and "Suggest a rewording" in page
    new = "Backend engineer who moved payments to Python services."
    sent = client.post(
        reverse("team_note_create", args=[persona.pk]),
        {"comment": "Lead with the payments work.", "kind": "summary", "after": new},
    )
    assert sent.status_code == 302
    persona.refresh_from_db()
    assert persona.summary == SUMMARY and _versions(persona) == 2  # nothing changes until the member accepts

    client.force_login(member)
    mine = client.get(reverse("persona_detail", args=[persona.pk])).content.decode()
    assert "From your team lead" in mine and "Lead with the payments work." in mine and new in mine
    note = LeadNote.objects.get()
    assert client.post(reverse("lead_note_decide", args=[persona.pk, note.pk, "accept"])).status_code == 302
    persona.refresh_from_db()
    note.refresh_from_db()
    assert persona.summary == new and note.status == "accepted" and note.decided_at
    assert persona.versions.latest("number").change_summary == "Accepted a new summary from Lee Lead"
    answered = client.post(reverse("lead_note_decide", args=[persona.pk, note.pk, "accept"]), follow=True)
    assert "answered already" in answered.content.decode() and _versions(persona) == 3


def test_a_reworded_highlight_and_a_skill_apply_where_they_were_suggested(team):
    lead, member, persona = team
    reword = note_create(
        lead=lead,
        persona=persona,
        comment="",
        kind="rephrase_highlight",
        path="work[0].highlights[1]",
        after="Led on-call for 12 services",
    )
    skill = note_create(lead=lead, persona=persona, comment="You use it daily", kind="add_skill", after="Kubernetes")
    note_decide(note=reword, by=member, accept=True)
    note_decide(note=skill, by=member, accept=True)
    persona.refresh_from_db()
    assert persona.data["work"][0]["highlights"] == ["Did payments", "Led on-call for 12 services"]
    assert "Kubernetes" in persona.data["skills"][0]["keywords"]


def test_declining_changes_nothing_and_a_stale_suggestion_is_refused(team):
    lead, member, persona = team
    declined = note_create(lead=lead, persona=persona, comment="", kind="headline", after="Payments engineer")
    note_decide(note=declined, by=member, accept=False)
    stale = note_create(lead=lead, persona=persona, comment="", kind="summary", after="Something else entirely.")
    persona_update(persona=persona, by=member, based_on=2, title="Backend", summary="Rewritten by me.", tags=[])
    with pytest.raises(NoteRefused, match="summary changed"):
        note_decide(note=stale, by=member, accept=True)
    persona.refresh_from_db()
    stale.refresh_from_db()
    assert persona.data["basics"]["label"] == "Engineer" and persona.summary == "Rewritten by me."
    assert stale.status == "open" and _versions(persona) == 3


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"comment": "  "}, "Write a comment"),
        ({"comment": "", "kind": "delete_everything", "after": "x"}, "Choose what to suggest"),
        ({"comment": "", "kind": "rephrase_highlight", "path": "work[9].highlights[0]", "after": "x"}, "no longer"),
        ({"comment": "", "kind": "rephrase_highlight", "path": "basics.email", "after": "x"}, "Choose the highlight"),
        ({"comment": "", "kind": "summary", "after": SUMMARY}, "says already"),
        ({"comment": "x" * 2001}, "at most"),
        ({"comment": "a\x00b"}, "NUL"),
    ],
)
def test_a_note_that_does_not_fit_is_refused_with_why(team, fields, message):
    lead, _member, persona = team
    with pytest.raises(NoteRefused, match=message):
        note_create(lead=lead, persona=persona, **fields)
    assert not LeadNote.objects.exists()


def test_no_one_but_the_lead_writes_and_no_one_but_the_owner_answers(client, team):
    lead, member, persona = team
    other_lead = UserFactory(email="boss@elsewhere.example", plan=Plan.TEAM)
    team_create(user=other_lead, name="Elsewhere")
    colleague = UserFactory(email="bo@example.com", team=lead.team)
    note = note_create(lead=lead, persona=persona, comment="Add numbers to your highlights.")
    for outsider in (other_lead, colleague, member):
        client.force_login(outsider)
        answer = client.post(reverse("team_note_create", args=[persona.pk]), {"comment": "Hello"})
        assert answer.status_code == 404
        if outsider != member:
            decide = client.post(reverse("lead_note_decide", args=[persona.pk, note.pk, "accept"]))
            assert decide.status_code == 404
    assert LeadNote.objects.count() == 1 and LeadNote.objects.get().status == "open"

    plan_change(user=lead, plan=Plan.PRO, source="billing", by=None, reason="downgraded")  # the lead's plan lapsed
    client.force_login(lead)
    assert client.post(reverse("team_note_create", args=[persona.pk]), {"comment": "Hi"}).status_code == 404
    plan_change(user=lead, plan=Plan.TEAM, source="billing", by=None, reason="paid again")
    member_remove(team=lead.team, member=member, by=lead)  # a removed member's personas are out of reach at once
    assert client.post(reverse("team_note_create", args=[persona.pk]), {"comment": "Hi"}).status_code == 404
    assert client.get(reverse("team_member", args=[member.pk])).status_code == 404


def test_the_api_does_what_the_pages_do_for_the_lead_and_the_member(client, team):
    lead, member, persona = team
    client.force_login(lead)
    assert client.get("/api/v1/team/").json()["members"][0]["email"] == "ana@example.com"
    listed = client.get("/api/v1/team/personas/", {"member": str(member.pk)}).json()
    assert [item["title"] for item in listed] == ["Backend"]
    assert client.get(f"/api/v1/team/personas/{persona.pk}/").json()["shown"]["basics"]["label"] == "Engineer"
    sent = client.post(
        f"/api/v1/team/personas/{persona.pk}/notes/",
        {"kind": "headline", "after": "Payments engineer"},
        content_type="application/json",
    )
    assert sent.status_code == 201 and sent.json()["edit"]["before"] == "Engineer"
    empty = client.post(f"/api/v1/team/personas/{persona.pk}/notes/", {}, content_type="application/json")
    assert empty.status_code == 400 and "Write a comment" in empty.json()["detail"]
    assert client.get(f"/api/v1/personas/{persona.pk}/notes/").status_code == 404  # not the lead's persona

    client.force_login(member)
    team_view = client.get("/api/v1/team/").json()
    assert team_view["is_lead"] is False  # a member sees who is in the team (as the team page shows), not their data
    assert {m["email"] for m in team_view["members"]} == {member.email, lead.email}
    assert client.get("/api/v1/team/personas/").status_code == 404
    note = client.get(f"/api/v1/personas/{persona.pk}/notes/").json()[0]
    url = f"/api/v1/personas/{persona.pk}/notes/{note['id']}/decide/"
    decided = client.post(url, {"accept": True}, content_type="application/json")
    assert decided.status_code == 200 and decided.json()["status"] == "accepted"
    assert client.post(url, {"accept": False}, content_type="application/json").status_code == 409
    persona.refresh_from_db()
    assert persona.data["basics"]["label"] == "Payments engineer"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_the_browser_a_lead_suggests_a_rewording_and_the_member_accepts_it(page, team, artifacts_dir):
    from playwright.sync_api import expect

    lead, member, persona = team

    def log_in(email):
        page.context.clear_cookies()
        page.goto("/accounts/login/")
        page.get_by_label("Email:").fill(email)
        page.get_by_label("Password:").fill("correct-horse-battery")
        page.get_by_role("button", name="Sign In").click()

    log_in(lead.email)
    page.goto(f"/team/members/{member.pk}?persona={persona.pk}")
    page.locator("details", has_text="Suggest a rewording").first.locator("summary").click()
    page.locator("details[open] textarea[name=after]").fill("Moved card payments to Python services")
    page.locator("details[open] input[name=comment]").fill("Say what the payments work was")
    page.locator("details[open]").get_by_role("button", name="Suggest").click()
    expect(page.get_by_text("they accept or decline it")).to_be_visible()
    page.screenshot(path=artifacts_dir / "team-member-notes.png", full_page=True)

    log_in(member.email)
    page.goto(f"/persona/{persona.pk}")
    notes = page.locator("#notes")
    expect(notes).to_contain_text("Say what the payments work was")
    page.screenshot(path=artifacts_dir / "persona-lead-notes.png", full_page=True)
    notes.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Saved as a new version.")).to_be_visible()
    expect(page.locator("#section-work")).to_contain_text("Moved card payments to Python services")
