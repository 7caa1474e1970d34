"""Export speed and memory, as one table.

    .venv/bin/python -m bench.export

A two-page CV (the demo persona with its roles repeated) through each built-in template to PDF, as the worker makes
it: the template rendered, laid out by WeasyPrint, then read back by the ATS check. Then the same exports on two
processes at once, as two worker processes would run them, for exports per minute and each process's peak memory.
Targets (issue 8): median under 0.8 s and p95 under 1.5 s per two-page PDF, under 400 MB per worker.
"""

from __future__ import annotations

import argparse
import copy
import json
import multiprocessing
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "personaforge.settings")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

import pypdfium2  # noqa: E402

from bench.figures import Figure, write_json  # noqa: E402
from exports.ats import ats_check  # noqa: E402
from templates_app.config import clean_config  # noqa: E402
from templates_app.document import cv_document  # noqa: E402
from templates_app.rendering import BUILTINS, html_to_pdf, render_builtin  # noqa: E402

RUNS = 15
PARALLEL_EXPORTS = 40
CV_TEMPLATES = [slug for slug, builtin in BUILTINS.items() if builtin.type == "cv"]


def two_page_persona() -> dict:
    data = json.loads((ROOT / "personaforge" / "demo" / "alex-morgan.resume.json").read_text())
    roles = data["work"]
    data["work"] = [copy.deepcopy(role) for _ in range(3) for role in roles]
    return data


def export(slug: str, data: dict) -> tuple[bytes, float]:
    """One export as the worker makes it: render, lay out, read back. Returns the PDF and the seconds taken."""
    started = time.perf_counter()
    document = cv_document(data=data, summary="Backend engineer with eight years of Python.", language="en")
    context = {**document, "config": clean_config({}, defaults=BUILTINS[slug].defaults)}
    pdf = html_to_pdf(render_builtin(f"{slug}.html", context))
    ats_check(pdf, "cv.pdf", data=data, headings=[(s["key"], s["title"]) for s in document["sections"]])
    return pdf, time.perf_counter() - started


def _worker(jobs: list[str]) -> tuple[int, float]:
    data = two_page_persona()
    for slug in jobs:
        export(slug, data)
    return len(jobs), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="also write the figures to this file (see bench.figures)")
    args = parser.parse_args()
    figures = []
    data = two_page_persona()
    export("classic", data)  # fonts and modules loaded once, as in a running worker
    rows = []
    for slug in CV_TEMPLATES:
        pdf, _ = export(slug, data)
        pages = len(pypdfium2.PdfDocument(pdf))
        times = sorted(export(slug, data)[1] for _ in range(RUNS))
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        median = statistics.median(times)
        rows.append((f"{slug} ({pages} pages), median / p95", f"{median:.2f} s / {p95:.2f} s"))
        figures += [
            Figure(f"export: {slug} ({pages} pages), median", median, "s", "< 0.8 s", median < 0.8),
            Figure(f"export: {slug} ({pages} pages), p95", p95, "s", "< 1.5 s", p95 < 1.5),
        ]

    jobs = [CV_TEMPLATES[i % len(CV_TEMPLATES)] for i in range(PARALLEL_EXPORTS)]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(_worker, [jobs[0::2], jobs[1::2]])
    elapsed = time.perf_counter() - started
    rows.append(("exports per minute, 2 processes", f"{60 * sum(n for n, _ in results) / elapsed:.0f}"))
    rows.append(("peak memory per process", " / ".join(f"{mb:.0f} MB" for _, mb in results)))
    peak = max(mb for _, mb in results)
    figures += [
        Figure("export: exports per minute, 2 processes", 60 * sum(n for n, _ in results) / elapsed, "/min"),
        Figure("export: peak memory per process", peak, "MB", "< 400 MB", peak < 400),
    ]

    width = max(len(name) for name, _ in rows)
    print(f"{'measure':{width}}  result")
    for name, value in rows:
        print(f"{name:{width}}  {value}")
    if args.json:
        write_json(args.json, figures)


if __name__ == "__main__":
    main()
