"""A person uploads a CV in Chromium and watches it being read by the real worker."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "cvs"


def _log_in(page):
    UserFactory(email="jane@example.com")
    page.goto("/accounts/login/")
    page.get_by_label("Email:").fill("jane@example.com")
    page.get_by_label("Password:").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()


@pytest.mark.usefixtures("celery_worker")
def test_upload_shows_progress_then_the_profile(page, artifacts_dir):
    _log_in(page)
    page.goto("/upload")
    page.locator("input[type=file]").set_input_files(CORPUS / "02-latex-en.pdf")
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("heading", name="What we read")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Quillstone Software Ltd").first).to_be_visible()
    page.screenshot(path=artifacts_dir / "cv-parsed.png", full_page=True)
    page.get_by_role("link", name="Review and correct").click()
    expect(page.get_by_label("Name:")).to_have_value("Daniel KowalsKi")


def test_a_file_dropped_on_the_form_is_the_one_uploaded(page):
    _log_in(page)
    page.goto("/upload")
    page.evaluate(
        """() => {
        const data = new DataTransfer();
        data.items.add(new File(["Jane Doe\\nData engineer"], "dropped-cv.txt", {type: "text/plain"}));
        document.querySelector("[data-dropzone]").dispatchEvent(new DragEvent("drop", {dataTransfer: data}));
    }"""
    )
    expect(page.get_by_text("dropped-cv.txt")).to_be_visible()
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("heading", name="dropped-cv.txt")).to_be_visible()
