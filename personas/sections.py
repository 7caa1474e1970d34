"""The sections of a persona: JSON Resume's, plus custom ones, and what each item holds.

A persona's `data` is a JSON Resume document. Three extras ride on it and are stripped by `shown_data()`:
`x-hidden` (this persona leaves the item out) and `x-hiddenHighlights` (highlights it leaves out, by text, so
reordering or editing other highlights does not change which are hidden) on items, and `x-sectionOrder` (the
persona's order of sections, read through `section_order()`) on the document. Custom sections live in
`data["custom"]` as `{"name": ..., "items": [...]}` and are addressed as `custom-0`, `custom-1`...
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

HIDDEN = "x-hidden"
HIDDEN_HIGHLIGHTS = "x-hiddenHighlights"
SECTION_ORDER = "x-sectionOrder"
MAX_ITEMS = 200  # per section: far more than any CV has, small enough to keep a page fast
MAX_CUSTOM_SECTIONS = 20
MAX_DOCUMENT_CHARS = 300_000  # a long CV as JSON is about 30,000


@dataclass(frozen=True)
class Field:
    key: str  # dotted for nested values: "location.city"
    label: str
    kind: str = "line"  # line | text | lines (one per line) | words (comma-separated) | date | url


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    fields: tuple[Field, ...]
    heading: tuple[str, ...]  # the item's one-line heading, from these fields in order
    single: bool = False  # basics: one item, nothing to add, remove or reorder

    @property
    def has_highlights(self) -> bool:
        return any(field.key == "highlights" for field in self.fields)

    def title_of(self, item: dict[str, Any]) -> str:
        parts = [str(_get(item, key)) for key in self.heading if _get(item, key)]
        return " · ".join(parts) or "(untitled)"


_DATES = (Field("startDate", "Start", "date"), Field("endDate", "End (empty: present)", "date"))

SECTIONS: dict[str, Section] = {
    section.key: section
    for section in (
        Section(
            "basics",
            "Contact and headline",
            (
                Field("name", "Name"),
                Field("label", "Headline"),
                Field("email", "Email"),
                Field("phone", "Phone"),
                Field("url", "Website", "url"),
                Field("location.city", "City"),
                Field("location.region", "Region"),
                Field("location.countryCode", "Country code"),
            ),
            heading=("name", "label"),
            single=True,
        ),
        Section(
            "work",
            "Experience",
            (
                Field("position", "Title"),
                Field("name", "Company"),
                Field("location", "Location"),
                *_DATES,
                Field("url", "Company website", "url"),
                Field("summary", "What the role was", "text"),
                Field("highlights", "Highlights (one per line)", "lines"),
            ),
            heading=("position", "name"),
        ),
        Section(
            "education",
            "Education",
            (
                Field("institution", "Institution"),
                Field("studyType", "Degree"),
                Field("area", "Subject"),
                *_DATES,
                Field("score", "Grade"),
                Field("courses", "Courses (one per line)", "lines"),
            ),
            heading=("studyType", "area", "institution"),
        ),
        Section(
            "skills",
            "Skills",
            (
                Field("name", "Group"),
                Field("level", "Level"),
                Field("keywords", "Skills (comma-separated)", "words"),
            ),
            heading=("name",),
        ),
        Section(
            "projects",
            "Projects",
            (
                Field("name", "Name"),
                Field("description", "Description", "text"),
                *_DATES,
                Field("url", "Link", "url"),
                Field("highlights", "Highlights (one per line)", "lines"),
                Field("keywords", "Technologies (comma-separated)", "words"),
            ),
            heading=("name",),
        ),
        Section(
            "certificates",
            "Certificates",
            (
                Field("name", "Name"),
                Field("issuer", "Issuer"),
                Field("date", "Date", "date"),
                Field("url", "Link", "url"),
            ),
            heading=("name", "issuer"),
        ),
        Section(
            "languages",
            "Languages",
            (Field("language", "Language"), Field("fluency", "Fluency")),
            heading=("language", "fluency"),
        ),
        Section(
            "awards",
            "Awards",
            (
                Field("title", "Title"),
                Field("awarder", "Awarded by"),
                Field("date", "Date", "date"),
                Field("summary", "Summary", "text"),
            ),
            heading=("title", "awarder"),
        ),
        Section(
            "volunteer",
            "Volunteering",
            (
                Field("position", "Role"),
                Field("organization", "Organisation"),
                *_DATES,
                Field("url", "Link", "url"),
                Field("summary", "Summary", "text"),
                Field("highlights", "Highlights (one per line)", "lines"),
            ),
            heading=("position", "organization"),
        ),
        Section(
            "publications",
            "Publications",
            (
                Field("name", "Title"),
                Field("publisher", "Publisher"),
                Field("releaseDate", "Date", "date"),
                Field("url", "Link", "url"),
                Field("summary", "Summary", "text"),
            ),
            heading=("name", "publisher"),
        ),
        Section(
            "interests",
            "Interests",
            (Field("name", "Interest"), Field("keywords", "Keywords", "words")),
            heading=("name",),
        ),
        Section(
            "references",
            "References",
            (Field("name", "Name"), Field("reference", "Reference", "text")),
            heading=("name",),
        ),
    )
}

CUSTOM_FIELDS = (
    Field("title", "Title"),
    Field("subtitle", "Subtitle"),
    Field("date", "Date", "date"),
    Field("url", "Link", "url"),
    Field("summary", "Summary", "text"),
    Field("highlights", "Highlights (one per line)", "lines"),
)
_CUSTOM_KEY = re.compile(r"custom-(\d{1,3})")


class EditRefused(Exception):
    """An edit that cannot apply: a section or item that does not exist, or a limit reached."""


def section_for(data: dict[str, Any], key: str) -> Section:
    """The section addressed by `key`, custom ones included; EditRefused when there is none."""
    if key in SECTIONS:
        return SECTIONS[key]
    match = _CUSTOM_KEY.fullmatch(key)
    customs = _list(data.get("custom"))
    if match and int(match[1]) < len(customs) and isinstance(customs[int(match[1])], dict):
        name = str(customs[int(match[1])].get("name") or "Custom section")
        return Section(key, name, CUSTOM_FIELDS, heading=("title", "subtitle"))
    raise EditRefused("This section does not exist (any more).")


def sections_of(data: dict[str, Any]) -> list[Section]:
    """Every section, contact details first, then in the persona's order (anything malformed is left out)."""
    return [SECTIONS["basics"], *(section_for(data, key) for key in section_order(data))]


