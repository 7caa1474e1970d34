"""A person in Chromium makes a persona from a CV, edits a job in place, reorders, restores an earlier version, hides a
highlight and removes a job."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from cvs.tests.factories import CVFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO = Path(__file__).resolve().parents[2] / "personaforge" / "demo" / "alex-morgan.resume.json"


def test_create_from_a_cv_edit_reorder_and_restore(page, artifacts_dir):
    user = UserFactory(email="alex@example.com")
    CVFactory(user=user, filename="alex-morgan.pdf", status="parsed", parsed_json=json.loads(DEMO.read_text()))
    page.goto("/accounts/login/")
    page.get_by_label("Email:").fill("alex@example.com")
    page.get_by_label("Password:").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="New persona").click()
    page.get_by_label("Title:").fill("Payments backend engineer")
    page.get_by_label("Start from").select_option(label="alex-morgan.pdf")
    page.get_by_role("button", name="Create").click()
    experience = page.locator("#section-work")
    first_job = experience.locator("li.item").first
    expect(first_job).to_contain_text("Senior backend engineer · Northwind Payments")
    # The review and fit panels come from the gaps app as the page opens.
    expect(page.locator("#feedback").get_by_role("button", name="Review this persona")).to_be_visible()
    expect(page.locator("#fit").get_by_role("link", name="Check a job")).to_be_visible()

    # Edit the first job in place: no page load, the history grows.
    page.evaluate("window.loadedOnce = true")
    first_job.get_by_role("link", name="Edit").click()
    experience.get_by_label("Title").fill("Staff backend engineer")
    experience.get_by_role("button", name="Save").click()
    expect(first_job).to_contain_text("Staff backend engineer · Northwind Payments")
    expect(page.locator("#history")).to_contain_text("Edited “Staff backend engineer · Northwind Payments”")
    assert page.evaluate("window.loadedOnce") is True

    # Reorder: the second job moves up with its button, then back down by dragging.
    second_title = experience.locator("li.item").nth(1).locator("strong").first.inner_text()
    experience.locator("li.item").nth(1).get_by_role("button", name=f"Move up: {second_title}").click()
    expect(experience.locator("li.item").first).to_contain_text(second_title)
    target = experience.locator("li.item").nth(1)
    target_height = target.bounding_box()["height"]
    experience.locator("li.item").first.drag_to(target, target_position={"x": 40, "y": target_height - 4})
    expect(experience.locator("li.item").first).to_contain_text("Staff backend engineer")
    expect(page.locator("#history")).to_contain_text("Reordered Experience")
    page.screenshot(path=artifacts_dir / "persona-editor.png", full_page=True)

    # Restore version 1: the job's original title comes back, as a new version.
    page.locator("#history li", has_text="v1").get_by_role("button", name="Restore").click()
    expect(page.get_by_text("Restored version 1 as version 5.")).to_be_visible()
    expect(experience.locator("li.item").first).to_contain_text("Senior backend engineer · Northwind Payments")

    # Hide a highlight, then remove the job once the browser has asked: in place, each a new version.
    page.evaluate("window.loadedOnce = true")
    job = "Senior backend engineer · Northwind Payments"
    highlight = experience.locator("li.item", has_text=job).locator(".highlights li").first
    highlight.get_by_role("button", name="Hide").click()
    expect(experience.locator("li.item", has_text=job).locator(".highlights li").first).to_have_class(
        re.compile("is-hidden")
    )
    page.once("dialog", lambda dialog: dialog.accept())
    experience.get_by_role("button", name=f"Remove from this persona: {job}").click()
    expect(experience).not_to_contain_text(job)
    expect(page.locator("#history")).to_contain_text(f"Removed “{job}” from Experience")
    assert page.evaluate("window.loadedOnce") is True
