from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.http import AuthedRequest
from personas import services
from personas.forms import PersonaCreateForm
from personas.selectors import persona_get_for_user


@login_required
@require_http_methods(["GET", "POST"])
def persona_new(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        form = PersonaCreateForm(request.POST, user=request.user)
    else:
        form = PersonaCreateForm(user=request.user, initial={"base_cv": request.GET.get("cv")})
    if form.is_bound and form.is_valid():
        persona = services.persona_create(user=request.user, **form.cleaned_data)
        return redirect("persona_detail", pk=persona.pk)
    return render(request, "personas/persona_new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def persona_detail(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    versions = persona.versions.select_related("created_by")[:20]
    return render(request, "personas/persona_detail.html", {"persona": persona, "versions": versions})
