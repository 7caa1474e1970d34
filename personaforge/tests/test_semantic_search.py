"""Semantic search: embeddings kept by the worker for each persona and fact, compared by pgvector cosine distance."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import wait_for
from cvs.models import KnowledgeBaseEntry
from cvs.services import kb_embed_missing, kb_entry_create, kb_entry_update
from personaforge.search import semantic_search_for_user
from personas.models import Persona
from personas.services import persona_create, persona_embed, persona_update

pytestmark = pytest.mark.django_db
JOB = "We are hiring a backend engineer to build payment APIs in Python and Django on PostgreSQL."


@pytest.fixture
def personas(user):
    user.plan = "pro"
    user.save()
    made = [
        persona_create(user=user, title="Pastry chef", summary="Croissants, laminated doughs and a French bakery."),
        persona_create(user=user, title="Backend engineer", summary="Python and Django services for card payments."),
        persona_create(user=user, title="Wedding photographer", summary="Portraits and events, natural light."),
    ]
    for persona in made:
        persona_embed(persona_id=persona.pk)
    return made


def test_the_persona_that_fits_a_job_comes_first(user, owner_client, personas):
    page = owner_client.get(reverse("search"), {"mode": "meaning", "q": JOB}).content.decode()
    assert page.index("Backend engineer") < page.index("Pastry chef")
    assert page.index("Backend engineer") < page.index("Wedding photographer")
    assert "% similar" in page


def test_facts_are_searched_by_meaning_too(user):
    for value in ("Kubernetes", "Sourdough baking", "Negotiation"):
        kb_entry_create(user=user, type="skill", value=value)
    assert kb_embed_missing(user_id=user.pk) == 3
    assert kb_embed_missing(user_id=user.pk) == 0  # nothing left to do
    client = APIClient()
    client.force_authenticate(user)
    body = client.get("/api/v1/search/", {"mode": "meaning", "q": "container orchestration for our clusters"}).json()
    assert body["facts"][0]["title"] == "Kubernetes"


def test_an_edited_fact_loses_its_old_embedding(user):
    entry = kb_entry_create(user=user, type="skill", value="Kubernetes")
    kb_embed_missing(user_id=user.pk)
    kb_entry_update(entry=entry, type="skill", value="Terraform")
    assert KnowledgeBaseEntry.objects.get(pk=entry.pk).embedding is None


def test_nobody_else_s_personas_are_found(other_user, personas):
    client = APIClient()
    client.force_authenticate(other_user)
    body = client.get("/api/v1/search/", {"mode": "meaning", "q": JOB}).json()
    assert body == {"mode": "meaning", "personas": [], "facts": []}


def test_full_text_search_over_the_api(user, personas):
    client = APIClient()
    client.force_authenticate(user)
    body = client.get("/api/v1/search/", {"q": "croissant"}).json()
    assert [hit["title"] for hit in body["hits"]] == ["Pastry chef"]
    assert "<mark>Croissants</mark>" in body["hits"][0]["snippet"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker")
def test_the_worker_embeds_a_persona_whenever_it_is_saved(user):
    persona = persona_create(user=user, title="Data consultant", summary="Dashboards.")
    wait_for(lambda: Persona.objects.get(pk=persona.pk).embedding is not None, timeout=90)
    before = list(Persona.objects.get(pk=persona.pk).embedding)
    persona_update(persona=persona, by=user, based_on=1, title="Data consultant", summary="Pastry and bread.", tags=[])
    wait_for(lambda: list(Persona.objects.get(pk=persona.pk).embedding) != before, timeout=60)


def test_texts_with_no_word_the_model_knows_find_nothing_and_are_never_found(user):
    blank = persona_create(user=user, title="\u2063")
    persona_embed(persona_id=blank.pk)
    blank.refresh_from_db()
    assert not any(blank.embedding)  # stored as the model gave it: nothing to compare
    assert semantic_search_for_user(user=user, text="\u2063\u2063").personas == []
    assert semantic_search_for_user(user=user, text="Backend engineer").personas == []
