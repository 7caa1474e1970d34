"""The team page: a lead's workspace (members, invitations, their personas to read); joining by invitation."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import teams
from accounts.http import AuthedRequest
from accounts.limits import limits_for
from accounts.models import TeamInvitation, User
from personas import sections
from personas.models import Persona


@login_required
@require_http_methods(["GET", "POST"])
def team_page(request: AuthedRequest) -> HttpResponse:
    user = request.user
    action = request.POST.get("action", "")
    try:
        if action == "create":
            teams.team_create(user=user, name=request.POST.get("name", "") or f"{user.display_name}'s team")
            return redirect("team")
        if action == "invite" and (team := teams.team_of_lead(user)) is not None:
            email = request.POST.get("email", "").strip()
            teams.invitation_create(team=team, email=email, by=user, site=request.build_absolute_uri("/"))
            messages.success(request, f"Invitation sent to {email}.")
            return redirect("team")
    except teams.TeamRefused as refused:
        messages.error(request, str(refused))
    team = user.team
    context = {
        "team": team, "is_lead": team is not None and team.owner_id == user.pk,
        "members": team.members.order_by("email") if team else [],
        "invitations": team.invitations.filter(accepted_at=None) if team else [],
        "seats": teams.seats_taken(team) if team else 0,
        "seat_limit": limits_for(team.owner).team_seats if team else 0, "now": timezone.now(),
    }  # fmt: skip
    return render(request, "accounts/team.html", context)


@login_required
@require_POST
def team_member_action(request: AuthedRequest, pk: uuid.UUID, action: str) -> HttpResponse:
    """Remove a member, or hand them the lead (the lead only)."""
    team = teams.team_of_lead(request.user)
    member = User.objects.filter(pk=pk, team=team).first() if team else None
    if team is None or member is None or action not in ("remove", "lead"):
        raise Http404("No such member.")
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
    """A member's personas, for their lead to read (never to change: members edit their own)."""
    team = teams.team_of_lead(request.user)
    member = User.objects.filter(pk=pk, team=team).first() if team else None
    if member is None:
        raise Http404("No such member.")
    personas = Persona.objects.filter(user=member).order_by("-updated_at")
    try:
        shown = personas.filter(pk=uuid.UUID(request.GET["persona"])).first() if "persona" in request.GET else None
    except ValueError:
        shown = None
    document = sections.shown_data(shown.data) if shown is not None and isinstance(shown.data, dict) else {}
    context = {"member": member, "personas": personas, "shown": shown, "document": document}
    return render(request, "accounts/team_member.html", context)
