"""Real processes a fault test stops and starts: a Redis of its own, and Celery workers on it.

They never touch the suite's own broker and worker (conftest.celery_worker), so killing them harms no other test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from personaforge import devservers
from personaforge.celery import app

ROOT = Path(settings.BASE_DIR)


class RedisServer:
    """A redis-server on a fixed loopback port, so it comes back where clients expect it after a stop."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.port = folder, devservers._free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                devservers._redis_binary(),
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _until(lambda: devservers._accepts(self.port), what="Redis to accept connections")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


class Worker:
    """`celery worker` on the given broker and the test database; `kill` is a SIGKILL, as the OOM killer sends."""

    def __init__(self, *, broker_url: str, database_url: str, log: Path, **env: str) -> None:
        self.log = log
        self.env = {**os.environ, "REDIS_URL": broker_url, "DATABASE_URL": database_url, **env}
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.log.write_text("")
        with self.log.open("a") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "personaforge",
                    "worker",
                    "--pool=solo",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--loglevel=info",
                    "-n",
                    f"fault-{time.monotonic_ns()}@%h",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        _until(lambda: "ready." in self.log.read_text(), what=f"the worker to start (see {self.log})", timeout=60)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(20)
            self.process = None


@contextmanager
def broker(url: str) -> Iterator[None]:
    """This process sends its tasks to `url` for a while (the web side of a fault test)."""
    previous = app.conf.broker_url
    _switch(url)
    try:
        yield
    finally:
        _switch(previous)


def _switch(url: str) -> None:
    app.conf.broker_url = url
    # Forget the pools bound to the old address (kombu keeps them, open, for when we switch back).
    app._after_fork()


def _until(predicate, *, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"Gave up waiting for {what}")
        time.sleep(0.05)
