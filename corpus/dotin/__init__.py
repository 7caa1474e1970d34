"""Real CVs labelled by people: the dotin résumé NER annotations (see README.md here), and how a parsed profile is
scored against them.

The labels are spans of the CV's text, not a structured profile, so a profile is scored as sets of values per
field: what the CV's labels name (each company, each degree, each skill) against what the profile holds.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.scoring import Score, norm

TRAIN = Path(__file__).with_name("train.jsonl")

# Our field: the labels that name it. Years of experience are labelled too, but a profile has no field for them.
FIELDS = {
    "name": ("Name",),
    "email": ("Email Address",),
    "location": ("Location",),
    "position": ("Designation",),
    "company": ("Companies worked at",),
    "institution": ("College Name",),
    "degree": ("Degree",),
    "graduation year": ("Graduation Year",),
    "skills": ("Tech Tools", "Job Specific Skills", "Soft Skills"),
}


@dataclass(frozen=True)
class LabelledCV:
    id: str
    text: str
    entities: list[tuple[int, int, str]]

    def labelled(self, field: str) -> set[str]:
        values = {self.text[start:end] for start, end, label in self.entities if label in FIELDS[field]}
        return {value for value in (_value(field, v) for v in values) if value}


def training_cvs() -> Iterator[LabelledCV]:
    for line in TRAIN.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        yield LabelledCV(row["id"], row["text"], [tuple(entity) for entity in row["entities"]])


def profile_values(profile: dict[str, Any]) -> dict[str, set[str]]:
    basics = profile.get("basics") or {}
    work = [item for item in profile.get("work") or [] if isinstance(item, dict)]
    education = [item for item in profile.get("education") or [] if isinstance(item, dict)]
    location = basics.get("location") or {}
    found: dict[str, list[Any]] = {
        "name": [basics.get("name")],
        "email": [basics.get("email")],
        "location": [location.get("city")] + [item.get("location") for item in work + education],
        "position": [basics.get("label")] + [item.get("position") for item in work],
        "company": [item.get("name") for item in work],
        "institution": [item.get("institution") for item in education],
        "degree": [" ".join(filter(None, (item.get("studyType"), item.get("area")))) for item in education],
        "graduation year": [item.get("endDate") for item in education],
        "skills": [
            keyword
            for group in profile.get("skills") or []
            if isinstance(group, dict)
            for keyword in (group.get("keywords") or [group.get("name")])
        ],
    }
    return {field: {v for v in (_value(field, value) for value in values) if v} for field, values in found.items()}


def score_cv(cv: LabelledCV, profile: dict[str, Any]) -> Score:
    """Per field: a found value matching a labelled one is a true positive (each matched once), any other found
    value a false positive, any labelled value left unmatched a false negative."""
    score = Score()
    found = profile_values(profile)
    for field in FIELDS:
        expected, unmatched = cv.labelled(field), set(found[field])
        counter = score.counts.setdefault(field, Counter())
        for truth in sorted(expected):
            match = next((value for value in sorted(unmatched) if same(field, truth, value)), None)
            if match is None:
                counter["fn"] += 1
            else:
                unmatched.discard(match)
                counter["tp"] += 1
        counter["fp"] += len(unmatched)
    return score


def same(field: str, truth: str, found: str) -> bool:
    """Equal once normalised; or, for a place, the same first part ("Pune" names "Pune, Maharashtra"); or one's
    words within the other's, covering two thirds of them ("University of Leeds" and "The University of Leeds")."""
    if truth == found:
        return True
    if field == "location":
        return truth.split(",")[0].strip() == found.split(",")[0].strip()
    if field in {"email", "graduation year", "name"}:
        return False
    small, large = sorted((set(truth.split()), set(found.split())), key=len)
    return bool(small) and small <= large and len(small) * 3 >= len(large) * 2


def _value(field: str, value: Any) -> str:
    if not isinstance(value, str):
        return ""
    if field == "graduation year":
        years = re.findall(r"(?:19|20)\d\d", value)  # "2001 to 2005": graduated in the last
        return years[-1] if years else ""
    if field == "location":  # keep the comma: it separates the city from the rest
        return ", ".join(norm(part) for part in value.split(",") if norm(part))
    return norm(value)
