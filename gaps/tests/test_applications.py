"""The application tracker: a job's status, the persona version sent, the next step; a board, a list, the
dashboard's follow-ups this week, the API; nobody else's."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gaps.applications.services import application_save
from gaps.models import Application
from gaps.postings.services import posting_create
from personas.services import persona_create

pytestmark = pytest.mark.django_db
JOB = "Python engineer\nRequirements:\n- Python and Django\n- Kubernetes\n- Fluent German\nLocation: Berlin\n"


@pytest.fixture
def job(user):
    return posting_create(user=user, description=JOB, title="Python engineer", company="Initech")


def test_applying_dates_it_and_keeps_the_version_sent(user, job):
    persona = persona_create(user=user, title="Backend engineer")
    saved = application_save(user=user, job=job, persona=persona)
    assert saved.status == "saved" and saved.applied_on is None and saved.persona_version is None
    applied = application_save(user=user, job=job, persona=None, status="applied")
    assert applied.pk == saved.pk and applied.applied_on == timezone.localdate() and applied.persona_version == 1


def test_the_apply_page_tracks_it_and_the_board_and_dashboard_show_it(owner_client, user, job):
    persona = persona_create(user=user, title="Backend engineer")
    soon = timezone.localdate() + timedelta(days=3)
    response = owner_client.post(
        reverse("application_save", args=[job.pk]),
        {
            "persona": str(persona.pk),
            "status": "interview",
            "next_step": "Second round with Bo",
            "next_step_on": soon.isoformat(),
            "applied_on": "",
            "notes": "",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith(f"?persona={persona.pk}#application")
    application = Application.objects.get()
    assert (application.status, application.persona_version, application.next_step_on) == ("interview", 1, soon)

    board = owner_client.get(reverse("applications")).content.decode()
    assert 'id="column-interview">Interview <span class="muted">1</span>' in board and "Second round with Bo" in board
    listed = owner_client.get(reverse("applications") + "?view=list").content.decode()
    assert "<td>Interview</td>" in listed and "Backend engineer v1" in listed
    dashboard = owner_client.get(reverse("dashboard")).content.decode()
    assert "Follow up this week" in dashboard and "Second round with Bo" in dashboard

    later = timezone.localdate() + timedelta(days=30)
    owner_client.post(
        reverse("application_save", args=[job.pk]),
        {
            "persona": str(persona.pk),
            "status": "interview",
            "next_step_on": later.isoformat(),
        },
    )
    assert "Follow up this week" not in owner_client.get(reverse("dashboard")).content.decode()


def test_a_bad_date_or_another_users_persona_is_refused_with_the_reason(client, user, other_user, job):
    theirs = persona_create(user=other_user, title="Theirs")
    client.force_login(user)
    response = client.post(
        reverse("application_save", args=[job.pk]),
        {
            "persona": str(theirs.pk),
            "status": "applied",
            "next_step_on": "31/02/2027",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Not saved." in page and "Select a valid choice" in page and "Enter a valid date" in page
    assert not Application.objects.exists()


def test_outsiders_get_404(client, user, other_user, job):
    application = application_save(user=user, job=job, persona=None, status="applied")
    client.force_login(other_user)
    assert client.post(reverse("application_save", args=[job.pk]), {"status": "withdrawn"}).status_code == 404
    assert client.get(f"/api/v1/applications/{application.pk}/").status_code == 404
    assert (
        client.patch(
            f"/api/v1/applications/{application.pk}/", {"status": "withdrawn"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert (
        client.post("/api/v1/applications/", {"job": str(job.pk)}, content_type="application/json").status_code == 404
    )
    assert client.get("/api/v1/applications/").json()["count"] == 0
    application.refresh_from_db()
    assert application.status == "applied"


def test_applications_over_the_api(owner_client, user, job):
    persona = persona_create(user=user, title="Backend engineer")
    created = owner_client.post(
        "/api/v1/applications/",
        {"job": str(job.pk), "persona": str(persona.pk), "status": "applied"},
        content_type="application/json",
    )
    assert created.status_code == 200 and created.json()["persona_version"] == 1
    url = f"/api/v1/applications/{created.json()['id']}/"
    patched = owner_client.patch(url, {"status": "offer", "next_step": "Negotiate"}, content_type="application/json")
    assert patched.json()["status"] == "offer" and patched.json()["applied_on"] == created.json()["applied_on"]
    refused = owner_client.patch(url, {"status": "hired"}, content_type="application/json")
    assert refused.status_code == 400 and "status" in refused.json()
    assert owner_client.get("/api/v1/applications/").json()["count"] == 1
    assert owner_client.delete(url).status_code == 204 and not Application.objects.exists()
    schema = owner_client.get("/api/schema/?format=json").json()
    assert {"/api/v1/applications/", "/api/v1/applications/{id}/"} <= set(schema["paths"])
