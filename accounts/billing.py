"""Billing behind one seam, like the LLM layer: `BILLING_BACKEND` names the backend.

- `accounts.billing.ManualBilling` (the default): staff set plans, record payments and grant credits in the admin;
  users see how to ask for a plan.
- `accounts.billing.StripeBilling`: Checkout for Pro and Team, the customer portal, and webhooks that change the
  plan. A webhook's signature is verified before anything is read, and each event is kept by its id, so a replay
  (or Stripe's own retry of an event we handled) changes nothing.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

from accounts.models import BillingEvent, Plan, PlanChange, User
from accounts.services import payment_record, plan_change


class BillingError(Exception):
    """The billing backend refused or failed; `retryable` says whether trying again may help."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class ManualBilling:
    name = "manual"
    self_service = False  # plans are set by staff

    def checkout_url(self, *, user: User, plan: str, return_url: str) -> str:
        raise BillingError("Plans are set by our staff: write to us and we will change yours.")

    def portal_url(self, *, user: User, return_url: str) -> str:
        raise BillingError("Payments are handled by our staff: write to us about yours.")

    def handle_webhook(self, *, payload: bytes, signature: str) -> None:
        raise BillingError("This installation takes no billing webhooks.")


class StripeBilling:
    name = "stripe"
    self_service = True

    def __init__(self) -> None:
        import stripe

        self.stripe = stripe
        addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else {}
        self.client = stripe.StripeClient(settings.STRIPE_SECRET_KEY or "", base_addresses=addresses)  # type: ignore[arg-type]

    def checkout_url(self, *, user: User, plan: str, return_url: str) -> str:
        price = settings.STRIPE_PRICES.get(plan)
        if not price:
            raise BillingError("This plan cannot be bought online.")
        params: dict[str, Any] = {
            "mode": "subscription",
            "line_items": [{"price": price, "quantity": 1}],
            "client_reference_id": str(user.pk),
            "metadata": {"plan": plan},
            "success_url": f"{return_url}?paid=1",
            "cancel_url": return_url,
        }
        if user.billing_customer:
            params["customer"] = user.billing_customer
        else:
            params["customer_email"] = user.email
        try:
            return str(self.client.v1.checkout.sessions.create(params=params).url)  # type: ignore[arg-type]
        except self.stripe.StripeError as error:
            message = f"The payment page could not be opened: {error.user_message or error}"
            raise BillingError(message, retryable=True) from error

    def portal_url(self, *, user: User, return_url: str) -> str:
        if not user.billing_customer:
            raise BillingError("There is nothing to manage yet: you have not paid online.")
        try:
            session = self.client.v1.billing_portal.sessions.create(
                params={"customer": user.billing_customer, "return_url": return_url}
            )
        except self.stripe.StripeError as error:
            message = f"The billing page could not be opened: {error.user_message or error}"
            raise BillingError(message, retryable=True) from error
        return str(session.url)

    def handle_webhook(self, *, payload: bytes, signature: str) -> None:
        try:
            self.stripe.WebhookSignature.verify_header(
                payload.decode(), signature, settings.STRIPE_WEBHOOK_SECRET, tolerance=300
            )
            event = json.loads(payload)
        except (self.stripe.SignatureVerificationError, UnicodeDecodeError, ValueError):
            raise BillingError("The webhook's signature does not match.") from None
        if not isinstance(event, dict) or not isinstance(event.get("id"), str):
            raise BillingError("The webhook is not an event.")
        try:
            with transaction.atomic():
                BillingEvent.objects.create(
                    provider=self.name, event_id=event["id"], type=str(event.get("type", "")), payload=event
                )
                _apply_stripe_event(event)
        except IntegrityError:
            return  # handled before: a replay, or Stripe retrying an event we answered late


def _apply_stripe_event(event: dict[str, Any]) -> None:
    kind, thing = event.get("type"), (event.get("data") or {}).get("object") or {}
    customer = str(thing.get("customer") or "")
    by_customer = User.objects.filter(billing_customer=customer).first() if customer else None
    if kind == "checkout.session.completed":
        user_id = _uuid_or_none(thing.get("client_reference_id"))
        user = User.objects.filter(pk=user_id).first() if user_id else None
        plan = (thing.get("metadata") or {}).get("plan")
        if user is None or plan not in (Plan.PRO, Plan.TEAM):
            return
        if thing.get("customer"):
            user.billing_customer = str(thing["customer"])
            user.save(update_fields=["billing_customer", "updated_at"])
        plan_change(
            user=user,
            plan=plan,
            source=PlanChange.Source.BILLING,
            by=None,
            reason=f"Paid online (Stripe checkout {thing.get('id', '')})",
        )
        # The money itself arrives as invoice.paid, the first payment and every renewal alike.
    elif kind == "customer.subscription.deleted" and by_customer is not None and by_customer.plan != Plan.FREE:
        plan_change(
            user=by_customer,
            plan=Plan.FREE,
            source=PlanChange.Source.BILLING,
            by=None,
            reason="The subscription ended (Stripe); everything is kept",
        )
    elif kind == "invoice.paid" and by_customer is None and thing.get("amount_paid"):
        # Stripe does not promise order: the checkout that names this customer may come later. Not keeping the
        # event makes Stripe send it again, by when the customer is known.
        raise BillingError("This customer is not known yet; send the event again later.", retryable=True)
    elif kind == "invoice.paid" and by_customer is not None and thing.get("amount_paid"):
        payment_record(
            user=by_customer,
            amount_cents=int(thing["amount_paid"]),
            currency=str(thing.get("currency", "eur")),
            note="Stripe invoice",
            by=None,
            external_id=str(thing.get("id", "")),
        )


def _uuid_or_none(value: Any) -> str | None:
    import uuid

    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


@cache
def billing_backend() -> ManualBilling | StripeBilling:
    return import_string(settings.BILLING_BACKEND)()
