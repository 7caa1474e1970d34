"""Teams: a lead on the Team plan invites members by email, reads their personas, removes them and can hand the
lead on. Members are covered by the team's plan while they belong to it; a removed member keeps their own data and
is back on their own plan (Free, unless they pay)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone

from accounts.emails import email_queue
from accounts.limits import limits_for
from accounts.models import EmailKind, Plan, PlanChange, Team, TeamInvitation, User
from accounts.services import plan_change

INVITATION_DAYS = 7
# Sent (team=, member=) when a member leaves a team: the apps above, which keep what a team shares, end it.
member_left = Signal()


class TeamRefused(Exception):
    """What a team cannot do as asked, with why (never naming another team)."""


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def team_of_lead(user: User) -> Team | None:
    """The team the user leads, while they are on the Team plan (a lead whose plan lapsed leads nothing)."""
    return Team.objects.filter(owner=user, owner__plan=Plan.TEAM).first()


@transaction.atomic
def team_create(*, user: User, name: str) -> Team:
    if limits_for(user).team_seats <= 0 or user.plan != Plan.TEAM:
        raise TeamRefused("Teams are part of the Team plan: choose it on your plan page first.")
    if user.team_id is not None:
        raise TeamRefused("You are in a team already: leave it (or ask its lead to remove you) first.")
    team = Team.objects.create(name=name.strip()[:150], owner=user)
    user.team = team
    user.save(update_fields=["team", "updated_at"])
    return team


def seats_taken(team: Team) -> int:
    pending = team.invitations.filter(accepted_at=None, expires_at__gt=timezone.now()).count()
    return team.members.count() + pending


@transaction.atomic
def invitation_create(*, team: Team, email: str, by: User, site: str) -> TeamInvitation:
    """Invite someone by email (the lead only). `site`: the address links in the email start with."""
    _check_lead(team, by)
    Team.objects.select_for_update().filter(pk=team.pk).first()  # seats are counted one invitation at a time
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise TeamRefused("Give the email address of the person to invite.") from None
    if team.members.filter(email__iexact=email).exists():
        raise TeamRefused(f"{email} is in your team already.")
    # Whether the address has an account, or a team of its own, is not the lead's to learn: the invitation goes
    # out either way, and its link tells the person (only them) if they must leave another team first.
    if seats_taken(team) >= limits_for(team.owner).team_seats:
        raise TeamRefused(f"Your plan has {limits_for(team.owner).team_seats} seats and all are taken or invited.")
    raw = secrets.token_urlsafe(32)
    invitation = TeamInvitation.objects.create(
        team=team,
        email=email,
        token_hash=_hash(raw),
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    link = site.rstrip("/") + reverse("team_join", args=[raw])
    known = User.objects.filter(email__iexact=email).values_list("language", flat=True).first()
    email_queue(
        to=email,
        kind=EmailKind.TEAM_INVITATION,
        key=f"invitation:{invitation.pk}",
        language=known or by.language,
        context={"inviter": by.display_name, "team": team.name, "link": link, "days": INVITATION_DAYS},
    )
    return invitation


def invitation_for(raw: str) -> TeamInvitation:
    """The invitation a link names, if it can still be used; TeamRefused saying why not."""
    invitation = TeamInvitation.objects.select_related("team__owner").filter(token_hash=_hash(raw)).first()
    if invitation is None:
        raise TeamRefused("This invitation link is not valid. Ask the team lead for a new one.")
    if invitation.accepted_at is not None:
        raise TeamRefused("This invitation has been used already.")
    if invitation.expires_at <= timezone.now():
        raise TeamRefused("This invitation has expired. Ask the team lead for a new one.")
    return invitation


@transaction.atomic
def invitation_accept(*, raw: str, user: User) -> Team:
    invitation = invitation_for(raw)
    TeamInvitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if invitation.email.casefold() != user.email.casefold():
        raise TeamRefused(f"This invitation is for {invitation.email}; log in with that address to accept it.")
    if user.team_id is not None and user.team_id != invitation.team_id:
        raise TeamRefused("You are in another team; leave it before you join this one.")
    user.team = invitation.team
    user.save(update_fields=["team", "updated_at"])
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return invitation.team


@transaction.atomic
def member_remove(*, team: Team, member: User, by: User) -> None:
    """The member leaves the team at once and keeps everything of their own."""
    _check_lead(team, by)
    if member.pk == team.owner_id:
        raise TeamRefused("The lead cannot be removed; hand the lead to someone else first.")
    if member.team_id != team.pk:
        raise TeamRefused("This person is not in your team.")
    member.team = None
    member.save(update_fields=["team", "updated_at"])
    member_left.send(sender=Team, team=team, member=member)


@transaction.atomic
def lead_transfer(*, team: Team, new_lead: User, by: User) -> None:
    """Hand the lead (and the Team plan with it) to a member; the old lead stays a member, on the team's plan."""
    _check_lead(team, by)
    if new_lead.team_id != team.pk or new_lead.pk == by.pk:
        raise TeamRefused("Choose another member of your team.")
    team.owner = new_lead
    team.save(update_fields=["owner", "updated_at"])
    reason = f"Lead of “{team.name}” handed from {by.email} to {new_lead.email}"
    plan_change(user=new_lead, plan=Plan.TEAM, source=PlanChange.Source.SYSTEM, by=by, reason=reason)
    plan_change(user=by, plan=Plan.FREE, source=PlanChange.Source.SYSTEM, by=by, reason=reason)


def team_settings(*, team: Team, by: User, ask_consent: bool) -> Team:
    _check_lead(team, by)
    team.ask_consent = ask_consent
    team.save(update_fields=["ask_consent", "updated_at"])
    return team


def _check_lead(team: Team, user: User) -> None:
    if team.owner_id != user.pk:
        raise TeamRefused("Only the team lead can do this.")
