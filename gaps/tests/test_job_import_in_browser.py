"""In Chromium: a posting saved as a web page is imported, its fields checked on the review page, and saved."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PAGE = Path(__file__).resolve().parents[2] / "corpus" / "job_pages" / "page-01-small-company-data-engineer.html"


def test_a_saved_page_is_imported_checked_and_saved(page, artifacts_dir):
    UserFactory(email="jobs@example.com")
    page.goto("/accounts/login/")
    page.get_by_label("Email:").fill("jobs@example.com")
    page.get_by_label("Password:").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()

    page.goto("/jobs")
    page.get_by_label("Or the posting saved as a web page (.html) or a PDF").set_input_files(str(PAGE))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="Check what was read")).to_be_visible()
    expect(page.get_by_label("Title:")).to_have_value("Senior Data Engineer")
    expect(page.get_by_label("Location:")).to_have_value("Lyon, France")
    expect(page.get_by_label("Salary from:")).to_have_value("55000")
    page.screenshot(path=artifacts_dir / "job-import-review.png", full_page=True)
    page.get_by_label("Notes:").fill("Found through a friend at Fernhill.")
    page.get_by_role("button", name="Save the job").click()
    expect(page.get_by_role("heading", name="Senior Data Engineer")).to_be_visible()
