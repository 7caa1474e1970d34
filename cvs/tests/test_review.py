import uuid

import pytest
from django.urls import reverse
from django.utils.html import escape

from cvs.models import KnowledgeBaseEntry
from cvs.tests.factories import CVFactory

pytestmark = pytest.mark.django_db

PROFILE = {
    "basics": {
        "name": "Jane Doe",
        "email": "jane@example.com",
        "location": {"city": "Leeds", "countryCode": "GB"},
        "profiles": [{"network": "GitHub", "username": "jane"}],
    },
    "work": [
        {"name": "Acme Ltd", "position": "Engineer", "startDate": "2020-01", "highlights": ["Built X", "Ran Y"]},
        {"name": "Oops Ltd", "position": "Not a real job", "startDate": "2018"},
    ],
    "education": [{"institution": "University of Leeds", "studyType": "BSc", "area": "Physics", "endDate": "2017"}],
    "skills": [{"name": "Cloud", "keywords": ["AWS", "Docker"]}],
    "projects": [{"name": "Side project"}],
}


def _post_data(**changes):
    data = {
        "basics-name": "Jane Doe",
        "basics-email": "jane@example.com",
        "basics-city": "Leeds",
        "basics-country_code": "gb",
        "work-TOTAL_FORMS": "3",
        "work-INITIAL_FORMS": "2",
        "work-0-position": "Senior engineer",
        "work-0-name": "Acme Ltd",
        "work-0-start_date": "2020-01",
        "work-0-highlights": "Built X\n• Ran Y\n",
        "work-1-position": "Not a real job",
        "work-1-name": "Oops Ltd",
        "work-1-DELETE": "on",
        "work-2-position": "Analyst",
        "work-2-name": "Brightfield",
        "work-2-start_date": "2016-05",
        "work-2-end_date": "2019-12",
        "education-TOTAL_FORMS": "1",
        "education-INITIAL_FORMS": "1",
        "education-0-institution": "University of Leeds",
        "education-0-study_type": "BSc",
        "education-0-area": "Physics",
        "education-0-end_date": "2017",
        "lists-skills": "Cloud: AWS, Docker\nPython",
        "lists-languages": "English (native)\nGerman",
        "lists-projects": "Side project",
    }
    data.update(changes)
    return data


def test_the_review_shows_what_was_read_beside_the_text(owner_client, user):
    cv = CVFactory(user=user, status="parsed", parsed_json=PROFILE, raw_text="Jane Doe, the original text")
    page = owner_client.get(reverse("cv_review", args=[cv.pk])).content.decode()
    assert 'value="Jane Doe"' in page and 'value="Not a real job"' in page
    assert "Built X\nRan Y</textarea>" in page and "Cloud: AWS, Docker</textarea>" in page
    assert "Jane Doe, the original text" in page


def test_corrections_are_saved_and_what_the_review_does_not_show_is_kept(owner_client, user):
    cv = CVFactory(user=user, status="parsed", parsed_json=PROFILE)
    response = owner_client.post(reverse("cv_review", args=[cv.pk]), _post_data())
    assert response.status_code == 302
    cv.refresh_from_db()
    profile = cv.parsed_json
    assert profile["basics"]["location"] == {"city": "Leeds", "countryCode": "GB"}
    assert profile["basics"]["profiles"] == [{"network": "GitHub", "username": "jane"}]
    assert [(w["position"], w["name"]) for w in profile["work"]] == [
        ("Senior engineer", "Acme Ltd"),
        ("Analyst", "Brightfield"),
    ]
    assert profile["work"][0]["highlights"] == ["Built X", "Ran Y"]
    assert profile["work"][1] == {
        "name": "Brightfield",
        "position": "Analyst",
        "startDate": "2016-05",
        "endDate": "2019-12",
    }
    assert profile["skills"] == [{"name": "Cloud", "keywords": ["AWS", "Docker"]}, {"name": "Python"}]
    assert profile["languages"] == [{"language": "English", "fluency": "native"}, {"language": "German"}]
    assert profile["projects"] == [{"name": "Side project"}]
    assert not KnowledgeBaseEntry.objects.exists()


