"""Entries of a section (jobs, degrees, projects, ...) from its lines.

Dated lines anchor entries: a header is the dated line plus the short, heading-like lines right
around it; bullets and sentences after it are the entry's highlights and summary.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from cvs.parsing.dates import DateRange, find_date_range
from cvs.parsing.document import Line
from cvs.parsing.places import find_place
from cvs.parsing.titles import (
    DEGREE_AT_START,
    ends_with_title,
    looks_like_degree,
    looks_like_organisation,
    looks_like_school,
    looks_like_title,
)

BULLET = re.compile(r"^\s*(?:[•●◦▪■‣∙·*>➢✓✔→–—-]|\d{1,2}[.)])\s+")
_SPLIT = re.compile(r"\t|\s+[|•·@]\s+|\s+[–—-]\s+|\s+(?:at|bei|chez|en)\s+|,\s+|:\s+")


@dataclass
class Entry:
    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    dates: DateRange | None = None


def is_bullet(line: Line) -> bool:
    return bool(BULLET.match(line.text))


def strip_bullet(text: str) -> str:
    return BULLET.sub("", text).strip()


def _is_sentence(line: Line) -> bool:
    """Prose rather than a heading: long, or six words or more ending in a full stop (not "S.L.")."""
    text = line.text.rstrip()
    return len(text) > 90 or (len(text.split()) >= 6 and bool(re.search(r"[a-zà-ÿ]{2}[.;!]$", text)))


def _header_like(line: Line) -> bool:
    return not is_bullet(line) and not _is_sentence(line) and len(line.text) <= 90


def split_entries(lines: list[Line]) -> list[Entry]:
    dated = [i for i, line in enumerate(lines) if not is_bullet(line) and find_date_range(line.text)]
    if not dated:
        return _split_by_headings(lines)
    taken = [False] * len(lines)
    anchors: list[tuple[int, int, DateRange]] = []  # header start, header end (exclusive), dates
    for index in dated:
        if taken[index]:
            continue
        start = index
        while start > 0 and index - start < 2 and not taken[start - 1] and _header_like(lines[start - 1]):
            if anchors and start - 1 < anchors[-1][1]:
                break
            start -= 1
        end = index + 1
        position = bisect.bisect_right(dated, index)
        next_dated = dated[position] if position < len(dated) else None
        limit = len(lines) if next_dated is None else next_dated - _lead(lines, next_dated)
        while end < limit and end - index <= 2:
            following = lines[end]
            if not _header_like(following) or not (
                following.bold
                or looks_like_title(following.text)
                or looks_like_organisation(following.text)
                or looks_like_school(following.text)
                or looks_like_degree(following.text)
                or find_place(following.text)
            ):
                break
            end += 1
        for i in range(start, end):
            taken[i] = True
        dates = find_date_range(lines[index].text)
        assert dates is not None
        anchors.append((start, end, dates))
    entries = []
    for number, (start, end, dates) in enumerate(anchors):
        body_end = anchors[number + 1][0] if number + 1 < len(anchors) else len(lines)
        entries.append(Entry(header=lines[start:end], body=lines[end:body_end], dates=dates))
    return entries


def _lead(lines: list[Line], dated_index: int) -> int:
    """How many heading-like lines stand right above the next dated line (they belong to it)."""
    count = 0
    while count < 2 and dated_index - count - 1 >= 0 and _header_like(lines[dated_index - count - 1]):
        line = lines[dated_index - count - 1]
        if not (line.bold or looks_like_title(line.text) or looks_like_organisation(line.text)):
            break
        count += 1
    return count


def _split_by_headings(lines: list[Line]) -> list[Entry]:
    """Undated entries (projects, say): a new entry starts at each bold or short line that is not a bullet."""
    entries: list[Entry] = []
    for line in lines:
        starts = not is_bullet(line) and (line.bold or not entries or (len(line.text) < 60 and entries[-1].body))
        if starts and not (
            entries
            and not line.bold
            and entries[-1].body
            and not entries[-1].body[-1].bold
            and _is_sentence(entries[-1].body[-1])
            and line.text[:1].islower()
        ):
            entries.append(Entry(header=[line]))
        elif entries:
            entries[-1].body.append(line)
        else:
            entries.append(Entry(body=[line]))
    return entries


def header_parts(entry: Entry) -> tuple[list[str], str | None]:
    """The header's pieces with the dates cut out, and a location found among them."""
    parts: list[str] = []
    location = None
    for line in entry.header:
        text = line.text
        found = find_date_range(text)
        if found:
            text = text[: found.span[0]] + "\t" + text[found.span[1] :]
        for raw in _SPLIT.split(text):
            part = raw.strip(" ,;:()|–—-\t")
            if not part or re.fullmatch(r"[\d\s/.]+", part):
                continue
            if location is None and find_place(part):
                location = part
                continue
            parts.append(part)
    # "Acme Ltd, London" splits at the comma; a country or region left alone is not a company.
    return parts, location


