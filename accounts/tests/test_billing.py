"""Plans and billing: every change recorded with who and why, staff tools in the admin, and Stripe's webhooks
verified and applied once. Stripe is never called: webhooks are signed here, and Checkout talks to a loopback
stand-in for Stripe's API through the real SDK."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.billing import billing_backend
from accounts.limits import limits_for
from accounts.models import BillingEvent, Payment, PlanChange
from accounts.services import plan_change
from personas.models import Persona
from personas.services import persona_create

pytestmark = pytest.mark.django_db
SECRET = "whsec_test_secret"


@pytest.fixture
def stripe(settings):
    settings.BILLING_BACKEND = "accounts.billing.StripeBilling"
    settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET = "sk_test_local", SECRET
    settings.STRIPE_PRICES = {"pro": "price_pro", "team": "price_team"}
    billing_backend.cache_clear()
    yield
    billing_backend.cache_clear()


def _signed(event, secret=SECRET, at=None):
    payload = json.dumps(event)
    stamp = int(at or time.time())
    signature = hmac.new(secret.encode(), f"{stamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return payload, f"t={stamp},v1={signature}"


def _post(client, event, **signing):
    payload, header = _signed(event, **signing)
    return client.post(
        reverse("stripe_webhook"), payload, content_type="application/json", headers={"Stripe-Signature": header}
    )


def _paid(user, event_id="evt_1"):
    return {
        "id": event_id,
        "type": "checkout.session.completed",
        "data": {
            "object": {
                "id": "cs_1",
                "client_reference_id": str(user.pk),
                "customer": "cus_1",
                "metadata": {"plan": "pro"},
            }
        },
    }


def test_a_plan_change_is_recorded_and_a_downgrade_deletes_nothing(user, staff_user):
    persona_create(user=user, title="One")
    plan_change(user=user, plan="pro", source="staff", by=staff_user, reason="Invoice 2026-12 paid")
    persona_create(user=user, title="Two")
    plan_change(user=user, plan="free", source="staff", by=staff_user, reason="Did not renew")
    assert Persona.objects.filter(user=user).count() == 2  # above Free's limit, and kept
    assert [(c.old_plan, c.new_plan, c.by) for c in user.plan_changes.all()] == [
        ("pro", "free", staff_user),
        ("free", "pro", staff_user),
    ]
    assert plan_change(user=user, plan="free", source="staff", by=staff_user, reason="again") is None


def test_stripe_checkout_then_a_signed_webhook_makes_the_plan_pro(client, owner_client, user, stripe, settings):
    calls = []

    class FakeStripe(BaseHTTPRequestHandler):
        def do_POST(self):
            calls.append((self.path, self.rfile.read(int(self.headers["Content-Length"])).decode()))
            body = json.dumps({"id": "cs_1", "object": "checkout.session", "url": "https://pay.example/cs_1"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeStripe)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{server.server_port}"
    billing_backend.cache_clear()
    try:
        response = owner_client.post(reverse("plan_checkout"), {"plan": "pro"})
    finally:
        server.shutdown()
    assert response.status_code == 302 and response["Location"] == "https://pay.example/cs_1"
    path, form = calls[0]
    assert path == "/v1/checkout/sessions" and "price_pro" in form and str(user.pk) in form

    assert _post(client, _paid(user)).status_code == 200
    user.refresh_from_db()
    assert user.plan == "pro" and user.billing_customer == "cus_1"
    change = user.plan_changes.get()
    assert change.source == "billing" and change.by is None and "cs_1" in change.reason


def test_a_replayed_webhook_changes_nothing_and_a_forged_one_is_refused(client, user, stripe):
    assert _post(client, _paid(user)).status_code == 200
    paid = {"id": "in_1", "customer": "cus_1", "amount_paid": 1200, "currency": "eur"}
    invoice = {"id": "evt_2", "type": "invoice.paid", "data": {"object": paid}}
    for _ in range(2):
        assert _post(client, invoice).status_code == 200
        assert _post(client, _paid(user)).status_code == 200
    assert PlanChange.objects.count() == 1 and Payment.objects.get().amount_cents == 1200
    assert BillingEvent.objects.count() == 2

    forged = {
        **_paid(user, "evt_3"),
        "data": {"object": {**_paid(user)["data"]["object"], "metadata": {"plan": "team"}}},
    }
    assert _post(client, forged, secret="whsec_guessed").status_code == 400
    assert _post(client, forged, at=time.time() - 3600).status_code == 400  # an old signature: a replay
    response = client.post(reverse("stripe_webhook"), "{}", content_type="application/json")
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.plan == "pro" and not BillingEvent.objects.filter(event_id="evt_3").exists()


def test_a_cancelled_subscription_returns_to_free_and_keeps_everything(client, user, stripe):
    _post(client, _paid(user))
    persona_create(user=user, title="Second")
    cancelled = {"id": "evt_9", "type": "customer.subscription.deleted", "data": {"object": {"customer": "cus_1"}}}
    assert _post(client, cancelled).status_code == 200
    user.refresh_from_db()
    assert user.plan == "free" and Persona.objects.filter(user=user).count() == 1
    unknown = {
        "id": "evt_10",
        "type": "checkout.session.completed",
        "data": {"object": {"client_reference_id": "not-a-user", "metadata": {"plan": "pro"}}},
    }
    assert _post(client, unknown).status_code == 200  # nothing to do, and said so to Stripe


def test_manual_billing_has_no_checkout_and_no_webhook(owner_client, client):
    response = owner_client.post(reverse("plan_checkout"), {"plan": "pro"}, follow=True)
    assert "Plans are set by our staff" in response.content.decode()
    assert client.post(reverse("stripe_webhook"), "{}", content_type="application/json").status_code == 404


def test_the_plan_page_shows_usage_beside_the_limits(owner_client, user):
    persona_create(user=user, title="One")
    page = owner_client.get(reverse("plan")).content.decode()
    assert "Your plan: Free" in page and "1 of 1" in page and "0 of 5" in page and "write to us" in page


def test_staff_change_a_plan_with_a_reason_record_a_payment_and_extend_a_trial(client, staff_user, user):
    client.force_login(staff_user)
    url = reverse("admin:accounts_user_change", args=[user.pk])
    page = client.get(url)
    form = {key: value for key, value in page.context["adminform"].form.initial.items() if value is not None}
    base = {**{k: v for k, v in form.items() if k in ("email", "name", "is_active")}, "plan": "pro", "date_joined": ""}
    inlines = {}
    for prefix in ("plan_changes", "payments", "credits"):
        inlines.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, {**base, **inlines, "plan_reason": ""})
    assert response.status_code == 200 and "Say why the plan changes" in response.content.decode()
    user.refresh_from_db()
    assert user.plan == "free"

    payment = {
        "payments-TOTAL_FORMS": "1",
        "payments-0-amount_cents": "4900",
        "payments-0-currency": "EUR",
        "payments-0-note": "Bank transfer, invoice 17",
    }
    response = client.post(url, {**base, **inlines, **payment, "plan_reason": "Paid invoice 17"})
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    change = user.plan_changes.get()
    assert user.plan == "pro" and change.by == staff_user and change.reason == "Paid invoice 17"
    assert Payment.objects.get().recorded_by == staff_user

    user.plan = "free"
    user.save()
    client.post(reverse("admin:accounts_user_changelist"), {"action": "extend_trial", "_selected_action": [user.pk]})
    user.refresh_from_db()
    assert user.trial_ends_at > timezone.now() and limits_for(user).tailoring
    assert client.post(reverse("admin:accounts_planchange_delete", args=[change.pk])).status_code == 403


def test_a_payment_before_its_checkout_is_sent_again_by_stripe_and_then_kept(client, user, stripe):
    paid = {"id": "in_7", "customer": "cus_1", "amount_paid": 4900, "currency": "eur"}
    invoice = {"id": "evt_7", "type": "invoice.paid", "data": {"object": paid}}
    assert _post(client, invoice).status_code == 400  # the customer is not known yet: Stripe retries
    assert not BillingEvent.objects.filter(event_id="evt_7").exists()
    _post(client, _paid(user))
    assert _post(client, invoice).status_code == 200
    assert Payment.objects.get(user=user).amount_cents == 4900
