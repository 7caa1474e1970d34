from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.limits import Limits, limits_for
from accounts.models import ApiToken, Team, User
from accounts.teams import team_of_lead


@dataclass(frozen=True)
class Usage:
    """What a user uses of their plan this month, beside what it allows (None: no limit)."""

    limits: Limits
    personas: int
    exports_this_month: int
    ai_calls_this_month: int
    own_templates: int


def usage_for(*, user: User) -> Usage:
    from exports.services import exports_this_month
    from llm.calls import ai_usage_this_month
    from personas.models import Persona
    from templates_app.models import Template

    return Usage(
        limits=limits_for(user),
        personas=Persona.objects.filter(user=user).count(),
        exports_this_month=exports_this_month(user=user),
        ai_calls_this_month=ai_usage_this_month(user=user).metered_calls,
        own_templates=Template.objects.filter(owner=user).count(),
    )


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