def sections_with_items(data: dict[str, Any]) -> list[Section]:
    """The sections (but contact details) that show at least one item, in the persona's order."""
    shown = shown_data(data) if isinstance(data, dict) else {}
    return [section for section in sections_of(data) if not section.single and items_of(shown, section)]


def section_order(data: dict[str, Any]) -> list[str]:
    """The keys of the persona's sections but basics, in its order: those it has put in order first, then the
    rest as JSON Resume lists them, custom ones last. Keys that no longer exist are skipped."""
    customs = _list(data.get("custom"))[:MAX_CUSTOM_SECTIONS]
    every = [
        *(key for key in SECTIONS if key != "basics"),
        *(f"custom-{i}" for i, custom in enumerate(customs) if isinstance(custom, dict)),
    ]
    chosen = [key for key in dict.fromkeys(_list(data.get(SECTION_ORDER))) if key in every]
    return [*chosen, *(key for key in every if key not in chosen)]


def hidden_highlights(item: dict[str, Any]) -> list[str]:
    """The texts of the item's hidden highlights (only strings count: a document may come from anywhere)."""
    return [text for text in _list(item.get(HIDDEN_HIGHLIGHTS)) if isinstance(text, str)]


def document_problem(data: dict[str, Any]) -> str | None:
    """What in a whole document sent to us (the API) the editor could not work with, in words; None if nothing."""
    order = data.get(SECTION_ORDER, [])
    if not isinstance(order, list) or len(order) > 100 or not all(isinstance(key, str) for key in order):
        return f"{SECTION_ORDER} must be a list of section keys (work, education, skills, custom-0...)."
    customs = data.get("custom", [])
    if (
        not isinstance(customs, list)
        or len(customs) > MAX_CUSTOM_SECTIONS
        or not all(
            isinstance(c, dict) and isinstance(c.get("name", ""), str) and isinstance(c.get("items", []), list)
            for c in customs
        )
    ):
        return (
            f'"custom" must be a list of at most {MAX_CUSTOM_SECTIONS} sections, each {{"name": ..., "items": [...]}}.'
        )
    for key in (*SECTIONS, *(f"custom-{i}" for i in range(len(customs)))):
        section = section_for(data, key)
        for item in items_of(data, section):
            if HIDDEN in item and not isinstance(item[HIDDEN], bool):
                return f"{section.label}: {HIDDEN} must be true or false."
            if HIDDEN_HIGHLIGHTS in item and hidden_highlights(item) != item[HIDDEN_HIGHLIGHTS]:
                return f"{section.label}: {HIDDEN_HIGHLIGHTS} must be a list of highlight texts."
    return None


