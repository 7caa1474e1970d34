"""A person in Chromium opens a saved job, checks the fit in the real worker, and answers a question in place."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from cvs.models import KnowledgeBaseEntry
from cvs.tests.factories import KnowledgeBaseEntryFactory
from gaps.postings.services import posting_create
from personas.services import persona_create, persona_version_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO = Path(__file__).resolve().parents[2] / "personaforge" / "demo" / "alex-morgan.resume.json"
JOB = """Senior Python engineer, payments platform

What you will need
- 5+ years building backend services in Python and Django
- Kubernetes in production
- Fluent German

Location: Manchester (hybrid)
"""


@pytest.mark.usefixtures("celery_worker")
def test_check_the_fit_then_answer_a_question_in_place(page, artifacts_dir):
    user = UserFactory(email="alex@example.com")
    persona = persona_create(user=user, title="Payments backend engineer")
    persona.data = json.loads(DEMO.read_text())
    persona.save()
    persona_version_record(persona=persona, by=user, change_summary="From the demo CV")
    job = posting_create(user=user, description=JOB, title="Senior Python engineer", company="Initech Pay")

    page.goto("/accounts/login/")
    page.get_by_label("Email:").fill("alex@example.com")
    page.get_by_label("Password:").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"/apply/{job.pk}")
    expect(page.get_by_label("Apply as")).to_have_value(str(persona.pk))  # the only persona, suggested
    page.get_by_role("button", name="Check the fit").click()
    expect(page.get_by_label("Fit score")).to_be_visible(timeout=30_000)

    page.get_by_role("button", name="Ask me questions").click()
    question = page.locator("li.question", has_text="The job asks for Kubernetes")
    page.evaluate("window.loadedOnce = true")
    question.get_by_role("textbox").fill("Two years at Northwind, running our payment services on it.")
    question.get_by_role("button", name="Save my answer").click()
    expect(question).to_contain_text("You said: “Two years at Northwind")
    german = page.locator("li.question", has_text="The job asks for German")
    german.get_by_role("button", name="No").click()
    expect(german).to_contain_text("a real gap, noted")
    assert page.evaluate("window.loadedOnce") is True  # answered in place, no page load
    page.screenshot(path=artifacts_dir / "apply-questions.png", full_page=True)
    entry = KnowledgeBaseEntry.objects.get(user=user, value="Kubernetes")
    assert entry.source == "user_answer" and "Two years at Northwind" in entry.evidence


@pytest.mark.usefixtures("celery_worker")
def test_save_a_job_tailor_accept_two_reject_one_and_see_the_new_version(page, artifacts_dir):
    user = UserFactory(email="pro@example.com", plan="pro")
    persona = persona_create(user=user, title="Payments backend engineer")
    persona.data = json.loads(DEMO.read_text())
    persona.summary = "I build reliable payment systems."
    persona.save()
    persona_version_record(persona=persona, by=user, change_summary="From the demo CV")
    KnowledgeBaseEntryFactory(user=user, type="tool", value="Go", source="user_answer", evidence="Side projects in Go")
    page.goto("/accounts/login/")
    page.get_by_label("Email:").fill("pro@example.com")
    page.get_by_label("Password:").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Jobs").click()
    page.get_by_label("Title").fill("Senior Python engineer")
    page.get_by_label("Company").fill("Initech Pay")
    page.get_by_label("Job description").fill(JOB.replace("- Fluent German", "- PostgreSQL and Kafka\n- Go"))
    page.get_by_role("button", name="Save and apply").click()
    page.get_by_role("button", name="Check the fit").click()
    expect(page.get_by_label("Fit score")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Suggest edits for this job").click()
    edits = page.locator("li.edit")
    expect(page.get_by_role("button", name="Accept all")).to_be_visible(timeout=30_000)
    assert edits.count() >= 3
    page.screenshot(path=artifacts_dir / "tailoring.png", full_page=True)

    edits.nth(0).get_by_role("radio", name="Accept").check()
    edits.nth(1).get_by_role("radio", name="Reject").check()
    edits.filter(has_text="Add to your skills: Go").get_by_role("radio", name="Accept").check()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_text("Saved as version 3 of “Payments backend engineer”.")).to_be_visible()
    expect(edits.nth(0)).to_contain_text("Accepted.")
    expect(edits.nth(1)).to_contain_text("Rejected.")

    page.get_by_role("button", name="Check again").click()  # the new version's fit: Go is shown now
    expect(page.get_by_label("Fit score")).to_be_visible(timeout=30_000)
    rows = page.locator("text=Meets")
    expect(rows.first).not_to_contain_text("your knowledge base knows Go")
    letter = page.locator("#letter")
    letter.get_by_label("Tone").select_option("warm")
    letter.get_by_role("button", name="Draft a cover letter").click()
    expect(page.get_by_label("Letter 1 (a draft, warm)")).to_contain_text("Hello Initech Pay team,", timeout=30_000)
    page.get_by_label("Letter 1 (a draft, warm)").fill("Hello Initech Pay team,\n\nMy own words, edited.")
    page.get_by_role("button", name="Save my edit").click()
    expect(page.get_by_label("Letter 2 (your edit)")).to_have_value("Hello Initech Pay team,\n\nMy own words, edited.")
    # The export form beside the letter comes from the exports app.
    expect(letter.get_by_role("button", name="Export this letter")).to_be_visible()
    expect(letter.get_by_label("Template")).to_contain_text("Classic letter")
    page.screenshot(path=artifacts_dir / "apply-letter.png", full_page=True)

    application = page.locator("#application")
    application.get_by_label("Status").select_option("applied")
    application.get_by_role("button", name="Track this application").click()
    expect(page.locator("#application")).to_contain_text("Status: Applied")
    expect(page.locator("#application")).to_contain_text("sent “Payments backend engineer” v3")
    persona.refresh_from_db()
    assert "Go" in persona.data["skills"][0]["keywords"]
    assert persona.versions.get(number=3).name == "Tailored for Senior Python engineer at Initech Pay"
