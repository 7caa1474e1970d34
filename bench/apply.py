"""Tailoring on the labelled job set, offline, as one table: what accepting every suggestion gains, how many
suggestions pass the grounding check, how many planted inventions it catches, and how long tailoring takes.

    .venv/bin/python -m bench.apply

Each of corpus/jobs' 33 postings is tailored for both its personas (the fitting one and the other): the job's
requirements read by the rules, the edits suggested from the persona's own material, each checked as every
provider's are, and the fit scored before and after accepting all. Three inventions are planted per persona
(a summary naming an employer it never had, one stating a number it never gave, a skill it never listed).
The fit a persona gains is measured twice: as it is (the rules only order and open with what it shows, which
the fit score does not count), and after the user has answered "yes" to the follow-up questions about the
skills it misses (the knowledge base then knows them, and tailoring surfaces them).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "personaforge.settings")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from bench.figures import Figure, write_json  # noqa: E402
from cvs.parsing.sections import fold  # noqa: E402
from gaps.applications.letters import draft_letter, grounded  # noqa: E402
from gaps.fit.requirements import extract_requirements, wanted_skills  # noqa: E402
from gaps.fit.scoring import fit_persona  # noqa: E402
from gaps.postings.text import clean_job_text  # noqa: E402
from gaps.questions.drafts import questions_from  # noqa: E402
from gaps.review.checks import review_persona  # noqa: E402
from gaps.tailoring.rules import suggest_edits  # noqa: E402
from personas.edits import apply_edits, check_edit  # noqa: E402

INVENTED_SKILLS = ["Haskell", "COBOL", "Erlang", "Fortran"]


def planted(data: dict, summary: str, material: str) -> list[dict]:
    """Edits that state what the persona never did: each must be dropped."""
    skill = next(name for name in INVENTED_SKILLS if fold(name) not in fold(material))
    number = next(str(n) for n in range(37, 1000) if str(n) not in material)
    label = str((data.get("basics") or {}).get("label") or "Engineer")
    return [
        {"kind": "summary", "path": "summary", "before": summary, "after": f"{label} formerly at Initrode Systems."},
        {"kind": "summary", "path": "summary", "before": summary, "after": f"{label} who led {number} people."},
        {"kind": "add_skill", "path": "skills", "before": None, "after": skill},
    ]


def _gain_after_answers(requirements: list, data: dict, summary: str, wanted: list[str], before: int) -> int:
    missing = fit_persona(requirements=requirements, data=data, summary=summary, language="", knowledge=[])
    names = [p.requirement.name for p in missing.points if p.status == "missing" and p.requirement.kind == "skill"]
    knowledge = [("skill", name, f"Asked about {name}: yes, in my last role.") for name in names]
    known = fit_persona(requirements=requirements, data=data, summary=summary, language="", knowledge=knowledge)
    shown = [(p.requirement.name, p.evidence.text if p.evidence else "") for p in known.points if p.status == "in_kb"]
    edits = [e.as_dict() for e in suggest_edits(data=data, summary=summary, wanted=wanted, known_not_shown=shown)]
    material = "\n".join([json.dumps(data, ensure_ascii=False), summary, *names])
    kept = [e for e in edits if check_edit(e, data=data, summary=summary, material=material)]
    after_data, after_summary = apply_edits(data, summary, kept)
    after = fit_persona(
        requirements=requirements, data=after_data, summary=after_summary, language="", knowledge=knowledge
    )
    return after.score - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="also write the figures to this file (see bench.figures)")
    args = parser.parse_args()
    gains: list[int] = []
    answered_gains: list[int] = []
    suggested = passed = planted_count = caught = 0
    times: list[float] = []
    question_times: list[float] = []
    letter_times: list[float] = []
    letters_clean = 0
    for path in sorted((ROOT / "corpus" / "jobs").glob("*.json")):
        case = json.loads(path.read_text())
        job = case["job"]
        text = clean_job_text(job["description"])
        for key in ("fit", "misfit"):
            persona = case[key]
            data, summary = persona["data"], persona.get("summary", "")
            material = f"{json.dumps(data, ensure_ascii=False)}\n{summary}"
            started = time.perf_counter()
            requirements = extract_requirements(text=text, title=job.get("title", ""), location=job.get("location", ""))
            before = fit_persona(requirements=requirements, data=data, summary=summary, language="", knowledge=[])
            wanted = wanted_skills(requirements)
            edits = [
                e.as_dict()
                for e in suggest_edits(
                    data=data, summary=summary, wanted=wanted, known_not_shown=[], job_title=job.get("title", "")
                )
            ]
            kept = [e for e in edits if check_edit(e, data=data, summary=summary, material=material)]
            after_data, after_summary = apply_edits(data, summary, kept)
            after = fit_persona(
                requirements=requirements, data=after_data, summary=after_summary, language="", knowledge=[]
            )
            times.append(time.perf_counter() - started)
            suggested, passed = suggested + len(edits), passed + len(kept)
            gains.append(after.score - before.score)
            answered_gains.append(_gain_after_answers(requirements, data, summary, wanted, before.score))
            started = time.perf_counter()
            questions_from(
                points=[p.as_dict() for p in before.points],
                issues=review_persona(data=data, summary=summary),
                data=data,
            )
            question_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            letter = draft_letter(
                data=data,
                summary=summary,
                job_title=job.get("title", ""),
                company=job.get("company", ""),
                wanted=wanted,
                tone="formal",
                length="long",
            )
            letter_material = "\n".join([material, job.get("title", ""), job.get("company", "")])
            letters_clean += grounded(letter, material=letter_material)[1] == 0
            letter_times.append(time.perf_counter() - started)
            for edit in planted(data, summary, material):
                planted_count += 1
                caught += not check_edit(edit, data=data, summary=summary, material=material)

    def p95(values: list[float]) -> float:
        return sorted(values)[min(len(values) - 1, round(0.95 * (len(values) - 1)))]

    rows = [
        (
            "Fit gained by accepting every suggestion",
            f"median {statistics.median(gains):+.0f}",
            f"mean {statistics.mean(gains):+.1f}, max {max(gains):+d}, over {len(gains)} personas",
        ),
        (
            "... once missing skills are answered yes",
            f"median {statistics.median(answered_gains):+.0f}",
            f"mean {statistics.mean(answered_gains):+.1f}, max {max(answered_gains):+d}",
        ),
        ("Rules' suggestions passing the grounding check", f"{passed}/{suggested}", "target: all of those shown"),
        ("Planted inventions caught", f"{caught}/{planted_count}", "target: all"),
        ("Tailoring offline (read, suggest, check, score), p95", f"{p95(times) * 1000:.0f} ms", "target < 500 ms"),
        ("Follow-up questions offline (review, rules), p95", f"{p95(question_times) * 1000:.1f} ms", ""),
        (
            "Cover letter offline (draft, check), p95",
            f"{p95(letter_times) * 1000:.0f} ms",
            f"{letters_clean}/{len(letter_times)} drafts with nothing dropped",
        ),
    ]
    width = max(len(row[0]) for row in rows)
    print(f"\n{'Measure':{width}}  {'Result':18}  Notes")
    for name, result, note in rows:
        print(f"{name:{width}}  {result:18}  {note}")
    if args.json:
        write_json(
            args.json,
            [
                Figure("apply: fit gained by accepting every suggestion, median", statistics.median(gains), "points"),
                Figure(
                    "apply: the same once missing skills are answered yes, median",
                    statistics.median(answered_gains),
                    "points",
                ),
                Figure(
                    "apply: suggestions passing the grounding check",
                    passed / suggested,
                    "share",
                    "all",
                    passed == suggested,
                ),
                Figure(
                    "apply: planted inventions caught", caught / planted_count, "share", "all", caught == planted_count
                ),
                Figure("apply: tailoring offline, p95", p95(times) * 1000, "ms", "< 500 ms", p95(times) < 0.5),
                Figure("apply: follow-up questions offline, p95", p95(question_times) * 1000, "ms"),
                Figure("apply: cover letter offline, p95", p95(letter_times) * 1000, "ms"),
                Figure("apply: cover letters the check left whole", letters_clean / len(letter_times), "share"),
            ],
        )


if __name__ == "__main__":
    main()
