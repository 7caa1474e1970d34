"""Invariants the database itself enforces, and the search indexes it serves."""

import pytest
from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import IntegrityError
from pgvector.django import CosineDistance

from accounts.tests.factories import UserFactory
from cvs.tests.factories import CVFactory, KnowledgeBaseEntryFactory
from gaps.tests.factories import GapReportFactory
from personas.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_emails_are_unique_whatever_their_case():
    UserFactory(email="jane@example.com")
    with pytest.raises(IntegrityError):
        UserFactory(email="JANE@example.com")


def test_a_fit_score_stays_between_0_and_100(user):
    persona = PersonaFactory(user=user)
    with pytest.raises(IntegrityError):
        GapReportFactory(persona=persona, type="role_specific", fit_score=101)


def test_only_a_role_specific_report_has_a_fit_score(user):
    persona = PersonaFactory(user=user)
    with pytest.raises(IntegrityError):
        GapReportFactory(persona=persona, type="general", fit_score=50)


def test_an_unknown_enum_value_is_refused(user):
    with pytest.raises(IntegrityError):
        KnowledgeBaseEntryFactory(user=user, type="hobby", value="chess", source="cv")


def test_the_same_fact_is_stored_once_per_user(user, other_user):
    KnowledgeBaseEntryFactory(user=user, type="tool", value="PostgreSQL", source="cv")
    KnowledgeBaseEntryFactory(user=other_user, type="tool", value="PostgreSQL", source="cv")
    with pytest.raises(IntegrityError):
        KnowledgeBaseEntryFactory(user=user, type="tool", value="postgresql", source="user_answer")


def test_full_text_search_stems_english_words(user):
    CVFactory(user=user, raw_text="I managed teams building payment systems")
    CVFactory(user=user, raw_text="Gardening and cooking")
    hits = user.cvs.filter(search_vector=SearchQuery("manage payment", config="english", search_type="websearch"))
    assert [cv.raw_text for cv in hits] == ["I managed teams building payment systems"]


def test_vector_search_orders_by_cosine_distance(user):
    size = settings.EMBEDDING_DIMENSIONS
    near, far = [1.0] + [0.0] * (size - 1), [0.0] * (size - 1) + [1.0]
    PersonaFactory(user=user, title="far", embedding=far)
    PersonaFactory(user=user, title="near", embedding=near)
    query = [0.9, 0.1] + [0.0] * (size - 2)
    ranked = user.personas.order_by(CosineDistance("embedding", query)).values_list("title", flat=True)
    assert list(ranked) == ["near", "far"]
