"""A team lead's pages of a member's personas (to read, comment on and suggest edits to), and the personas a lead
shares with the team, for every member to read."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthedRequest
from accounts.selectors import member_get_for_lead
from personas import lead_notes, sections, team_shares
from personas.models import Persona


@login_required
@require_GET
def team_member_personas(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """A member's personas, for their lead to read, comment on and suggest edits to (the member decides on each)."""
    _team, member = member_get_for_lead(lead=request.user, pk=pk)
    if member == request.user:
        raise Http404("Your own personas are on your dashboard.")
    personas = Persona.objects.filter(user=member).order_by("-updated_at")
    try:
        shown = personas.filter(pk=uuid.UUID(request.GET["persona"])).first() if "persona" in request.GET else None
    except ValueError:
        shown = None
    context = {"member": member, "personas": personas, "shown": shown, "suggestions": lead_notes.SUGGESTIONS}
    if shown is not None:
        data = shown.data if isinstance(shown.data, dict) else {}
        context |= {
            "document": sections.shown_data(data),
            "roles": _roles_with_highlight_paths(data),
            "notes": lead_notes.notes_for_persona(shown)[:50],
            "shared": team_shares.is_shared(shown),
        }
    return render(request, "personas/team_member.html", context)


def _roles_with_highlight_paths(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The roles the persona shows, each highlight with the path a suggested rewording names."""
    roles = []
    for index, role in enumerate(data.get("work") or []):
        if not isinstance(role, dict) or role.get(sections.HIDDEN):
            continue
        hidden = sections.hidden_highlights(role)
        highlights = [
            (f"work[{index}].highlights[{position}]", text)
            for position, text in enumerate(role.get("highlights") or [])
            if isinstance(text, str) and text not in hidden
        ]
        roles.append({"role": role, "highlights": highlights})
    return roles


@login_required
@require_POST
def team_note_create(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The lead's comment on a member's persona, with a suggested edit if one is chosen."""
    persona = lead_notes.persona_for_lead(lead=request.user, pk=pk)
    try:
        lead_notes.note_create(
            lead=request.user,
            persona=persona,
            comment=request.POST.get("comment", ""),
            kind=request.POST.get("kind", ""),
            path=request.POST.get("path", ""),
            after=request.POST.get("after", ""),
        )
        messages.success(request, f"Sent to {persona.user.display_name}: they accept or decline it.")
    except lead_notes.NoteRefused as refused:
        messages.error(request, str(refused))
    return redirect(f"{reverse('team_member', args=[persona.user_id])}?persona={persona.pk}#notes")


@login_required
@require_POST
def team_persona_share(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The lead shares a member's persona with the whole team to read, or stops sharing it."""
    persona = lead_notes.persona_for_lead(lead=request.user, pk=pk)
    if request.POST.get("share") == "off":
        team_shares.unshare(lead=request.user, persona=persona)
        messages.success(request, f"“{persona.title}” is no longer shared with the team.")
    else:
        team_shares.share_with_team(lead=request.user, persona=persona)
        messages.success(request, f"Everyone in the team can read “{persona.title}” now.")
    return redirect(f"{reverse('team_member', args=[persona.user_id])}?persona={persona.pk}")


@login_required
@require_GET
def team_shared_persona(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """A persona the lead shared with the team, for any member to read."""
    persona = team_shares.shared_persona_get(user=request.user, pk=pk)
    data = persona.data if isinstance(persona.data, dict) else {}
    return render(request, "personas/team_shared.html", {"persona": persona, "document": sections.shown_data(data)})