def test_confirming_saves_and_fills_the_knowledge_base(owner_client, user):
    cv = CVFactory(user=user, status="parsed", parsed_json=PROFILE, raw_text="Cloud: AWS, Docker\nPython")
    response = owner_client.post(reverse("cv_review", args=[cv.pk]), _post_data(confirm="1"), follow=True)
    assert "Added 5 new facts" in response.content.decode()
    facts = set(KnowledgeBaseEntry.objects.values_list("type", "value"))
    assert facts == {
        ("tool", "AWS"),
        ("tool", "Docker"),
        ("tool", "Python"),
        ("language", "English"),
        ("language", "German"),
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("work-0-start_date", "last spring", "Write the date as 2021-03"),
        ("work-2-end_date", "2015-01", "The end date is before the start date"),
        ("basics-email", "not an email", "Enter a valid email address"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(owner_client, user, field, value, message):
    cv = CVFactory(user=user, status="parsed", parsed_json=PROFILE)
    response = owner_client.post(reverse("cv_review", args=[cv.pk]), _post_data(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    cv.refresh_from_db()
    assert cv.parsed_json == PROFILE


def test_a_cv_not_read_yet_has_no_review(owner_client, user):
    cv = CVFactory(user=user, status="pending")
    assert owner_client.get(reverse("cv_review", args=[cv.pk])).url == reverse("cv_detail", args=[cv.pk])


def test_an_outsider_or_unknown_id_gets_404(client, user, other_user):
    cv = CVFactory(user=user, status="parsed", parsed_json=PROFILE)
    client.force_login(other_user)
    assert client.get(reverse("cv_review", args=[cv.pk])).status_code == 404
    assert client.post(reverse("cv_review", args=[cv.pk]), _post_data()).status_code == 404
    assert client.get(reverse("cv_review", args=[uuid.uuid4()])).status_code == 404
    cv.refresh_from_db()
    assert cv.parsed_json == PROFILE


def test_a_tampered_formset_count_is_a_clear_error_not_a_500(owner_client, user):
    cv = CVFactory(user=user, status="parsed", parsed_json=PROFILE)
    response = owner_client.post(reverse("cv_review", args=[cv.pk]), _post_data(**{"work-TOTAL_FORMS": "x"}))
    assert response.status_code == 400


def test_certificates_and_interests_round_trip_through_the_review(owner_client, user):
    profile = {
        **PROFILE,
        "certificates": [{"name": "AWS Certified Developer", "issuer": "Amazon Web Services", "date": "2022"}],
        "interests": [{"name": "Climbing"}],
    }
    cv = CVFactory(user=user, status="parsed", parsed_json=profile)
    page = owner_client.get(reverse("cv_review", args=[cv.pk])).content.decode()
    assert "AWS Certified Developer – Amazon Web Services, 2022</textarea>" in page
    data = _post_data(
        **{
            "lists-certificates": "AWS Certified Developer – Amazon Web Services, 2022\nCKA, 2023",
            "lists-interests": "Climbing\nChess",
        }
    )
    owner_client.post(reverse("cv_review", args=[cv.pk]), data)
    cv.refresh_from_db()
    assert cv.parsed_json["certificates"] == [
        {"date": "2022", "name": "AWS Certified Developer", "issuer": "Amazon Web Services"},
        {"date": "2023", "name": "CKA"},
    ]
    assert cv.parsed_json["interests"] == [{"name": "Climbing"}, {"name": "Chess"}]


def test_projects_and_the_other_sections_are_editable_too(owner_client, user):
    profile = {
        **PROFILE,
        "projects": [{"name": "Side project", "url": "https://example.com/x"}],
        "awards": [{"title": "Best paper", "date": "2019"}],
    }
    cv = CVFactory(user=user, status="parsed", parsed_json=profile)
    page = owner_client.get(reverse("cv_review", args=[cv.pk])).content.decode()
    assert "Side project</textarea>" in page and "Best paper" in page
    data = _post_data(
        **{
            "lists-projects": "Side project: a planner for allotments\nPersonaForge: a CV tool",
            "other-other": '{"awards": [{"title": "Best paper award", "date": "2019"}], "references": []}',
        }
    )
    owner_client.post(reverse("cv_review", args=[cv.pk]), data)
    cv.refresh_from_db()
    assert cv.parsed_json["projects"] == [
        {"name": "Side project", "url": "https://example.com/x", "description": "a planner for allotments"},
        {"name": "PersonaForge", "description": "a CV tool"},
    ]
    assert cv.parsed_json["awards"] == [{"title": "Best paper award", "date": "2019"}]


@pytest.mark.parametrize(
    ("other", "message"),
    [
        ("{not json", "This is not valid JSON"),
        ('{"work": []}', "Use only these sections"),
        ('{"awards": [{"date": "last year"}]}', "does not follow the schema at awards[0].date"),
    ],
)
def test_bad_json_in_the_other_sections_is_explained(owner_client, user, other, message):
    cv = CVFactory(user=user, status="parsed", parsed_json=PROFILE)
    response = owner_client.post(reverse("cv_review", args=[cv.pk]), _post_data(**{"other-other": other}))
    assert response.status_code == 400
    assert escape(message) in response.content.decode()
    cv.refresh_from_db()
    assert cv.parsed_json == PROFILE


def test_a_year_only_end_in_the_start_year_is_fine_and_extras_survive(owner_client, user):
    profile = {**PROFILE, "skills": [{"name": "Cloud", "level": "Expert", "keywords": ["AWS", "Docker"]}]}
    cv = CVFactory(user=user, status="parsed", parsed_json=profile)
    data = _post_data(**{"work-2-start_date": "2021-03", "work-2-end_date": "2021"})
    assert owner_client.post(reverse("cv_review", args=[cv.pk]), data).status_code == 302
    cv.refresh_from_db()
    assert cv.parsed_json["skills"][0] == {"name": "Cloud", "level": "Expert", "keywords": ["AWS", "Docker"]}


@pytest.mark.parametrize(
    "other",
    [
        "[" * 5000 + "]" * 5000,
        '{"awards": [{"title": "A\\u0000B"}]}',
        '{"awards": [{"title": "A\\ud800B"}]}',
        '{"awards": [{"title": "A", "score": NaN}]}',
    ],
)
def test_hostile_json_in_the_other_sections_is_refused_not_a_500(owner_client, user, other):
    cv = CVFactory(user=user, status="parsed", parsed_json=PROFILE)
    response = owner_client.post(reverse("cv_review", args=[cv.pk]), _post_data(**{"other-other": other}))
    assert response.status_code == 400
