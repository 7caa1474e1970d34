import pytest
from django.db import connection

from cvs.tests.factories import KnowledgeBaseEntryFactory
from personaforge.core.unaccent import ACCENTED, PLAIN, unaccent
from personaforge.search import search_for_user
from personas.services import persona_create

pytestmark = pytest.mark.django_db


def test_sql_and_python_leave_out_the_same_accents():
    with connection.cursor() as cursor:
        cursor.execute("SELECT unaccented(%s)", [ACCENTED])
        assert cursor.fetchone()[0] == PLAIN == unaccent(ACCENTED)
    assert unaccent("José García, München, Łódź, Straße") == "Jose Garcia, Munchen, Lodz, Straße"


def test_search_finds_words_written_with_or_without_accents(user):
    persona_create(user=user, title="Consultora de datos", summary="Análisis de datos para clientes en München.")
    KnowledgeBaseEntryFactory(user=user, type="skill", value="Résumé writing", source="user_answer")
    assert [hit.title for hit in search_for_user(user=user, q="analisis munchen")] == ["Consultora de datos"]
    assert [hit.title for hit in search_for_user(user=user, q="München")] == ["Consultora de datos"]
    assert [hit.title for hit in search_for_user(user=user, q="resume")] == ["Résumé writing"]
