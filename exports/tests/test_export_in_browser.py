"""A person in Chromium exports a persona as a PDF through a built-in template, made by the real worker."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from personas.services import persona_create, persona_version_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO = Path(__file__).resolve().parents[2] / "personaforge" / "demo" / "alex-morgan.resume.json"


@pytest.mark.usefixtures("celery_worker")
def test_pick_a_template_export_and_download(page, artifacts_dir):
    user = UserFactory(email="alex@example.com")
    persona = persona_create(user=user, title="Payments backend engineer")
    persona.data = json.loads(DEMO.read_text())
    persona.save()
    persona_version_record(persona=persona, by=user, change_summary="From the demo CV")

    page.goto("/accounts/login/")
    page.get_by_label("Email:").fill("alex@example.com")
    page.get_by_label("Password:").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"/persona/{persona.pk}")
    page.get_by_role("link", name="Export", exact=True).click()
    page.get_by_label("Modern").check()
    page.get_by_label("Headings in").select_option("de")
    page.get_by_role("button", name="Export").click()
    download_link = page.get_by_role("link", name="Download")
    expect(download_link).to_be_visible(timeout=30_000)
    expect(page.locator(".ats")).to_contain_text("details read back")
    page.screenshot(path=artifacts_dir / "export.png", full_page=True)
    with page.expect_download() as download:
        download_link.click()
    path = download.value.path()
    assert download.value.suggested_filename == "alex-morgan-cv-v2.pdf"
    assert Path(path).read_bytes().startswith(b"%PDF")
