import pytest
from django.urls import reverse

from personas.models import Persona
from personas.services import persona_create, persona_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(user):
    user.plan = "pro"
    user.save()
    data = {"work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-01"}]}
    persona = persona_create(user=user, title="Backend engineer", summary="Python.")
    persona_update(persona=persona, by=user, based_on=1, title=persona.title, summary="Python.", tags=[], data=data)
    persona.refresh_from_db()
    return persona


def test_a_linked_translation_keeps_the_structure_and_its_source(owner_client, source):
    response = owner_client.post(reverse("persona_translate", args=[source.pk]), {"language": "de"}, follow=True)
    translation = Persona.objects.get(translation_of=source)
    assert translation.language == "de" and translation.title == "Backend engineer (German)"
    assert translation.data == source.data and translation.source_version == 2
    page = response.content.decode()
    assert "German translation of" in page and "Its source has changed since" not in page


def test_a_translation_is_marked_when_its_source_changes_until_brought_up_to_date(owner_client, user, source):
    owner_client.post(reverse("persona_translate", args=[source.pk]), {"language": "fr"})
    translation = Persona.objects.get(translation_of=source)
    persona_update(persona=source, by=user, based_on=2, title=source.title, summary="Python and Go.", tags=[])
    page = owner_client.get(reverse("persona_detail", args=[translation.pk])).content.decode()
    assert "Its source has changed since" in page and "?a=2&amp;b=3" in page
    dashboard = owner_client.get(reverse("dashboard")).content.decode()
    assert "its source changed since" in dashboard
    owner_client.post(reverse("persona_translation_synced", args=[translation.pk]))
    translation.refresh_from_db()
    assert translation.source_version == 3
    assert "its source changed since" not in owner_client.get(reverse("dashboard")).content.decode()


def test_a_translation_counts_against_the_free_plan(owner_client, user):
    persona = persona_create(user=user, title="Backend engineer")
    response = owner_client.post(reverse("persona_translate", args=[persona.pk]), {"language": "es"}, follow=True)
    assert "Free plan keeps 1 persona" in response.content.decode()
    assert Persona.objects.filter(user=user).count() == 1


def test_an_unknown_language_and_an_outsider_are_refused(owner_client, client, other_user, source):
    owner_client.post(reverse("persona_translate", args=[source.pk]), {"language": "xx"})
    assert not Persona.objects.filter(translation_of=source).exists()
    client.force_login(other_user)
    assert client.post(reverse("persona_translate", args=[source.pk]), {"language": "de"}).status_code == 404
    assert client.post(reverse("persona_translation_synced", args=[source.pk])).status_code == 404
