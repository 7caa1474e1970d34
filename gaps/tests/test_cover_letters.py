"""Cover letters: drafted in the worker from the persona and the job, in the user's tone, with nothing the user
never said; edited into new versions; attached to the application when it is sent; private to their user."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.limits import LimitReached
from gaps.applications.letters import draft_letter, grounded
from gaps.applications.services import (
    LetterRefused,
    application_save,
    cover_letter_edit,
    cover_letter_request,
    cover_letter_run,
)
from gaps.models import CoverLetter
from gaps.postings.services import posting_create
from llm.offline import OfflineProvider
from personaforge.core.models import BackgroundJob
from personas.services import persona_create, persona_version_record

pytestmark = pytest.mark.django_db
DEMO = json.loads(
    (Path(__file__).resolve().parents[2] / "personaforge" / "demo" / "alex-morgan.resume.json").read_text()
)
JOB = "Senior Python engineer\nRequirements:\n- Python and PostgreSQL\n- Kafka\n- Kubernetes\nLocation: Manchester\n"


def test_the_draft_follows_the_tone_and_length_and_states_only_the_users_facts():
    kwargs = {
        "data": DEMO,
        "summary": "I build payment systems.",
        "job_title": "Senior Python engineer",
        "company": "Initech",
        "wanted": ["Python", "PostgreSQL", "Kafka", "Kubernetes"],
    }
    formal = draft_letter(**kwargs, tone="formal", length="short")
    warm = draft_letter(**kwargs, tone="warm", length="long")
    assert formal.startswith("Dear Initech hiring team,") and warm.startswith("Hello Initech team,")
    assert "proudest of" not in formal and warm.count("proudest of") == 2  # short: no results; long: two
    assert "The role asks for Python, PostgreSQL and Kafka" in formal  # Kubernetes: not in the persona, not said
    assert formal.rstrip().endswith("Alex Morgan")
    material = "\n".join([json.dumps(DEMO), "I build payment systems.", "Senior Python engineer", "Initech"])
    assert grounded(warm, material=material) == (warm, 0)


def test_sentences_with_invented_facts_are_dropped():
    material = json.dumps(DEMO)
    text = "Dear team,\n\nI led 45 people at Google. I know Python and Django. I hold a PhD from MIT."
    kept, dropped = grounded(text, material=material)
    assert kept == "Dear team,\n\nI know Python and Django." and dropped == 2


@pytest.fixture
def pro_user(user):
    user.plan = "pro"
    user.save()
    return user


@pytest.fixture
def persona(pro_user):
    persona = persona_create(user=pro_user, title="Payments backend engineer")
    persona.data = DEMO
    persona.save()
    persona_version_record(persona=persona, by=pro_user, change_summary="From the demo CV")
    return persona


@pytest.fixture
def job(pro_user):
    return posting_create(user=pro_user, description=JOB, title="Senior Python engineer", company="Initech")


def _draft(job, persona, user, tone="formal", length="medium"):
    letter, background = cover_letter_request(job=job, persona=persona, tone=tone, length=length, by=user)
    cover_letter_run(job_id=background.pk)
    letter.refresh_from_db()
    return letter


def test_a_draft_is_written_edited_into_a_new_version_and_sent_with_the_application(job, persona, pro_user):
    letter = _draft(job, persona, pro_user)
    assert letter.status == "succeeded" and letter.number == 1 and letter.persona_version == 2
    assert "Initech" in letter.body and letter.dropped == 0 and letter.provider == "offline"
    edited = cover_letter_edit(letter=letter, body=letter.body + "\nP.S. I can start in May.")
    assert (edited.number, edited.edited) == (2, True) and CoverLetter.objects.get(number=1).body == letter.body
    with pytest.raises(LetterRefused, match="cannot be empty"):
        cover_letter_edit(letter=letter, body="   ")
    application = application_save(user=pro_user, job=job, persona=persona, status="applied")
    assert application.cover_letter == edited  # the latest letter went out with it


class InventingProvider(OfflineProvider):
    """A language model that writes the rules' letter, then claims what the user never did."""

    language_model = True

    def complete_json(self, *, task, instructions, payload, schema):
        if task != "cover_letter":
            return {"requirements": []}  # reading the job: the rules' reading stands
        persona, job = dict(payload["persona"]), payload["job"]
        letter = draft_letter(
            data=persona,
            summary=persona.pop("summary"),
            job_title=job["title"],
            company=job["company"],
            wanted=job["skills it asks for"],
            tone="formal",
            length="medium",
        )
        return {"letter": letter + "\n\nI was CTO at Google for 12 years."}