def body_text(entry: Entry) -> tuple[str, list[str]]:
    """Summary sentences and bullet highlights; a wrapped bullet line joins its bullet."""
    summary: list[str] = []
    highlights: list[str] = []
    previous_was_bullet = False
    for line in entry.body:
        if is_bullet(line):
            highlights.append(strip_bullet(line.text))
            previous_was_bullet = True
        elif (previous_was_bullet and highlights and not highlights[-1].endswith((".", "!", "?"))) or (
            previous_was_bullet and line.text[:1].islower()
        ):
            highlights[-1] = f"{highlights[-1]} {line.text}"
        else:
            summary.append(line.text)
            previous_was_bullet = False
    return " ".join(summary).strip(), highlights


def work_entry(entry: Entry) -> dict[str, Any]:
    parts, location = header_parts(entry)
    position = next((p for p in parts if looks_like_title(p) and not looks_like_organisation(p)), None)
    if position is None:
        position = next((p for p in parts if ends_with_title(p)), None)
    company = next((p for p in parts if p != position and looks_like_organisation(p)), None)
    rest = [p for p in parts if p not in (position, company)]
    if position is None and rest:
        position = rest.pop(0)
    if company is None and rest:
        company = rest.pop(0)
    item: dict[str, Any] = {}
    if company:
        item["name"] = company
    if position:
        item["position"] = position
    if location:
        item["location"] = location
    _add_dates(item, entry.dates)
    summary, highlights = body_text(entry)
    if summary:
        item["summary"] = summary
    if highlights:
        item["highlights"] = highlights
    return item


def education_entry(entry: Entry) -> dict[str, Any]:
    parts, location = header_parts(entry)
    institution = next((p for p in parts if looks_like_school(p) and not looks_like_degree(p)), None)
    degree = next((p for p in parts if p != institution and looks_like_degree(p)), None)
    rest = [p for p in parts if p not in (institution, degree)]
    if institution is None and rest:
        institution = rest.pop(0)
    item: dict[str, Any] = {}
    if institution:
        item["institution"] = institution
    if degree:
        study_type, area = _study(degree)
        if not area and rest:
            area = rest.pop(0)
        item["studyType"] = study_type
        if area:
            item["area"] = area
    elif rest:
        item["area"] = rest.pop(0)
    if location:
        item["location"] = location
    dates = entry.dates
    if dates and not dates.end and not dates.is_current and dates.start:
        item["endDate"] = dates.start  # a lone date on a degree is when it was completed
    else:
        _add_dates(item, dates)
    summary, highlights = body_text(entry)
    if summary:
        item["summary"] = summary
    if highlights:
        item["courses"] = highlights
    return item


def _study(degree: str) -> tuple[str, str]:
    """'BSc Computer Science' -> ('BSc', 'Computer Science'); 'Master of Science in Physics' -> (..., 'Physics')."""
    match = DEGREE_AT_START.match(degree.strip())
    if match:
        return match.group("type"), match.group("area").strip()
    return degree, ""


def _add_dates(item: dict[str, Any], dates: DateRange | None) -> None:
    if dates is None:
        return
    item["startDate"] = dates.start
    if dates.end:
        item["endDate"] = dates.end
