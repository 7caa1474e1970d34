"""Logging in to the API: guesses are counted per real client and per account, and tokens end when they should."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # the factory's


@pytest.fixture
def api():
    return APIClient()


def _token(api, user, password=PASSWORD, **headers):
    return api.post(reverse("api_token"), {"email": user.email, "password": password}, **headers)


def _guess(api, n, **headers):
    """A guess at someone's account (a different one each time, so no account's own lockout is reached)."""
    return api.post(reverse("api_token"), {"email": f"someone{n}@example.com", "password": "guess"}, **headers)


def test_a_forwarded_for_header_of_the_clients_choosing_does_not_reset_the_count(api):
    guesses = [_guess(api, n, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}") for n in range(11)]
    assert [guess.status_code for guess in guesses[:10]] == [401] * 10
    assert guesses[10].status_code == 429


def test_behind_a_trusted_proxy_each_client_is_counted_on_its_own(api, user, settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    # The proxy appends the address it saw; whatever the client wrote before that is not believed.
    for n in range(10):
        assert _guess(api, n, HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 198.51.100.7").status_code == 401
    assert _guess(api, 10, HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.7").status_code == 429
    assert _token(api, user, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200


def test_failed_guesses_from_many_addresses_lock_the_account_as_the_login_page_does(api, user):
    for n in range(5):
        assert _token(api, user, f"guess-{n}", REMOTE_ADDR=f"192.0.2.{n}").status_code == 401
    locked = _token(api, user, REMOTE_ADDR="192.0.2.99")
    assert locked.status_code == 429 and "Too many failed log-in attempts" in locked.json()["detail"]


def test_an_account_locked_on_the_login_page_gets_no_token_with_the_right_password(api, client, user):
    for n in range(5):
        client.post(
            reverse("account_login"), {"login": user.email, "password": f"guess-{n}"}, REMOTE_ADDR=f"192.0.2.{n}"
        )
    page = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.50")
    assert "Too many failed login attempts" in page.content.decode()
    assert _token(api, user, REMOTE_ADDR="192.0.2.51").status_code == 429


def test_a_password_change_ends_every_token_issued_before_it(api, user):
    tokens = _token(api, user).json()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    assert api.get(reverse("api_me")).status_code == 200
    user.set_password("a-brand-new-passphrase-3")
    user.save(update_fields=["password"])

    refused = api.get(reverse("api_me"))
    assert refused.status_code == 401 and "password changed" in refused.json()["detail"]
    assert api.post(reverse("api_token_refresh"), {"refresh": tokens["refresh"]}).status_code == 401
    api.credentials()
    fresh = _token(api, user, "a-brand-new-passphrase-3").json()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {fresh['access']}")
    assert api.get(reverse("api_me")).status_code == 200


def test_a_refresh_token_works_once(api, user):
    first = _token(api, user).json()["refresh"]
    rotated = api.post(reverse("api_token_refresh"), {"refresh": first})
    assert rotated.status_code == 200 and rotated.json()["refresh"] != first
    assert api.post(reverse("api_token_refresh"), {"refresh": first}).status_code == 401
    assert api.post(reverse("api_token_refresh"), {"refresh": rotated.json()["refresh"]}).status_code == 200


def test_logging_out_ends_the_refresh_token(api, user):
    refresh = _token(api, user).json()["refresh"]
    assert api.post(reverse("api_logout"), {"refresh": refresh}).status_code == 200
    assert api.post(reverse("api_token_refresh"), {"refresh": refresh}).status_code == 401
    assert api.post(reverse("api_logout"), {"refresh": refresh}).status_code == 401
    assert api.post(reverse("api_logout"), {"refresh": "forged"}).status_code == 401


def test_an_address_not_yet_confirmed_gets_no_token(api, user):
    user.emailaddress_set.update(verified=False)
    refused = _token(api, user)
    assert refused.status_code == 401 and "Confirm your email address" in refused.json()["detail"]
