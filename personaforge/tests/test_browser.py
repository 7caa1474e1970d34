"""A person in headless Chromium: sign up, see the dashboard, log out, log back in."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_log_out_and_log_in(page, artifacts_dir):
    page.goto("/")
    page.get_by_role("link", name="Create a free account").click()
    page.get_by_label("Email:").fill("maria@example.com")
    page.get_by_label("Password:", exact=True).fill("a-long-passphrase-9")
    page.get_by_label("Password (again):").fill("a-long-passphrase-9")
    page.get_by_role("button", name="Sign Up").click()

    expect(page.get_by_role("heading", name="Hello, maria")).to_be_visible()
    expect(page.get_by_text("No CV yet.")).to_be_visible()
    page.screenshot(path=artifacts_dir / "dashboard-empty.png", full_page=True)

    page.get_by_role("button", name="Log out").click()
    nav = page.get_by_role("navigation", name="Account")
    expect(nav.get_by_role("link", name="Log in")).to_be_visible()

    nav.get_by_role("link", name="Log in").click()
    page.get_by_label("Email:").fill("maria@example.com")
    page.get_by_label("Password:").fill("a-long-passphrase-9")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Hello, maria")).to_be_visible()


def test_the_dashboard_fits_a_phone(page, artifacts_dir, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/signup/")
    page.get_by_label("Email:").fill("phone@example.com")
    page.get_by_label("Password:", exact=True).fill("a-long-passphrase-9")
    page.get_by_label("Password (again):").fill("a-long-passphrase-9")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_text("No personas yet.")).to_be_visible()
    no_sideways_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_sideways_scroll
    page.screenshot(path=artifacts_dir / "dashboard-phone.png", full_page=True)
