import uuid

import pytest
from django.urls import reverse

from cvs.knowledge import facts_from_profile, normalise
from cvs.models import KnowledgeBaseEntry
from cvs.tests.factories import CVFactory


@pytest.mark.parametrize(
    ("written", "canonical", "kind"),
    [
        ("JS", "JavaScript", "tool"),
        ("Javascript", "JavaScript", "tool"),
        ("Postgres", "PostgreSQL", "tool"),
        ("k8s", "Kubernetes", "tool"),
        ("C#", "C#", "tool"),
        ("team leadership", "Leadership", "soft_skill"),
        ("fintech", "Fintech", "domain"),
        ("open to relocation", "Relocation", "preference"),
        ("Elm", "Elm", "tool"),  # from GitHub Linguist's languages
        ("Underwater basket weaving", "Underwater basket weaving", "skill"),  # unknown: kept as written
    ],
)
def test_terms_are_normalised(written, canonical, kind):
    assert normalise(written) == (canonical, kind)


def test_facts_are_deduplicated_and_backed_by_the_cvs_words():
    profile = {
        "skills": [{"name": "Languages", "keywords": ["JS", "Python", "Postgres"]}],
        "work": [{"highlights": ["Moved 40 Django services to PostgreSQL and Kubernetes."]}],
    }
    text = "Languages: JS, Python, Postgres\nMoved 40 Django services to PostgreSQL and Kubernetes."
    facts = {(f.type, f.value): f.evidence for f in facts_from_profile(profile, text)}
    assert set(facts) == {
        ("tool", "JavaScript"),
        ("tool", "Python"),
        ("tool", "PostgreSQL"),
        ("tool", "Django"),
        ("tool", "Kubernetes"),
        ("achievement", "Moved 40 Django services to PostgreSQL and Kubernetes."),  # a result with a number
    }
    assert facts[("tool", "JavaScript")] == "Languages: JS, Python, Postgres"
    assert facts[("tool", "Django")] == "Moved 40 Django services to PostgreSQL and Kubernetes."


def test_everyday_words_are_not_taken_for_tools_in_sentences():
    profile = {"work": [{"highlights": ["Helped the team go live in a batch of R&D projects; used Excel daily."]}]}
    assert facts_from_profile(profile, "") == []


@pytest.mark.django_db
def test_confirming_a_cv_fills_the_knowledge_base_once(owner_client, user):
    cv = CVFactory(
        user=user,
        status="parsed",
        raw_text="Skills: JS, Docker",
        parsed_json={"basics": {"name": "Jane Doe"}, "skills": [{"name": "Skills", "keywords": ["JS", "Docker"]}]},
    )  # a sound reading: one with doubts is looked at first (test_doubts)
    response = owner_client.post(reverse("cv_confirm", args=[cv.pk]), follow=True)
    assert "Added 2 new facts" in response.content.decode()
    owner_client.post(reverse("cv_confirm", args=[cv.pk]))
    entries = KnowledgeBaseEntry.objects.filter(user=user).order_by("value")
    assert [(e.value, e.source, e.cv_id, e.evidence) for e in entries] == [
        ("Docker", "cv", cv.pk, "Skills: JS, Docker"),
        ("JavaScript", "cv", cv.pk, "Skills: JS, Docker"),
    ]


@pytest.mark.django_db
def test_a_cv_not_read_yet_cannot_be_confirmed(owner_client, user):
    cv = CVFactory(user=user, status="pending")
    response = owner_client.post(reverse("cv_confirm", args=[cv.pk]), follow=True)
    assert "has not been read yet" in response.content.decode()
    assert not KnowledgeBaseEntry.objects.exists()


@pytest.mark.django_db
def test_confirm_is_404_for_an_outsider_or_unknown_id_and_405_on_get(client, user, other_user):
    cv = CVFactory(user=user, status="parsed", parsed_json={"skills": [{"name": "Go"}]})
    client.force_login(other_user)
    assert client.post(reverse("cv_confirm", args=[cv.pk])).status_code == 404
    assert client.post(reverse("cv_confirm", args=[uuid.uuid4()])).status_code == 404
    client.force_login(user)
    assert client.get(reverse("cv_confirm", args=[cv.pk])).status_code == 405
    assert not KnowledgeBaseEntry.objects.exists()


def test_every_kind_of_fact_a_cv_states_is_kept_with_its_line():
    profile = {
        "languages": [{"language": "German", "fluency": "C1"}],
        "certificates": [{"name": "AWS Certified Developer", "issuer": "Amazon"}],
        "work": [{"highlights": ["Cut checkout errors by 30%", "Joined the platform team in 2019", "Ran standups"]}],
    }
    text = (
        "German (C1)\nAWS Certified Developer – Amazon, 2022\nCut checkout errors by 30%\n"
        "Joined the platform team in 2019\nRan standups\nWilling to relocate to Berlin or Munich"
    )
    facts = {(f.type, f.value): f.evidence for f in facts_from_profile(profile, text)}
    assert facts == {
        ("language", "German"): "German (C1)",  # its level in the line it came from
        ("certificate", "AWS Certified Developer"): "AWS Certified Developer – Amazon, 2022",
        ("achievement", "Cut checkout errors by 30%"): "Cut checkout errors by 30%",  # a year alone is no result
        ("preference", "Willing to relocate to Berlin or Munich"): "Willing to relocate to Berlin or Munich",
    }
