"""What in a reading of a CV we are unsure of: values that cannot be what their field says, and entries missing
what makes them one.

The CV's page marks them, its review page lists them first, and a persona is not made from a reading with doubts
until its user has opened that review page (`needs_review`): a bad reading never reaches a persona unseen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cvs.parsing.document import Line
from cvs.parsing.places import find_place
from cvs.parsing.sections import heading_section

if TYPE_CHECKING:
    from cvs.models import CV

MAX_SKILLS = 60  # more than a CV usually lists: other text (dates, titles, sentences) was likely read as skills

_TITLE = re.compile(r"\b(curriculum vitae|cv|r[ée]sum[ée]|resume|sample|template|profile)\b", re.IGNORECASE)
_MONTH = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?"
    r"|dec(ember)?)"
)
_YEAR_OR_MONTH = re.compile(rf"\b((19|20)\d\d|{_MONTH})\b", re.IGNORECASE)
# What a date range is made of; a text that is nothing else is a date ("Jan 2019", "May 2018 to Present").
_DATE_PARTS = re.compile(
    rf"\b({_MONTH}\.?|(19|20)\d\d|\d{{1,2}}[/.-]\d{{2,4}}|to|till|until|present|now|current|since)\b|[-–—/.,()\s]",
    re.IGNORECASE,
)
# An address, not a name ending like one: ".NET", "ASP.NET" and "Socket.io" are skills.
_ADDRESS = re.compile(r"https?:|//|www\.|\w@\w|\b[\w-]+\.(com|org|net|io|de|fr|es|in)/", re.IGNORECASE)


@dataclass(frozen=True)
class Doubt:
    where: str  # the part of the profile, as the review page names it: "Name", "Experience 2", "Skills"
    value: str
    reason: str


def reading_doubts(profile: dict[str, Any]) -> list[Doubt]:
    """The parts of a parsed profile to check, in the order the review page shows them."""
    doubts: list[Doubt] = []
    basics = _dict(profile.get("basics"))
    name = _text(basics.get("name"))
    if not name:
        doubts.append(Doubt("Name", "", "No name was found: write yours in."))
    elif heading_section(Line(name)) is not None:
        doubts.append(Doubt("Name", name, "This is a heading of the CV, not a person's name."))
    elif _TITLE.search(name) or re.search(r"[\d@/]", name) or len(name.split()) > 7:
        doubts.append(Doubt("Name", name, "This looks like a title or other text, not a person's name."))
    elif find_place(name) or ("," in name and find_place(name.split(",")[0])):  # "Chennai, Tamil Nadu"
        doubts.append(Doubt("Name", name, "This looks like a place, not a person's name."))
    for number, job in enumerate(_dicts(profile.get("work")), start=1):
        where, company, position = f"Experience {number}", _text(job.get("name")), _text(job.get("position"))
        value = " · ".join(filter(None, (position, company)))
        if not company:
            doubts.append(Doubt(where, value, "No company was found for this job."))
        elif not any(char.isalnum() for char in company) or _is_date(company):  # "«", but 3M and X are companies
            doubts.append(Doubt(where, value, "This does not look like the name of a company."))
        if not position:
            doubts.append(Doubt(where, value, "No job title was found for this job."))
        if not (job.get("startDate") or job.get("endDate")):
            doubts.append(Doubt(where, value, "No dates were found for this job."))
    for number, school in enumerate(_dicts(profile.get("education")), start=1):
        if not _text(school.get("institution")):
            degree = " ".join(filter(None, (_text(school.get("studyType")), _text(school.get("area")))))
            doubts.append(Doubt(f"Education {number}", degree, "No school was found for this entry."))
    skills = [
        _text(keyword) for group in _dicts(profile.get("skills")) for keyword in _keywords(group) if _text(keyword)
    ]
    if len(skills) > MAX_SKILLS:
        doubts.append(
            Doubt(
                "Skills", f"{len(skills)} skills", "More skills than a CV usually lists: other text may be among them."
            )
        )
    for skill in skills:
        reason = _not_a_skill(skill)
        if reason:
            doubts.append(Doubt("Skills", skill, reason))
    doubts += _unsure(profile)
    return list(dict.fromkeys(doubts))  # a value read twice is one doubt


UNSURE_BELOW = 0.5  # the learned reader's confidence in a value (meta.confidence), under which it is checked
MAX_CONFIDENCES = 1000  # a reading has a few hundred values at most; an uploaded profile's meta may hold anything
_WHERE = {"work": "Experience", "education": "Education", "skills": "Skills"}
_BASICS = {"name": "Name", "label": "Headline", "location": "Location"}
_INDEX = re.compile(r"[0-9]{1,4}")


def _unsure(profile: dict[str, Any]) -> list[Doubt]:
    """Values the learned reader gave little confidence, by their path in the profile ("work.2.name"). The
    confidences may come from an uploaded file: paths that point nowhere, and values that are not numbers, are
    passed over."""
    doubts = []
    confidence = _dict(_dict(profile.get("meta")).get("confidence"))
    basics, parts = _dict(profile.get("basics")), {part: _dicts(profile.get(part)) for part in _WHERE}
    for path, sure in list(confidence.items())[:MAX_CONFIDENCES]:
        if isinstance(sure, bool) or not isinstance(sure, int | float) or sure >= UNSURE_BELOW:
            continue
        part, _, rest = str(path).partition(".")
        index, _, key = rest.partition(".")
        if part == "basics" and index in _BASICS:
            value, where = basics.get(index), _BASICS[index]
        elif part in parts and _INDEX.fullmatch(index) and int(index) < len(parts[part]):
            value = parts[part][int(index)].get(key or "name")
            where = _WHERE[part] if part == "skills" else f"{_WHERE[part]} {int(index) + 1}"
        else:
            continue
        text = _text(_dict(value).get("city") if isinstance(value, dict) else value)
        if text:
            doubts.append(Doubt(where, text, "The reader is not sure of this: check it."))
    return doubts


class ReadingNotReviewed(Exception):
    """A persona was to be made from a reading with doubts its user has not looked at; the message says what to do."""

    def __init__(self, cv: CV) -> None:
        self.cv = cv
        super().__init__(
            f"We are unsure of parts of what we read in “{cv.filename}”. Look them over on its review page first "
            "(correct what is wrong, or leave what is right); then make the persona."
        )


def check_reviewed(cv: CV) -> None:
    """ReadingNotReviewed when the CV's reading has doubts its user has not looked at yet."""
    if needs_review(cv):
        raise ReadingNotReviewed(cv)


