import uuid

import pytest
from django.urls import reverse

from cvs.tests.factories import CVFactory
from personas.models import Persona
from personas.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_a_persona_created_from_a_cv_is_prefilled_and_versioned(owner_client, user):
    profile = {"basics": {"summary": "Eight years of Python."}, "work": [{"name": "Acme", "position": "Engineer"}]}
    cv = CVFactory(user=user, parsed_json=profile, status="parsed")
    response = owner_client.post(
        reverse("persona_new"), {"title": "Backend engineer", "tags": "python, remote, python", "base_cv": cv.pk}
    )
    persona = Persona.objects.get(user=user)
    assert response.url == reverse("persona_detail", args=[persona.pk])
    assert persona.summary == "Eight years of Python."
    assert persona.data["work"][0]["name"] == "Acme"
    assert persona.tags == ["python", "remote"]
    version = persona.versions.get()
    assert version.number == 1 and version.snapshot["title"] == "Backend engineer"
    page = owner_client.get(response.url).content.decode()
    assert "Acme" in page and "v1" in page


def test_someone_elses_cv_cannot_be_the_base(owner_client, other_user):
    foreign = CVFactory(user=other_user)
    response = owner_client.post(reverse("persona_new"), {"title": "Sneaky", "base_cv": foreign.pk})
    assert response.status_code == 400
    assert not Persona.objects.exists()


def test_a_title_is_required(owner_client):
    response = owner_client.post(reverse("persona_new"), {"title": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_an_outsider_gets_404(client, user, other_user):
    persona = PersonaFactory(user=user)
    client.force_login(other_user)
    assert client.get(reverse("persona_detail", args=[persona.pk])).status_code == 404


def test_an_unknown_id_gets_404(owner_client):
    assert owner_client.get(reverse("persona_detail", args=[uuid.uuid4()])).status_code == 404
