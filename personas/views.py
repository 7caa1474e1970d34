from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.http import AuthedRequest
from accounts.limits import LimitReached
from cvs.doubts import ReadingNotReviewed
from personaforge.core.jobs import job_to_show
from personas import activity, editor_views, lead_notes, sections, services
from personas.diff import diff_snapshots
from personas.forms import PersonaCreateForm, PersonaEditForm, TranslateForm, VersionNameForm
from personas.models import Persona
from personas.selectors import (
    knowledge_missing_from_persona,
    persona_get_for_editor,
    persona_get_for_user,
    persona_limit_for,
    version_get_for_persona,
    version_list_for_persona,
)


@login_required
@require_http_methods(["GET", "POST"])
def persona_new(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        form = PersonaCreateForm(request.POST, user=request.user)
    else:
        form = PersonaCreateForm(user=request.user, initial={"base_cv": request.GET.get("cv")})
    if form.is_bound and form.is_valid():
        try:
            persona = services.persona_create(user=request.user, **form.cleaned_data)
        except LimitReached as limit:
            form.add_error(None, str(limit))  # what was typed stays in the form
            return render(request, "personas/persona_new.html", {"form": form, "limit": limit}, status=403)
        except ReadingNotReviewed as unreviewed:  # the notice above the form says it, with the review page's link
            context = {"form": form, "unreviewed": unreviewed.cv, "limit": persona_limit_for(user=request.user)}
            return render(request, "personas/persona_new.html", context, status=400)
        return redirect("persona_detail", pk=persona.pk)
    context = {"form": form, "limit": persona_limit_for(user=request.user)}
    return render(request, "personas/persona_new.html", context, status=400 if form.errors else 200)


def _detail(
    request: AuthedRequest, persona: Persona, form: PersonaEditForm | None = None, status: int = 200
) -> HttpResponse:
    latest = services.persona_latest_number(persona)
    source = persona.translation_of
    source_latest = services.persona_latest_number(source) if source else None
    form = form or PersonaEditForm(
        initial={
            "title": persona.title,
            "summary": persona.summary,
            "tags": ", ".join(persona.tags),
            "language": persona.language,
            "based_on": latest,
        }
    )
    context = {
        "persona": persona,
        "read_only": activity.read_only_reason(persona),
        "notes": lead_notes.notes_for_persona(persona)[:20],
        "form": form,
        "latest": latest,
        "versions": version_list_for_persona(persona)[:50],
        "sections": [
            (section, sections.item_views(persona.data, section)) for section in sections.sections_of(persona.data)
        ],
        "section_moves": editor_views.SECTION_MOVES,
        "suggestions": knowledge_missing_from_persona(persona=persona),
        "checks": sections.completeness_checks(persona.data, persona.summary),
        "source_latest": source_latest,
        "translations": persona.translations.only("pk", "title"),
        "translate_form": TranslateForm(),
        "background_job": job_to_show(user=request.user, subject_id=persona.pk, changed_at=persona.updated_at),
    }
    return render(request, "personas/persona_detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def persona_detail(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    persona = persona_get_for_editor(user=request.user, pk=pk)
    if request.method == "GET":
        return _detail(request, persona)
    form = PersonaEditForm(request.POST)
    if not form.is_valid():
        return _detail(request, persona, form, status=400)
    try:
        version = services.persona_update(persona=persona, by=request.user, **form.cleaned_data)
    except services.StaleEdit as stale:
        # The edit stays on the page, now based on the latest version, so saving again is a choice.
        data = request.POST.copy()
        data["based_on"] = str(stale.latest)
        form = PersonaEditForm(data)
        form.is_valid()
        form.add_error(
            None,
            f"This persona was saved elsewhere (now version {stale.latest}) after you opened it. "
            "Your edit is kept below but not saved: compare, then save again.",
        )
        return _detail(request, persona, form, status=409)
    messages.success(request, f"Saved as version {version.number}." if version else "Nothing had changed.")
    return redirect("persona_detail", pk=persona.pk)


@login_required
@require_GET
def persona_diff(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    latest = services.persona_latest_number(persona)
    try:
        a, b = int(request.GET.get("a", latest - 1)), int(request.GET.get("b", latest))
    except ValueError:
        a, b = latest - 1, latest
    old = version_get_for_persona(persona=persona, number=a)
    new = version_get_for_persona(persona=persona, number=b)
    changes = diff_snapshots(old.snapshot, new.snapshot)
    return render(
        request, "personas/persona_diff.html", {"persona": persona, "old": old, "new": new, "changes": changes}
    )


@login_required
@require_POST
def persona_restore(request: AuthedRequest, pk: uuid.UUID, number: int) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    version = version_get_for_persona(persona=persona, number=number)
    restored = services.persona_restore(persona=persona, version=version, by=request.user)
    messages.success(request, f"Restored version {number} as version {restored.number}.")
    return redirect("persona_detail", pk=persona.pk)


@login_required
@require_POST
def persona_version_name(request: AuthedRequest, pk: uuid.UUID, number: int) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    version = version_get_for_persona(persona=persona, number=number)
    form = VersionNameForm(request.POST)
    if form.is_valid():
        services.persona_version_name(version=version, name=form.cleaned_data["name"])
    else:
        messages.error(request, "A version name can be at most 150 characters.")
    return redirect("persona_detail", pk=persona.pk)


@login_required
@require_POST
def persona_activate(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """Make the persona active (above the plan's limit another becomes read-only); from its page or the plan page."""
    persona = persona_get_for_user(user=request.user, pk=pk)
    activity.persona_activate(persona=persona)
    messages.success(request, f"“{persona.title}” is active.")
    if request.POST.get("next") == "plan":
        return redirect("plan")
    return redirect("persona_detail", pk=persona.pk)


@login_required
@require_POST
def lead_note_decide(request: AuthedRequest, pk: uuid.UUID, note_pk: uuid.UUID, decision: str) -> HttpResponse:
    """The member accepts or declines their lead's note (accepting a suggested edit saves it as a version)."""
    persona = persona_get_for_user(user=request.user, pk=pk)
    note = lead_notes.note_get_for_owner(user=request.user, persona=persona, pk=note_pk)
    if decision not in ("accept", "decline"):
        raise Http404("No such answer.")
    try:
        lead_notes.note_decide(note=note, by=request.user, accept=decision == "accept")
    except lead_notes.NoteRefused as refused:
        messages.error(request, str(refused))
    else:
        done = "Saved as a new version." if note.edit and decision == "accept" else "Answered."
        messages.success(request, done)
    return redirect(f"{reverse('persona_detail', args=[persona.pk])}#notes")


@login_required
@require_POST
def persona_duplicate(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    try:
        copy = services.persona_duplicate(persona=persona, by=request.user)
    except LimitReached as limit:
        messages.error(request, str(limit))
        return redirect("persona_detail", pk=persona.pk)
    messages.success(request, f"Made “{copy.title}”.")
    return redirect("persona_detail", pk=copy.pk)


@login_required
@require_POST
def persona_delete(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    services.persona_delete(persona=persona)
    messages.success(request, f"Deleted “{persona.title}” and its history.")
    return redirect("dashboard")


@login_required
@require_POST
def persona_translate(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    form = TranslateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a language from the list.")
        return redirect("persona_detail", pk=persona.pk)
    try:
        copy, draft = services.persona_translate(
            persona=persona, language=form.cleaned_data["language"], by=request.user
        )
    except LimitReached as limit:
        messages.error(request, str(limit))
        return redirect("persona_detail", pk=persona.pk)
    if draft:
        messages.success(
            request, "The translation keeps the structure, dates and names; an AI draft of its text is being written."
        )
    else:
        messages.success(
            request, "The translation keeps the structure, dates and names; write each text in its language."
        )
    return redirect("persona_detail", pk=copy.pk)


@login_required
@require_POST
def persona_translation_synced(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    services.persona_translation_synced(persona=persona)
    messages.success(request, "Marked as up to date with its source.")
    return redirect("persona_detail", pk=persona.pk)
