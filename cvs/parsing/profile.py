"""From a CV's lines to a JSON Resume profile. Every value is text found in the CV; nothing is made up."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cvs.doubts import reading_doubts
from cvs.parsing import tagger
from cvs.parsing.contact import EMAIL, URL, read_basics, segments
from cvs.parsing.dates import find_date_range
from cvs.parsing.document import Line
from cvs.parsing.entries import education_entry, is_bullet, split_entries, strip_bullet, work_entry
from cvs.parsing.sections import Section, fold, split_sections
from cvs.parsing.titles import looks_like_organisation

_LIST_SEPARATORS = re.compile(r"\s*(?:,|;|\||•|·|●|▪|\t|/(?=\s)|\s{2,})\s*")
_LEVEL = re.compile(r"^(?P<language>[^\s(–—:,-][^(–—:,]*?)\s*(?:\((?P<paren>[^)]+)\)|[–—:-]\s*(?P<dash>.+))?$")


def build_profile(lines: list[Line], model: Path = tagger.MODEL) -> dict[str, Any]:
    """The rules' reading where they are sure of it; each part they are unsure of or found nothing for (the name,
    the jobs, the studies, the skills) is the learned reader's, its values with the model's confidence
    (meta.confidence). Contact details and the other sections stay the rules'."""
    ruled = read_by_rules(lines)
    doubts = reading_doubts(ruled)
    unsure = {doubt.where.split()[0] for doubt in doubts}
    basics = ruled.get("basics") or {}
    wanted = {key: key not in ruled or where in unsure for key, where in _PARTS.items()}
    if not any(wanted.values()) and basics.get("name") and "Name" not in unsure:
        return ruled
    learned = tagger.tagged_profile(tagger.tag(lines, model), lines)
    profile, confidence = dict(ruled), learned.get("meta", {}).get("confidence", {})
    kept: dict[str, float] = {}
    for key in [key for key, want in wanted.items() if want and learned.get(key)]:
        if key == "skills":
            profile[key] = learned[key]
            kept |= {path: sure for path, sure in confidence.items() if path.startswith("skills.")}
        else:
            doubted = {int(d.where.split()[1]) - 1 for d in doubts if d.where.startswith(f"{_PARTS[key]} ")}
            profile[key], sure = _entries(key, ruled.get(key) or [], learned[key], doubted, confidence)
            kept |= sure
    found = learned.get("basics") or {}
    if found.get("name") and (not basics.get("name") or "Name" in unsure):
        basics = {**basics, "name": found["name"]}
        kept["basics.name"] = confidence["basics.name"]
    for key in ("label", "location"):
        if found.get(key) and not basics.get(key):
            basics = {**basics, key: found[key]}
            kept[f"basics.{key}"] = confidence[f"basics.{key}"]
    if basics:
        profile["basics"] = basics
    if kept:
        profile["meta"] = {**(profile.get("meta") or {}), "confidence": kept}
    return profile


def _entries(
    part: str, ruled: list[dict[str, Any]], learned: list[dict[str, Any]], doubted: set[int], sure: dict[str, float]
) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """The model's jobs or studies, each the rules' own where they read the same one (the same employer or
    school) without doubt, with its dates and descriptions. With the model's confidence in the rest, by their
    places in the list. The rules' other entries are left out: the model read them its own way (as "Oracle India
    Pvt Ltd" where the rules read "Oracle"), or found they were no job at all."""
    name = "name" if part == "work" else "institution"
    sound = {
        fold(entry[name]): entry
        for number, entry in enumerate(ruled)
        if number not in doubted and isinstance(entry.get(name), str) and fold(entry[name])
    }
    entries: list[dict[str, Any]] = []
    confidence: dict[str, float] = {}
    for number, entry in enumerate(learned):
        own = sound.pop(fold(entry.get(name) or ""), None) if entry.get(name) else None
        if own is None:
            prefix = f"{part}.{number}."
            confidence |= {
                f"{part}.{len(entries)}.{path.removeprefix(prefix)}": value
                for path, value in sure.items()
                if path.startswith(prefix)
            }
        entries.append(own or entry)
    return entries, confidence


