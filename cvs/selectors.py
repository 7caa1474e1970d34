from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from cvs.models import CV, KnowledgeBaseEntry, KnowledgeType

# A list shows a CV's name and state: its text, profile and search vector (tens of kilobytes each) stay unread.
CV_LIST_DEFERRED = ("raw_text", "parsed_json", "search_vector")


def cv_list_for_user(*, user: User) -> QuerySet[CV]:
    return CV.objects.filter(user=user).defer(*CV_LIST_DEFERRED).order_by("-created_at")


def cv_get_for_user(*, user: User, pk: uuid.UUID) -> CV:
    """The user's CV, or 404: never reveal that someone else's exists."""
    return get_object_or_404(CV, user=user, pk=pk)


def kb_list_for_user(*, user: User, type: str | None = None) -> QuerySet[KnowledgeBaseEntry]:
    entries = KnowledgeBaseEntry.objects.filter(user=user).defer("embedding", "search_vector").order_by("type", "value")
    return entries.filter(type=type) if type else entries


def known_skills_for_user(*, user: User) -> QuerySet[KnowledgeBaseEntry]:
    """The user's skills and tools, to offer when a persona is made (each a fact they may or may not want there)."""
    kinds = [KnowledgeType.SKILL, KnowledgeType.TOOL]
    return kb_list_for_user(user=user).filter(type__in=kinds).order_by("value")


def kb_get_for_user(*, user: User, pk: uuid.UUID) -> KnowledgeBaseEntry:
    return get_object_or_404(KnowledgeBaseEntry, user=user, pk=pk)


def kb_grouped_for_user(*, user: User) -> list[tuple[str, list[KnowledgeBaseEntry]]]:
    """The user's entries by type, in the order the types are listed, each with its CV at hand."""
    entries = kb_list_for_user(user=user).select_related("cv").defer(*(f"cv__{name}" for name in CV_LIST_DEFERRED))
    groups: dict[str, list[KnowledgeBaseEntry]] = {label: [] for label in KnowledgeType.labels}
    for entry in entries:
        groups[entry.get_type_display()].append(entry)
    return [(label, items) for label, items in groups.items() if items]
