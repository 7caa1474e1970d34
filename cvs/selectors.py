from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from cvs.models import CV, KnowledgeBaseEntry


def cv_list_for_user(*, user: User) -> QuerySet[CV]:
    return CV.objects.filter(user=user).order_by("-created_at")


def cv_get_for_user(*, user: User, pk: uuid.UUID) -> CV:
    """The user's CV, or 404: never reveal that someone else's exists."""
    return get_object_or_404(CV, user=user, pk=pk)


def kb_list_for_user(*, user: User, type: str | None = None) -> QuerySet[KnowledgeBaseEntry]:
    entries = KnowledgeBaseEntry.objects.filter(user=user).order_by("type", "value")
    return entries.filter(type=type) if type else entries


def kb_get_for_user(*, user: User, pk: uuid.UUID) -> KnowledgeBaseEntry:
    return get_object_or_404(KnowledgeBaseEntry, user=user, pk=pk)