def items_of(data: dict[str, Any], section: Section) -> list[dict[str, Any]]:
    """The section's items as stored, dicts only (anything else in an imported document is dropped when the
    section is next edited: the editor has no way to show it)."""
    if section.single:
        basics = data.get("basics")
        return [basics if isinstance(basics, dict) else {}]
    items = _container(data, section.key).get("items") if section.key.startswith("custom-") else data.get(section.key)
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _container(data: dict[str, Any], key: str) -> dict[str, Any]:
    return data["custom"][int(key.removeprefix("custom-"))]


def _store(data: dict[str, Any], section: Section, items: list[dict[str, Any]]) -> None:
    if len(items) > MAX_ITEMS:
        raise EditRefused(f"A section can hold at most {MAX_ITEMS} items.")
    if section.single:
        data["basics"] = items[0]
    elif section.key.startswith("custom-"):
        _container(data, section.key)["items"] = items
    else:
        data[section.key] = items


def _list(value: Any) -> list[Any]:
    """A list read from the document, or an empty one: imported documents may hold anything."""
    return value if isinstance(value, list) else []


def _item(items: list[dict[str, Any]], index: int) -> dict[str, Any]:
    if not 0 <= index < len(items):
        raise EditRefused("That item does not exist (any more).")
    return items[index]


# ---- Edits: each changes `data` in place and returns the one-line summary the version history shows.


def item_save(data: dict[str, Any], *, section: Section, index: int, values: dict[str, Any]) -> str:
    """Set the item's fields (index == len(items) adds one); fields the form does not show are kept."""
    items = items_of(data, section)
    adding = index == len(items) and not section.single
    item = {} if adding else dict(_item(items, index))
    for key, value in values.items():
        _set(item, key, value)
    if adding:
        items.append(item)
    else:
        items[index] = item
    _store(data, section, items)
    return f"{'Added' if adding else 'Edited'} “{section.title_of(item)}” in {section.label}"


def item_remove(data: dict[str, Any], *, section: Section, index: int) -> str:
    if section.single:
        raise EditRefused(f"{section.label} cannot be removed; clear its fields instead.")
    items = items_of(data, section)
    _item(items, index)
    removed = items.pop(index)
    _store(data, section, items)
    return f"Removed “{section.title_of(removed)}” from {section.label}"


def item_move(data: dict[str, Any], *, section: Section, index: int, to: int) -> str:
    items = items_of(data, section)
    item = _item(items, index)
    if not 0 <= to < len(items):
        raise EditRefused("That item cannot move further.")
    items.insert(to, items.pop(index))
    _store(data, section, items)
    return f"Moved “{section.title_of(item)}” {'up' if to < index else 'down'} in {section.label}"


def items_reorder(data: dict[str, Any], *, section: Section, order: list[int]) -> str:
    """Put the items in the order given as their current positions (a drag and drop)."""
    items = items_of(data, section)
    if sorted(order) != list(range(len(items))):
        raise EditRefused("The order sent does not match the section's items; reload the page.")
    _store(data, section, [items[position] for position in order])
    return f"Reordered {section.label}"


def item_toggle(data: dict[str, Any], *, section: Section, index: int) -> str:
    """Show or hide an item in this persona (it stays in the persona, ready to show again)."""
    items = items_of(data, section)
    item = _item(items, index)
    if item.pop(HIDDEN, False) is not True:
        item[HIDDEN] = True
    _store(data, section, items)
    return f"{'Hid' if item.get(HIDDEN) else 'Showed'} “{section.title_of(item)}” in {section.label}"


