"""General reviews as reports: requested from the persona page or the API, written in the worker, shown in place."""

import pytest
from django.urls import reverse

from conftest import wait_for
from gaps.models import GapReport
from gaps.reports import gap_report_run, gap_review_request
from llm.models import LLMCall
from personaforge.core.models import BackgroundJob
from personas.services import persona_create, persona_version_record

pytestmark = pytest.mark.django_db

DATA = {
    "basics": {"name": "Ana Ruiz", "email": "ana@example.com"},
    "work": [
        {
            "name": "Acme",
            "position": "Engineer",
            "startDate": "2020-01",
            "highlights": ["Responsible for the <script>alert(document.cookie)</script> billing API"],
        }
    ],
}


def _save(persona, data):
    persona.data = data
    persona.save()
    persona_version_record(persona=persona, by=persona.user, change_summary="Edited")


@pytest.fixture
def persona(user):
    persona = persona_create(user=user, title="Backend engineer")
    _save(persona, DATA)
    return persona


def _review(persona, user):
    report, job = gap_review_request(persona=persona, by=user)
    gap_report_run(job_id=job.pk)
    report.refresh_from_db()
    return report


def test_a_review_is_stored_with_its_version_and_recorded_as_an_offline_call(persona, user):
    report = _review(persona, user)
    assert report.status == "succeeded" and report.version_number == 2 and report.provider == "offline"
    assert {"check": "weak_verb", "field": "work[0].highlights[0]", "severity": "medium"}.items() <= next(
        issue for issue in report.issues if issue["check"] == "weak_verb"
    ).items()
    call = LLMCall.objects.get(task="review_persona")
    assert call.provider == "offline" and not call.counts_against_plan
    assert BackgroundJob.objects.get(subject_id=report.pk).status == "succeeded"


def test_the_page_shows_the_review_with_links_to_each_field_and_compares_with_the_last(owner_client, persona, user):
    response = owner_client.post(reverse("gap_review_create", args=[persona.pk]))
    assert response.status_code == 302 and response["Location"].endswith("#feedback")
    editor = owner_client.get(reverse("persona_detail", args=[persona.pk])).content.decode()
    assert 'id="feedback"' in editor and f'hx-get="{reverse("persona_feedback", args=[persona.pk])}"' in editor
    assert 'hx-trigger="every 1s"' in _panels(owner_client, persona)  # queued: the panel polls its progress
    gap_report_run(job_id=BackgroundJob.objects.get(kind="gaps.review").pk)
    page = _panels(owner_client, persona)
    count = len(GapReport.objects.get().issues)
    assert f"<strong>{count} points</strong> a recruiter would raise" in page
    assert (
        f'href="{reverse("persona_detail", args=[persona.pk])}#item-work-0" data-field="work[0].highlights[0]"' in page
    )
    assert 'id="item-work-0"' in editor  # the link's target exists in the editor
    assert "<script>alert(document.cookie)</script>" not in page
    assert "<h1>" not in page and "<h1>Feedback on" in _panels(owner_client, persona, htmx=False)  # a page without JS

    _save(persona, {**DATA, "work": [{**DATA["work"][0], "highlights": ["Cut billing errors by 30%"]}]})
    _review(persona, user)
    assert f"Down from {count} at version 2" in _panels(owner_client, persona)


def test_a_persona_with_no_content_gets_a_review_not_an_error(owner_client, user):
    persona = persona_create(user=user, title="Empty")
    _save(persona, {})
    report = _review(persona, user)
    assert report.status == "succeeded" and {"no_work", "no_skills"} <= {i["check"] for i in report.issues}


def test_the_review_reads_the_latest_version_and_survives_old_or_odd_stored_issues(owner_client, persona, user):
    persona.data = {}  # not saved through a version: what was reviewed is the latest version, numbered
    persona.save()
    report = _review(persona, user)
    assert report.version_number == 2 and "weak_verb" in {issue["check"] for issue in report.issues}
    report.issues = [{"field": "work[0]", "severity": "low", "suggestion": "An old report without its check."}, "odd"]
    report.version_number = None
    report.save()
    assert "<strong>1 point</strong> a recruiter would raise." in _panels(owner_client, persona)
    api = owner_client.get(f"/api/v1/personas/{persona.pk}/gap-reports/{report.pk}/").json()
    assert api["issues"] == [
        {"field": "work[0]", "severity": "low", "check": "", "suggestion": "An old report without its check."}
    ]


def test_a_failed_review_says_why_on_the_page(owner_client, persona, user):
    report, job = gap_review_request(persona=persona, by=user)
    from gaps.reports import gap_report_mark_failed
    from personaforge.core.jobs import job_fail

    gap_report_mark_failed(report_id=report.pk, error="The AI service refused the request (400).")
    job_fail(job, error="The AI service refused the request (400).")
    page = _panels(owner_client, persona)
    assert "The last review could not be written: The AI service refused the request (400)." in page


def _panels(client, persona, *, htmx=True):
    """The editor's review and fit panels, as the editor loads them."""
    headers = {"HX-Request": "true"} if htmx else {}
    return client.get(reverse("persona_feedback", args=[persona.pk]), headers=headers).content.decode()


def test_outsiders_get_404_and_the_wrong_method_405(client, other_user, persona):
    client.force_login(other_user)
    assert client.get(reverse("persona_feedback", args=[persona.pk])).status_code == 404
    assert client.post(reverse("gap_review_create", args=[persona.pk])).status_code == 404
    assert not GapReport.objects.exists()
    client.force_login(persona.user)
    assert client.get(reverse("gap_review_create", args=[persona.pk])).status_code == 405


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker")
def test_the_worker_writes_the_review(owner_client, persona):
    owner_client.post(reverse("gap_review_create", args=[persona.pk]))

    def review_written():
        """the worker to write the review"""
        return GapReport.objects.filter(status="succeeded").first()

    assert wait_for(review_written).issues


def test_with_the_openai_provider_configured_the_rule_based_review_says_it_is_offline(persona, user, openai_server):
    report = _review(persona, user)
    assert report.provider == "offline" and openai_server.requests == []
    assert LLMCall.objects.get(task="review_persona").provider == "offline"


def test_asking_again_while_a_review_waits_returns_that_review(persona, user):
    first, job = gap_review_request(persona=persona, by=user)
    assert gap_review_request(persona=persona, by=user) == (first, job)
    gap_report_run(job_id=job.pk)
    again, _ = gap_review_request(persona=persona, by=user)
    assert again != first and GapReport.objects.count() == 2
