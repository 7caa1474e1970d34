import uuid

import pytest
from django.urls import reverse

from cvs.tests.factories import CVFactory, KnowledgeBaseEntryFactory
from gaps.tests.factories import GapReportFactory, JobPostingFactory
from personas.models import Persona
from personas.services import persona_create, persona_update
from personas.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_a_persona_created_from_a_cv_is_prefilled_and_versioned(owner_client, user):
    profile = {"basics": {"summary": "Eight years of Python."}, "work": [{"name": "Acme", "position": "Engineer"}]}
    cv = CVFactory(user=user, parsed_json=profile, status="parsed")
    owner_client.get(reverse("cv_review", args=[cv.pk]))  # the reading's doubts (no name, no dates) looked at
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


def test_a_reading_we_are_unsure_of_is_looked_at_before_a_persona_is_made_from_it(owner_client, user):
    profile = {"basics": {"name": "Jane Doe"}, "skills": [{"name": "Skills", "keywords": ["Python", "Jan 2019"]}]}
    cv = CVFactory(user=user, parsed_json=profile, status="parsed")
    detail = owner_client.get(reverse("cv_detail", args=[cv.pk])).content.decode()
    assert "We are unsure of 1 part of this reading" in detail and "A date, not a skill." in detail
    refused = owner_client.post(reverse("persona_new"), {"title": "Backend engineer", "base_cv": cv.pk})
    page = refused.content.decode()
    assert refused.status_code == 400 and not Persona.objects.exists()
    assert "Backend engineer" in page  # what was typed stays
    assert f'href="{reverse("cv_review", args=[cv.pk])}"' in page
    review = owner_client.get(reverse("cv_review", args=[cv.pk])).content.decode()
    assert "Check these first" in review and 'class="unsure"' in review  # the skills are marked
    assert owner_client.post(reverse("persona_new"), {"title": "Backend engineer", "base_cv": cv.pk}).status_code == 302
    cv.refresh_from_db()
    assert cv.review_seen_at is not None


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


def test_a_free_user_keeps_one_persona_and_is_told_what_pro_gives(owner_client, user):
    persona_create(user=user, title="Backend engineer")
    page = owner_client.get(reverse("persona_new")).content.decode()
    assert "Your Free plan keeps 1 persona" in page and "Pro gives you" in page
    response = owner_client.post(reverse("persona_new"), {"title": "Data consultant", "summary": "Kept text."})
    assert response.status_code == 403
    assert "Kept text." in response.content.decode()  # nothing typed is lost
    assert Persona.objects.filter(user=user).count() == 1


def test_a_free_user_cannot_duplicate_past_the_limit(owner_client, user):
    persona = persona_create(user=user, title="Backend engineer")
    response = owner_client.post(reverse("persona_duplicate", args=[persona.pk]), follow=True)
    assert "Your Free plan keeps 1 persona" in response.content.decode()
    assert Persona.objects.filter(user=user).count() == 1


def test_pro_users_keep_as_many_personas_as_they_like(owner_client, user):
    user.plan = "pro"
    user.save()
    for title in ("One", "Two", "Three"):
        assert owner_client.post(reverse("persona_new"), {"title": title}).status_code == 302
    assert Persona.objects.filter(user=user).count() == 3


def test_a_new_persona_holds_its_cv_and_only_the_knowledge_the_user_chose(owner_client, user):
    profile = {"basics": {"name": "Jane", "summary": "Data person."}, "skills": [{"name": "Data", "keywords": ["SQL"]}]}
    cv = CVFactory(user=user, status="parsed", parsed_json=profile)
    facts = {
        value: KnowledgeBaseEntryFactory(user=user, type=kind, value=value, source="user_answer")
        for kind, value in (("skill", "sql"), ("tool", "dbt"), ("tool", "React"), ("domain", "Retail"))
    }
    unasked = persona_create(user=user, title="Analytics engineer", base_cv=cv)
    assert unasked.summary == "Data person."
    assert unasked.data["skills"] == [{"name": "Data", "keywords": ["SQL"]}]  # nothing of the knowledge base unasked
    form = owner_client.get(reverse("persona_new")).content.decode()
    assert "Also add from your knowledge base" in form and "React" in form and "Retail" not in form  # skills, tools
    user.plan = "pro"
    user.save()
    chosen = {"title": "Analytics engineer", "base_cv": cv.pk, "knowledge": [facts["dbt"].pk, facts["sql"].pk]}
    response = owner_client.post(reverse("persona_new"), chosen)
    persona = Persona.objects.get(pk=response.url.rstrip("/").split("/")[-1])
    assert persona.data["skills"] == [{"name": "Data", "keywords": ["SQL"]}, {"name": "Tools", "keywords": ["dbt"]}]
    assert cv.parsed_json["skills"] == [{"name": "Data", "keywords": ["SQL"]}]  # the CV itself is untouched


