"""Active and read-only personas: when a plan keeps fewer personas than the user has (after a downgrade, a trial's
end, or leaving a team), the ones most recently worked on stay active and the others are kept, read-only, until the
user chooses them or upgrades. Nothing is deleted.
"""

from __future__ import annotations

import uuid

from django.db.models import BooleanField, Q, QuerySet, Value
from django.utils import timezone

from accounts.limits import PLANS, LimitReached, limits_for
from accounts.models import Plan, User
from personas.models import Persona


class PersonaReadOnly(LimitReached):
    """An edit, export or share of a persona the user's plan keeps read-only."""


def active_persona_ids(*, user: User) -> set[uuid.UUID] | None:
    """The ids of the user's active personas, or None when the plan keeps every persona active."""
    allowed = limits_for(user).personas
    if allowed is None:
        return None
    ranked = Persona.objects.filter(user=user).order_by("-worked_on_at", "-id")
    return set(ranked.values_list("pk", flat=True)[:allowed])


def with_read_only(personas: QuerySet[Persona], *, user: User) -> QuerySet[Persona]:
    """The user's personas, each annotated `read_only`."""
    active = active_persona_ids(user=user)
    if active is None:
        return personas.annotate(read_only=Value(False, output_field=BooleanField()))
    return personas.annotate(read_only=~Q(pk__in=active))


def personas_by_activity(*, user: User) -> QuerySet[Persona]:
    """The user's personas, active ones first, each annotated `read_only` (for choosing which stay active)."""
    ranked = Persona.objects.filter(user=user).only("pk", "title", "worked_on_at").order_by("-worked_on_at", "-id")
    return with_read_only(ranked, user=user)


def persona_is_read_only(persona: Persona) -> bool:
    active = active_persona_ids(user=persona.user)
    return active is not None and persona.pk not in active


def read_only_reason(persona: Persona) -> str:
    """Why the persona is read-only and what to do about it, or "" when it is active."""
    if not persona_is_read_only(persona):
        return ""
    user = persona.user
    allowed = limits_for(user).personas
    return (
        f"“{persona.title}” is read-only: your {user.get_plan_display()} plan keeps {allowed} active "
        f"persona{'s' if allowed != 1 else ''}, and your others are kept as they are. Choose which one is active on "
        "the plan page, or upgrade to Pro to work on all of them again."
    )


def check_persona_active(persona: Persona) -> None:
    """PersonaReadOnly when the owner's plan keeps this persona read-only."""
    if reason := read_only_reason(persona):
        raise PersonaReadOnly(reason, upgrade=PLANS[Plan.PRO])


def persona_activate(*, persona: Persona) -> None:
    """Move the persona to the front, so it is active even where the plan keeps fewer (the least recently worked on
    active one becomes read-only). Every edit does this, and so does choosing a persona on the plan page."""
    persona.worked_on_at = timezone.now()
    Persona.objects.filter(pk=persona.pk).update(worked_on_at=persona.worked_on_at)
