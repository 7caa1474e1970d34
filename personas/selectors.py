from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.limits import LimitReached, check_persona_allowed
from accounts.models import User
from cvs.models import KnowledgeBaseEntry, KnowledgeType
from cvs.selectors import CV_LIST_DEFERRED
from personas import sections
from personas.models import Persona, PersonaVersion


def persona_list_for_user(*, user: User) -> QuerySet[Persona]:
    """The user's personas, last edited first, each with its latest version number (one query, index-served)."""
    latest = PersonaVersion.objects.filter(persona=OuterRef("pk")).order_by("-number").values("number")[:1]
    return Persona.objects.filter(user=user).annotate(latest_version=Subquery(latest)).order_by("-updated_at")


def persona_get_for_user(*, user: User, pk: uuid.UUID) -> Persona:
    """The user's persona, or 404: never reveal that someone else's exists."""
    # Through the relation, so persona.user is this user without reading it again; the embedding is for search only.
    return get_object_or_404(user.personas.defer("embedding"), pk=pk)


def persona_get_for_editor(*, user: User, pk: uuid.UUID) -> Persona:
    """The user's persona for its editor, with the names of its CV and source at hand but not their documents."""
    personas = user.personas.select_related("base_cv", "translation_of").defer(
        "embedding",
        *(f"translation_of__{name}" for name in ("data", "summary", "embedding")),
        *(f"base_cv__{name}" for name in CV_LIST_DEFERRED),
    )
    return get_object_or_404(personas, pk=pk)


def version_list_for_persona(persona: Persona) -> QuerySet[PersonaVersion]:
    """The persona's versions, newest first, for a list: who and when, not the documents they hold."""
    return persona.versions.select_related("created_by").defer("snapshot")


def version_get_for_persona(*, persona: Persona, number: int) -> PersonaVersion:
    """A version of this persona (already the user's), or 404: another persona's version is not found here."""
    if not 1 <= number < 2**31:  # beyond the column's range: no such version, rather than a database error
        raise Http404("No such version.")
    return get_object_or_404(PersonaVersion, persona=persona, number=number)


def knowledge_missing_from_persona(*, persona: Persona, limit: int = 30) -> list[KnowledgeBaseEntry]:
    """The user's skills and tools that the persona does not list yet, for one-click adding."""
    listed = {
        str(word).casefold()
        for item in sections.items_of(persona.data, sections.SECTIONS["skills"])
        for word in item.get("keywords") or []
    }
    facts = (
        KnowledgeBaseEntry.objects.filter(user_id=persona.user_id, type__in=[KnowledgeType.SKILL, KnowledgeType.TOOL])
        .only("pk", "type", "value")
        .order_by("type", "value")
    )
    return [fact for fact in facts[: limit + len(listed)] if fact.value.casefold() not in listed][:limit]


def persona_limit_for(*, user: User) -> LimitReached | None:
    """Why the user cannot make another persona now, if so (the one place that counts them against the plan)."""
    try:
        check_persona_allowed(user=user, existing=Persona.objects.filter(user=user).count())
    except LimitReached as limit:
        return limit
    return None


@dataclass(frozen=True)
class Snapshot:
    """What a persona says at its latest version: the exact document a report, tailoring or letter reads."""

    number: int | None  # None for a persona with no version yet (it is read as it is)
    data: dict[str, Any]
    summary: str
    language: str


def persona_latest_snapshot(persona: Persona) -> Snapshot:
    version = persona.versions.order_by("-number").only("number", "snapshot").first()
    saved = version.snapshot if version is not None else persona.snapshot()
    raw = saved.get("data")
    data: dict[str, Any] = raw if isinstance(raw, dict) else {}
    return Snapshot(
        number=version.number if version is not None else None,
        data=data,
        summary=str(saved.get("summary") or ""),
        language=str(saved.get("language") or ""),
    )
