"""The team page: a lead's workspace (members, invitations, members' personas shared, proposals to consent to).

It shows several apps at once, so the site has it; what its forms do is accounts' (accounts/team_views.py).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts import teams
from accounts.http import AuthedRequest
from accounts.limits import limits_for
from exports.proposals import consent_requests_for
from personas import team_shares


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
    return render(request, "personaforge/team.html", context)
