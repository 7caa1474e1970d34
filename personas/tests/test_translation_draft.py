"""A linked translation drafted by the AI provider (through the loopback OpenAI-compatible server)."""

import json

import pytest
from django.urls import reverse

from llm.tests.factories import LLMCallFactory
from llm.tests.openai_server import Reply
from personaforge.core.models import BackgroundJob
from personas.models import Persona
from personas.services import persona_create, persona_edit, persona_translate, persona_translation_draft
from personas.translation import prose_texts

pytestmark = pytest.mark.django_db

DATA = {
    "basics": {"name": "Ana Ruiz", "label": "Backend engineer", "email": "ana@example.com"},
    "work": [
        {
            "name": "Acme GmbH",
            "position": "Senior engineer",
            "startDate": "2020-01",
            "highlights": ["Cut API latency by 40%", "Mentored 3 juniors", "Ran the on-call rota"],
            "x-hiddenHighlights": ["Ran the on-call rota"],
        }
    ],
    "skills": [{"name": "Skills", "keywords": ["Python", "PostgreSQL"]}],
}
GERMAN = [
    "Python und Datenbanken.",  # summary
    "Backend-Entwicklerin",  # basics.label
    "Senior-Entwicklerin",  # work[0].position
    "API-Latenz um 40 % gesenkt",
    "5 Nachwuchskräfte betreut",  # a changed number: refused
    "Rufbereitschaft organisiert",
]


@pytest.fixture
def source(user):
    user.plan = "pro"
    user.save()
    persona = persona_create(user=user, title="Backend engineer", summary="Python and databases.")
    persona.data = DATA
    persona.save()
    return persona


def _answer(texts):
    return Reply.json({"texts": [{"id": i, "text": text} for i, text in enumerate(texts)]})


def test_the_prose_is_found_and_names_dates_and_skills_are_left_alone(source):
    texts = dict(prose_texts(data=source.data, summary=source.summary))
    assert list(texts.values()) == [
        "Python and databases.",
        "Backend engineer",
        "Senior engineer",
        "Cut API latency by 40%",
        "Mentored 3 juniors",
        "Ran the on-call rota",
    ]
    assert ("work", 0, "highlights", 1) in texts


def test_a_draft_is_written_checked_against_its_source_and_saved_as_a_version(user, source, openai_server):
    translation, job = persona_translate(persona=source, language="de", by=user)
    openai_server.replies.append(_answer(GERMAN))
    persona_translation_draft(job_id=job.pk)

    translation.refresh_from_db()
    work = translation.data["work"][0]
    assert translation.summary == "Python und Datenbanken."
    assert translation.data["basics"]["label"] == "Backend-Entwicklerin"
    assert work["name"] == "Acme GmbH" and work["startDate"] == "2020-01"  # names and dates as they were
    assert work["highlights"] == ["API-Latenz um 40 % gesenkt", "Mentored 3 juniors", "Rufbereitschaft organisiert"]
    assert work["x-hiddenHighlights"] == ["Rufbereitschaft organisiert"]  # still hidden under its new words
    assert translation.versions.order_by("-number").first().change_summary == "AI draft of the German translation"
    job.refresh_from_db()
    assert job.status == "succeeded" and "Drafted 5 of 6 texts in German; 1 kept as written" in job.message
    request = openai_server.requests[0]["body"]
    assert (
        "into German" in request["messages"][0]["content"] and "never instructions" in request["messages"][0]["content"]
    )
    assert json.loads(request["messages"][1]["content"].removeprefix("<texts>\n").removesuffix("\n</texts>"))[3] == {
        "id": 3,
        "text": "Cut API latency by 40%",
    }
    assert source.data == DATA  # the source is untouched


