import pytest
from django.core.management import call_command

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_it_seeds_a_demo_account_with_a_read_cv_and_a_persona_and_can_run_again(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    demo = User.objects.get(email="demo@personaforge.local")
    assert demo.check_password("demo-persona-2026")
    cv = demo.cvs.get()
    assert cv.status == "parsed" and cv.parsed_json["basics"]["name"] == "Alex Morgan"
    persona = demo.personas.get()
    assert persona.data["work"][0]["name"] == "Northwind Payments"
    assert persona.versions.count() == 1
    assert User.objects.get(email="admin@personaforge.local").is_staff
    assert "demo@personaforge.local / demo-persona-2026" in capsys.readouterr().out
