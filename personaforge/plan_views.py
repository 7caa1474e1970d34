"""The plan page: the user's plan, what it allows, and what this month used of it across the apps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.billing import billing_backend
from accounts.http import AuthedRequest
from accounts.limits import PLANS
from accounts.models import Plan
from personaforge.usage import usage_for
from personas.activity import personas_by_activity


@login_required
@require_GET
def plan_page(request: AuthedRequest) -> HttpResponse:
    if request.GET.get("paid") == "1":
        messages.success(request, "Thank you. Your plan changes as soon as the payment is confirmed (a few seconds).")
    usage = usage_for(user=request.user)
    over = usage.limits.personas is not None and usage.personas > usage.limits.personas
    context = {
        "usage": usage,
        "plans": [(plan, PLANS[plan]) for plan in Plan],
        "backend": billing_backend(),
        "changes": request.user.plan_changes.all()[:10],
        # above the plan's personas (after a downgrade): which stay active is the user's choice
        "personas": personas_by_activity(user=request.user) if over else None,
    }
    return render(request, "personaforge/plan.html", context)
