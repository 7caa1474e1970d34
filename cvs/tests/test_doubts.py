"""What in a reading of a CV we are unsure of, and the review it asks for before a persona is made from it."""

import json
from pathlib import Path

import pytest
from django.utils import timezone

from cvs.doubts import MAX_SKILLS, ReadingNotReviewed, check_reviewed, needs_review, reading_doubts
from cvs.services import cv_read, cv_reread
from cvs.tests.factories import CVFactory

DEMO = json.loads(
    (Path(__file__).resolve().parents[2] / "personaforge" / "demo" / "alex-morgan.resume.json").read_text()
)


def _reasons(profile):
    return [(doubt.where, doubt.value, doubt.reason) for doubt in reading_doubts(profile)]


def test_a_sound_reading_raises_no_doubt():
    assert reading_doubts(DEMO) == []
    names = ["María de los Ángeles García López", "Mary-Jane O'Neil", "Dr. Anne Smith"]
    companies = [{"name": name, "position": "Engineer", "startDate": "2020"} for name in ("3M", "O2", "X")]
    assert not [
        reading_doubts({"basics": {"name": name}, "work": companies})
        for name in names
        if reading_doubts({"basics": {"name": name}, "work": companies})
    ]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "No name was found: write yours in."),
        ("CURRICULUM VITAE", "This looks like a title or other text, not a person's name."),
        ("Sales Job Resume Template", "This looks like a title or other text, not a person's name."),
        ("jane@example.com", "This looks like a title or other text, not a person's name."),
        ("PROFESSIONAL SUMMARY", "This is a heading of the CV, not a person's name."),
        ("Chennai, Tamil Nadu", "This looks like a place, not a person's name."),
    ],
)
def test_a_missing_name_or_a_title_read_as_one_is_doubted(name, reason):
    assert _reasons({**DEMO, "basics": {**DEMO["basics"], "name": name}})[0] == ("Name", name, reason)


def test_skills_that_are_dates_addresses_numbers_or_sentences_are_doubted():
    keywords = [
        "Python",
        "Jan 2019",
        "2015 - 2018",
        "https://example.com/me",
        "100%",
        "Led the migration of ten services to the cloud",
        "CERTIFICATIONS/LICENSES",
        "Spss (Less",
        "(1 year)",
        *("Marketo", "Octopus", "SQL Server 2016"),  # a month's letters or a year inside a name are no date
        *(".NET", "ASP.NET", "Socket.io", "(ISC)² CISSP", "C++", "CI/CD", "TCP/IP"),
    ]
    reasons = _reasons({"basics": {"name": "Jane Doe"}, "skills": [{"name": "Skills", "keywords": keywords}]})
    assert reasons == [
        ("Skills", "Jan 2019", "A date, not a skill."),
        ("Skills", "2015 - 2018", "A date, not a skill."),
        ("Skills", "https://example.com/me", "A web or email address, not a skill."),
        ("Skills", "100%", "A number or a sign, not a skill."),
        ("Skills", "Led the migration of ten services to the cloud", "A phrase or a sentence, not a skill."),
        ("Skills", "CERTIFICATIONS/LICENSES", "A heading of the CV, not a skill."),
        ("Skills", "Spss (Less", "A piece of a longer text, not a skill."),
        ("Skills", "(1 year)", "A piece of a longer text, not a skill."),
    ]


def test_more_skills_than_a_cv_lists_are_doubted_as_a_whole():
    many = [{"name": "Skills", "keywords": [f"Skill {n}" for n in range(MAX_SKILLS + 1)]}]
    assert _reasons({"basics": {"name": "Jane Doe"}, "skills": many}) == [
        ("Skills", f"{MAX_SKILLS + 1} skills", "More skills than a CV usually lists: other text may be among them.")
    ]


def test_entries_missing_what_makes_them_one_are_doubted():
    profile = {
        "basics": {"name": "Jane Doe"},
        "work": [
            {"position": "Company Name", "startDate": "2019"},  # a template's row: no company
            {"name": "«", "position": "Analyst", "startDate": "2017"},  # an OCR bullet read as a company
            {"name": "Acme", "position": "Engineer"},
        ],
        "education": [{"studyType": "BSc", "area": "Physics"}],
    }
    assert _reasons(profile) == [
        ("Experience 1", "Company Name", "No company was found for this job."),
        ("Experience 2", "Analyst · «", "This does not look like the name of a company."),
        ("Experience 3", "Engineer · Acme", "No dates were found for this job."),
        ("Education 1", "BSc Physics", "No school was found for this entry."),
    ]


@pytest.mark.django_db
def test_a_doubtful_reading_is_refused_as_a_base_until_looked_at_and_again_after_it_is_read_anew(user):
    cv = CVFactory(user=user, status="parsed", parsed_json={"basics": {"name": "CV"}})
    with pytest.raises(ReadingNotReviewed, match="Look them over on its review page first"):
        check_reviewed(cv)
    cv.review_seen_at = timezone.now()
    cv.save()
    check_reviewed(cv)  # looked at: a persona may be made from it
    job = cv_reread(cv=cv)
    cv_read(job_id=job.pk)
    cv.refresh_from_db()
    assert cv.status == "parsed" and cv.review_seen_at is None  # a new reading is looked at afresh
    assert needs_review(cv) == bool(reading_doubts(cv.parsed_json))


@pytest.mark.django_db
def test_a_sound_reading_needs_no_review(user):
    assert not needs_review(CVFactory(user=user, status="parsed", parsed_json=DEMO))


@pytest.mark.django_db
def test_a_doubtful_reading_reaches_the_knowledge_base_only_after_it_is_looked_at(owner_client, user):
    from django.urls import reverse

    from cvs.models import KnowledgeBaseEntry

    profile = {"basics": {"name": "Jane Doe"}, "skills": [{"name": "Skills", "keywords": ["Python", "Jan 2019"]}]}
    cv = CVFactory(user=user, status="parsed", parsed_json=profile)
    refused = owner_client.post(reverse("cv_confirm", args=[cv.pk]))
    assert refused["Location"] == reverse("cv_review", args=[cv.pk]) and not KnowledgeBaseEntry.objects.exists()
    page = owner_client.get(refused["Location"]).content.decode()  # opening it is looking at the doubts
    assert "look them over here first" in page and "Check these first" in page
    owner_client.post(reverse("cv_confirm", args=[cv.pk]))
    assert KnowledgeBaseEntry.objects.filter(user=user, value="Python").exists()