def highlight_toggle(data: dict[str, Any], *, section: Section, index: int, highlight: int) -> str:
    items = items_of(data, section)
    item = _item(items, index)
    highlights = _list(item.get("highlights"))
    if not 0 <= highlight < len(highlights):
        raise EditRefused("That highlight does not exist (any more).")
    text = str(highlights[highlight])
    hidden = [value for value in hidden_highlights(item) if value in highlights]
    shown_now = text in hidden
    hidden = [value for value in hidden if value != text] if shown_now else [*hidden, text]
    if hidden:
        item[HIDDEN_HIGHLIGHTS] = hidden
    else:
        item.pop(HIDDEN_HIGHLIGHTS, None)
    _store(data, section, items)
    return f"{'Showed' if shown_now else 'Hid'} a highlight of “{section.title_of(item)}”"


def custom_section_add(data: dict[str, Any], *, name: str) -> str:
    customs = _list(data.get("custom"))
    if len(customs) >= MAX_CUSTOM_SECTIONS:
        raise EditRefused(f"A persona can have at most {MAX_CUSTOM_SECTIONS} custom sections.")
    data["custom"] = [*customs, {"name": name, "items": []}]
    return f"Added the section “{name}”"


def custom_section_remove(data: dict[str, Any], *, section: Section) -> str:
    if not section.key.startswith("custom-"):
        raise EditRefused("Only custom sections can be removed; hide a standard section's items instead.")
    order = section_order(data)
    removed = int(section.key.removeprefix("custom-"))
    del data["custom"][removed]
    if SECTION_ORDER in data:  # the custom sections after the removed one move up a number
        data[SECTION_ORDER] = [_renumbered(key, removed) for key in order if key != section.key]
    return f"Removed the section “{section.label}”"


def _renumbered(key: str, removed: int) -> str:
    match = _CUSTOM_KEY.fullmatch(key)
    return f"custom-{int(match[1]) - 1}" if match and int(match[1]) > removed else key


def section_move(data: dict[str, Any], *, section: Section, to: int) -> str:
    """Move a section to another place among the persona's sections (basics stays first)."""
    order = section_order(data)
    if section.single or section.key not in order or not 0 <= to < len(order):
        raise EditRefused("That section cannot move further.")
    index = order.index(section.key)
    order.insert(to, order.pop(index))
    data[SECTION_ORDER] = order
    return f"Moved {section.label} {'up' if to < index else 'down'}"


def skill_add(data: dict[str, Any], *, skill: str, group: str = "Skills") -> str:
    """Add a skill to the persona's skills (to the group of that name, made when missing), once."""
    section = SECTIONS["skills"]
    items = items_of(data, section)
    if any(skill.casefold() == str(word).casefold() for item in items for word in item.get("keywords") or []):
        raise EditRefused(f"“{skill}” is already among this persona's skills.")
    target = next((item for item in items if str(item.get("name", "")).casefold() == group.casefold()), None)
    if target is None:
        target = {"name": group, "keywords": []}
        items.append(target)
    target["keywords"] = [*(target.get("keywords") or []), skill]
    _store(data, section, items)
    return f"Added the skill “{skill}”"


def check_size(data: dict[str, Any]) -> None:
    if len(json.dumps(data, ensure_ascii=False)) > MAX_DOCUMENT_CHARS:
        raise EditRefused("This persona would be too long to keep; shorten or remove some items first.")


# ---- Reading


def shown_data(data: dict[str, Any]) -> dict[str, Any]:
    """The persona as it is sent: hidden items and highlights left out, the editor's markers removed."""

    def clean(item: dict[str, Any]) -> dict[str, Any]:
        hidden = hidden_highlights(item)
        shown = {key: value for key, value in item.items() if key not in (HIDDEN, HIDDEN_HIGHLIGHTS)}
        if hidden and isinstance(shown.get("highlights"), list):
            shown["highlights"] = [text for text in shown["highlights"] if text not in hidden]
        return shown

    def shown(items: Any) -> Any:
        if not isinstance(items, list):
            return items
        return [clean(i) if isinstance(i, dict) else i for i in items if not (isinstance(i, dict) and i.get(HIDDEN))]

    result = {key: shown(value) for key, value in data.items() if key != SECTION_ORDER}
    if isinstance(data.get("custom"), list):
        result["custom"] = [
            {**custom, "items": shown(custom.get("items", []))} for custom in data["custom"] if isinstance(custom, dict)
        ]
    return result


def field_value(item: dict[str, Any], field: Field) -> Any:
    return _get(item, field.key)


