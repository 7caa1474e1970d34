from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from personas.models import Persona, PersonaVersion


def persona_list_for_user(*, user: User) -> QuerySet[Persona]:
    return Persona.objects.filter(user=user).order_by("-updated_at")


def persona_get_for_user(*, user: User, pk: uuid.UUID) -> Persona:
    """The user's persona, or 404: never reveal that someone else's exists."""
    return get_object_or_404(Persona, user=user, pk=pk)


def version_get_for_persona(*, persona: Persona, number: int) -> PersonaVersion:
    """A version of this persona (already the user's), or 404: another persona's version is not found here."""
    if not 1 <= number < 2**31:  # beyond the column's range: no such version, rather than a database error
        raise Http404("No such version.")
    return get_object_or_404(PersonaVersion, persona=persona, number=number)
