"""Search across a user's personas, CVs and knowledge base.

Full text: PostgreSQL, English stemming, accents ignored. Semantic: pgvector cosine distance between the query's
embedding and the ones the worker keeps for each persona and fact. Both look only at the user's own rows, so the
search is exact within them (a user has tens of personas and hundreds of facts: no index can beat reading them).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accounts.models import User
from cvs.models import CV, KnowledgeBaseEntry
from llm.vectors import MAX_QUERY, closest_by_meaning, query_embedding
from personaforge.core.unaccent import unaccent
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
    q = q.replace("\x00", "")  # PostgreSQL text holds no NUL; a query with one is the same query without it
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


@dataclass(frozen=True)
class Match:
    kind: str
    title: str
    url: str
    similarity: int  # 0-100, cosine similarity as a percentage


@dataclass(frozen=True)
class SemanticResults:
    personas: list[Match]
    facts: list[Match]


def semantic_search_for_user(*, user: User, text: str, limit: int = PER_KIND) -> SemanticResults:
    """The user's personas and facts closest in meaning to `text` (a job description, a question)."""
    text = text.replace("\x00", "")
    if not text.strip():
        return SemanticResults([], [])
    vector = query_embedding(text[:MAX_QUERY], user=user)
    personas = closest_by_meaning(Persona.objects.only("id", "title"), user=user, vector=vector)[:limit]
    facts = closest_by_meaning(KnowledgeBaseEntry.objects.only("id", "type", "value"), user=user, vector=vector)
    return SemanticResults(
        personas=[
            Match("Persona", p.title, reverse("persona_detail", args=[p.pk]), _percent(p.distance)) for p in personas
        ],
        facts=[Match(f.get_type_display(), f.value, reverse("knowledge"), _percent(f.distance)) for f in facts[:limit]],
    )


def _percent(distance: float) -> int:
    return max(0, min(100, round((1 - distance) * 100)))
