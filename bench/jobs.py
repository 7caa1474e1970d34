"""Reading job postings out of saved pages (corpus/job_pages, written for this project), as one table.

    .venv/bin/python -m bench.jobs             # field accuracy for JSON-LD pages and for the others, and speed
    .venv/bin/python -m bench.jobs --by-file   # also each page's misses

Two sets: the development pages the reader was tuned on (corpus/job_pages), and a held-out set written without
looking at the reader (corpus/job_pages/heldout), each with its expected.json. A field counts as right when it
equals the label (text compared without case or extra spaces); the description counts once, as right when it holds
every phrase it should and none of the page's clutter. Targets: 0.95 on JSON-LD pages, 0.85 on the others.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "personaforge.settings")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from bench.figures import Figure, write_json  # noqa: E402
from gaps.postings.pages import ExtractedJob, extract_from_html  # noqa: E402

PAGES = ROOT / "corpus" / "job_pages"
SETS = {"development": PAGES, "held-out": PAGES / "heldout"}
FIELDS = (
    "title",
    "company",
    "location",
    "workplace",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
)
TARGETS = {"jsonld": 0.95, "page": 0.85}


def expected_pages(folder: Path = PAGES) -> dict[str, dict[str, Any]]:
    return json.loads((folder / "expected.json").read_text())


def score(extracted: ExtractedJob, expected: dict[str, Any]) -> dict[str, bool]:
    """Each field (and the description) of one page: right or not."""
    right = {name: _same(getattr(extracted, name), expected.get(name)) for name in FIELDS}
    description = " ".join(extracted.description.split()).casefold()
    right["description"] = all(" ".join(p.split()).casefold() in description for p in expected["description_contains"])
    right["description"] &= not any(
        " ".join(p.split()).casefold() in description for p in expected.get("description_excludes", [])
    )
    return right


def _same(found: Any, wanted: Any) -> bool:
    if isinstance(wanted, str) or isinstance(found, str):
        return " ".join(str(found or "").split()).casefold() == " ".join(str(wanted or "").split()).casefold()
    return found == wanted


def kind_of(name: str) -> str:
    return "jsonld" if name.startswith("jsonld") else "page"  # jsonld-NN- and jsonld-hN- alike


def run(folder: Path = PAGES) -> tuple[dict[str, list[bool]], dict[str, dict[str, bool]], list[float]]:
    results: dict[str, list[bool]] = {"jsonld": [], "page": []}
    by_file: dict[str, dict[str, bool]] = {}
    seconds = []
    for name, expected in sorted(expected_pages(folder).items()):
        data = (folder / name).read_bytes()
        started = time.perf_counter()
        extracted = extract_from_html(data)
        seconds.append(time.perf_counter() - started)
        by_file[name] = score(extracted, expected)
        results[kind_of(name)].extend(by_file[name].values())
    return results, by_file, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--by-file", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures to this file (see bench.figures)")
    args = parser.parse_args()
    figures = []
    print(f"{'set':<13}{'pages':<20}{'files':>6}{'fields':>8}{'accuracy':>10}{'target':>8}")
    by_file: dict[str, dict[str, bool]] = {}
    seconds: list[float] = []
    for set_name, folder in SETS.items():
        results, files_right, times = run(folder)
        by_file |= {f"{set_name}/{name}": right for name, right in files_right.items()}
        seconds += times
        for kind, label in (("jsonld", "with JSON-LD"), ("page", "main content only")):
            files = sum(1 for name in files_right if kind_of(name) == kind)
            accuracy = sum(results[kind]) / len(results[kind])
            print(f"{set_name:<13}{label:<20}{files:>6}{len(results[kind]):>8}{accuracy:>10.3f}{TARGETS[kind]:>8.2f}")
            figures.append(
                Figure(
                    f"jobs: {set_name}, {label}, field accuracy",
                    accuracy,
                    "share",
                    f">= {TARGETS[kind]:.2f}",
                    accuracy >= TARGETS[kind],
                )
            )
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    print(
        f"\nextraction per page: median {statistics.median(seconds) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
        f"{len(seconds)} pages in {sum(seconds):.2f} s"
    )
    figures += [
        Figure("jobs: extraction per page, median", statistics.median(seconds) * 1000, "ms"),
        Figure("jobs: extraction per page, p95", p95 * 1000, "ms"),
    ]
    if args.json:
        write_json(args.json, figures)
    if args.by_file:
        for name, right in by_file.items():
            missed = [field for field, ok in right.items() if not ok]
            print(f"{name:<72} {'all right' if not missed else 'missed: ' + ', '.join(missed)}")


if __name__ == "__main__":
    main()
