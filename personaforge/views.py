from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRefresh

from accounts.http import AuthedRequest
from cvs.selectors import cv_list_for_user
from gaps.selectors import follow_ups_for_user, persona_cards_for_user
from llm.errors import LLMError
from personaforge.core.jobs import job_get_for_user
from personaforge.health import health_report
from personaforge.search import search_for_user, semantic_search_for_user


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "personaforge/home.html")


@login_required
@require_GET
def dashboard(request: AuthedRequest) -> HttpResponse:
    context = {
        "cvs": cv_list_for_user(user=request.user)[:50],
        "personas": persona_cards_for_user(user=request.user),
        "follow_ups": list(follow_ups_for_user(user=request.user)[:10]),
        "today": timezone.localdate(),
        "notices": request.user.notices.filter(dismissed_at=None)[:5],
    }
    return render(request, "personaforge/dashboard.html", context)


@login_required
@require_GET
def search(request: AuthedRequest) -> HttpResponse:
    q, mode = request.GET.get("q", ""), request.GET.get("mode", "words")
    if mode == "meaning":
        try:
            context = {"q": q, "mode": mode, "results": semantic_search_for_user(user=request.user, text=q)}
        except LLMError as error:
            context = {"q": q, "mode": mode, "unavailable": f"Search by meaning is unavailable right now: {error}"}
    else:
        context = {"q": q, "mode": "words", "hits": search_for_user(user=request.user, q=q)}
    return render(request, "personaforge/search.html", context)


@login_required
@require_GET
@never_cache
@vary_on_headers("HX-Request")
def background_job_status(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The progress fragment a page polls; once the work is over, the page reloads to show the result."""
    background_job = job_get_for_user(user=request.user, pk=pk)
    if request.htmx and background_job.is_finished and request.GET.get("reload") == "1":
        return HttpResponseClientRefresh()
    return render(request, "background_job.html#progress", {"background_job": background_job})


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    report = health_report()
    # The web tier needs its database and broker; a missing worker is reported, not fatal.
    healthy = report["database"] == "ok" and report["broker"] == "ok"
    return JsonResponse(report, status=200 if healthy else 503)
