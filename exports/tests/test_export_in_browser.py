"""A person in Chromium exports a persona as a PDF through a built-in template, made by the real worker."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from conftest import wait_for
from exports.models import Share
from personas.tests.factories import demo_persona

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("celery_worker")
def test_pick_a_template_export_and_download(page, artifacts_dir):
    user = UserFactory(email="alex@example.com")
    persona = demo_persona(user)

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


@pytest.mark.usefixtures("celery_worker")
def test_share_a_persona_and_open_the_link_as_a_stranger(page, browser, live_server, artifacts_dir):
    user = UserFactory(email="alex@example.com")
    persona = demo_persona(user)
    page.goto("/accounts/login/")
    page.get_by_label("Email:").fill("alex@example.com")
    page.get_by_label("Password:").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"/persona/{persona.pk}/export")
    page.locator("#shares").get_by_label("Template").select_option(label="Modern")
    page.get_by_role("button", name="Create a link").click()
    link = page.locator("#shares a[href^='/s/']").get_attribute("href")
    expect(page.locator("#shares")).to_contain_text("Its page is being made")
    wait_for(lambda: Share.objects.filter(status="done").exists())  # the worker makes the page and the PDF

    stranger = browser.new_context(base_url=live_server.url, viewport={"width": 1100, "height": 900})
    shared = stranger.new_page()
    shared.goto(link)
    cv = shared.frame_locator("iframe")
    expect(cv.get_by_role("heading", name="Alex Morgan")).to_be_visible()
    expect(cv.get_by_text("Northwind Payments").first).to_be_visible()
    shared.screenshot(path=artifacts_dir / "share.png")
    with shared.expect_download() as download:
        shared.get_by_role("link", name="Download PDF").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename == "alex-morgan-cv.pdf"
    stranger.close()

    page.reload()
    expect(page.locator("#shares")).to_contain_text("1 view · 1 download")
    page.locator("#shares").get_by_role("button", name="Revoke").click()
    gone = browser.new_context(base_url=live_server.url).new_page()
    assert gone.goto(link).status == 404
