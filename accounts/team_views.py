"""Running a team: creating it, inviting, settings, removing a member or handing the lead on; joining by invitation.

The team page itself shows several apps (members' personas, proposals waiting for consent): the site has it
(personaforge/team_views.py), and the pages of members' personas are personas' (personas/team_views.py).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts import teams
from accounts.http import AuthedRequest
from accounts.models import TeamInvitation
from accounts.selectors import member_get_for_lead, team_get_for_lead


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
