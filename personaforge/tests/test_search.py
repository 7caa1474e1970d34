import pytest
from django.urls import reverse

from cvs.tests.factories import CVFactory, KnowledgeBaseEntryFactory
from personas.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_it_finds_personas_cvs_and_facts_with_stemming_and_highlights(owner_client, user):
    PersonaFactory(user=user, title="Data consultant", summary="I managed data platforms for retailers.")
    CVFactory(user=user, filename="jane.pdf", raw_text="Managing a data platform team at Lumen GmbH since 2020.")
    KnowledgeBaseEntryFactory(
        user=user, type="skill", value="Platform engineering", source="cv", evidence="Led platform engineering at Acme"
    )
    page = owner_client.get(reverse("search"), {"q": "platforms"}).content.decode()
    assert "Data consultant" in page and "jane.pdf" in page and "Platform engineering" in page
    assert "<mark>platforms</mark>" in page and "<mark>platform</mark>" in page


def test_websearch_syntax_excludes_words(owner_client, user):
    PersonaFactory(user=user, title="Django developer", summary="Django and Flask services.")
    PersonaFactory(user=user, title="Backend engineer", summary="Django services in production.")
    page = owner_client.get(reverse("search"), {"q": "django -flask"}).content.decode()
    assert "Backend engineer" in page and "Django developer" not in page


def test_it_never_shows_another_users_things(owner_client, user, other_user):
    PersonaFactory(user=other_user, title="Secret persona", summary="kubernetes expert")
    page = owner_client.get(reverse("search"), {"q": "kubernetes"}).content.decode()
    assert "Secret persona" not in page and "Nothing in your personas" in page


def test_markup_in_matched_text_is_never_run(owner_client, user):
    CVFactory(user=user, raw_text="<script>alert('x')</script> kubernetes operator, 5 < 6 & more")
    page = owner_client.get(reverse("search"), {"q": "kubernetes"}).content.decode()
    assert "<script>alert" not in page and "<mark>kubernetes</mark>" in page
    assert "5 &lt; 6 &amp; more" in page


@pytest.mark.parametrize("q", ["", "   ", "&&&|||!!!", "a" * 5000, '"unclosed', "-", "or", "python\x00", "\x00"])
def test_odd_queries_are_no_500(owner_client, user, q):
    PersonaFactory(user=user, title="Python engineer")
    for mode in ("words", "meaning"):
        assert owner_client.get(reverse("search"), {"q": q, "mode": mode}).status_code == 200
        assert owner_client.get("/api/v1/search/", {"q": q, "mode": mode}).status_code == 200
    if q == "python\x00":  # found by schemathesis: a NUL reached PostgreSQL; it is the same query without it
        assert owner_client.get("/api/v1/search/", {"q": q}).json()["hits"][0]["title"] == "Python engineer"


def test_search_needs_a_login(client):
    assert client.get(reverse("search"), {"q": "x"}).status_code == 302
