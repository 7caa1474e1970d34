import pytest
from rest_framework.test import APIClient

from gaps.models import GapReport
from gaps.reports import gap_report_run
from gaps.tests.factories import GapReportFactory
from personaforge.core.models import BackgroundJob
from personas.services import persona_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def persona(user):
    return persona_create(user=user, title="Backend engineer")


def _url(persona, report=None):
    return f"/api/v1/personas/{persona.pk}/gap-reports/" + (f"{report.pk}/" if report else "")


def test_it_queues_a_review_then_lists_and_shows_it(api, persona):
    response = api.post(_url(persona), {"type": "general"}, format="json")
    assert response.status_code == 202
    assert response.json()["report"]["status"] == "queued"
    gap_report_run(job_id=BackgroundJob.objects.get(pk=response.json()["background_job"]).pk)
    listed = api.get(_url(persona)).json()
    assert listed["count"] == 1 and listed["results"][0]["status"] == "succeeded"
    report = GapReport.objects.get()
    detail = api.get(_url(persona, report)).json()
    assert detail["version_number"] == 1 and detail["fit_score"] is None
    assert {"field", "severity", "check", "suggestion"} == set(detail["issues"][0])


def test_a_job_fit_needs_a_saved_job(api, persona):
    response = api.post(_url(persona), {"type": "role_specific"}, format="json")
    assert response.status_code == 400 and "saved job" in response.json()["job"][0]
    assert not GapReport.objects.exists()


def test_another_users_persona_and_another_personas_report_are_404(api, user, other_user, persona):
    theirs = persona_create(user=other_user, title="Theirs")
    their_report = GapReportFactory(persona=theirs, type="general")
    assert api.get(_url(theirs)).status_code == 404
    assert api.post(_url(theirs), {}, format="json").status_code == 404
    assert api.get(_url(persona, their_report)).status_code == 404
    assert APIClient().get(_url(persona)).status_code in (401, 403)


def test_the_endpoints_are_in_the_schema(api):
    schema = api.get("/api/schema/?format=json").json()
    assert "/api/v1/personas/{id}/gap-reports/" in schema["paths"]
    assert "/api/v1/personas/{id}/gap-reports/{report_pk}/" in schema["paths"]
    assert {"/api/v1/jobs/", "/api/v1/jobs/{id}/"} <= set(schema["paths"])
