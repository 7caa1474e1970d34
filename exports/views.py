from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.http import AuthedRequest
from accounts.limits import LimitReached
from exports import services
from exports.forms import ExportForm
from exports.selectors import export_get_for_user, exports_for_persona
from personaforge.jobs import job_latest_for_subject
from personas.selectors import persona_get_for_user
from templates_app.models import Template
from templates_app.rendering import builtin_of
from templates_app.selectors import templates_for_user


@login_required
@require_http_methods(["GET", "POST"])
def persona_export(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """Pick a template, its options and a format; the file is made in the worker and listed below."""
    persona = persona_get_for_user(user=request.user, pk=pk)
    templates = templates_for_user(user=request.user, type="cv")
    form = ExportForm(request.POST or None, templates=templates, initial={"template": templates[0].pk})
    status = 200
    if form.is_valid():
        try:
            services.export_request(
                user=request.user, persona=persona, template=form.cleaned_data["template"],
                format=form.cleaned_data["format"], config=form.config(),
            )  # fmt: skip
            return redirect("persona_export", pk=persona.pk)
        except (LimitReached, services.ExportRefused) as refused:
            messages.error(request, str(refused))
            status = 403 if isinstance(refused, LimitReached) else 400
    elif request.method == "POST":
        status = 400
    exports = list(exports_for_persona(persona=persona))
    jobs = {e.pk: job_latest_for_subject(user=request.user, subject_id=e.pk) for e in exports if not e.file}
    context = {
        "persona": persona, "form": form, "exports": [(export, jobs.get(export.pk)) for export in exports],
        "template_cards": [(template, _description(template)) for template in templates],
    }  # fmt: skip
    return render(request, "exports/export.html", context, status=status)


def _description(template: Template) -> str:
    builtin = builtin_of(template)
    return builtin.description if builtin else "Your own template."


@login_required
@require_GET
def export_download(request: AuthedRequest, pk: uuid.UUID) -> FileResponse:
    """The file, to its owner only (a link shared with anyone else is a 404 for them)."""
    export = export_get_for_user(user=request.user, pk=pk)
    if export.status != export.Status.DONE or not export.file:
        raise Http404("This export has no file (yet).")
    return FileResponse(
        export.file.open("rb"), as_attachment=True, filename=services.export_download_name(export),
        content_type=services.export_content_type(export),
    )  # fmt: skip
