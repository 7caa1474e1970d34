import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.tests.mail import deliver_queued

pytestmark = pytest.mark.django_db


def test_it_signs_up_with_email_only_and_lands_on_the_dashboard(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "New.Person@Example.com", "password1": "a-long-passphrase-9", "password2": "a-long-passphrase-9"},
    )
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    user = User.objects.get(email__iexact="new.person@example.com")
    assert user.plan == "free"
    assert client.get(reverse("dashboard")).status_code == 200


def test_it_refuses_an_email_already_used_in_another_case(client, user):
    response = client.post(
        reverse("account_signup"),
        {"email": user.email.upper(), "password1": "a-long-passphrase-9", "password2": "a-long-passphrase-9"},
    )
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert User.objects.filter(email__iexact=user.email).count() == 1


def test_it_logs_in_whatever_the_case_of_the_email(client, user):
    response = client.post(reverse("account_login"), {"login": user.email.upper(), "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).context["user"] == user


def test_it_rejects_a_wrong_password_with_a_message(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_it_logs_out_on_post(owner_client):
    response = owner_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert owner_client.get(reverse("dashboard")).status_code == 302


def test_it_emails_a_password_reset_link_that_works(client, user):
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert mail.outbox == [] and deliver_queued() == 1  # sent by the worker, not inside the request
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email] and "List-Unsubscribe" not in mail.outbox[0].extra_headers
    link = next(word for word in mail.outbox[0].body.split() if "/accounts/password/reset/key/" in word)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": "brand-new-passphrase-7", "password2": "brand-new-passphrase-7"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand-new-passphrase-7")


def test_the_dashboard_needs_a_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
