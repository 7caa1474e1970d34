"""A Pro user in Chromium writes a template and watches the preview follow what they type."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from personas.tests.factories import demo_persona

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_write_a_template_with_a_live_preview(page, artifacts_dir):
    user = UserFactory(email="pro@example.com", plan="pro")
    demo_persona(user)
    page.goto("/accounts/login/")
    page.get_by_label("Email:").fill("pro@example.com")
    page.get_by_label("Password:").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Templates").click()
    page.get_by_label("Name").fill("One line")
    page.get_by_role("button", name="New template").click()
    preview = page.frame_locator("iframe.template-preview")
    expect(preview.get_by_role("heading", name="Alex Morgan")).to_be_visible()
    page.screenshot(path=artifacts_dir / "template-editor.png", full_page=True)
    page.get_by_label("Template").fill("# {{ basics.name }} ({{ basics.label }})\n\n{{ sections|length }} sections")
    page.get_by_label("Template").press("End")
    expect(preview.get_by_role("heading", name="Alex Morgan (Backend engineer)")).to_be_visible()
    page.get_by_label("Template").fill("{% for %}")
    page.get_by_label("Template").press("End")
    expect(page.locator("#preview")).to_contain_text("Line 1")
