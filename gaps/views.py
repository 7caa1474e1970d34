from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthedRequest
from gaps.forms import FitForm
from gaps.jobtext import JobTextRefused
from gaps.selectors import fit_page_for_persona
from gaps.services import gap_fit_request, gap_review_request, posting_create
from personas.models import Persona
from personas.selectors import persona_get_for_user
from personas.services import persona_latest_number


@login_required
@require_POST
def gap_review_create(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    gap_review_request(persona=persona, by=request.user)
    return redirect(reverse("persona_detail", args=[persona.pk]) + "#feedback")


@login_required
@require_http_methods(["GET", "POST"])
def gap_fit(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The persona's fit to jobs: check a new or saved job, and read the reports."""
    persona = persona_get_for_user(user=request.user, pk=pk)
    if request.method == "GET":
        return _fit_page(request, persona, FitForm(user=request.user))
    form = FitForm(request.POST, user=request.user)
    if not form.is_valid():
        return _fit_page(request, persona, form, status=400)
    posting = form.cleaned_data["posting"]
    if posting is None:
        try:
            posting = posting_create(
                user=request.user, **{key: form.cleaned_data[key] for key in ("title", "company", "location")},
                description=form.cleaned_data["description"],
            )  # fmt: skip
        except JobTextRefused as refused:
            form.add_error("description", str(refused))
            return _fit_page(request, persona, form, status=400)
    report, _job = gap_fit_request(persona=persona, posting=posting, by=request.user)
    return redirect(f"{reverse('gap_fit', args=[persona.pk])}?report={report.pk}")


def _fit_page(request: AuthedRequest, persona: Persona, form: FitForm, status: int = 200) -> HttpResponse:
    try:
        shown = uuid.UUID(request.GET["report"]) if "report" in request.GET else None
    except ValueError:
        shown = None
    page = fit_page_for_persona(persona=persona, report_pk=shown)
    context = {"persona": persona, "form": form, "page": page, "latest": persona_latest_number(persona)}
    return render(request, "gaps/fit.html", context, status=status)
