import json
from pathlib import Path

import factory

from accounts.tests.factories import UserFactory
from personas.models import Persona
from personas.services import persona_create, persona_version_record


class PersonaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persona

    user = factory.SubFactory(UserFactory)
    title = "Backend engineer"
    summary = "Python and PostgreSQL."
    tags = factory.LazyFunction(lambda: ["python"])


DEMO = Path(__file__).resolve().parents[2] / "personaforge" / "demo" / "alex-morgan.resume.json"


def demo_persona(user, *, title="Payments backend engineer", summary="", change=None):
    """A persona holding the demo CV (Alex Morgan, written for the project), saved as version 2.

    `change`: a function that edits the document first (a name, a hard case)."""
    persona = persona_create(user=user, title=title)
    data = json.loads(DEMO.read_text())
    if change:
        change(data)
    persona.data, persona.summary = data, summary
    persona.save()
    persona_version_record(persona=persona, by=user, change_summary="From the demo CV")
    return persona
