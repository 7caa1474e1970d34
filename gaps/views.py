from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.http import AuthedRequest
from gaps.services import gap_review_request
from personas.selectors import persona_get_for_user


@login_required
@require_POST
def gap_review_create(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    gap_review_request(persona=persona, by=request.user)
    return redirect(reverse("persona_detail", args=[persona.pk]) + "#feedback")
