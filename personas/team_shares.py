"""Personas a team lead shares with the team: every member reads them (never edits). A persona is shared only while
its owner is in that team; leaving the team ends it at once."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import Team, User
from personas.lead_notes import check_lead_of
from personas.models import Persona, TeamShare


def share_with_team(*, lead: User, persona: Persona) -> TeamShare:
    """NoteRefused unless the user leads the persona owner's team."""
    check_lead_of(lead=lead, persona=persona)
    share, _ = TeamShare.objects.get_or_create(
        team_id=persona.user.team_id, persona=persona, defaults={"shared_by": lead}
    )
    return share


def unshare(*, lead: User, persona: Persona) -> None:
    check_lead_of(lead=lead, persona=persona)
    TeamShare.objects.filter(team__members=persona.user, persona=persona).delete()


def shared_personas_for(user: User) -> QuerySet[Persona]:
    """The personas shared in the user's team, but their own, of members still in it."""
    if user.team_id is None:
        return Persona.objects.none()
    return (
        Persona.objects.filter(team_shares__team_id=user.team_id, user__team_id=user.team_id)
        .exclude(user=user)
        .select_related("user")
        .order_by("user__email", "title")
    )


def shared_persona_get(*, user: User, pk: uuid.UUID) -> Persona:
    """A persona shared in the user's team, or 404."""
    persona = shared_personas_for(user).filter(pk=pk).first()
    if persona is None:
        raise Http404("No such persona shared in your team.")
    return persona


def is_shared(persona: Persona) -> bool:
    return (
        persona.user.team_id is not None
        and TeamShare.objects.filter(team_id=persona.user.team_id, persona=persona).exists()
    )


def end_shares_of_member(*, team: Team, member: User, **_signal: object) -> None:
    """A member left (accounts.teams.member_left): their shares end, so a return later does not share them again."""
    TeamShare.objects.filter(team=team, persona__user=member).delete()
