"""The persona API: the same services as the editor, scoped to the user, in the OpenAPI schema."""

import uuid

import pytest
from rest_framework.test import APIClient

from cvs.tests.factories import CVFactory, KnowledgeBaseEntryFactory
from personas.models import Persona
from personas.services import persona_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def persona(user):
    return persona_create(user=user, title="Backend engineer", summary="Python.")


def test_create_list_and_read(api, user):
    user.plan = "pro"
    user.save()
    cv = CVFactory(user=user, status="parsed", parsed_json={"work": [{"name": "Acme", "position": "Engineer"}]})
    asked = {"title": "Backend", "tags": ["python"], "base_cv": str(cv.pk)}
    refused = api.post("/api/v1/personas/", asked, format="json")  # no name, a job without dates: unsure
    assert refused.status_code == 400 and "Look them over on its review page first" in refused.json()["base_cv"][0]
    doubts = api.get(f"/api/v1/cvs/{cv.pk}/").json()["doubts"]
    assert {"where": "Name", "value": "", "reason": "No name was found: write yours in."} in doubts
    assert api.post(f"/api/v1/cvs/{cv.pk}/review-seen/").json()["review_seen_at"]
    created = api.post("/api/v1/personas/", asked, format="json")
    assert created.status_code == 201
    body = created.json()
    assert body["version"] == 1 and body["data"]["work"] == [{"name": "Acme", "position": "Engineer"}]
    listed = api.get("/api/v1/personas/").json()
    assert listed["count"] == 1 and listed["results"][0]["title"] == "Backend"
    assert api.get(f"/api/v1/personas/{body['id']}/").json()["base_cv"] == str(cv.pk)


def test_the_free_plan_limit_is_the_same_as_on_the_page(api, persona):
    response = api.post("/api/v1/personas/", {"title": "Second"}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "plan_limit"
    assert "Free plan keeps 1 persona" in response.json()["detail"]
    assert api.post(f"/api/v1/personas/{persona.pk}/duplicate/").status_code == 403


def test_another_users_cv_cannot_be_the_base(api, other_user):
    cv = CVFactory(user=other_user, status="parsed", parsed_json={"basics": {"name": "Secret"}})
    response = api.post("/api/v1/personas/", {"title": "Mine", "base_cv": str(cv.pk)}, format="json")
    assert response.status_code == 400 and response.json() == {"base_cv": ["No such CV."]}


def test_patch_saves_a_version_and_refuses_a_stale_edit(api, persona):
    document = {"basics": {"name": "Alex"}, "work": [{"name": "Acme", "position": "Engineer"}]}
    response = api.patch(
        f"/api/v1/personas/{persona.pk}/", {"based_on": 1, "data": document, "tags": ["go"]}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2 and response.json()["data"] == document
    assert response.json()["title"] == "Backend engineer"  # fields not sent are kept
    stale = api.patch(f"/api/v1/personas/{persona.pk}/", {"based_on": 1, "summary": "Lost?"}, format="json")
    assert stale.status_code == 409 and stale.json()["version"] == 2
    persona.refresh_from_db()
    assert persona.summary == "Python." and persona.tags == ["go"]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (["not", "an", "object"], "JSON Resume object"),
        ({"basics": "a string"}, "does not follow the schema at basics"),
        ({"work": [{"summary": "nul \u0000 here"}]}, "null characters"),
        ({"work": [{"summary": "x" * 5000} for _ in range(100)]}, "too long"),
    ],
)
def test_a_bad_document_is_refused_with_a_reason(api, persona, document, message):
    response = api.patch(f"/api/v1/personas/{persona.pk}/", {"based_on": 1, "data": document}, format="json")
    assert response.status_code == 400 and message in str(response.json()["data"])
    assert persona.versions.count() == 1


def test_an_oversized_summary_is_refused(api, persona):
    response = api.patch(f"/api/v1/personas/{persona.pk}/", {"based_on": 1, "summary": "x" * 6000}, format="json")
    assert response.status_code == 400 and "summary" in response.json()


def test_versions_list_diff_and_restore(api, persona, user):
    api.patch(f"/api/v1/personas/{persona.pk}/", {"based_on": 1, "summary": "Python and Go."}, format="json")
    versions = api.get(f"/api/v1/personas/{persona.pk}/versions/").json()
    assert [v["number"] for v in versions["results"]] == [2, 1]
    assert versions["results"][0]["created_by"] == user.email
    diff = api.get(f"/api/v1/personas/{persona.pk}/versions/diff/?a=1&b=2").json()
    assert diff == [{"path": "summary", "kind": "changed", "before": "Python.", "after": "Python and Go."}]
    restored = api.post(f"/api/v1/personas/{persona.pk}/versions/1/restore/")
    assert restored.status_code == 201 and restored.json()["change_summary"] == "Restored version 1"
    assert api.get(f"/api/v1/personas/{persona.pk}/").json()["summary"] == "Python."
    assert api.get(f"/api/v1/personas/{persona.pk}/versions/1/").json()["snapshot"]["summary"] == "Python."
    assert api.get(f"/api/v1/personas/{persona.pk}/versions/diff/?a=1").status_code == 400


