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


@pytest.mark.usefixtures("celery_worker")
def test_a_messy_real_cv_is_looked_over_before_a_persona_is_made_of_it(page, artifacts_dir, tmp_path):
    """A real CV (dotin's training archive, CC0), as its owner wrote it: its skills are in paragraphs, where the
    reader finds over a hundred, some it is not sure of. They are marked, the persona waits for the review page,
    and holds what the user kept."""
    from corpus.dotin import training_cvs

    real = next(cv for cv in training_cvs() if cv.id == "13")
    upload = tmp_path / "allen-king-cv.txt"
    upload.write_text(real.text.strip())
    _log_in(page)
    page.goto("/upload")
    page.locator("input[type=file]").set_input_files(upload)
    page.get_by_role("button", name="Upload").click()
    doubts = page.locator("section.doubts")
    expect(doubts).to_contain_text("We are unsure of", timeout=20_000)
    expect(doubts).to_contain_text("More skills than a CV usually lists")
    expect(doubts).to_contain_text("”. The reader is not sure of this: check it.")
    page.screenshot(path=artifacts_dir / "cv-doubts.png", full_page=True)

    page.get_by_role("link", name="Create a persona from it").click()
    page.get_by_label("Title:").fill("Integration developer")
    page.get_by_role("button", name="Create persona").click()
    expect(page.get_by_role("alert")).to_contain_text("We are unsure of parts of what we read")
    page.screenshot(path=artifacts_dir / "persona-waits-for-review.png", full_page=True)

    page.get_by_role("link", name="Look them over on its review page").click()
    expect(page.get_by_role("heading", name="Check these first")).to_be_visible()
    expect(page.locator("section.doubts")).to_contain_text("”. The reader is not sure of this: check it.")
    expect(page.locator("fieldset.unsure")).to_be_visible()  # the skills' fieldset is marked
    page.screenshot(path=artifacts_dir / "cv-review-doubts.png", full_page=True)
    page.get_by_label("Skills:").fill("Integration: Mule ESB, RAML\nCore Java\nPL/SQL")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved your corrections.")).to_be_visible()
    expect(page.locator("section.doubts")).to_have_count(0)

    page.get_by_role("link", name="Create a persona from it").click()
    page.get_by_label("Title:").fill("Integration developer")
    page.get_by_role("button", name="Create persona").click()
    expect(page.get_by_role("heading", name="Integration developer")).to_be_visible()
    skills = page.locator("[data-reorder-url$='/sections/skills/order'] > li")
    assert skills.locator("strong").all_inner_texts() == ["Integration", "Core Java", "PL/SQL"]  # only what was kept
    assert skills.locator(".tag").all_inner_texts() == ["Mule ESB", "RAML"]
