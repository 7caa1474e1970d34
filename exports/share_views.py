"""Shared personas: the owner publishes and revokes; anyone with the link reads the page and downloads the PDF."""

from __future__ import annotations

import posixpath
import uuid
from typing import TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from accounts.http import AuthedRequest
from accounts.limits import LimitReached
from exports import shares
from exports.forms import ShareForm
from exports.models import ExportStatus
from exports.selectors import share_get_for_user, share_get_public
from exports.services import ExportRefused
from personaforge.core.http import client_key
from personas.selectors import persona_get_for_user
from templates_app.selectors import templates_for_user

# The page is for the people the link is given to: not for search engines, and it tells no one where it was opened.
PUBLIC_HEADERS = {"X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer"}
PDF = "application/pdf"
ResponseT = TypeVar("ResponseT", bound=HttpResponseBase)


@login_required
@require_POST
def persona_share(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    form = ShareForm(request.POST, templates=templates_for_user(user=request.user, type="cv"))
    if form.is_valid():
        try:
            shares.share_create(user=request.user, persona=persona, template=form.cleaned_data["template"])
            messages.success(
                request,
                "Shared: its page is being made, and in a moment anyone with the link can read this version and "
                "download it as a PDF.",
            )
        except (LimitReached, ExportRefused) as refused:
            messages.error(request, str(refused))
    else:
        messages.error(request, "Pick one of the CV templates to share the persona through.")
    return redirect(f"{reverse('persona_export', args=[persona.pk])}#shares")


@login_required
@require_POST
def share_revoke(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    share = share_get_for_user(user=request.user, pk=pk)
    shares.share_revoke(share=share)
    messages.success(request, "The link no longer works.")
    return redirect(f"{reverse('persona_export', args=[share.persona_id])}#shares")


@require_GET
@never_cache
@ratelimit(key=client_key, rate=lambda group, request: settings.SHARE_VIEW_RATE, block=False)
def share_page(request: HttpRequest, token: str) -> HttpResponse:
    """The shared CV as the worker made it, framed in a sandbox (no script of a template can run)."""
    if getattr(request, "limited", False):
        return _too_many()
    share = share_get_public(token=token)
    if share.status == ExportStatus.DONE:
        shares.share_viewed(share=share)
    status = {ExportStatus.DONE: 200, ExportStatus.FAILED: 503}.get(ExportStatus(share.status), 202)
    return _public(render(request, "exports/share_page.html", {"share": share}, status=status))


@require_GET
@never_cache
@ratelimit(key=client_key, rate=lambda group, request: settings.SHARE_VIEW_RATE, block=False)
def share_pdf(request: HttpRequest, token: str) -> HttpResponse | FileResponse:
    if getattr(request, "limited", False):
        return _too_many()
    share = share_get_public(token=token)
    if share.status != ExportStatus.DONE or not share.pdf:
        return HttpResponse("This CV's PDF is not ready; try again in a minute.", status=503, content_type="text/plain")
    shares.share_downloaded(share=share)
    name = posixpath.basename(share.pdf.name)
    return _public(FileResponse(share.pdf.open("rb"), as_attachment=True, filename=name, content_type=PDF))


def _public(response: ResponseT) -> ResponseT:
    for header, value in PUBLIC_HEADERS.items():
        response[header] = value
    return response


def _too_many() -> HttpResponse:
    return HttpResponse(
        "Too many requests for shared CVs from your address; wait a minute and reload.",
        status=429,
        content_type="text/plain",
        headers={"Retry-After": "60"},
    )
