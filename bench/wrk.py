"""Load from a second process: wrk (the Debian package), driven by bench/rotate.lua, read back as numbers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "rotate.lua"


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    failed: int  # connections that broke or timed out
    bad_status: int  # answers of 400 and up


def ensure_wrk() -> str:
    """wrk's path, installed from Debian's packages first if missing (as bin/setup installs what the app needs)."""
    found = shutil.which("wrk")
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("Installing wrk (Debian package) for the web bench")
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],
        check=True,
        env=os.environ | {"DEBIAN_FRONTEND": "noninteractive"},
    )
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk is not installed and could not be: apt-get install wrk")
    return found


def run_wrk(
    base_url: str, path: str, users_file: Path, *, connections: int, seconds: float, threads: int = 2, log: Path
) -> Load:
    """`path` requested for `seconds` over `connections` kept-alive connections, each request as the next user."""
    command = [
        ensure_wrk(),
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds:g}s",
        "--timeout=10s",
        "--latency",
        f"--script={SCRIPT}",
        base_url,
        "--",
        path,
        str(users_file),
    ]
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    log.write_text(finished.stdout + finished.stderr)
    summary = json.loads(next(line for line in reversed(finished.stdout.splitlines()) if line.startswith("{")))
    return Load(
        requests_per_second=summary["requests"] / (summary["duration_us"] / 1e6),
        p50_ms=summary["p50_us"] / 1000,
        p95_ms=summary["p95_us"] / 1000,
        p99_ms=summary["p99_us"] / 1000,
        failed=summary["failed"],
        bad_status=summary["bad_status"],
    )
