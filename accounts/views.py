"""The plan page (usage, and how to change plan), and the billing backend's webhook."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts.billing import BillingError, StripeBilling, billing_backend
from accounts.http import AuthedRequest
from accounts.limits import PLANS
from accounts.models import Plan
from accounts.selectors import usage_for


@login_required
@require_GET
def plan_page(request: AuthedRequest) -> HttpResponse:
    if request.GET.get("paid") == "1":
        messages.success(request, "Thank you. Your plan changes as soon as the payment is confirmed (a few seconds).")
    context = {
        "usage": usage_for(user=request.user), "plans": [(plan, PLANS[plan]) for plan in Plan],
        "backend": billing_backend(), "changes": request.user.plan_changes.all()[:10],
    }  # fmt: skip
    return render(request, "accounts/plan.html", context)


@login_required
@require_POST
def plan_checkout(request: AuthedRequest) -> HttpResponse:
    """To the billing backend's payment page for Pro or Team."""
    plan = request.POST.get("plan", "")
    if plan not in (Plan.PRO, Plan.TEAM):
        messages.error(request, "Choose Pro or Team.")
        return redirect("plan")
    try:
        return redirect(billing_backend().checkout_url(user=request.user, plan=plan, return_url=_back(request)))
    except BillingError as error:
        messages.error(request, str(error))
        return redirect("plan")


@login_required
@require_POST
def plan_portal(request: AuthedRequest) -> HttpResponse:
    """To the billing backend's page for invoices, card and cancelling."""
    try:
        return redirect(billing_backend().portal_url(user=request.user, return_url=_back(request)))
    except BillingError as error:
        messages.error(request, str(error))
        return redirect("plan")


@csrf_exempt  # signed by the billing backend instead
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    backend = billing_backend()
    if not isinstance(backend, StripeBilling):
        return HttpResponse("No billing webhooks here.", status=404, content_type="text/plain")
    try:
        backend.handle_webhook(payload=request.body, signature=request.headers.get("Stripe-Signature", ""))
    except BillingError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def _back(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("plan"))