def _get(item: dict[str, Any], key: str) -> Any:
    value: Any = item
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _set(item: dict[str, Any], key: str, value: Any) -> None:
    """Set a dotted key; an empty value removes it, so the document stays as lean as JSON Resume expects."""
    *parents, last = key.split(".")
    target = item
    for part in parents:
        if not isinstance(target.get(part), dict):
            target[part] = {}
        target = target[part]
    if value in ("", [], None):
        target.pop(last, None)
        if last == "highlights":
            item.pop(HIDDEN_HIGHLIGHTS, None)
    else:
        target[last] = value
        if last == "highlights" and HIDDEN_HIGHLIGHTS in item:
            item[HIDDEN_HIGHLIGHTS] = [text for text in hidden_highlights(item) if text in value] or None
            if item[HIDDEN_HIGHLIGHTS] is None:
                del item[HIDDEN_HIGHLIGHTS]


@dataclass(frozen=True)
class Highlight:
    index: int
    text: str
    shown: bool


@dataclass(frozen=True)
class ItemView:
    """One item as the editor lists it."""

    index: int
    title: str
    dates: str
    summary: str
    highlights: list[Highlight]
    words: list[str]
    shown: bool


def item_views(data: dict[str, Any], section: Section) -> list[ItemView]:
    views = []
    for index, item in enumerate(items_of(data, section)):
        hidden = hidden_highlights(item)
        highlights = _list(item.get("highlights"))
        start, end = item.get("startDate"), item.get("endDate")
        dates = f"{start}–{end or 'present'}" if start else str(item.get("date") or item.get("releaseDate") or "")
        words = item.get("keywords") or item.get("courses") or []
        summary = item.get("summary") or item.get("description") or item.get("reference") or ""
        if section.single:  # basics: the contact line (its summary is the persona's own, edited above)
            summary = " · ".join(str(_get(item, field.key)) for field in section.fields[2:] if _get(item, field.key))
        views.append(
            ItemView(
                index=index,
                title=section.title_of(item),
                dates=dates,
                summary=str(summary),
                highlights=[Highlight(i, str(text), text not in hidden) for i, text in enumerate(highlights)],
                words=[str(word) for word in words] if isinstance(words, list) else [],
                shown=not item.get(HIDDEN),
            )
        )
    return views


_ITEM_FIELD = re.compile(r"([\w-]+)\[(\d+)\]")


def editor_anchor(field: str) -> str:
    """The id of the editor element that shows a document field: `work[2].highlights[1]` is in `item-work-2`."""
    head = field.split(".")[0]
    if field == "summary":
        return "id_summary"  # the persona's own summary, in the title form
    if head == "basics":
        return "item-basics-0"
    if item := _ITEM_FIELD.fullmatch(head):
        return f"item-{item[1]}-{item[2]}"
    return f"section-{head}"


def completeness_checks(data: dict[str, Any], summary: str) -> list[tuple[str, bool]]:
    """What recruiters look for first, each with whether the persona (as shown) has it."""
    shown = shown_data(data)
    basics: dict[str, Any] = shown["basics"] if isinstance(shown.get("basics"), dict) else {}
    work = [job for job in _list(shown.get("work")) if isinstance(job, dict)]
    groups = [group for group in _list(shown.get("skills")) if isinstance(group, dict)]
    skills = [word for group in groups for word in _list(group.get("keywords"))]
    return [
        ("Your name", bool(basics.get("name"))),
        ("An email or phone number", bool(basics.get("email") or basics.get("phone"))),
        ("A headline", bool(basics.get("label"))),
        ("Where you are", bool(_get(basics, "location.city") or _get(basics, "location.countryCode"))),
        ("A summary of two sentences or more", len(summary.strip()) >= 80),
        ("Experience", bool(work)),
        ("Highlights (outcomes) for every job", bool(work) and all(_list(job.get("highlights")) for job in work)),
        ("Dates for every job", bool(work) and all(job.get("startDate") for job in work)),
        ("Education", bool(_list(shown.get("education")))),
        ("At least five skills", len(skills) >= 5),
        ("Languages you speak", bool(_list(shown.get("languages")))),
    ]


def completeness(data: dict[str, Any], summary: str) -> int:
    checks = completeness_checks(data, summary)
    return round(100 * sum(done for _, done in checks) / len(checks))
