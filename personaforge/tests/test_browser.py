"""A person in headless Chromium: sign up, confirm the address, see the dashboard, log out, log back in."""

import re

import pytest
from playwright.sync_api import expect

from conftest import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("celery_worker")
def test_sign_up_log_out_and_log_in(page, artifacts_dir, worker_outbox):
    page.goto("/")
    page.get_by_role("link", name="Create a free account").click()
    page.get_by_label("Email:").fill("maria@example.com")
    page.get_by_label("Password:", exact=True).fill("a-long-passphrase-9")
    page.get_by_label("Password (again):").fill("a-long-passphrase-9")
    page.get_by_role("button", name="Sign Up").click()
    _confirm_address(page, "maria@example.com", worker_outbox)

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


@pytest.mark.usefixtures("celery_worker")
def test_the_dashboard_fits_a_phone(page, artifacts_dir, live_server, worker_outbox):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/signup/")
    page.get_by_label("Email:").fill("phone@example.com")
    page.get_by_label("Password:", exact=True).fill("a-long-passphrase-9")
    page.get_by_label("Password (again):").fill("a-long-passphrase-9")
    page.get_by_role("button", name="Sign Up").click()
    _confirm_address(page, "phone@example.com", worker_outbox)
    expect(page.get_by_text("No personas yet.")).to_be_visible()
    no_sideways_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_sideways_scroll
    page.screenshot(path=artifacts_dir / "dashboard-phone.png", full_page=True)


def _confirm_address(page, address, outbox):
    """Follow the link of the confirmation email (sent by the worker), as a new user does before their first visit."""
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    def confirmation_link():
        mails = [path.read_text() for path in outbox.iterdir()]
        links = (re.search(r"http\S+/accounts/confirm-email/\S+", text) for text in mails if f"To: {address}" in text)
        return next((link.group(0) for link in links if link), None)

    page.goto(wait_for(confirmation_link))
    page.get_by_role("button", name="Confirm").click()