def needs_review(cv: CV) -> bool:
    """Whether the CV's reading has doubts its user has not looked at yet (on its review page)."""
    return cv.review_seen_at is None and cv.status == cv.Status.PARSED and bool(reading_doubts(cv.parsed_json or {}))


def _is_date(text: str) -> bool:
    return _YEAR_OR_MONTH.search(text) is not None and not _DATE_PARTS.sub("", text)


def _not_a_skill(skill: str) -> str:
    if _is_date(skill):
        return "A date, not a skill."
    if _ADDRESS.search(skill):
        return "A web or email address, not a skill."
    if not any(char.isalpha() for char in skill):
        return "A number or a sign, not a skill."
    if any(heading_section(Line(part)) is not None for part in skill.split("/")):  # "CERTIFICATIONS/LICENSES"
        return "A heading of the CV, not a skill."
    if skill.count("(") != skill.count(")") or (skill.startswith("(") and skill.endswith(")")):
        return "A piece of a longer text, not a skill."
    if len(skill.split()) > 6 or len(skill) > 60:
        return "A phrase or a sentence, not a skill."
    return ""


def _keywords(group: dict[str, Any]) -> list[Any]:
    keywords = group.get("keywords")
    return keywords if isinstance(keywords, list) and keywords else [group.get("name")]


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""
