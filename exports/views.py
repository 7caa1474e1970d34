from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthedRequest
from accounts.limits import LimitReached
from exports import services
from exports.forms import ExportForm, LetterExportForm, ShareForm
from exports.models import Export
from exports.selectors import (
    export_get_for_user,
    export_get_to_download,
    exports_for_persona,
    exports_for_user,
    shares_for_persona,
)
from gaps.selectors import cover_letter_get_for_user
from personaforge.core.jobs import job_working_on
from personas import sections
from personas.selectors import persona_get_for_user
from templates_app.rendering import builtin_of
from templates_app.selectors import templates_for_user


@login_required
@require_http_methods(["GET", "POST"])
def persona_export(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """Pick a template, its options and a format; the file is made in the worker and listed below."""
    persona = persona_get_for_user(user=request.user, pk=pk)
    templates = templates_for_user(user=request.user, type="cv")
    choices = [(section.key, section.label) for section in sections.sections_with_items(persona.data)]
    form = ExportForm(
        request.POST or None, templates=templates, sections=choices, initial={"template": templates[0].pk}
    )
    status = 200
    if form.is_valid():
        try:
            services.export_request(
                user=request.user,
                persona=persona,
                template=form.cleaned_data["template"],
                format=form.cleaned_data["format"],
                config=form.config(),
            )
            return redirect("persona_export", pk=persona.pk)
        except (LimitReached, services.ExportRefused) as refused:
            messages.error(request, str(refused))
            status = 403 if isinstance(refused, LimitReached) else 400
    elif request.method == "POST":
        status = 400
    context = {
        "persona": persona,
        "form": form,
        "exports": _with_jobs(request, exports_for_persona(persona=persona)),
        "template_cards": [(template, builtin_of(template)) for template in templates],
        "share_form": ShareForm(templates=templates, auto_id="share-%s"),
        "shares": shares_for_persona(persona=persona),
    }
    return render(request, "exports/export.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def letter_export(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """Export a cover letter through a letter template; it is listed with the other exports. GET: the form, which
    the apply page loads beside the letter."""
    letter = cover_letter_get_for_user(user=request.user, pk=pk)
    templates = templates_for_user(user=request.user, type="cover_letter")
    if request.method == "GET":
        form = LetterExportForm(templates=templates, auto_id="letter-export-%s")
        page = "exports/letter_export.html#form" if request.htmx else "exports/letter_export.html"
        return render(request, page, {"letter": letter, "form": form})
    form = LetterExportForm(request.POST, templates=templates)
    if letter.persona is None or not form.is_valid():
        messages.error(request, "Pick a letter template and a format.")
        return redirect(f"{reverse('apply', args=[letter.job_id])}#letter")
    try:
        services.export_request(
            user=request.user,
            persona=letter.persona,
            template=form.cleaned_data["template"],
            format=form.cleaned_data["format"],
            letter=letter,
        )
    except (LimitReached, services.ExportRefused) as refused:
        messages.error(request, str(refused))
        return redirect(f"{reverse('apply', args=[letter.job_id])}#letter")
    return redirect("export_list")


@login_required
@require_GET
def export_list(request: AuthedRequest) -> HttpResponse:
    """Everything the user exported, newest first, each with the version it was made from."""
    exports = _with_jobs(request, exports_for_user(user=request.user)[:100])
    return render(request, "exports/exports.html", {"exports": exports})


def _with_jobs(request: AuthedRequest, exports: Any) -> list[tuple[Export, Any]]:
    """Each export with the job making it, while it is made (its progress is shown)."""
    return [(export, job_working_on(user=request.user, subject=export)) for export in exports]


@login_required
@require_POST
def export_retry(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    export = export_get_for_user(user=request.user, pk=pk)
    try:
        services.export_retry(export=export)
    except services.ExportRefused as refused:
        messages.error(request, str(refused))
    back = request.POST.get("next", "")  # the page the button was on
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("export_list")
    return redirect(back)


@login_required
@require_GET
def export_download(request: AuthedRequest, pk: uuid.UUID) -> FileResponse:
    """The file, to its owner (or their team lead) only: for anyone else the link is a 404."""
    return export_file_response(export_get_to_download(user=request.user, pk=pk))


def export_file_response(export: Export) -> FileResponse:
    """The export's file as a download (the page's link and the API's), or 404 while it has none."""
    if export.status != export.Status.DONE or not export.file:
        raise Http404("This export has no file (yet).")
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=services.export_download_name(export),
        content_type=services.export_content_type(export),
    )