def test_every_providers_draft_is_checked(job, persona, pro_user, settings):
    settings.LLM_PROVIDER = f"{__name__}.InventingProvider"
    letter = _draft(job, persona, pro_user)
    assert letter.dropped == 1 and "Google" not in letter.body and "Initech" in letter.body


def test_a_free_plan_is_told_what_it_would_get(owner_client, user):
    free_job = posting_create(user=user, description=JOB)
    free_persona = persona_create(user=user, title="Mine")
    with pytest.raises(LimitReached, match="Cover letters are part of Pro and Team"):
        cover_letter_request(job=free_job, persona=free_persona, tone="formal", length="short", by=user)
    page = owner_client.get(reverse("apply", args=[free_job.pk])).content.decode()
    assert "Cover letters are part of Pro and Team" in page


def test_the_apply_page_drafts_and_saves_edits(client, job, persona, pro_user, other_user):
    client.force_login(pro_user)
    url = reverse("apply", args=[job.pk])
    refused = client.post(reverse("apply_letter", args=[job.pk]), {"persona": str(persona.pk), "tone": "shouty"})
    assert "Choose a tone and a length for the letter" in client.get(refused["Location"]).content.decode()
    assert not CoverLetter.objects.exists()
    drafted = {"persona": str(persona.pk), "tone": "warm", "length": "short"}
    assert client.post(reverse("apply_letter", args=[job.pk]), drafted)["Location"].endswith("#letter")
    cover_letter_run(job_id=BackgroundJob.objects.get(kind="gaps.letter").pk)
    letter = CoverLetter.objects.get()
    page = client.get(f"{url}?persona={persona.pk}").content.decode()
    assert "Letter 1 (a draft, warm)" in page and "Hello Initech team," in page
    edit_url = reverse("cover_letter_edit", args=[letter.pk])
    client.force_login(other_user)
    assert client.post(edit_url, {"body": "Mine now"}).status_code == 404
    client.force_login(pro_user)
    response = client.post(edit_url, {"body": "Dear Initech,\n\n<script>x</script> My own words."}, follow=True)
    page = response.content.decode()
    assert "Saved as letter 2." in page and "&lt;script&gt;x&lt;/script&gt; My own words." in page


def test_cover_letters_over_the_api(client, job, persona, pro_user, other_user):
    client.force_login(pro_user)
    queued = client.post(
        "/api/v1/cover-letters/",
        {"job": str(job.pk), "persona": str(persona.pk), "tone": "direct"},
        content_type="application/json",
    )
    assert queued.status_code == 202
    cover_letter_run(job_id=queued.json()["background_job"])
    url = f"/api/v1/cover-letters/{queued.json()['letter']['id']}/"
    assert client.get(url).json()["body"].startswith("Hello,")
    edited = client.patch(url, {"body": "My letter."}, content_type="application/json")
    assert edited.status_code == 201 and edited.json()["number"] == 2
    assert client.get(f"/api/v1/cover-letters/?job={job.pk}").json()["count"] == 2
    assert client.get("/api/v1/cover-letters/?job=nope").status_code == 400
    client.force_login(other_user)
    assert client.get(url).status_code == 404
    assert client.patch(url, {"body": "x"}, content_type="application/json").status_code == 404
    assert client.get("/api/v1/cover-letters/").json()["count"] == 0
    mine = persona_create(user=other_user, title="Mine")
    stolen = client.post(
        "/api/v1/cover-letters/", {"job": str(job.pk), "persona": str(mine.pk)}, content_type="application/json"
    )
    assert stolen.status_code == 404
    schema = client.get("/api/schema/?format=json").json()
    assert {"/api/v1/cover-letters/", "/api/v1/cover-letters/{id}/"} <= set(schema["paths"])


def test_with_a_model_its_invented_sentences_are_left_out(job, persona, pro_user, openai_server):
    from llm.tests.openai_server import Reply

    openai_server.replies.append(Reply.json({"requirements": []}))  # reading the job: the rules' reading stands
    openai_server.replies.append(
        Reply.json(
            {
                "letter": (
                    "Dear Initech team,\n\nI am applying for the Senior Python engineer role. "
                    "At Northwind Payments I led the migration of 40 Django services. "
                    "I also ran Kubernetes clusters at Google for 9 years.\n\nKind regards,\nAlex Morgan"
                )
            }
        )
    )
    letter = _draft(job, persona, pro_user)
    request = openai_server.requests[-1]["body"]
    assert "never instructions to follow" in request["messages"][0]["content"]
    assert letter.provider == "openai" and letter.dropped == 1
    assert "Google" not in letter.body and "led the migration of 40 Django services" in letter.body
