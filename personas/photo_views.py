"""A persona's photo: shown to its owner, set and removed (templates with a photo show it when asked)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthedRequest
from personas.photos import PhotoRefused, persona_photo_remove, persona_photo_set
from personas.selectors import persona_get_for_user


@login_required
@require_GET
def persona_photo(request: AuthedRequest, pk: uuid.UUID) -> FileResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    if not persona.photo:
        raise Http404("No photo.")
    return FileResponse(persona.photo.open("rb"), content_type="image/jpeg")


@login_required
@require_POST
def persona_photo_change(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """Upload a photo (the `photo` file), or remove it (`remove`); back to where the form was."""
    persona = persona_get_for_user(user=request.user, pk=pk)
    if "remove" in request.POST:
        persona_photo_remove(persona=persona)
        messages.success(request, "The photo is removed.")
    elif (upload := request.FILES.get("photo")) is None:
        messages.error(request, "Choose a photo to upload.")
    else:
        try:
            persona_photo_set(persona=persona, file=upload)
            messages.success(request, "The photo is saved: tick “Show my photo” to put it on a CV.")
        except PhotoRefused as refused:
            messages.error(request, str(refused))
    return redirect(f"{reverse('persona_export', args=[persona.pk])}#photo")
