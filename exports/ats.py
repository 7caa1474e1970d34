"""The ATS check: read an exported file back with our own CV parser and see what of the persona survives.

Applicant tracking systems parse the file, not the design. If our parser cannot find a job's company, title and
dates, a school or a skill in a PDF or DOCX we made, an ATS likely cannot either, and the user should know before
sending it. The report is JSON (kept with the export): each field checked, whether it was read, and warnings.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from cvs.extract import ExtractionError, extract
from cvs.parsing.profile import read_by_rules
from cvs.parsing.sections import HEADINGS as SECTION_NAMES
from cvs.parsing.sections import split_sections
from personas.sections import shown_data
from templates_app.document import mapping, objects_in

MIN_TEXT_SHARE = 0.6  # below this share of the persona's words, the rest is likely drawn as pictures


def ats_check(
    content: bytes, filename: str, *, data: dict[str, Any], headings: list[tuple[str, str]]
) -> dict[str, Any]:
    """What an ATS would read of `data` (the persona version exported) in the file. `headings`: (section key,
    heading) of the sections the document shows, each of which should be read as one section."""
    try:
        extracted = extract(content, filename)
    except ExtractionError as error:
        return {"fields": [], "read": 0, "total": 0, "warnings": [f"Our reader could not open the file: {error}"]}
    profile = read_by_rules(extracted.lines)  # an ATS has rules, not our model: read as the rules read
    shown = shown_data(data)
    fields = _fields(shown, profile)
    warnings = []
    text = _norm(extracted.text)
    expected_words = set(_norm(" ".join(_strings(shown))).split())
    if expected_words and len(expected_words & set(text.split())) < MIN_TEXT_SHARE * len(expected_words):
        warnings.append("Much of the text cannot be read as text (drawn as pictures?); an ATS would miss it.")
    read = [section.name for section in split_sections(extracted.lines) if section.name in SECTION_NAMES]
    if len(read) != len(set(read)):
        warnings.append("A section is read in pieces (columns read across?); an ATS may mix up what belongs where.")
    unread = [heading for key, heading in headings if key in SECTION_NAMES and key not in read]
    if unread:
        warnings.append(f"These headings are not read as headings: {', '.join(unread)}.")
    missed = [field["label"] for field in fields if not field["read"]]
    if missed:
        warnings.append(f"Not read: {', '.join(missed[:8])}{' and more' if len(missed) > 8 else ''}.")
    return {"fields": fields, "read": sum(f["read"] for f in fields), "total": len(fields), "warnings": warnings}


def _fields(shown: dict[str, Any], profile: dict[str, Any]) -> list[dict[str, Any]]:
    basics, found_basics = mapping(shown.get("basics")), mapping(profile.get("basics"))
    fields = []

    def check(label: str, read: bool) -> None:
        fields.append({"label": label, "read": bool(read)})

    if basics.get("name"):
        check("Name", _norm(basics["name"]) == _norm(found_basics.get("name")))
    if basics.get("email"):
        check("Email", _norm(basics["email"]) == _norm(found_basics.get("email")))
    if basics.get("phone"):
        check("Phone", _digits(basics["phone"])[-9:] == _digits(found_basics.get("phone"))[-9:])
    jobs = [mapping(job) for job in profile.get("work") or []]
    for job in objects_in(shown.get("work")):
        match = _best(job, jobs, ("name", "position"))
        where = " at ".join(str(job[key]) for key in ("position", "name") if job.get(key))
        if job.get("name"):
            check(f"Company of {where}", _norm(job["name"]) == _norm(match.get("name")))
        if job.get("position"):
            check(f"Title of {where}", _norm(job["position"]) == _norm(match.get("position")))
        for key, word in (("startDate", "Start"), ("endDate", "End")):
            if job.get(key):
                check(f"{word} date of {where}", str(job[key])[:7] == str(match.get(key) or "")[:7])
    schools = [mapping(school) for school in profile.get("education") or []]
    for school in objects_in(shown.get("education")):
        if school.get("institution"):
            match = _best(school, schools, ("institution", "area"))
            check(str(school["institution"]), _norm(school["institution"]) == _norm(match.get("institution")))
    found_skills = {
        _norm(word)
        for group in objects_in(profile.get("skills"))
        for word in group.get("keywords") or [group.get("name")]
    }
    for group in objects_in(shown.get("skills")):
        for word in group.get("keywords") or []:
            check(f"Skill {word}", _norm(word) in found_skills)
    return fields


def _best(item: dict[str, Any], candidates: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, Any]:
    """The parsed entry sharing most words with the item's (its own or none)."""
    words = set(" ".join(_norm(item.get(key)) for key in keys).split())

    def shared(candidate: dict[str, Any]) -> int:
        return len(words & set(" ".join(_norm(candidate.get(key)) for key in keys).split()))

    best = max(candidates, key=shared, default={})
    return best if best and shared(best) else {}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if not value.startswith(("http", "data:")) else []
    if isinstance(value, dict):
        return [text for key, item in value.items() if key not in {"url", "image"} for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _norm(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value or "")).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def _digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value or ""))
