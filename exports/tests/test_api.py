"""Templates and exports over the API, scoped to the user, in the OpenAPI schema."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from exports.models import Export
from exports.services import export_run
from personas.services import persona_create
from personas.tests.factories import demo_persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def persona(user):
    return demo_persona(user)


def test_templates_are_listed_and_own_ones_written_on_pro(api, user, persona):
    listed = api.get(reverse("api_templates")).json()
    assert [t["builtin"] for t in listed][:4] == ["classic", "modern", "compact", "technical"]
    free = api.post(reverse("api_templates"), {"name": "Mine", "type": "cv", "engine": "markdown"}, format="json")
    assert free.status_code == 403 and free.json()["code"] == "plan_limit"
    user.plan = "pro"
    user.save()
    created = api.post(
        reverse("api_templates"),
        {"name": "Mine", "type": "cv", "engine": "markdown", "body": "# {{ basics.name }}"},
        format="json",
    )
    assert created.status_code == 201 and created.json()["builtin"] is None
    url = reverse("api_template", args=[created.json()["id"]])
    assert api.patch(url, {"body": "{% for %}"}, format="json").status_code == 400
    assert api.patch(url, {"name": "Renamed"}, format="json").json()["name"] == "Renamed"
    preview = api.post(
        reverse("api_template_preview", args=[created.json()["id"]]), {"persona": persona.pk}, format="json"
    )
    assert preview.status_code == 200 and "<h1>Alex Morgan</h1>" in preview.json()["html"]
    classic = next(t for t in listed if t["builtin"] == "classic")
    assert api.patch(reverse("api_template", args=[classic["id"]]), {"name": "x"}, format="json").status_code == 404
    assert api.delete(url).status_code == 204


def test_an_export_is_queued_followed_and_downloaded(api, user, persona):
    template_id = next(t["id"] for t in api.get(reverse("api_templates")).json() if t["builtin"] == "classic")
    queued = api.post(
        reverse("api_exports"), {"persona": persona.pk, "template": template_id, "format": "docx"}, format="json"
    )
    assert queued.status_code == 202 and queued.json()["export"]["status"] == "pending"
    assert queued.json()["export"]["download"] is None
    export_run(job_id=queued.json()["background_job"])
    detail = api.get(reverse("api_export", args=[queued.json()["export"]["id"]])).json()
    assert detail["status"] == "done" and detail["persona_version"] == 2 and detail["ats"]["read"] > 20
    download = api.get(detail["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    assert api.get(reverse("api_exports")).json()["count"] == 1


def test_bad_requests_and_other_users_objects(api, user, persona, other_user):
    templates = api.get(reverse("api_templates")).json()
    letter_template = next(t for t in templates if t["builtin"] == "letter_classic")
    bad = api.post(
        reverse("api_exports"),
        {"persona": persona.pk, "template": letter_template["id"], "format": "pdf"},
        format="json",
    )
    assert bad.status_code == 400
    assert (
        api.post(
            reverse("api_exports"),
            {"persona": persona.pk, "template": letter_template["id"], "format": "exe"},
            format="json",
        ).status_code
        == 400
    )
    theirs = persona_create(user=other_user, title="Theirs")
    response = api.post(
        reverse("api_exports"), {"persona": theirs.pk, "template": templates[0]["id"], "format": "pdf"}, format="json"
    )
    assert response.status_code == 404 and not Export.objects.exists()
    other = APIClient()
    other.force_authenticate(other_user)
    queued = api.post(
        reverse("api_exports"), {"persona": persona.pk, "template": templates[0]["id"], "format": "text"}, format="json"
    ).json()
    assert other.get(reverse("api_export", args=[queued["export"]["id"]])).status_code == 404
    assert other.get(reverse("api_export_download", args=[queued["export"]["id"]])).status_code == 404


def test_the_schema_documents_templates_and_exports(api):
    schema = api.get(reverse("api_schema"), {"format": "json"}).json()
    for path in (
        "/api/v1/templates/",
        "/api/v1/templates/{id}/preview/",
        "/api/v1/exports/",
        "/api/v1/exports/{id}/download/",
    ):
        assert path in schema["paths"], path


def test_options_of_the_wrong_type_are_ignored_not_a_500(api, persona):
    template_id = next(t["id"] for t in api.get(reverse("api_templates")).json() if t["builtin"] == "classic")
    config = {"font": [], "page_size": {"a": 1}, "heading_language": 7, "sections": "work", "accent": None}
    response = api.post(
        reverse("api_exports"),
        {"persona": persona.pk, "template": template_id, "format": "html", "config": config},
        format="json",
    )
    assert response.status_code == 202 and response.json()["export"]["config"]["font"] == "serif"
