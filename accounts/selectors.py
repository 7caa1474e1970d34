from __future__ import annotations

import uuid

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import ApiToken, Team, User
from accounts.teams import team_of_lead


def token_get_for_user(*, user: User, pk: uuid.UUID) -> ApiToken:
    """The user's API token, or 404 (revoked ones too: they stay listed)."""
    return get_object_or_404(ApiToken, user=user, pk=pk)


def team_get_for_lead(*, lead: User) -> Team:
    """The team the user leads on the Team plan, or 404: only a lead runs a team."""
    team = team_of_lead(lead)
    if team is None:
        raise Http404("You lead no team on the Team plan.")
    return team


def member_get_for_lead(*, lead: User, pk: uuid.UUID) -> tuple[Team, User]:
    """The team the user leads and one of its members (the lead included), or 404 for anyone else."""
    team = team_get_for_lead(lead=lead)
    member = User.objects.filter(pk=pk, team=team).first()
    if member is None:
        raise Http404("No such member.")
    return team, member
