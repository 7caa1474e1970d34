"""The staff side: support staff view and suspend but do not bill; billing staff change plans; content that breaks
the terms is removed with a reason its owner sees; every such action is in an audit log nobody can edit."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import Notice, StaffAction
from accounts.tests.factories import UserFactory
from accounts.tokens import token_create
from personas.models import Persona
from personas.services import persona_create
from templates_app.models import Template
from templates_app.tests.factories import TemplateFactory

pytestmark = pytest.mark.django_db


def _staff(role):
    staff = UserFactory(email=f"{role.lower()}@personaforge.example", is_staff=True)
    staff.groups.add(Group.objects.get(name=role))
    return staff


def _action(client, url, action, pks, reason):
    return client.post(url, {"action": action, "_selected_action": [str(pk) for pk in pks], "reason": reason})


def test_support_suspends_with_a_reason_and_the_account_is_shut_at_once(client, user):
    support = _staff("Support")
    _, raw = token_create(user=user, name="script")
    client.force_login(support)
    url = reverse("admin:accounts_user_changelist")
    _action(client, url, "suspend", [user.pk], "")
    user.refresh_from_db()
    assert user.is_active  # no reason, no suspension
    _action(client, url, "suspend", [user.pk], "Spam sent through shared pages")
    user.refresh_from_db()
    assert not user.is_active and user.suspended_reason == "Spam sent through shared pages"
    assert APIClient().get(reverse("api_me"), headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    entry = StaffAction.objects.get()
    assert (entry.staff_email, entry.action, entry.target) == (support.email, "suspend", user.email)
    _action(client, url, "reactivate", [user.pk], "Cleared after review")
    user.refresh_from_db()
    assert user.is_active and StaffAction.objects.count() == 2


def test_support_cannot_bill_and_billing_cannot_suspend(client, user):
    client.force_login(_staff("Support"))
    page = client.get(reverse("admin:accounts_user_change", args=[user.pk])).content.decode()
    assert 'name="plan"' not in page and "payments-TOTAL_FORMS" not in page  # the plan is shown, not changeable
    _action(client, reverse("admin:accounts_user_changelist"), "extend_trial", [user.pk], "goodwill")
    user.refresh_from_db()
    assert user.trial_ends_at is None

    client.force_login(_staff("Billing"))
    page = client.get(reverse("admin:accounts_user_change", args=[user.pk])).content.decode()
    assert 'name="plan"' in page and "payments-TOTAL_FORMS" in page
    _action(client, reverse("admin:accounts_user_changelist"), "suspend", [user.pk], "no")
    user.refresh_from_db()
    assert user.is_active


def test_content_that_breaks_the_terms_is_removed_and_its_owner_told_why(user):
    persona = persona_create(user=user, title="Totally legit CV")
    template = TemplateFactory(owner=user, name="Phishing page", type="cv", engine="jinja", body="x")
    client, owner_client = Client(), Client()
    owner_client.force_login(user)
    client.force_login(_staff("Support"))
    _action(client, reverse("admin:personas_persona_changelist"), "remove_for_terms", [persona.pk], "Impersonation")
    _action(client, reverse("admin:templates_app_template_changelist"), "remove_for_terms", [template.pk], "Phishing")
    assert not Persona.objects.filter(pk=persona.pk).exists() and not Template.objects.filter(pk=template.pk).exists()
    dashboard = owner_client.get(reverse("dashboard")).content.decode()
    assert "removed your persona “Totally legit CV” because it breaks our terms: Impersonation" in dashboard
    notice = Notice.objects.get(user=user, message__contains="Impersonation")
    owner_client.post(reverse("notice_dismiss", args=[notice.pk]))
    assert "Impersonation" not in owner_client.get(reverse("dashboard")).content.decode()
    assert set(StaffAction.objects.values_list("action", "reason")) == {
        ("remove", "Impersonation"),
        ("remove", "Phishing"),
    }


def test_nobody_edits_or_deletes_the_audit_log(client, staff_user, user):
    client.force_login(_staff("Support"))
    _action(client, reverse("admin:accounts_user_changelist"), "suspend", [user.pk], "Test")
    entry = StaffAction.objects.get()
    client.force_login(staff_user)  # a superuser
    assert client.post(reverse("admin:accounts_staffaction_delete", args=[entry.pk])).status_code == 403
    response = client.post(reverse("admin:accounts_staffaction_change", args=[entry.pk]), {"reason": "changed"})
    entry.refresh_from_db()
    assert response.status_code == 403 and entry.reason == "Test"


def test_staff_see_the_figures_per_day_and_others_do_not(client, staff_user, user):
    client.force_login(staff_user)
    page = client.get(reverse("staff_stats")).content.decode()
    assert "Active users" in page and "Sign-ups" in page and "AI cost" in page
    assert reverse("staff_stats") in client.get(reverse("admin:index")).content.decode()
    client.force_login(user)
    assert client.get(reverse("staff_stats")).status_code == 302  # to the admin's log-in


def test_billing_staff_cannot_raise_their_own_rights_or_set_a_password(client, staff_user):
    billing = _staff("Billing")
    client.force_login(billing)
    page = client.get(reverse("admin:accounts_user_change", args=[billing.pk])).content.decode()
    assert 'name="is_superuser"' not in page and 'name="groups"' not in page
    url = reverse("admin:auth_user_password_change", args=[staff_user.pk])
    assert client.post(url, {"password1": "x-Very-long-1", "password2": "x-Very-long-1"}).status_code == 403
    billing.refresh_from_db()
    assert not billing.is_superuser
