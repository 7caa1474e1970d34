import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.tests.mail import deliver_queued

pytestmark = pytest.mark.django_db


SIGNUP = {"password1": "a-long-passphrase-9", "password2": "a-long-passphrase-9"}


def test_it_signs_up_with_email_only_confirms_the_address_and_lands_on_the_dashboard(client):
    response = client.post(reverse("account_signup"), {"email": "New.Person@Example.com", **SIGNUP})
    assert response.status_code == 302 and response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email__iexact="new.person@example.com")
    assert user.plan == "free"
    assert client.get(reverse("dashboard")).status_code == 302  # not in before the address is confirmed

    assert deliver_queued() == 1
    link = next(word for word in mail.outbox[0].body.split() if "/accounts/confirm-email/" in word)
    client.post(link.split("testserver", 1)[1])
    response = client.post(
        reverse("account_login"), {"login": "new.person@example.com", "password": "a-long-passphrase-9"}
    )
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_signing_up_with_an_address_that_has_an_account_looks_like_any_sign_up(client, user):
    taken = client.post(reverse("account_signup"), {"email": user.email.upper(), **SIGNUP})
    new = Client().post(reverse("account_signup"), {"email": "fresh@example.com", **SIGNUP})
    assert (
        (taken.status_code, taken.url)
        == (new.status_code, new.url)
        == (302, reverse("account_email_verification_sent"))
    )
    assert User.objects.filter(email__iexact=user.email).count() == 1
    deliver_queued()
    to_owner = next(message for message in mail.outbox if message.to == [user.email])
    assert "already" in to_owner.body  # the owner learns someone tried; the person signing up learns nothing


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
