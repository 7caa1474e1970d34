"""Faults, with real processes: a worker killed mid-task, a broker that stops, work left stuck.

Each test runs a Redis and Celery workers of its own (personaforge.tests.processes), against the test database.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import wait_for
from cvs.models import CV, KnowledgeBaseEntry
from cvs.services import cv_upload
from exports.models import Export
from exports.services import export_request
from gaps.models import GapReport
from gaps.postings.services import posting_create
from gaps.reports import gap_fit_request
from llm.tests.openai_server import LoopbackOpenAIServer, Reply
from personaforge import sweeps
from personaforge.core.models import BackgroundJob
from personaforge.env import cache_config, database_url_of
from personaforge.tests.processes import RedisServer, Worker, broker
from personas.models import Persona
from personas.tests.factories import demo_persona
from templates_app.selectors import builtin_templates

pytestmark = pytest.mark.django_db(transaction=True)
CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "cvs"
VISIBILITY = 2  # seconds before a killed worker's unacknowledged task is handed out again


def _ai_at(server: LoopbackOpenAIServer) -> dict[str, str]:
    """A worker's environment for the OpenAI provider, talking to the test's loopback server."""
    return {
        "OPENAI_API_KEY": "test-key",
        "OPENAI_BASE_URL": server.url,
        "LLM_PROVIDER": "llm.openai_provider.OpenAIProvider",
    }


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def start_worker(own_redis, tmp_path, media_root):
    """Start workers on the test's own Redis; all are stopped at the end."""
    started: list[Worker] = []

    def start(**env: str) -> Worker:
        worker = Worker(
            broker_url=own_redis.url,
            database_url=database_url_of(connection.settings_dict),
            log=tmp_path / f"worker-{len(started)}.log",
            MEDIA_ROOT=str(media_root),
            CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY),
            **env,
        )
        worker.start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def _upload(client, name: str) -> CV:
    answer = client.post(reverse("cv_upload"), {"file": SimpleUploadedFile(name, (CORPUS / name).read_bytes())})
    assert answer.status_code == 302, answer.content[:500]
    return CV.objects.latest("created_at")


def _job_of(cv: CV) -> BackgroundJob:
    return BackgroundJob.objects.get(subject_id=cv.pk)


def test_a_worker_killed_while_reading_a_cv_is_replaced_and_the_cv_is_read_once(owner_client, own_redis, start_worker):
    with LoopbackOpenAIServer() as ai:
        ai.replies.append(Reply(content="{}", delay=60))  # the AI service is slow: the worker is killed meanwhile
        env = _ai_at(ai)
        first = start_worker(**env)
        with broker(own_redis.url):
            cv = _upload(owner_client, "02-latex-en.pdf")
        wait_for(lambda: any(r["path"].endswith("/chat/completions") for r in ai.requests), timeout=60)
        first.kill()
        job = _job_of(cv)
        assert job.status == "running" and job.attempts == 1

        # A new worker takes the unacknowledged task once its visibility timeout is over (it looks when it starts);
        # the AI service now fails (no reply scripted), so the CV is read offline instead.
        time.sleep(VISIBILITY + 0.5)
        start_worker(**env)
        job = wait_for(lambda: (j := _job_of(cv)).is_finished and j, timeout=90)

    assert job.status == "succeeded" and job.attempts == 2
    cv.refresh_from_db()
    assert cv.status == "parsed" and cv.parsed_json["basics"]["name"]
    facts = list(KnowledgeBaseEntry.objects.filter(user=cv.user).values_list("type", "value"))
    assert len(facts) == len(set(facts))  # read once: nothing was stored twice
    assert "What we read" in owner_client.get(reverse("cv_detail", args=[cv.pk])).content.decode()


def test_an_upload_while_the_broker_is_down_is_kept_and_read_when_it_is_back(owner_client, own_redis, start_worker):
    own_redis.stop()
    with broker(own_redis.url):
        cv = _upload(owner_client, "08-text-en.txt")  # accepted: the file and its job are in the database
        job = _job_of(cv)
        assert job.status == "queued" and job.task_sent_at is None
        page = owner_client.get(reverse("cv_detail", args=[cv.pk]))
        assert page.status_code == 200 and "Queued" in page.content.decode()
        assert owner_client.get(reverse("dashboard")).status_code == 200  # pages without background work serve
        health = owner_client.get(reverse("healthz"))
        assert health.status_code == 503 and health.json()["broker"] == "down"

        own_redis.start()
        BackgroundJob.objects.filter(pk=job.pk).update(created_at=job.created_at - sweeps.SEND_GRACE)
        assert sweeps.jobs_send_unsent() == 1
        assert sweeps.jobs_send_unsent() == 0  # sent once

    start_worker()
    job = wait_for(lambda: (j := _job_of(cv)).is_finished and j, timeout=60)
    assert job.status == "succeeded" and job.attempts == 1
    cv.refresh_from_db()
    assert cv.status == "parsed"