_PARTS = {"work": "Experience", "education": "Education", "skills": "Skills"}  # and how doubts name them


def read_by_rules(lines: list[Line]) -> dict[str, Any]:
    sections = split_sections(lines)
    by_name: dict[str, list[Section]] = {}
    for section in sections:
        by_name.setdefault(section.name, []).append(section)

    def section_lines(name: str) -> list[Line]:
        return [line for section in by_name.get(name, []) for line in section.lines]

    header = section_lines("header")
    # In a sidebar layout the contact details may sit under any heading: look at short lines everywhere.
    in_header = {id(line) for line in header}
    contact = section_lines("contact") + [
        line
        for line in lines
        if id(line) not in in_header and (("@" in line.text and EMAIL.search(line.text)) or URL.search(line.text))
    ]
    profile: dict[str, Any] = {}
    basics = read_basics(header, contact)
    summary = " ".join(line.text for line in section_lines("summary") if line.text).strip()
    if summary:
        basics["summary"] = summary
    if basics:
        profile["basics"] = basics

    readers = {
        "work": lambda ls: [e for e in map(work_entry, split_entries(ls)) if e.get("name") or e.get("position")],
        "volunteer": _volunteer,
        "education": lambda ls: [e for e in map(education_entry, split_entries(ls)) if e.get("institution")],
        "skills": read_skills,
        "languages": read_languages,
        "certificates": read_certificates,
        "projects": _projects,
        "awards": _awards,
        "publications": _publications,
        "interests": read_interests,
        "references": lambda ls: [{"reference": " ".join(line.text for line in ls)}] if ls else [],
    }
    for name, read in readers.items():
        items = read(section_lines(name))
        if items:
            profile[name] = items
    return profile


def _items(lines: list[Line]) -> list[str]:
    items: dict[str, None] = {}  # a dict keeps the order and finds repeats at once
    for line in lines:
        for item in _LIST_SEPARATORS.split(strip_bullet(line.text)):
            item = item.strip(" .")
            if item:
                items.setdefault(item, None)
    return list(items)


def read_interests(lines: list[Line]) -> list[dict[str, Any]]:
    return [{"name": item} for item in _items(lines)]


def read_skills(lines: list[Line]) -> list[dict[str, Any]]:
    """'Cloud: AWS, Docker' lines, or a bold label over one item a line, or a plain list (wrapped over lines as a
    paragraph is). How long each was used, "Excel (2 years)", is not part of the skill's name."""
    groups: list[dict[str, Any]] = []
    loose: list[str] = []
    open_group: dict[str, Any] | None = None
    lines = [line for line in _unwrapped(lines) if not _ADDRESS_ONLY.match(strip_bullet(line.text))]
    for index, line in enumerate(lines):
        text = strip_bullet(line.text)
        label, colon, rest = text.partition(":")
        following = lines[index + 1] if index + 1 < len(lines) else None
        if colon and rest.strip() and len(label) <= 40:
            keywords = [k.strip(" .") for k in _LIST_SEPARATORS.split(rest) if k.strip(" .")]
            groups.append({"name": label.strip(), "keywords": keywords})
            open_group = None
        elif line.bold and following is not None and not following.bold and not _LIST_SEPARATORS.search(text):
            open_group = {"name": text.rstrip(":"), "keywords": []}
            groups.append(open_group)
        elif open_group is not None:
            open_group["keywords"] += [item for item in _items([Line(text)]) if item not in open_group["keywords"]]
        else:
            loose += [item for item in _items([Line(text)]) if item not in loose]
    skills = [g for g in groups if g["keywords"]] + [{"name": item} for item in loose]
    for group in skills:
        group["name"] = _USED_FOR.sub("", group["name"])
        if "keywords" in group:
            group["keywords"] = [kept for k in group["keywords"] if (kept := _USED_FOR.sub("", k))]
    return [group for group in skills if group["name"] or group.get("keywords")]


_ADDRESS_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)  # a link: contact details, not a skill
_USED_FOR = re.compile(r"\s*\((?:less than\s+)?\d+\+?\s+(?:years?|months?)\)\s*$", re.IGNORECASE)


