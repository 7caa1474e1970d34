import uuid

import pytest
from django.urls import reverse

from gaps.tests.factories import GapReportFactory
from personaforge.core.jobs import job_progress, job_succeed
from personaforge.tests.factories import BackgroundJobFactory

pytestmark = pytest.mark.django_db


def test_the_fragment_shows_progress_and_keeps_polling(owner_client, user):
    job = BackgroundJobFactory(user=user, kind="cv.read")
    job_progress(job, progress=40, message="Reading the file")
    response = owner_client.get(reverse("background_job_status", args=[job.pk]), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'value="40"' in html and "Reading the file" in html and "hx-trigger" in html
    assert "<html" not in html


def test_a_finished_job_stops_polling(owner_client, user):
    job = BackgroundJobFactory(user=user, kind="cv.read")
    job_succeed(job, message="Read 120 characters")
    html = owner_client.get(reverse("background_job_status", args=[job.pk])).content.decode()
    assert "Read 120 characters" in html and "hx-trigger" not in html


def test_an_outsider_or_unknown_id_gets_404(client, user, other_user):
    job = BackgroundJobFactory(user=user, kind="cv.read")
    client.force_login(other_user)
    assert client.get(reverse("background_job_status", args=[job.pk])).status_code == 404
    assert client.get(reverse("background_job_status", args=[uuid.uuid4()])).status_code == 404
    assert client.get("/jobs/42").status_code == 404


def test_an_object_finished_between_the_page_reads_shows_its_outcome_not_a_stopped_fragment(user):
    from gaps.models import GapReport
    from personaforge.core.jobs import job_working_on
    from personas.services import persona_create

    report = GapReportFactory(persona=persona_create(user=user, title="Backend"), type="general")
    job = BackgroundJobFactory(user=user, kind="gaps.review", subject_id=report.pk)
    assert job_working_on(user=user, subject=report) == job  # running: the page polls its fragment
    read_by_the_page = GapReport.objects.get(pk=report.pk)
    GapReport.objects.filter(pk=report.pk).update(status="succeeded")  # the worker, between the page's two reads
    job_succeed(job)
    assert job_working_on(user=user, subject=read_by_the_page) is None
    assert read_by_the_page.status == "succeeded"
