"""Full-text search across a user's personas, CVs and knowledge base (PostgreSQL, English stemming)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accounts.models import User
from cvs.models import CV, KnowledgeBaseEntry
from personaforge.unaccent import unaccent
from personas.models import Persona

# Headline markers that cannot occur in text, so the snippet is escaped first and marked up after.
_START, _STOP = "\x02", "\x03"
PER_KIND = 10


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str
    rank: float
    snippet: SafeString


def _snippet(raw: str) -> SafeString:
    return mark_safe(escape(raw).replace(_START, "<mark>").replace(_STOP, "</mark>"))


def _ranked(queryset: QuerySet, query: SearchQuery, text_field: str) -> QuerySet:
    headline = SearchHeadline(
        text_field, query, config="english", start_sel=_START, stop_sel=_STOP, max_words=30, min_words=10
    )
    return (
        queryset.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query), headline=headline)
        .order_by("-rank")[:PER_KIND]
    )


def search_for_user(*, user: User, q: str) -> list[Hit]:
    """The user's best matches for a query written as people write them ("django -flask", "\\"data platform\\"")."""
    if not q.strip():
        return []
    query = SearchQuery(unaccent(q[:200]), config="english", search_type="websearch")
    hits = [
        Hit("Persona", p.title, reverse("persona_detail", args=[p.pk]), p.rank, _snippet(p.headline))
        for p in _ranked(Persona.objects.filter(user=user), query, "summary")
    ]
    hits += [
        Hit("CV", cv.filename, reverse("cv_detail", args=[cv.pk]), cv.rank, _snippet(cv.headline))
        for cv in _ranked(CV.objects.filter(user=user).defer("parsed_json"), query, "raw_text")
    ]
    hits += [
        Hit(e.get_type_display(), e.value, reverse("knowledge"), e.rank, _snippet(e.headline))
        for e in _ranked(KnowledgeBaseEntry.objects.filter(user=user), query, "evidence")
    ]
    return sorted(hits, key=lambda hit: -hit.rank)
