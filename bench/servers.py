"""The app's own processes for a bench: gunicorn and Celery with the production settings, on loopback, and how
much memory each took at its peak.

They run as in docker-compose.yml (gunicorn with 2 sync workers; one Celery worker with 2 prefork processes) on a
bench database and the embedded Redis, with what production demands set to bench values (bench_env).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / ".data" / "bench-logs"
SECRET_KEY = "bench-only-secret-key-never-used-elsewhere-0123456789abcdef"
# Celery and the throttle cache of bench runs get a Redis database of their own, so a development worker
# running beside them (on database 0) never takes a bench task, nor a bench worker one of its.
REDIS_DB = 3


def setup_django() -> None:
    """Django in the bench's own process: the development settings (the embedded servers unless the environment
    names others), with Celery and the cache on the bench's Redis database, like the processes it starts."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "personaforge.settings")
    if not os.environ.get("REDIS_URL"):
        from personaforge import devservers

        os.environ["REDIS_URL"] = devservers.redis_url(db=REDIS_DB)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def bench_env(*, database_url: str, redis_url: str, site_url: str) -> dict[str, str]:
    """The environment of a production process, pointed at bench services. Emails are kept in memory, so the
    worker does the work of sending them without a mail server."""
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_VERSION"}
    return env | {
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "personaforge.settings",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain http on loopback; nothing else about production changes
        "SITE_URL": site_url,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def collect_static(env: dict[str, str]) -> None:
    """Production serves static files through a manifest (whitenoise), which a page needs before it renders."""
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)


@contextmanager
def gunicorn(env: dict[str, str], *, port: int, workers: int = 2) -> Iterator[subprocess.Popen]:
    """gunicorn as the Dockerfile starts it (sync workers, no preloading), until /healthz answers. It serves
    bench.urls: the site, and /bench/hello for the ceiling."""
    env = env | {"DJANGO_SETTINGS_MODULE": "bench.settings"}
    LOGS.mkdir(parents=True, exist_ok=True)
    with open(LOGS / "gunicorn.log", "w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "personaforge.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_up(server, f"http://127.0.0.1:{port}/healthz", LOGS / "gunicorn.log")
            yield server
        finally:
            _stop(server)


@contextmanager
def celery_worker(env: dict[str, str], *, concurrency: int = 2) -> Iterator[subprocess.Popen]:
    """One Celery worker with `concurrency` prefork processes, as docker-compose.yml runs it, until it answers."""
    from personaforge.celery import app

    LOGS.mkdir(parents=True, exist_ok=True)
    with open(LOGS / "celery.log", "w") as log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "personaforge",
                "worker",
                f"--concurrency={concurrency}",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=warning",
                "-n",
                f"bench-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while not app.control.ping(timeout=0.5):
                if worker.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"The Celery worker did not start; see {LOGS / 'celery.log'}")
            yield worker
        finally:
            _stop(worker)


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"No VmHWM for process {pid}")


def children(pid: int) -> list[int]:
    """The processes the given one started (gunicorn's workers, Celery's pool)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # ended while we looked
                continue
            # The command name (field 2) may hold spaces; the parent's id is the second field after it.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def _wait_until_up(server: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn did not start; see {log}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
