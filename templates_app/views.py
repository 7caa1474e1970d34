"""Templates: the built-in ones to look at, and one's own to write with a live preview (Pro and Team)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthedRequest
from accounts.limits import LimitReached, limits_for
from personas.models import Persona
from templates_app import services
from templates_app.forms import PreviewForm, TemplateCreateForm, TemplateEditForm
from templates_app.models import Template
from templates_app.rendering import BUILTINS
from templates_app.sandbox import TemplateRefused
from templates_app.selectors import builtin_templates, own_template_get_for_user


@login_required
@require_http_methods(["GET", "POST"])
def template_list(request: AuthedRequest) -> HttpResponse:
    form = TemplateCreateForm(request.POST or None)
    status = 200
    if form.is_valid():
        try:
            template = services.template_create(user=request.user, **form.cleaned_data)
            return redirect("template_edit", pk=template.pk)
        except (LimitReached, TemplateRefused) as refused:
            messages.error(request, str(refused))
            status = 403 if isinstance(refused, LimitReached) else 400
    elif request.method == "POST":
        status = 400
    builtins = [(t, BUILTINS[t.config["builtin"]]) for kind in Template.Type for t in builtin_templates(type=kind)]
    context = {
        "form": form,
        "builtins": builtins,
        "own": Template.objects.filter(owner=request.user).order_by("name"),
        "can_own": limits_for(request.user).own_templates,
    }
    return render(request, "templates_app/templates.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    template = own_template_get_for_user(user=request.user, pk=pk)
    form = TemplateEditForm(request.POST or None, initial={"name": template.name, "body": template.body})
    status = 200
    if form.is_valid():
        try:
            services.template_update(template=template, **form.cleaned_data)
            messages.success(request, "Saved.")
            return redirect("template_edit", pk=template.pk)
        except (LimitReached, TemplateRefused) as refused:
            form.add_error("body" if isinstance(refused, TemplateRefused) else None, str(refused))
            status = 400
    elif request.method == "POST":
        status = 400
    personas = Persona.objects.filter(user=request.user).order_by("-updated_at")
    context = {"template": template, "form": form, "personas": personas}
    return render(request, "templates_app/template_edit.html", context, status=status)


@login_required
@require_POST
def template_preview(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The text being edited, rendered for one of the user's personas, in a sandboxed frame (htmx swaps it in)."""
    template = own_template_get_for_user(user=request.user, pk=pk)
    form = PreviewForm(request.POST, personas=Persona.objects.filter(user=request.user))
    html, error = "", ""
    if not form.is_valid():
        error = "Pick one of your personas to preview with." if "persona" in form.errors else "The template is empty."
    else:
        draft = Template(
            owner=request.user,
            type=template.type,
            engine=template.engine,
            body=form.cleaned_data["body"],
            config=template.config,
        )
        try:
            html = services.template_preview(template=draft, persona=form.cleaned_data["persona"])
        except TemplateRefused as refused:
            error = str(refused)
    context = {"template": template, "html": html, "error": error}
    return render(request, "templates_app/template_edit.html#preview", context, status=200 if html else 400)


@login_required
@require_POST
def template_delete(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    template = own_template_get_for_user(user=request.user, pk=pk)
    services.template_delete(template=template)
    messages.success(request, f"Deleted “{template.name}”. Exports made with it keep their files.")
    return redirect("template_list")
