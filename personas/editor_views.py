"""The section editor of the persona page: every change is one POST, saved as a version, answered with the section.

With htmx a section is swapped in place (and the history and the page's version number updated out of band);
without JavaScript every form posts and comes back to the persona page.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRefresh

from accounts.http import AuthedRequest
from cvs.models import KnowledgeType
from cvs.selectors import kb_get_for_user
from personas import sections, services
from personas.forms import BasedOnForm, CustomSectionForm, ItemForm, ReorderForm
from personas.models import Persona
from personas.selectors import knowledge_missing_from_persona, persona_get_for_user, version_list_for_persona

PAGE = "personas/persona_detail.html"
ACTIONS: dict[str, Callable[[sections.Section, int], Callable[[dict[str, Any]], str]]] = {
    "up": lambda section, index: partial(sections.item_move, section=section, index=index, to=index - 1),
    "down": lambda section, index: partial(sections.item_move, section=section, index=index, to=index + 1),
    "toggle": lambda section, index: partial(sections.item_toggle, section=section, index=index),
    "remove": lambda section, index: partial(sections.item_remove, section=section, index=index),
}


SECTION_MOVES = (("up", "↑"), ("down", "↓"))


def section_context(persona: Persona, section: sections.Section, **extra: Any) -> dict[str, Any]:
    return {
        "persona": persona,
        "section": section,
        "items": sections.item_views(persona.data, section),
        "section_moves": SECTION_MOVES,
        **extra,
    }


def _answer(
    request: AuthedRequest, persona: Persona, section: sections.Section, *, error: str = "", status: int = 200
) -> HttpResponse:
    """After an edit: the section again (and, out of band, the history and version), or back to the page.

    A stale edit reloads the whole page instead: every section on it may be out of date, and a click on one
    of them would act on positions that have moved.
    """
    if not request.htmx or status == 409:
        if error:
            messages.error(request, error)
        url = f"{reverse('persona_detail', args=[persona.pk])}#section-{section.key}"
        return HttpResponseClientRefresh() if request.htmx else redirect(url)
    persona.refresh_from_db()
    context = section_context(
        persona,
        section,
        error=error,
        oob=True,
        latest=services.persona_latest_number(persona),
        versions=version_list_for_persona(persona)[:50],
        suggestions=knowledge_missing_from_persona(persona=persona),
    )
    html = "".join(render_to_string(f"{PAGE}#{part}", context, request) for part in ("section", "history", "knowledge"))
    return HttpResponse(html, status=status)


STALE = (
    "This persona was saved elsewhere (now version {latest}) after you opened it, so this change was not applied. "
    "Reload the page to see the latest version, then make the change again if you still want it."
)


STALE_FORM = (
    "This persona was saved elsewhere (now version {latest}) after you opened it, so this was not saved. Your text "
    "is kept below: copy it, reload the page, and make the change on the latest version."
)


def _apply(request: AuthedRequest, persona: Persona, edit: Callable[[dict[str, Any]], str]) -> tuple[str, int]:
    """Apply an edit made on the version the request names: ("", 200), or why not and the status to answer with."""
    based_on = BasedOnForm(request.POST)
    if not based_on.is_valid():
        return "Reload the page: the edit did not say which version it was made on.", 400
    try:
        services.persona_edit(persona=persona, by=request.user, based_on=based_on.cleaned_data["based_on"], edit=edit)
    except services.StaleEdit as stale:
        return STALE.format(latest=stale.latest), 409
    except sections.EditRefused as refused:
        return str(refused), 400
    return "", 200


def _edit(
    request: AuthedRequest, persona: Persona, section: sections.Section, edit: Callable[[dict[str, Any]], str]
) -> HttpResponse:
    error, status = _apply(request, persona, edit)
    return _answer(request, persona, section, error=error, status=status)


def _section(persona: Persona, key: str) -> sections.Section:
    try:
        return sections.section_for(persona.data, key)
    except sections.EditRefused:
        raise Http404("No such section.") from None


@login_required
@require_GET
def section_show(request: AuthedRequest, pk: uuid.UUID, key: str) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    section = _section(persona, key)
    if not request.htmx:
        return redirect(f"{reverse('persona_detail', args=[persona.pk])}#section-{section.key}")
    return render(request, f"{PAGE}#section", section_context(persona, section))


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def section_item(request: AuthedRequest, pk: uuid.UUID, key: str, index: int) -> HttpResponse:
    """Edit an item in place (index == number of items adds one)."""
    persona = persona_get_for_user(user=request.user, pk=pk)
    section = _section(persona, key)
    items = sections.items_of(persona.data, section)
    if not 0 <= index <= len(items) or (section.single and index > 0):
        raise Http404("No such item.")
    form = (
        ItemForm(request.POST, section=section)
        if request.method == "POST"
        else (ItemForm.for_item(section=section, item=items[index] if index < len(items) else {}))
    )
    status = 400
    if form.is_bound and form.is_valid():
        error, status = _apply(
            request, persona, partial(sections.item_save, section=section, index=index, values=form.cleaned_data)
        )
        if not error:
            return _answer(request, persona, section)
        if status == 409:  # the form keeps the old version, so saving it again cannot land on a moved item
            error = STALE_FORM.format(latest=services.persona_latest_number(persona))
        form.add_error(None, error)  # the text typed stays in the form: nothing is lost
    latest = services.persona_latest_number(persona)
    if status == 409:
        latest = int(request.POST["based_on"])  # valid: _apply checked it
    context = {
        "persona": persona,
        "section": section,
        "index": index,
        "form": form,
        "adding": index == len(items),
        "latest": latest,
    }
    if not request.htmx:
        return render(request, "personas/item_edit.html", context, status=(status if form.errors else 200))
    response = render(request, f"{PAGE}#item-form", context, status=(status if form.errors else 200))
    if form.errors:  # the form was posted to replace its section; an invalid one replaces only itself
        response["HX-Retarget"] = f"#form-{section.key}-{index}"
    return response


@login_required
@require_POST
def section_item_action(request: AuthedRequest, pk: uuid.UUID, key: str, index: int, action: str) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    section = _section(persona, key)
    if action not in ACTIONS:
        raise Http404("No such action.")
    return _edit(request, persona, section, ACTIONS[action](section, index))


@login_required
@require_POST
def section_highlight_toggle(
    request: AuthedRequest, pk: uuid.UUID, key: str, index: int, highlight: int
) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    section = _section(persona, key)
    return _edit(
        request, persona, section, partial(sections.highlight_toggle, section=section, index=index, highlight=highlight)
    )


@login_required
@require_POST
def section_reorder(request: AuthedRequest, pk: uuid.UUID, key: str) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    section = _section(persona, key)
    form = ReorderForm(request.POST)
    if not form.is_valid():
        return _answer(request, persona, section, error="The new order could not be read; reload the page.", status=400)
    return _edit(
        request, persona, section, partial(sections.items_reorder, section=section, order=form.cleaned_data["order"])
    )


@login_required
@require_POST
def section_move(request: AuthedRequest, pk: uuid.UUID, key: str, direction: str) -> HttpResponse:
    """A section one place up or down; the whole page comes back, since every section below it moves."""
    persona = persona_get_for_user(user=request.user, pk=pk)
    section = _section(persona, key)
    if direction not in dict(SECTION_MOVES) or section.single:
        raise Http404("No such move.")
    order = sections.section_order(persona.data)
    to = order.index(section.key) + (-1 if direction == "up" else 1)
    error, _ = _apply(request, persona, partial(sections.section_move, section=section, to=to))
    if error:
        messages.error(request, error)
    return redirect(f"{reverse('persona_detail', args=[persona.pk])}#section-{section.key}")


@login_required
@require_POST
def custom_section_add(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    form = CustomSectionForm(request.POST)
    if form.is_valid():
        error, _ = _apply(request, persona, partial(sections.custom_section_add, name=form.cleaned_data["name"]))
    else:
        error = "Give the section a name of at most 80 characters."
    if error:
        messages.error(request, error)
    return redirect("persona_detail", pk=persona.pk)


@login_required
@require_POST
def custom_section_remove(request: AuthedRequest, pk: uuid.UUID, key: str) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    error, _ = _apply(request, persona, partial(sections.custom_section_remove, section=_section(persona, key)))
    if error:
        messages.error(request, error)
    return redirect("persona_detail", pk=persona.pk)


@login_required
@require_POST
def skill_from_knowledge(request: AuthedRequest, pk: uuid.UUID, entry: uuid.UUID) -> HttpResponse:
    """One click: a skill or tool from the knowledge base joins the persona's skills."""
    persona = persona_get_for_user(user=request.user, pk=pk)
    fact = kb_get_for_user(user=request.user, pk=entry)
    group = "Tools" if fact.type == KnowledgeType.TOOL else "Skills"
    return _edit(
        request, persona, sections.SECTIONS["skills"], partial(sections.skill_add, skill=fact.value, group=group)
    )
