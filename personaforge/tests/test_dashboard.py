import pytest
from django.urls import reverse

from cvs.tests.factories import CVFactory
from personas.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_invites_anonymous_visitors_to_sign_up(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert reverse("account_signup") in response.content.decode()


def test_the_home_page_sends_a_signed_in_user_to_the_dashboard(owner_client):
    assert owner_client.get(reverse("home")).url == reverse("dashboard")


def test_a_new_user_sees_what_to_do_next(owner_client):
    page = owner_client.get(reverse("dashboard")).content.decode()
    assert "No CV yet" in page
    assert "No personas yet" in page
    assert reverse("cv_upload") in page


def test_it_lists_only_the_users_own_cvs_and_personas(owner_client, user, other_user):
    CVFactory(user=user, filename="mine.pdf")
    PersonaFactory(user=user, title="Data consultant")
    CVFactory(user=other_user, filename="theirs.pdf")
    PersonaFactory(user=other_user, title="Their persona")
    page = owner_client.get(reverse("dashboard")).content.decode()
    assert "mine.pdf" in page and "Data consultant" in page
    assert "theirs.pdf" not in page and "Their persona" not in page


def test_the_dashboard_refuses_post(owner_client):
    assert owner_client.post(reverse("dashboard")).status_code == 405