def test_a_persona_from_scratch_starts_with_the_users_name_and_email(user):
    persona = persona_create(user=user, title="Designer")
    assert persona.data["basics"]["email"] == user.email


def test_deleting_a_persona_and_then_restoring_it_is_a_clear_404(owner_client, user):
    persona = persona_create(user=user, title="Backend engineer")
    response = owner_client.post(reverse("persona_delete", args=[persona.pk]), follow=True)
    assert "Deleted “Backend engineer” and its history." in response.content.decode()
    assert not Persona.objects.filter(pk=persona.pk).exists()
    assert owner_client.post(reverse("persona_restore", args=[persona.pk, 1])).status_code == 404


def test_an_outsider_cannot_delete(client, other_user, user):
    persona = persona_create(user=user, title="Backend engineer")
    client.force_login(other_user)
    assert client.post(reverse("persona_delete", args=[persona.pk])).status_code == 404
    assert Persona.objects.filter(pk=persona.pk).exists()


def test_staff_follow_the_plan_limit_in_the_admin(client, staff_user, user):
    persona_create(user=user, title="Backend engineer")
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:personas_persona_add"),
        {
            "user": user.pk,
            "title": "Second",
            "summary": "",
            "tags": "",
            "data": "{}",
            "versions-TOTAL_FORMS": 0,
            "versions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200 and "Your Free plan keeps 1 persona" in response.content.decode()
    assert Persona.objects.filter(user=user).count() == 1


def test_the_dashboard_shows_each_persona_as_a_card(owner_client, user):
    persona = persona_create(user=user, title="Backend engineer", tags=["python"], language="de")
    job = JobPostingFactory(user=user, title="Platform engineer", description="A job")
    fit = GapReportFactory(persona=persona, type="role_specific", job=job, fit_score=72, status="succeeded")
    page = owner_client.get(reverse("dashboard")).content.decode()
    assert "not reviewed yet" in page
    issues = [{"field": "summary", "severity": "high", "check": "summary_missing", "suggestion": "Add one."}] * 2
    GapReportFactory(persona=persona, type="general", issues=issues, status="succeeded")
    GapReportFactory(persona=persona, type="general", status="running")  # not finished: not counted
    page = owner_client.get(reverse("dashboard")).content.decode()
    assert "Backend engineer" in page and ">DE<" in page and "python" in page
    fit_url = reverse("gap_fit", args=[persona.pk]) + f"?report={fit.pk}"
    assert f'<a href="{fit_url}">Fit <strong>72/100</strong> for Platform engineer</a>' in page
    assert f'href="{reverse("persona_detail", args=[persona.pk])}#feedback">2 points to look at</a>' in page
    assert f'value="{persona.completeness}"' in page and "% complete" in page


def test_completeness_follows_what_the_persona_shows(user):
    persona = persona_create(user=user, title="Backend engineer")
    empty = persona.completeness
    persona_document = {
        "basics": {"name": "Alex", "email": "a@example.com", "label": "Engineer", "location": {"city": "Leeds"}},
        "work": [{"name": "Acme", "startDate": "2020", "highlights": ["Shipped"]}],
        "education": [{"institution": "Leeds"}],
        "skills": [{"name": "Backend", "keywords": ["Python", "Django", "SQL", "Celery", "Redis"]}],
        "languages": [{"language": "English"}],
    }
    persona_update(
        persona=persona, by=user, based_on=1, title=persona.title, summary="x" * 100, tags=[], data=persona_document
    )
    persona.refresh_from_db()
    assert empty < 30 and persona.completeness == 100
    persona_document["work"][0]["x-hidden"] = True  # a hidden job does not count
    persona_update(
        persona=persona, by=user, based_on=2, title=persona.title, summary="x" * 100, tags=[], data=persona_document
    )
    persona.refresh_from_db()
    assert persona.completeness == 73
