"""The team page: a lead's workspace (members, invitations, their personas to read); joining by invitation."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import teams
from accounts.http import AuthedRequest
from accounts.limits import limits_for
from accounts.models import TeamInvitation
from accounts.selectors import member_get_for_lead, team_get_for_lead
from exports.proposals import consent_requests_for
from personas import lead_notes, sections, team_shares
from personas.models import Persona


@login_required
@require_GET
def team_page(request: AuthedRequest) -> HttpResponse:
    user = request.user
    team = user.team
    context = {
        "team": team,
        "is_lead": team is not None and team.owner_id == user.pk,
        "members": team.members.order_by("email") if team else [],
        "invitations": team.invitations.filter(accepted_at=None) if team else [],
        "seats": teams.seats_taken(team) if team else 0,
        "seat_limit": limits_for(team.owner).team_seats if team else 0,
        "now": timezone.now(),
        "consent_requests": consent_requests_for(user),
        "shared_personas": team_shares.shared_personas_for(user)[:100],
    }
    return render(request, "accounts/team.html", context)


@login_required
@require_POST
def team_create_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    try:
        teams.team_create(user=user, name=request.POST.get("name", "") or f"{user.display_name}'s team")
    except teams.TeamRefused as refused:
        messages.error(request, str(refused))
    return redirect("team")


@login_required
@require_POST
def team_invite(request: AuthedRequest) -> HttpResponse:
    """Invite someone by email (the lead only)."""
    team = team_get_for_lead(lead=request.user)
    email = request.POST.get("email", "").strip()
    try:
        teams.invitation_create(team=team, email=email, by=request.user, site=request.build_absolute_uri("/"))
        messages.success(request, f"Invitation sent to {email}.")
    except teams.TeamRefused as refused:
        messages.error(request, str(refused))
    return redirect("team")


@login_required
@require_POST
def team_settings_view(request: AuthedRequest) -> HttpResponse:
    team = team_get_for_lead(lead=request.user)
    try:
        teams.team_settings(team=team, by=request.user, ask_consent=request.POST.get("ask_consent") == "on")
    except teams.TeamRefused as refused:
        messages.error(request, str(refused))
    return redirect("team")


@login_required
@require_POST
def team_member_action(request: AuthedRequest, pk: uuid.UUID, action: str) -> HttpResponse:
    """Remove a member, or hand them the lead (the lead only)."""
    team, member = member_get_for_lead(lead=request.user, pk=pk)
    if action not in ("remove", "lead"):
        raise Http404("No such action.")
    try:
        if action == "remove":
            teams.member_remove(team=team, member=member, by=request.user)
            messages.success(request, f"{member.email} has left the team; they keep their own personas.")
        else:
            teams.lead_transfer(team=team, new_lead=member, by=request.user)
            messages.success(request, f"{member.email} leads the team now.")
    except teams.TeamRefused as refused:
        messages.error(request, str(refused))
    return redirect("team")


@login_required
@require_POST
def team_invitation_cancel(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    team = teams.team_of_lead(request.user)
    deleted, _ = TeamInvitation.objects.filter(pk=pk, team=team, accepted_at=None).delete() if team else (0, {})
    if not deleted:
        raise Http404("No such invitation.")
    return redirect("team")


@login_required
@require_http_methods(["GET", "POST"])
def team_join(request: AuthedRequest, token: str) -> HttpResponse:
    """The invitation's link: who invites, to which team; join with one click."""
    try:
        invitation = teams.invitation_for(token)
        if request.method == "POST":
            team = teams.invitation_accept(raw=token, user=request.user)
            messages.success(request, f"Welcome to “{team.name}”.")
            return redirect("team")
    except teams.TeamRefused as refused:
        return render(request, "accounts/team_join.html", {"error": str(refused)}, status=400)
    return render(request, "accounts/team_join.html", {"invitation": invitation})


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
    return render(request, "accounts/team_member.html", context)


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
    return render(request, "accounts/team_shared.html", {"persona": persona, "document": sections.shown_data(data)})
