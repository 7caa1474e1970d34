"""Field-level precision, recall and F1 of parsed profiles against the corpus truth.

A field counts as true positive when the parse found the right value, false positive when it found
a wrong one (or one the truth does not have), false negative when it missed or got it wrong. Jobs
and degrees are paired with the truth's by how alike their names are, so order does not matter.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

WORK_FIELDS = ("name", "position", "startDate", "endDate")
EDUCATION_FIELDS = ("institution", "studyType", "area", "endDate")


def norm(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value or "")).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value or ""))


@dataclass
class Score:
    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, name: str, expected: Any, found: Any, same: bool | None = None) -> None:
        counter = self.counts.setdefault(name, Counter())
        has_expected, has_found = bool(norm(expected)), bool(norm(found))
        if same is None:
            same = norm(expected) == norm(found)
        if has_expected and has_found and same:
            counter["tp"] += 1
        else:
            counter["fp"] += has_found
            counter["fn"] += has_expected

    def merge(self, other: Score) -> None:
        for name, counter in other.counts.items():
            self.counts.setdefault(name, Counter()).update(counter)

    def prf(self, names: list[str] | None = None) -> tuple[float, float, float]:
        total: Counter[str] = Counter()
        for name, counter in self.counts.items():
            if names is None or name in names:
                total.update(counter)
        precision = total["tp"] / (total["tp"] + total["fp"]) if total["tp"] + total["fp"] else 1.0
        recall = total["tp"] / (total["tp"] + total["fn"]) if total["tp"] + total["fn"] else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def score_profile(expected: dict[str, Any], found: dict[str, Any]) -> Score:
    score = Score()
    eb, fb = expected.get("basics") or {}, found.get("basics") or {}
    score.add("name", eb.get("name"), fb.get("name"))
    score.add("email", eb.get("email"), fb.get("email"))
    phone_same = digits(eb.get("phone"))[-9:] == digits(fb.get("phone"))[-9:]
    score.add("phone", eb.get("phone"), fb.get("phone"), same=phone_same)
    score.add("location", (eb.get("location") or {}).get("city"), (fb.get("location") or {}).get("city"))
    _score_entries(score, "work", WORK_FIELDS, expected.get("work") or [], found.get("work") or [])
    _score_entries(score, "education", EDUCATION_FIELDS, expected.get("education") or [], found.get("education") or [])
    _score_skills(score, expected.get("skills") or [], found.get("skills") or [])
    return score


def _similarity(a: dict[str, Any], b: dict[str, Any], fields: tuple[str, ...]) -> float:
    words_a = set(" ".join(norm(a.get(f)) for f in fields[:2]).split())
    words_b = set(" ".join(norm(b.get(f)) for f in fields[:2]).split())
    return len(words_a & words_b) / max(1, len(words_a | words_b))


def _score_entries(score: Score, kind: str, fields: tuple[str, ...], expected: list, found: list) -> None:
    unmatched = list(found)
    for truth in expected:
        best = max(unmatched, key=lambda item: _similarity(truth, item, fields), default=None)
        if best is not None and _similarity(truth, best, fields) > 0:
            unmatched.remove(best)
        else:
            best = {}
        for name in fields:
            score.add(f"{kind}.{name}", truth.get(name), best.get(name))
    for extra in unmatched:
        for name in fields:
            score.add(f"{kind}.{name}", None, extra.get(name))


def _skill_set(groups: list) -> set[str]:
    items = set()
    for group in groups:
        if isinstance(group, dict):
            keywords = group.get("keywords") or []
            items |= {norm(k) for k in keywords} if keywords else {norm(group.get("name"))}
    return items - {""}


def _score_skills(score: Score, expected: list, found: list) -> None:
    truth, parsed = _skill_set(expected), _skill_set(found)
    counter = score.counts.setdefault("skills", Counter())
    counter["tp"] += len(truth & parsed)
    counter["fp"] += len(parsed - truth)
    counter["fn"] += len(truth - parsed)