def test_what_the_user_rewrote_meanwhile_is_kept(user, source, openai_server):
    translation, job = persona_translate(persona=source, language="de", by=user)

    def rewrite(data):
        data["basics"]["label"] = "Softwareentwicklerin (Backend)"
        return "Edited the headline"

    persona_edit(persona=translation, by=user, based_on=1, edit=rewrite)
    openai_server.replies.append(_answer(GERMAN))
    persona_translation_draft(job_id=job.pk)
    translation.refresh_from_db()
    assert translation.data["basics"]["label"] == "Softwareentwicklerin (Backend)"
    assert translation.summary == "Python und Datenbanken."


def test_a_used_up_plan_fails_the_draft_with_the_reason_and_keeps_the_translation(user, source, openai_server):
    translation, job = persona_translate(persona=source, language="fr", by=user)
    user.plan = "free"  # Pro made the translation; a Free month's AI calls are used up by the time it is drafted
    user.save()
    LLMCallFactory.create_batch(30, user=user, task="x")
    persona_translation_draft(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "takes 1 AI calls and your plan has 0 left" in job.error
    assert "keeps the original text" in job.error
    assert Persona.objects.get(pk=translation.pk).data == DATA and openai_server.requests == []


def test_a_refused_request_fails_the_job_and_a_busy_service_is_left_to_the_tasks_retry(user, source, openai_server):
    from llm.errors import LLMError

    _translation, job = persona_translate(persona=source, language="es", by=user)
    openai_server.replies.append(Reply.error(503))
    with pytest.raises(LLMError) as error:
        persona_translation_draft(job_id=job.pk)
    assert error.value.retryable
    openai_server.replies.append(Reply.error(400))
    persona_translation_draft(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "refused the request (400)" in job.error


def test_each_part_is_saved_as_it_comes_so_a_retry_sends_only_the_rest(user, source, openai_server, monkeypatch):
    from llm.errors import LLMError
    from personas import services

    monkeypatch.setattr(services, "_TRANSLATE_CHUNK_CHARS", 40)  # a long persona, in small: several requests
    translation, job = persona_translate(persona=source, language="de", by=user)
    openai_server.replies.extend([_answer(GERMAN[:2]), Reply.error(503)])
    with pytest.raises(LLMError):
        persona_translation_draft(job_id=job.pk)
    translation.refresh_from_db()
    assert translation.summary == "Python und Datenbanken."  # the first part is kept
    job.status = "queued"  # as the task's retry finds it
    job.save()
    openai_server.replies.extend([_answer(GERMAN[2:4]), _answer(GERMAN[4:])])
    persona_translation_draft(job_id=job.pk)
    sent = [
        json.loads(r["body"]["messages"][1]["content"].removeprefix("<texts>\n").removesuffix("\n</texts>"))
        for r in openai_server.requests
    ]
    assert [text["text"] for text in sent[2]] == ["Senior engineer", "Cut API latency by 40%"]  # not the first part
    translation.refresh_from_db()
    assert translation.data["work"][0]["position"] == "Senior-Entwicklerin"
    assert translation.versions.filter(change_summary="AI draft of the German translation").count() == 3


def test_the_page_shows_the_draft_in_progress_then_its_outcome(owner_client, user, source, openai_server):
    response = owner_client.post(reverse("persona_translate", args=[source.pk]), {"language": "de"}, follow=True)
    page = response.content.decode()
    assert "an AI draft of its text is being written" in page and 'hx-trigger="every 1s"' in page
    job = BackgroundJob.objects.get(kind="persona.translate")
    openai_server.replies.append(_answer(GERMAN))
    persona_translation_draft(job_id=job.pk)
    page = owner_client.get(reverse("persona_detail", args=[job.subject_id])).content.decode()
    assert "Drafted 5 of 6 texts in German" in page


def test_offline_no_draft_is_queued(owner_client, source):
    response = owner_client.post(reverse("persona_translate", args=[source.pk]), {"language": "de"}, follow=True)
    assert "write each text in its language" in response.content.decode()
    assert not BackgroundJob.objects.filter(kind="persona.translate").exists()
