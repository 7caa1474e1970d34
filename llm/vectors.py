"""Embeddings for storing and searching: each text's vector is cached by its hash, per embedder.

A persona saved without a change to what it is about, a fact many users share, or a job description pasted twice
is embedded once. The embedder's name goes with the vectors: rows store it, and search compares only vectors of
the embedder configured now (see `current_embedder`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import QuerySet
from pgvector.django import CosineDistance

from accounts.models import User
from llm import get_provider
from llm.calls import llm_call
from llm.models import CachedEmbedding


@dataclass(frozen=True)
class Embedded:
    embedder: str
    vectors: list[list[float]]


def current_embedder() -> str:
    return get_provider().embedder


def embed(*, user: User | None, texts: list[str]) -> Embedded:
    """One vector per text, in order: from the cache where the text was embedded before, else from the provider.

    LLMError as the provider raises it. Only texts not in the cache make a (recorded) call.
    """
    embedder = current_embedder()
    hashes = [hashlib.sha256(text.encode()).hexdigest() for text in texts]
    cached = CachedEmbedding.objects.filter(embedder=embedder, text_hash__in=set(hashes))
    known = {text_hash: [float(x) for x in vector] for text_hash, vector in cached.values_list("text_hash", "vector")}
    missing = {text_hash: text for text_hash, text in zip(hashes, texts, strict=True) if text_hash not in known}
    if missing:
        with llm_call(user=user, task="embed") as provider:
            vectors = provider.embed(texts=list(missing.values()))
        new = dict(zip(missing, vectors, strict=True))
        CachedEmbedding.objects.bulk_create(
            [CachedEmbedding(embedder=embedder, text_hash=text_hash, vector=v) for text_hash, v in new.items()],
            ignore_conflicts=True,  # another worker may have embedded the same text meanwhile
        )
        known.update(new)
    return Embedded(embedder, [known[text_hash] for text_hash in hashes])


MAX_QUERY = 5000  # characters: a long job description; the model reads the first ~200 words anyway


def query_embedding(text: str, *, user: User) -> list[float]:
    """The query's embedding (cached by the text's hash: people search again with the same job description)."""
    return embed(user=user, texts=[text]).vectors[0]


def closest_by_meaning(queryset: QuerySet, *, user: User, vector: list[float]) -> QuerySet:
    """The user's rows of `queryset` (any model with `user`, `embedding` and `embedded_by`: personas, facts),
    nearest to `vector` first, each with its `distance`."""
    distance = CosineDistance("embedding", vector)
    # Only vectors of the embedder in use: another model's are being replaced and would not compare.
    current = queryset.filter(user=user, embedding__isnull=False, embedded_by=current_embedder())
    # A zero vector (a text with no word the model knows) is at no distance from anything: NaN, left out.
    return current.annotate(distance=distance).filter(distance__lte=2).order_by("distance")
