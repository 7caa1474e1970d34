"""In Chromium: a lead invites a member, the member accepts, the lead applies as a group, the member agrees, and the
lead downloads the PDF."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from conftest import wait_for
from gaps.postings.services import posting_create
from personas.services import persona_create, persona_version_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO = Path(__file__).resolve().parents[2] / "personaforge" / "demo" / "alex-morgan.resume.json"


def _log_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()


@pytest.mark.usefixtures("celery_worker")
def test_invite_join_and_apply_as_a_team(page, browser, live_server, artifacts_dir, worker_outbox):
    lead = UserFactory(email="lead@agency.example", plan="team", name="Lee Lead")
    member = UserFactory(email="ana@example.com", name="Ana Alvarez")
    for user, name in ((lead, "Lee Lead"), (member, "Ana Alvarez")):
        persona = persona_create(user=user, title="Backend engineer")
        persona.data = {**json.loads(DEMO.read_text()), "basics": {"name": name, "label": "Backend engineer"}}
        persona.save()
        persona_version_record(persona=persona, by=user, change_summary="From the demo CV")
    posting_create(
        user=lead,
        description="We need two backend engineers for a payments platform rebuild.",
        title="Payments platform rebuild",
        company="Initech",
    )

    _log_in(page, "lead@agency.example")
    page.goto("/team")
    page.get_by_label("Team name").fill("Northwind Agency")
    page.get_by_role("button", name="Create the team").click()
    page.get_by_label("Email").fill("ana@example.com")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitation sent to ana@example.com.")).to_be_visible()
    # The worker sends the invitation, into the files the test worker writes emails to.
    sent = wait_for(lambda: [p.read_text() for p in worker_outbox.iterdir() if "/team/join/" in p.read_text()])
    link = re.search(r"/team/join/[\w-]+", sent[0]).group(0)

    ana = browser.new_context(base_url=live_server.url).new_page()
    _log_in(ana, "ana@example.com")
    ana.goto(link)
    ana.get_by_role("button", name="Join the team").click()
    expect(ana.get_by_text("Welcome to “Northwind Agency”.")).to_be_visible()

    page.goto("/team")
    page.get_by_role("link", name="Apply as a team").click()
    page.get_by_label("Lee Lead: Backend engineer").check()
    page.get_by_label("Ana Alvarez: Backend engineer").check()
    page.get_by_label("About the team (the cover page)").fill("Two engineers who shipped payment ledgers together.")
    page.get_by_role("button", name="Make the proposal").click()
    expect(page.get_by_text("Each member has been asked to agree")).to_be_visible()
    page.screenshot(path=artifacts_dir / "team-proposal-waiting.png", full_page=True)

    ana.goto("/team")  # the member agrees to be in it: until then nothing is made
    expect(ana.get_by_text("would like to apply with you")).to_be_visible()
    ana.screenshot(path=artifacts_dir / "team-consent-request.png", full_page=True)
    ana.get_by_role("button", name="Agree").click()
    expect(ana.get_by_text("your lead sees your answer")).to_be_visible()

    page.reload()
    download_link = page.get_by_role("link", name="Download the PDF")
    expect(download_link).to_be_visible(timeout=30_000)
    page.screenshot(path=artifacts_dir / "team-proposal.png", full_page=True)
    with page.expect_download() as download:
        download_link.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
