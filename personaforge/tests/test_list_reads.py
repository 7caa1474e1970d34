"""Pages that list things read what they show: not a CV's text and profile, nor embeddings, for each row."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cvs.models import KnowledgeType
from cvs.tests.factories import CVFactory, KnowledgeBaseEntryFactory
from personas.tests.factories import PersonaFactory, demo_persona

pytestmark = pytest.mark.django_db

DOCUMENT_COLUMNS = (
    '"cvs_cv"."raw_text"',
    '"cvs_cv"."parsed_json"',
    '"embedding"',
    '"personas_personaversion"."snapshot"',
)


def _sql_of(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _world(user, *, cvs: int) -> None:
    start = user.cvs.count()
    for n in range(start, start + cvs):
        cv = CVFactory(user=user, filename=f"cv-{n}.pdf", parsed_json={"basics": {"name": "Jane"}})
        PersonaFactory(user=user, title=f"Persona {n}", base_cv=cv)
        KnowledgeBaseEntryFactory(
            user=user,
            type=KnowledgeType.SKILL,
            value=f"Skill {n}",
            source="cv",
            cv=cv,
            embedding=[0.1] * settings.EMBEDDING_DIMENSIONS,
        )


@pytest.mark.parametrize("name", ["dashboard", "knowledge", "api_cvs", "api_knowledge"])
def test_a_list_reads_no_document_columns_and_no_more_queries_for_more_rows(owner_client, user, name):
    url = reverse(name)
    _world(user, cvs=1)
    few = _sql_of(owner_client, url)
    _world(user, cvs=3)
    many = _sql_of(owner_client, url)
    assert len(many) == len(few)
    read = [column for column in DOCUMENT_COLUMNS if any(column in sql for sql in many)]
    assert read == []


def test_the_persona_editor_reads_no_documents_but_its_own(owner_client, user):
    _world(user, cvs=2)
    source = user.personas.first()
    translation = PersonaFactory(user=user, title="Persona, auf Deutsch", base_cv=source.base_cv, translation_of=source)
    PersonaFactory(user=user, title="Persona, en français", translation_of=translation)
    queries = _sql_of(owner_client, reverse("persona_detail", args=[translation.pk]))
    read = [column for column in DOCUMENT_COLUMNS if any(column in sql for sql in queries)]
    assert read == []
    # The persona's own document is read once, not its source's or its translations'.
    assert sum('"personas_persona"."data"' in sql for sql in queries) == 1
    # The owner is the signed-in user: not read a second time for the persona.
    assert sum('FROM "accounts_user"' in sql for sql in queries) == 1


def test_an_edit_in_place_answers_with_the_history_but_not_the_old_documents(owner_client, user):
    persona = demo_persona(user)
    url = reverse("section_item_action", args=[persona.pk, "work", 0, "toggle"])
    for based_on in (1, 2, 3):
        owner_client.post(url, {"based_on": based_on}, headers={"HX-Request": "true"})
    with CaptureQueriesContext(connection) as captured:
        response = owner_client.post(url, {"based_on": 4}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "v5" in response.content.decode()
    reads = [query["sql"] for query in captured.captured_queries if query["sql"].startswith("SELECT")]
    assert not any('"personas_personaversion"."snapshot"' in sql for sql in reads)
