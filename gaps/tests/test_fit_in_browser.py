"""A person in Chromium pastes a job, watches the real worker judge their persona, and follows the evidence."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from cvs.tests.factories import KnowledgeBaseEntryFactory
from personas.services import persona_create, persona_version_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO = Path(__file__).resolve().parents[2] / "personaforge" / "demo" / "alex-morgan.resume.json"
JOB = """Senior Python engineer, payments platform

What you will need
- 5+ years building backend services in Python and Django
- PostgreSQL and Kafka in production
- Kubernetes
- Fluent German

Nice to have
- Go
- Terraform

Location: Manchester (hybrid)
"""


@pytest.mark.usefixtures("celery_worker")
def test_paste_a_job_see_the_fit_and_follow_the_evidence(page, artifacts_dir):
    user = UserFactory(email="alex@example.com")
    persona = persona_create(user=user, title="Payments backend engineer")
    persona.data = json.loads(DEMO.read_text())
    persona.save()
    persona_version_record(persona=persona, by=user, change_summary="From the demo CV")
    KnowledgeBaseEntryFactory(user=user, type="tool", value="Go", source="user_answer", evidence="Side projects in Go")

    page.goto("/accounts/login/")
    page.get_by_label("Email:").fill("alex@example.com")
    page.get_by_label("Password:").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"/persona/{persona.pk}")
    page.get_by_role("link", name="Check a job").click()
    page.get_by_label("Job title").fill("Senior Python engineer")
    page.get_by_label("Company").fill("Initech Pay")
    page.get_by_label("Job description").fill(JOB)
    page.get_by_role("button", name="Check the fit").click()

    score = page.get_by_label("Fit score")
    expect(score).to_be_visible(timeout=30_000)
    assert 0 < int(score.inner_text().split("/")[0]) < 100
    rows = page.locator("table.fit-points tbody tr")

    def row(label):
        return rows.filter(has=page.locator("strong").get_by_text(label, exact=True))

    expect(row("Kubernetes")).to_contain_text("Missing:")
    expect(row("German")).to_contain_text("Missing:")
    expect(row("Go")).to_contain_text("Known, not shown:")
    page.screenshot(path=artifacts_dir / "fit-report.png", full_page=True)

    row("Kafka").get_by_role("link").first.click()  # the evidence opens the editor at its item
    expect(page).to_have_url(re.compile(rf"/persona/{persona.pk}#item-\w+-\d+$"))
    expect(page.locator(f"#{page.url.split('#')[1]}")).to_be_visible()
