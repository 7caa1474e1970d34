import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_it_needs_authentication(api):
    response = api.get(reverse("api_me"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_returns_the_session_user(api, user):
    api.force_login(user)
    body = api.get(reverse("api_me")).json()
    assert body["email"] == user.email
    assert body["plan"] == "free"
    assert body["id"] == str(user.id)


def test_it_accepts_a_bearer_jwt_from_the_token_endpoint(api, user):
    tokens = api.post(reverse("api_token"), {"email": user.email, "password": "correct-horse-battery"}).json()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    assert api.get(reverse("api_me")).json()["email"] == user.email
    refreshed = api.post(reverse("api_token_refresh"), {"refresh": tokens["refresh"]})
    assert refreshed.status_code == 200 and refreshed.json()["access"]


def test_it_rejects_a_forged_token(api, user):
    api.credentials(HTTP_AUTHORIZATION="Bearer not.a.token")
    assert api.get(reverse("api_me")).status_code == 401


def test_it_refuses_a_token_for_a_wrong_password(api, user):
    assert api.post(reverse("api_token"), {"email": user.email, "password": "nope"}).status_code == 401


def test_it_updates_the_name(api, user):
    api.force_login(user)
    response = api.patch(reverse("api_me"), {"name": "  Ada Lovelace "}, format="json")
    assert response.json()["name"] == "Ada Lovelace"
    user.refresh_from_db()
    assert user.name == "Ada Lovelace"


def test_it_rejects_a_malformed_body_with_400(api, user):
    api.force_login(user)
    response = api.patch(reverse("api_me"), data="{not json", content_type="application/json")
    assert response.status_code == 400


def test_the_wrong_method_gets_405(api, user):
    api.force_login(user)
    assert api.delete(reverse("api_me")).status_code == 405


def test_the_openapi_schema_and_docs_are_served(client):
    schema = client.get(reverse("api_schema"))
    assert schema.status_code == 200
    assert b"/api/v1/me" in schema.content
    assert client.get(reverse("api_docs")).status_code == 200


def test_password_guessing_at_the_token_endpoint_is_throttled(api, user, settings):
    guesses = [api.post(reverse("api_token"), {"email": f"u{n}@example.com", "password": "guess"}) for n in range(11)]
    assert [g.status_code for g in guesses[:10]] == [401] * 10
    assert guesses[10].status_code == 429
