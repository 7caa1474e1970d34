"""Tailoring moved from personas to gaps: Django's record of it changed, the database did not."""

from io import StringIO

import pytest
from django.core.management import call_command

from gaps.models import Tailoring

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("app", "migration"), [("personas", "0012_delete_tailoring"), ("gaps", "0009_tailoring")])
def test_the_move_runs_no_sql(app, migration):
    out = StringIO()
    call_command("sqlmigrate", app, migration, stdout=out)
    statements = [line for line in out.getvalue().splitlines() if line and not line.startswith("--")]
    assert statements == ["BEGIN;", "COMMIT;"]


def test_the_table_is_the_one_it_always_was():
    assert Tailoring._meta.db_table == "personas_tailoring"
