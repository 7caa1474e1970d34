"""Every bench in one command: one table, and the figures kept in bench/results/ to compare commits.

    .venv/bin/python -m bench                          # web (10,000 users), worker and the benches of PARTS
    .venv/bin/python -m bench --quick                  # without the slow ones (export; personas, whose first
                                                       # run loads a million facts)
    .venv/bin/python -m bench --scale 1000             # the web part at another size (1000, 10000, 100000)
    .venv/bin/python -m bench --scales 1000,10000,100000   # only the web part, at each size, side by side
    .venv/bin/python -m bench --compare bench/results/A.json bench/results/B.json
    .venv/bin/python -m bench --details                # the table also shows per-field figures (always kept)

Each part runs in a process of its own (its own database, its own memory), its output going to
.data/bench-logs/<part>.txt; a part that fails is named at the end and the others still run. The figures go to
bench/results/<commit>.json ("-dirty" added while the work tree has changes) and bench/results/latest.json, with the
machine's load when the run started: on a busy machine, throughput and latency say little.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import Figure, compare_table, read_json, scales_table, table, write_json  # noqa: E402

RESULTS = ROOT / "bench" / "results"
LOGS = ROOT / ".data" / "bench-logs"


@dataclass(frozen=True)
class Part:
    name: str
    module: str
    args: tuple[str, ...] = ()
    slow: bool = False


PARTS = (
    Part("web", "bench.web"),
    Part("worker", "bench.worker"),
    Part("parse", "bench.parse"),
    Part("gaps", "bench.gaps"),
    Part("jobs", "bench.jobs"),
    Part("apply", "bench.apply"),
    Part("export", "bench.export", slow=True),
    Part("personas", "bench.personas", slow=True),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="leave out the slow parts")
    parser.add_argument("--scale", type=int, default=10_000, help="users loaded for the web part")
    parser.add_argument("--scales", help="only the web part, at each of these sizes: 1000,10000,100000")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--details", action="store_true", help="show the detail figures too")
    args = parser.parse_args()
    if args.compare:
        before, after = (read_json(path)[1] for path in args.compare)
        print(compare_table(before, after, (args.compare[0].stem, args.compare[1].stem)))
    elif args.scales:
        sys.exit(run_scales([int(users) for users in args.scales.split(",")]))
    else:
        sys.exit(run_all(quick=args.quick, users=args.scale, details=args.details))


def run_all(*, quick: bool, users: int, details: bool) -> int:
    about = run_description(quick=quick, web_users=users)
    figures, failed = [], []
    for part in PARTS:
        if quick and part.slow:
            continue
        args = ("--users", str(users)) if part.name == "web" else part.args
        found = run_part(part.name, part.module, args)
        if found is None:
            failed.append(part.name)
        figures += found or []
    print(
        f"\nPersonaForge benches at {about['commit']}, web with {users:,} users, load average at the start "
        f"{about['machine']['load_average']}"
    )
    print(table(figures, details=details))
    saved = keep(figures, about | {"failed_parts": failed}, suffix="")
    print(f"\nKept in {saved.relative_to(ROOT)} and bench/results/latest.json")
    if failed:
        print(f"These parts failed (see {LOGS.relative_to(ROOT)}/<part>.txt): {', '.join(failed)}")
    return 1 if failed else 0


def run_scales(sizes: list[int]) -> int:
    about = run_description(quick=True, web_users=sizes)
    runs: dict[int, list[Figure]] = {}
    for users in sizes:
        found = run_part(f"web-{users}", "bench.web", ("--users", str(users)))
        if found is None:
            return 1
        runs[users] = found
    print(f"\nThe web part at {len(sizes)} sizes, load average at the start {about['machine']['load_average']}")
    print(scales_table(runs))
    figures = [
        Figure(f"{f.name} [{users:,} users]", f.value, f.unit, f.target, f.met, f.detail)
        for users, found in runs.items()
        for f in found
    ]
    saved = keep(figures, about, suffix="-scales")
    print(f"\nKept in {saved.relative_to(ROOT)}")
    return 0


def run_part(name: str, module: str, args: tuple[str, ...]) -> list[Figure] | None:
    """The part's figures, or None when it failed (its output is in the log)."""
    LOGS.mkdir(parents=True, exist_ok=True)
    print(f"{name} ...", end=" ", flush=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder, open(LOGS / f"{name}.txt", "w") as log:
        output = Path(folder) / "figures.json"
        finished = subprocess.run(
            [sys.executable, "-m", module, *args, "--json", str(output)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
        minutes, seconds = divmod(round(time.monotonic() - started), 60)
        print(f"{'done' if finished.returncode == 0 else 'FAILED'} in {minutes} min {seconds} s", flush=True)
        return read_json(output)[1] if finished.returncode == 0 and output.exists() else None


def run_description(**options: object) -> dict:
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    return {
        "commit": commit + ("-dirty" if dirty else ""),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cores": os.cpu_count(),
            "load_average": " ".join(f"{load:.2f}" for load in os.getloadavg()),
            "python": platform.python_version(),
        },
        "options": options,
    }


def keep(figures: list[Figure], about: dict, *, suffix: str) -> Path:
    path = RESULTS / f"{about['commit']}{suffix}.json"
    write_json(path, figures, **about)
    if not suffix:
        write_json(RESULTS / "latest.json", figures, **about)
    return path


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


if __name__ == "__main__":
    main()
