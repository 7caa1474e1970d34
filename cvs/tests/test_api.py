import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from cvs.models import CV, KnowledgeBaseEntry
from cvs.tests.factories import CVFactory, KnowledgeBaseEntryFactory
from personaforge.core.models import BackgroundJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_upload_queues_the_cv_and_answers_202(api, user):
    response = api.post(reverse("api_cvs"), {"file": SimpleUploadedFile("cv.md", b"# Jane Doe")}, format="multipart")
    assert response.status_code == 202
    cv = CV.objects.get(user=user)
    assert response.json()["cv"]["id"] == str(cv.pk)
    assert BackgroundJob.objects.filter(pk=response.json()["background_job"], subject_id=cv.pk).exists()
    assert response.json()["job"] == response.json()["background_job"]  # the old name, kept one release


def test_the_schema_marks_the_old_name_of_the_background_job_deprecated(api):
    schema = api.get(reverse("api_schema"), {"format": "json"}).json()
    queued = schema["components"]["schemas"]["QueuedOutput"]["properties"]
    old_name = queued["job"]
    assert old_name["deprecated"] is True and "background_job" in old_name["description"]
    assert "deprecated" not in queued["background_job"]


def test_upload_refuses_a_bad_file_with_the_same_message_as_the_page(api, settings):
    settings.CV_MAX_UPLOAD_BYTES = 10
    response = api.post(reverse("api_cvs"), {"file": SimpleUploadedFile("cv.pdf", b"%PDF" * 10)}, format="multipart")
    assert response.status_code == 400
    assert "CVs can be at most 10" in response.json()["file"][0]
    assert not CV.objects.exists()


def test_list_and_detail_show_only_the_users_cvs(api, user, other_user):
    mine = CVFactory(user=user, parsed_json={"basics": {"name": "Jane"}})
    CVFactory(user=other_user)
    listing = api.get(reverse("api_cvs")).json()
    assert listing["count"] == 1 and [item["id"] for item in listing["results"]] == [str(mine.pk)]
    detail = api.get(reverse("api_cv", args=[mine.pk])).json()
    assert detail["profile"] == {"basics": {"name": "Jane"}} and detail["raw_text"] == mine.raw_text


@pytest.mark.parametrize(("method", "name"), [("get", "api_cv"), ("delete", "api_cv"), ("post", "api_cv_reparse")])
def test_someone_elses_cv_is_404(api, other_user, method, name):
    theirs = CVFactory(user=other_user)
    assert getattr(api, method)(reverse(name, args=[theirs.pk])).status_code == 404
    assert getattr(api, method)(reverse(name, args=[uuid.uuid4()])).status_code == 404
    assert CV.objects.filter(pk=theirs.pk, status="pending").exists()


def test_reparse_queues_a_new_job_and_delete_removes_the_file(api, user):
    cv = CVFactory(user=user, status="failed", error="old")
    assert api.post(reverse("api_cv_reparse", args=[cv.pk])).status_code == 202
    cv.refresh_from_db()
    assert cv.status == "pending" and cv.error == ""
    storage, name = cv.file.storage, cv.file.name
    assert api.delete(reverse("api_cv", args=[cv.pk])).status_code == 204
    assert not storage.exists(name) and not CV.objects.filter(pk=cv.pk).exists()


def test_knowledge_base_add_normalises_and_refuses_duplicates(api, user):
    created = api.post(reverse("api_knowledge"), {"type": "tool", "value": "k8s"}, format="json")
    assert created.status_code == 201
    assert created.json()["value"] == "Kubernetes" and created.json()["source"] == "user_answer"
    again = api.post(reverse("api_knowledge"), {"type": "tool", "value": "Kubernetes"}, format="json")
    assert again.status_code == 400 and "already has" in again.json()["value"][0]
    assert api.post(reverse("api_knowledge"), {"type": "hobby", "value": "x"}, format="json").status_code == 400


def test_knowledge_base_list_filters_edit_and_delete(api, user, other_user):
    tool = KnowledgeBaseEntryFactory(user=user, type="tool", value="Docker", source="cv")
    KnowledgeBaseEntryFactory(user=user, type="domain", value="Fintech", source="cv")
    KnowledgeBaseEntryFactory(user=other_user, type="tool", value="Rust", source="cv")
    assert [f["value"] for f in api.get(reverse("api_knowledge"), {"type": "tool"}).json()["results"]] == ["Docker"]
    edited = api.put(reverse("api_fact", args=[tool.pk]), {"type": "tool", "value": "Postgres"}, format="json")
    assert edited.json()["value"] == "PostgreSQL"
    assert api.delete(reverse("api_fact", args=[tool.pk])).status_code == 204
    assert list(KnowledgeBaseEntry.objects.filter(user=user).values_list("value", flat=True)) == ["Fintech"]


def test_someone_elses_fact_is_404(api, other_user):
    theirs = KnowledgeBaseEntryFactory(user=other_user, type="tool", value="Rust", source="cv")
    for method in ("get", "delete"):
        assert getattr(api, method)(reverse("api_fact", args=[theirs.pk])).status_code == 404
    assert (
        api.put(reverse("api_fact", args=[theirs.pk]), {"type": "tool", "value": "Go"}, format="json").status_code
        == 404
    )
    assert KnowledgeBaseEntry.objects.get(pk=theirs.pk).value == "Rust"


def test_the_schema_lists_the_cv_and_knowledge_endpoints(client):
    schema = client.get(reverse("api_schema")).content
    assert b"/api/v1/cvs/{id}/reparse/" in schema and b"/api/v1/knowledge-base/{id}/" in schema


def test_lists_are_paginated(api, user):
    for n in range(3):
        KnowledgeBaseEntryFactory(user=user, type="tool", value=f"Tool {n}", source="cv")
    page = api.get(reverse("api_knowledge"), {"limit": 2}).json()
    assert page["count"] == 3 and len(page["results"]) == 2 and "offset=2" in page["next"]


def test_an_empty_or_punctuation_only_fact_is_refused(api):
    response = api.post(reverse("api_knowledge"), {"type": "tool", "value": " . "}, format="json")
    assert response.status_code == 400
    assert not KnowledgeBaseEntry.objects.exists()
