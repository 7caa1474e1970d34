"""Fixtures shared by every app's tests: users, a real Celery worker process, a headless browser."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection

from personaforge.env import database_url_of

# Playwright's sync API runs an event loop in the test thread; our own DB calls there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counts and other cached state never leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def media_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, media_root):
    """Uploaded files go to a folder of the test run (shared with its worker), never into .data/media."""
    settings.MEDIA_ROOT = media_root


@pytest.fixture
def user(db):
    from accounts.tests.factories import UserFactory

    return UserFactory(email="owner@example.com")


@pytest.fixture
def other_user(db):
    from accounts.tests.factories import UserFactory

    return UserFactory(email="outsider@example.com")


@pytest.fixture
def staff_user(db):
    from accounts.tests.factories import UserFactory

    return UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def owner_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture(scope="session")
def worker_outbox(tmp_path_factory) -> Path:
    """Where the test worker writes the emails it sends (one file each), for a test to read."""
    return tmp_path_factory.mktemp("worker-outbox")


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, media_root, worker_outbox) -> Iterator[subprocess.Popen]:
    """A real `celery worker` process on the real broker, using the test database."""
    from personaforge.celery import app

    app.control.purge()  # tasks left over from an earlier, interrupted run
    name = f"test-{uuid.uuid4().hex[:8]}@%h"
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of(connection.settings_dict),
        "REDIS_URL": settings.CELERY_BROKER_URL,
        "MEDIA_ROOT": str(media_root),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(worker_outbox),
    }
    with open(_artifacts() / "celery-worker.log", "w") as log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "personaforge",
                "worker",
                "--pool=solo",
                "-n",
                name,
                "--without-gossip",
                "--without-mingle",
                "--loglevel=info",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5):
            if worker.poll() is not None or time.monotonic() > deadline:
                worker.kill()
                pytest.fail("The Celery worker did not start; see test-artifacts/celery-worker.log")
        yield worker
        worker.terminate()
        worker.wait(20)


def _artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.1):
    """Poll until predicate() is truthy; return its value or fail the test with a clear message."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out after {timeout}s waiting for {predicate.__doc__ or predicate}")
        time.sleep(interval)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 860})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def artifacts_dir() -> Path:
    return _artifacts()


@pytest.fixture
def openai_server(settings):
    """An OpenAI-compatible server on loopback, with the OpenAI provider configured to use it."""
    import llm
    from llm.tests.openai_server import LoopbackOpenAIServer

    with LoopbackOpenAIServer() as server:
        settings.OPENAI_API_KEY = "test-key"
        settings.OPENAI_BASE_URL = server.url
        settings.LLM_PROVIDER = "llm.openai_provider.OpenAIProvider"
        settings.LLM_TIMEOUTS = {"default": 5}
        llm._provider.cache_clear()
        yield server
    llm._provider.cache_clear()


@pytest.fixture(scope="session")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(settings, s3_endpoint):
    """Files go to a bucket of a real S3-compatible server (moto) on loopback, through django-storages."""
    import boto3

    options = {"access_key": "test", "secret_key": "test", "region_name": "us-east-1"}
    client = boto3.client(
        "s3", endpoint_url=s3_endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )
    bucket = f"personaforge-test-{uuid.uuid4().hex[:8]}"  # one per test: the server lives for the whole run
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**options, "bucket_name": bucket, "endpoint_url": s3_endpoint, "file_overwrite": False},
        },
    }
    return SimpleNamespace(client=client, bucket=bucket)