def test_hidden_items_are_marked_in_data_and_left_out_of_shown(api, persona):
    document = {"work": [{"name": "Acme"}, {"name": "Old job", "x-hidden": True}]}
    api.patch(f"/api/v1/personas/{persona.pk}/", {"based_on": 1, "data": document}, format="json")
    body = api.get(f"/api/v1/personas/{persona.pk}/").json()
    assert len(body["data"]["work"]) == 2 and body["shown"]["work"] == [{"name": "Acme"}]


def test_delete(api, persona):
    assert api.delete(f"/api/v1/personas/{persona.pk}/").status_code == 204
    assert not Persona.objects.filter(pk=persona.pk).exists()
    assert api.post(f"/api/v1/personas/{persona.pk}/versions/1/restore/").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/personas/{pk}/"),
        ("patch", "/api/v1/personas/{pk}/"),
        ("delete", "/api/v1/personas/{pk}/"),
        ("post", "/api/v1/personas/{pk}/duplicate/"),
        ("get", "/api/v1/personas/{pk}/versions/"),
        ("get", "/api/v1/personas/{pk}/versions/1/"),
        ("get", "/api/v1/personas/{pk}/versions/diff/?a=1&b=1"),
        ("post", "/api/v1/personas/{pk}/versions/1/restore/"),
    ],
)
def test_an_outsider_gets_404(other_user, persona, method, path):
    client = APIClient()
    client.force_authenticate(other_user)
    response = getattr(client, method)(path.format(pk=persona.pk), {"based_on": 1}, format="json")
    assert response.status_code == 404
    assert Persona.objects.filter(pk=persona.pk).exists() and persona.versions.count() == 1


def test_another_personas_version_and_unknown_ids_are_404(api, persona, user):
    user.plan = "pro"
    user.save()
    other = persona_create(user=user, title="Other")
    api.patch(f"/api/v1/personas/{other.pk}/", {"based_on": 1, "summary": "v2"}, format="json")
    assert api.get(f"/api/v1/personas/{persona.pk}/versions/2/").status_code == 404
    assert api.get(f"/api/v1/personas/{uuid.uuid4()}/").status_code == 404
    assert api.get(f"/api/v1/personas/{persona.pk}/versions/99999999999/").status_code == 404


def test_anonymous_requests_are_refused():
    assert APIClient().get("/api/v1/personas/").status_code in (401, 403)


def test_the_endpoints_are_in_the_schema(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in (
        "/api/v1/personas/",
        "/api/v1/personas/{id}/versions/diff/",
        "/api/v1/personas/{id}/versions/{number}/restore/",
    ):
        assert path in schema


@pytest.mark.parametrize(
    "document",
    [{"custom": ["Talks"]}, {"work": [{"name": "Acme", "x-hiddenHighlights": 5}]}, {"work": [{"x-hidden": "yes"}]}],
)
def test_a_document_the_editor_could_not_show_is_refused(api, persona, document):
    response = api.patch(f"/api/v1/personas/{persona.pk}/", {"based_on": 1, "data": document}, format="json")
    assert response.status_code == 400 and "data" in response.json()


def test_a_duplicate_keeps_the_language(api, user):
    user.plan = "pro"
    user.save()
    german = persona_create(user=user, title="Entwickler", language="de")
    assert api.post(f"/api/v1/personas/{german.pk}/duplicate/").json()["language"] == "de"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"based_on": 1, "data": {"basics": {"name": "\\ud800"}}}', "broken character"),
        ('{"based_on": 1, "data": ' + "[" * 50000 + "]" * 50000 + "}", "nested"),
        ('{"based_on": 1, "data": {"basics": {"name": NaN}}}', "JSON parse error"),
    ],
)
def test_json_that_could_not_be_stored_is_a_400_with_a_reason(api, persona, body, message):
    response = api.patch(f"/api/v1/personas/{persona.pk}/", body, content_type="application/json")
    assert response.status_code == 400 and message in response.json()["detail"]
    assert persona.versions.count() == 1


def test_a_new_persona_takes_the_knowledge_chosen_and_no_one_elses(api, user, other_user):
    mine = KnowledgeBaseEntryFactory(user=user, type="tool", value="dbt")
    KnowledgeBaseEntryFactory(user=user, type="tool", value="React")  # not chosen: not added
    theirs = KnowledgeBaseEntryFactory(user=other_user, type="tool", value="Secret tool")
    refused = api.post("/api/v1/personas/", {"title": "Mine", "knowledge": [str(theirs.pk)]}, format="json")
    assert refused.status_code == 400 and refused.json() == {
        "knowledge": ["No such skill or tool in your knowledge base."]
    }
    created = api.post("/api/v1/personas/", {"title": "Mine", "knowledge": [str(mine.pk)]}, format="json")
    assert created.status_code == 201
    assert created.json()["data"]["skills"] == [{"name": "Tools", "keywords": ["dbt"]}]
