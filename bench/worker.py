"""The Celery worker under work, as one table: CVs read, PDFs exported and gap reports written per minute, and how
long a CV takes from its upload to its profile on the page.

    .venv/bin/python -m bench.worker
    .venv/bin/python -m bench.worker --jobs 80 --json worker.json

One Celery worker with 2 prefork processes, as docker-compose.yml runs it, with the production settings, on its own
database (`personaforge_bench_worker`, emptied each run) and the embedded Redis. Work is queued through the app's
services, as the pages queue it, all at once: two-page PDF CVs (each text PDF of corpus/cvs followed by itself;
scans left out, OCR being another matter), PDF exports of a two-page persona through the four built-in CV
templates in turn, and gap reports (half general reviews, half fits to corpus/jobs postings). Each rate is the
number queued over the time until the last of their BackgroundJobs finished. The exports' "ready" emails are sent
after that, and the worker is left idle before the next kind is queued.

End to end: a two-page PDF CV posted to the upload page (Django's test client, in this process), then its page
asked for every 50 ms until it shows the parsed profile; 20 times, one after another. Target: median under 2 s.
Memory: each worker process's peak resident set (VmHWM) after the runs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / ".data" / "bench-media"
os.environ["MEDIA_ROOT"] = str(MEDIA)  # uploads stored here are read by the worker processes
sys.path.insert(0, str(ROOT))

from bench.servers import setup_django  # noqa: E402

setup_django()

import redis  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import Plan, User  # noqa: E402
from bench import servers  # noqa: E402
from bench.data import database_url, use_bench_database  # noqa: E402
from bench.export import two_page_persona  # noqa: E402
from bench.figures import Figure, table, write_json  # noqa: E402
from bench.parse import two_pages  # noqa: E402
from personaforge.celery import app  # noqa: E402
from personaforge.core.models import BackgroundJob, JobStatus  # noqa: E402

USERS, PERSONAS_PER_USER, POSTINGS_PER_USER = 10, 2, 4
UPLOADS = 20
FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED)
LATENCY_TARGET_S = 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=40, help="of each kind (gap reports: 100 at most)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    figures = measure(jobs=args.jobs)
    print(f"\nWorker, 1 Celery worker with 2 processes, {args.jobs} jobs of each kind")
    print(table(figures))
    if args.json:
        write_json(args.json, figures, jobs=args.jobs)


def measure(*, jobs: int) -> list[Figure]:
    use_bench_database("personaforge_bench_worker")
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE accounts_user CASCADE")  # the last run's users and everything of theirs
    shutil.rmtree(MEDIA, ignore_errors=True)
    app.control.purge()
    people = [User.objects.create_user(f"worker{n}@bench.example", None, plan=Plan.PRO) for n in range(USERS)]
    cvs = [
        two_pages(path.read_bytes())
        for path in sorted((ROOT / "corpus" / "cvs").glob("*.pdf"))
        if "scanned" not in path.name
    ]
    env = servers.bench_env(
        database_url=database_url(), redis_url=settings.CELERY_BROKER_URL, site_url="http://127.0.0.1"
    )
    with servers.celery_worker(env | {"MEDIA_ROOT": str(MEDIA)}) as worker:
        personas, postings = _material(people)
        _wait_idle()
        rates = {
            "CVs read": _rate(jobs, lambda n: _upload(people[n % USERS], cvs[n % len(cvs)])),
            "PDF exports": _rate(jobs, _exports(personas)),
            "gap reports": _rate(min(jobs, 100), _reports(personas, postings)),
        }
        latencies = [_upload_to_page(people[n % USERS], cvs[n % len(cvs)]) for n in range(UPLOADS)]
        memory = [servers.peak_memory_mb(pid) for pid in servers.children(worker.pid)]
    figures = []
    for name, (per_minute, failed) in rates.items():
        figures.append(Figure(f"worker: {name}, per minute", per_minute, "/min"))
        figures.append(Figure(f"worker: {name}, failed", failed, "", "0", failed == 0))
    median = statistics.median(latencies)
    figures += [
        Figure(
            "worker: upload to parsed profile on the page, median",
            median,
            "s",
            f"< {LATENCY_TARGET_S:g} s",
            median < LATENCY_TARGET_S,
        ),
        Figure("worker: upload to parsed profile on the page, p95", _p95(latencies), "s"),
        Figure("worker: Celery worker process, peak memory", max(memory), "MB"),
    ]
    return figures


def _material(people: list) -> tuple[list, list]:
    """Personas with a two-page document (as their latest version) and job postings, through the services."""
    from gaps.postings.services import posting_create
    from personas.services import persona_create, persona_version_record

    document, jobs = two_page_persona(), sorted((ROOT / "corpus" / "jobs").glob("*.json"))
    personas, postings = [], []
    for n, user in enumerate(people):
        for p in range(PERSONAS_PER_USER):
            persona = persona_create(user=user, title=f"Backend engineer {p}")
            persona.data = document
            persona.save(update_fields=["data", "updated_at"])
            persona_version_record(persona=persona, by=user, change_summary="A two-page CV")
            personas.append(persona)
        for p in range(POSTINGS_PER_USER):
            job = json.loads(jobs[(n * POSTINGS_PER_USER + p) % len(jobs)].read_text())["job"]
            postings.append(posting_create(user=user, **job))
    return personas, postings


def _upload(user: User, pdf: bytes) -> BackgroundJob:
    from cvs.services import cv_upload

    return cv_upload(user=user, file=SimpleUploadedFile("cv.pdf", pdf, content_type="application/pdf"))[1]


def _exports(personas: list) -> Callable[[int], BackgroundJob]:
    from exports.services import export_request
    from templates_app.selectors import builtin_templates

    templates = builtin_templates(type="cv")

    def export(n: int) -> BackgroundJob:
        persona = personas[n % len(personas)]
        return export_request(user=persona.user, persona=persona, template=templates[n % len(templates)], format="pdf")[
            1
        ]

    return export


def _reports(personas: list, postings: list) -> Callable[[int], BackgroundJob]:
    """Every other one a general review, the others fits; each pair of persona and job asked for once, as a second
    request while one waits would get the waiting one back."""
    from gaps.reports import gap_fit_request, gap_review_request

    reviews = iter(personas)
    fits = ((persona, posting) for persona in personas for posting in postings if posting.user_id == persona.user_id)

    def report(n: int) -> BackgroundJob:
        if n % 2 == 0:
            persona = next(reviews, None)
            if persona is not None:
                return gap_review_request(persona=persona, by=persona.user)[1]
        persona, posting = next(fits)
        return gap_fit_request(persona=persona, posting=posting, by=persona.user)[1]

    return report


def _rate(count: int, queue: Callable[[int], BackgroundJob]) -> tuple[float, int]:
    """Jobs finished per minute, from queuing `count` of them at once (their tasks go at the commit) until the last
    one is done; and how many of them failed."""
    with transaction.atomic():
        ids = [queue(n).pk for n in range(count)]
        started = time.monotonic()
    _wait_for(ids)
    elapsed = time.monotonic() - started
    failed = BackgroundJob.objects.filter(pk__in=ids, status=JobStatus.FAILED).count()
    _wait_idle()
    return count / elapsed * 60, failed


def _wait_for(ids: Iterable[uuid.UUID], timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while BackgroundJob.objects.filter(pk__in=list(ids)).exclude(status__in=FINISHED).exists():
        if time.monotonic() > deadline:
            raise RuntimeError(f"Jobs still unfinished after {timeout:g} s; see {servers.LOGS / 'celery.log'}")
        time.sleep(0.05)


def _wait_idle(timeout: float = 120) -> None:
    """Nothing queued and nothing running (emails, embeddings): the next measure starts on an idle worker."""
    broker, inspect = redis.Redis.from_url(settings.CELERY_BROKER_URL), app.control.inspect(timeout=1)
    deadline = time.monotonic() + timeout
    while broker.llen("celery") or any(_tasks(inspect.active()) + _tasks(inspect.reserved())):
        if time.monotonic() > deadline:
            raise RuntimeError("The worker did not go idle")
        time.sleep(0.2)


def _tasks(by_worker: dict[str, list] | None) -> list:
    return list(itertools.chain(*(by_worker or {}).values()))


def _upload_to_page(user: User, pdf: bytes) -> float:
    """Seconds from posting the CV to its page showing what was read (the link to review it)."""
    client = Client()
    client.force_login(user)
    started = time.monotonic()
    response = client.post(reverse("cv_upload"), {"file": SimpleUploadedFile("cv.pdf", pdf, "application/pdf")})
    assert response.status_code == 302, response.status_code
    page = response["Location"]
    review = page.rstrip("/") + "/review"
    while review not in client.get(page).content.decode():
        if time.monotonic() - started > 60:
            raise RuntimeError(f"{page} showed no parsed profile within a minute")
        time.sleep(0.05)
    return time.monotonic() - started


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


if __name__ == "__main__":
    main()