def test_a_worker_killed_while_making_a_pdf_is_replaced_and_the_export_is_made_once(
    owner_client, user, own_redis, start_worker
):
    # A long CV, so the layout takes seconds and the worker is surely killed in the middle of it.
    persona = demo_persona(user, change=lambda data: data.update(work=data["work"] * 60))
    first = start_worker()
    with broker(own_redis.url):
        export, _ = export_request(user=user, persona=persona, template=builtin_templates(type="cv")[0], format="pdf")
    wait_for(lambda: Export.objects.get(pk=export.pk).status == "running", timeout=60)
    first.kill()
    job = BackgroundJob.objects.get(subject_id=export.pk)
    assert job.status == "running" and job.attempts == 1

    time.sleep(VISIBILITY + 0.5)
    start_worker()
    job = wait_for(lambda: (j := BackgroundJob.objects.get(subject_id=export.pk)).is_finished and j, timeout=120)
    assert job.status == "succeeded" and job.attempts == 2
    export.refresh_from_db()
    assert export.status == "done"
    _folders, files = default_storage.listdir(f"exports/{user.pk}/{export.pk}")
    assert files == [export.file.name.rsplit("/", 1)[1]]  # one file: made once
    assert reverse("export_download", args=[export.pk]) in owner_client.get(reverse("export_list")).content.decode()


def _fit_reports(user, count: int) -> list[GapReport]:
    """`count` reports at once, each for a job of its own (asking twice for one job gives the report on its way)."""
    persona = Persona.objects.filter(user=user).first() or demo_persona(user)
    postings = [posting_create(user=user, title=f"Backend engineer {n}", description=JOB_TEXT) for n in range(count)]
    reports = [gap_fit_request(persona=persona, posting=posting, by=user)[0] for posting in postings]
    assert len({report.pk for report in reports}) == count
    return reports


JOB_TEXT = "We are hiring a backend engineer.\nRequirements: Python, PostgreSQL, Kubernetes. English and German."


def test_an_ai_service_that_times_out_or_answers_garbage_fails_reports_clearly_and_frees_the_worker(
    user, own_redis, start_worker
):
    with LoopbackOpenAIServer() as ai:
        ai.replies.extend(Reply(content="{}", delay=3) for _ in range(50))  # every answer comes too late
        start_worker(**_ai_at(ai), LLM_TIMEOUT_READ_JOB="1", LLM_RETRY_WAIT_FACTOR="0.01")
        with broker(own_redis.url):
            slow = _fit_reports(user, 3)
        for report in slow:  # tried three times each (the first try and two retries), then failed with the reason
            job = wait_for(lambda r=report: (j := BackgroundJob.objects.get(subject_id=r.pk)).is_finished and j)
            assert job.status == "failed" and job.attempts == 3 and "try again later" in job.error
            report.refresh_from_db()
            assert report.status == "failed" and report.error == job.error

        ai.replies.clear()
        ai.replies.extend(Reply(content="this is not JSON") for _ in range(50))  # now it answers nonsense
        with broker(own_redis.url):
            garbage = _fit_reports(user, 3)
        for report in garbage:  # asked twice within one try, then failed at once: retrying would not help
            job = wait_for(lambda r=report: (j := BackgroundJob.objects.get(subject_id=r.pk)).is_finished and j)
            assert job.status == "failed" and job.attempts == 1 and "invalid twice" in job.error

        # The worker is not stuck: the next piece of work that needs no AI answer is done.
        ai.replies.clear()
        with broker(own_redis.url):
            cv, _ = cv_upload(user=user, file=SimpleUploadedFile("cv.txt", (CORPUS / "08-text-en.txt").read_bytes()))
        job = wait_for(lambda: (j := _job_of(cv)).is_finished and j)
        assert job.status == "succeeded"


def test_log_in_keeps_working_and_guesses_are_still_counted_while_the_throttle_cache_is_down(
    client, user, other_user, own_redis, settings
):
    settings.CACHES = {"default": cache_config(own_redis.url)}  # production's cache, on a Redis of the test's
    client.post(reverse("account_login"), {"login": user.email, "password": "guess"})
    own_redis.stop()
    answer = client.post(reverse("account_login"), {"login": user.email, "password": "correct-horse-battery"})
    assert answer.status_code == 302 and answer.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200

    guesser = Client()
    for _ in range(5):
        guesser.post(reverse("account_login"), {"login": other_user.email, "password": "guess"})
    answer = guesser.post(reverse("account_login"), {"login": other_user.email, "password": "correct-horse-battery"})
    assert "Too many failed login attempts" in answer.content.decode()  # counted in this process meanwhile