def _unwrapped(lines: list[Line]) -> list[Line]:
    """A comma-separated list wrapped over lines is one line again: a line break not after a separator (or inside
    brackets) continues the item, as in "Business Intelligence" / "(1 year), MS Excel"."""
    merged: list[Line] = []
    for line in lines:
        last = merged[-1].text.rstrip() if merged else ""
        text = line.text.strip()
        # A short line ending without a separator is a row of its own ("Python, SQL" over "Docker, AWS"); a long
        # one, or one followed by a lower-case word or a bracket, was wrapped.
        cut = len(last) >= 60 or text[:1].islower() or text.startswith("(")
        wraps = ("," in last and not last.endswith((",", ";", ":")) and cut) or last.count("(") > last.count(")")
        if wraps and text and not is_bullet(line) and ":" not in text:
            merged[-1] = Line(f"{last} {text}", bold=merged[-1].bold)
        else:
            merged.append(line)
    return merged


def read_languages(lines: list[Line]) -> list[dict[str, Any]]:
    languages = []
    for item in _items(lines):
        match = _LEVEL.match(item)
        if not match:
            continue
        entry = {"language": match.group("language").strip()}
        fluency = match.group("paren") or match.group("dash")
        if fluency:
            entry["fluency"] = fluency.strip()
        languages.append(entry)
    return languages


def _dated_items(lines: list[Line], name_key: str, by_key: str) -> list[dict[str, Any]]:
    """One item a line: a name, maybe a date, maybe who issued it ("AWS Developer – Amazon, 2022")."""
    items = []
    for line in lines:
        text = strip_bullet(line.text)
        item: dict[str, Any] = {}
        found = find_date_range(text)
        if found:
            item["date"] = found.start
            text = (text[: found.span[0]] + text[found.span[1] :]).strip(" ,|–—-()\t")
        pieces = text.replace(", ", " | ").replace(" – ", " | ").replace(" — ", " | ")
        parts = [p for p in segments(Line(pieces)) if p]
        if not parts:
            continue
        item[name_key] = parts[0]
        issuer = next((p for p in parts[1:] if looks_like_organisation(p) or len(parts) == 2), None)
        if issuer:
            item[by_key] = issuer
        items.append(item)
    return items


def read_certificates(lines: list[Line]) -> list[dict[str, Any]]:
    return _dated_items([line for line in lines if line.text], "name", "issuer")


def _awards(lines: list[Line]) -> list[dict[str, Any]]:
    return _dated_items(lines, "title", "awarder")


def _publications(lines: list[Line]) -> list[dict[str, Any]]:
    return [
        {("releaseDate" if k == "date" else k): v for k, v in item.items()}
        for item in _dated_items(lines, "name", "publisher")
    ]


def _projects(lines: list[Line]) -> list[dict[str, Any]]:
    projects = []
    for entry in split_entries(lines):
        if not entry.header:
            continue
        head = entry.header[0].text
        found = find_date_range(head)
        name = (head[: found.span[0]] if found else head).strip(" ,|–—-:\t") or head
        project: dict[str, Any] = {"name": name.split("\t")[0].split(" – ")[0].strip()}
        description = [line.text for line in entry.body if not is_bullet(line)]
        highlights = [strip_bullet(line.text) for line in entry.body if is_bullet(line)]
        if description:
            project["description"] = " ".join(description)
        if highlights:
            project["highlights"] = highlights
        urls = URL.findall(" ".join(line.text for line in entry.header + entry.body))
        if urls:
            project["url"] = urls[0]
        if entry.dates:
            project["startDate"] = entry.dates.start
            if entry.dates.end:
                project["endDate"] = entry.dates.end
        projects.append(project)
    return projects


def _volunteer(lines: list[Line]) -> list[dict[str, Any]]:
    entries = []
    for entry in split_entries(lines):
        item = work_entry(entry)
        if "name" in item:
            item["organization"] = item.pop("name")
        if item.get("organization") or item.get("position"):
            entries.append(item)
    return entries
