"""Embeddings are cached by text per embedder, stored with the embedder's name, and made again when it changes."""

import pytest

from cvs.models import KnowledgeBaseEntry
from cvs.services import fact_embedding_text, kb_embed_stale
from cvs.tests.factories import KnowledgeBaseEntryFactory
from llm.models import CachedEmbedding, LLMCall
from llm.tests.openai_server import fake_embedding
from llm.vectors import current_embedder, embed
from personaforge.search import semantic_search_for_user
from personas.services import embedding_text, persona_create, personas_embed_stale

pytestmark = pytest.mark.django_db
OLD = "offline/all-MiniLM-L6-v2"


def test_a_text_is_sent_once_then_read_from_the_cache(user, openai_server):
    first = embed(user=user, texts=["Python", "Django", "Python"])
    again = embed(user=user, texts=["Django", "Kubernetes"])
    sent = [request["body"]["input"] for request in openai_server.requests]
    assert sent == [["Python", "Django"], ["Kubernetes"]]  # a repeated or known text is never sent again
    assert first.vectors[0] == first.vectors[2] and again.vectors[0] == pytest.approx(first.vectors[1])
    assert again.vectors[1] == pytest.approx(fake_embedding("Kubernetes", 256))
    assert first.embedder == "openai/text-embedding-3-small/256" == current_embedder()
    assert LLMCall.objects.filter(task="embed").count() == 2 and CachedEmbedding.objects.count() == 3


def test_the_cache_is_per_embedder(user, openai_server, settings):
    CachedEmbedding.objects.create(embedder=OLD, text_hash=_sha("Python"), vector=[1.0] + [0.0] * 255)
    embedded = embed(user=user, texts=["Python"])  # the offline model's vector is no answer for this one
    assert embedded.vectors[0] == pytest.approx(fake_embedding("Python", 256)) and len(openai_server.requests) == 1
    settings.LLM_MODELS = {**settings.LLM_MODELS, "embed": "text-embedding-3-large"}
    embed(user=user, texts=["Python"])
    assert len(openai_server.requests) == 2  # another model, another vector


def test_after_a_change_of_embedder_old_vectors_are_not_compared_then_made_again(user, other_user, openai_server):
    persona = persona_create(user=user, title="Payments backend engineer")
    fact = KnowledgeBaseEntryFactory(user=user, type="tool", value="Kafka", source="cv")
    theirs = KnowledgeBaseEntryFactory(user=other_user, type="tool", value="Go", source="cv")
    old_vector = [1.0] + [0.0] * 255
    for model, row in ((type(persona), persona), (KnowledgeBaseEntry, fact), (KnowledgeBaseEntry, theirs)):
        model.objects.filter(pk=row.pk).update(embedding=old_vector, embedded_by=OLD)

    found = semantic_search_for_user(user=user, text="A backend engineer for payments")
    assert found.personas == [] and found.facts == []  # the offline model's vectors mean nothing next to these

    assert personas_embed_stale() == 1 and kb_embed_stale() == 2
    persona.refresh_from_db()
    fact.refresh_from_db()
    assert persona.embedded_by == fact.embedded_by == current_embedder()
    assert list(persona.embedding) == pytest.approx(fake_embedding(embedding_text(persona), 256), abs=1e-6)
    assert list(fact.embedding) == pytest.approx(fake_embedding(fact_embedding_text(fact), 256), abs=1e-6)
    assert personas_embed_stale() == 0 and kb_embed_stale() == 0  # nothing left: the refresh stops
    found = semantic_search_for_user(user=user, text="A backend engineer for payments")
    assert [match.title for match in found.personas] == ["Payments backend engineer"]
    assert [match.title for match in found.facts] == ["Kafka"]  # and never the other user's fact


def _sha(text):
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()
