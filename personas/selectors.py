from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from personas.models import Persona


def persona_list_for_user(*, user: User) -> QuerySet[Persona]:
    return Persona.objects.filter(user=user).order_by("-updated_at")


def persona_get_for_user(*, user: User, pk: uuid.UUID) -> Persona:
    """The user's persona, or 404: never reveal that someone else's exists."""
    return get_object_or_404(Persona, user=user, pk=pk)
