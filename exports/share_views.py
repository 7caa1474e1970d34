"""Shared personas: the owner publishes and revokes; anyone with the link reads the page and downloads the PDF."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthedRequest
from accounts.limits import LimitReached
from exports import shares
from exports.forms import ShareForm
from exports.selectors import share_get_for_user, share_get_public
from exports.services import ExportRefused
from personas.selectors import persona_get_for_user
from templates_app.sandbox import TemplateRefused
from templates_app.selectors import templates_for_user

# The page is for the people the link is given to: not for search engines, and it tells no one where it was opened.
PUBLIC_HEADERS = {"X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer"}


@login_required
@require_POST
def persona_share(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    form = ShareForm(request.POST, templates=templates_for_user(user=request.user, type="cv"))
    if form.is_valid():
        try:
            shares.share_create(user=request.user, persona=persona, template=form.cleaned_data["template"])
            messages.success(request, "Shared: anyone with the link can read this version and download it as a PDF.")
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
def share_page(request: HttpRequest, token: str) -> HttpResponse:
    """The shared CV, framed in a sandbox (no script of a template can run) with a PDF download."""
    share = share_get_public(token=token)
    try:
        html = shares.share_page_html(share=share)
    except TemplateRefused:
        html = ""
    response = render(request, "exports/share_page.html", {"share": share, "html": html}, status=200 if html else 503)
    for header, value in PUBLIC_HEADERS.items():
        response[header] = value
    return response


@require_GET
@never_cache
def share_pdf(request: HttpRequest, token: str) -> HttpResponse | FileResponse:
    share = share_get_public(token=token)
    try:
        share = shares.share_pdf(share=share)
    except TemplateRefused:
        return HttpResponse("This CV cannot be made into a PDF right now.", status=503, content_type="text/plain")
    response = FileResponse(share.pdf.open("rb"), as_attachment=True, filename="cv.pdf", content_type="application/pdf")
    for header, value in PUBLIC_HEADERS.items():
        response[header] = value
    return response
