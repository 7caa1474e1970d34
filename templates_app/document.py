"""What a template renders: a persona (or a cover letter) as plain data, in the order and language it is sent in.

Every section comes as a list of items of one shape — title, subtitle, dates, place, summary, highlights,
keywords, url — so a template can draw any section with one loop, and reach a section by its key
(`sections_by_key.work`) where it wants to place it itself. Only JSON-like values: a template runs in a sandbox
and gets nothing it could walk from into the server. `resume` is the JSON Resume document as shown, for
templates that prefer its own names.
"""

from __future__ import annotations

from typing import Any

from personas import sections as persona_sections
from templates_app.localise import date_range, format_date, heading, language_of

# Where each section keeps what the common shape calls title, subtitle and the dates.
_SHAPES: dict[str, tuple[str, str, str, str]] = {
    "work": ("position", "name", "startDate", "endDate"),
    "volunteer": ("position", "organization", "startDate", "endDate"),
    "education": ("institution", "", "startDate", "endDate"),
    "projects": ("name", "", "startDate", "endDate"),
    "certificates": ("name", "issuer", "date", ""),
    "awards": ("title", "awarder", "date", ""),
    "publications": ("name", "publisher", "releaseDate", ""),
    "languages": ("language", "fluency", "", ""),
    "interests": ("name", "", "", ""),
    "references": ("name", "", "", ""),
    "skills": ("name", "level", "", ""),
}


def cv_document(
    *, data: dict[str, Any], summary: str, language: str, title: str = "", order: list[str] | None = None
) -> dict[str, Any]:
    """The persona as a template sees it. `order`: the sections to show and their order (the template's choice);
    by default the persona's own order."""
    language = language_of(language)
    shown = persona_sections.shown_data(data)
    basics = mapping(shown.get("basics"))
    keys = [key for key in (order or persona_sections.section_order(data)) if key != "basics"]
    every = [_section(shown, data, key, language) for key in keys]
    present = [section for section in every if section["items"]]
    return {
        "language": language,
        "title": title,
        "basics": _basics(basics),
        "summary": summary.strip() or str(basics.get("summary") or "").strip(),
        "labels": {key: heading(key, language) for key in ("summary", "contact")},
        "sections": present,
        "sections_by_key": {section["key"]: section for section in present},
        "skills": [
            word
            for section in present
            if section["key"] == "skills"
            for i in section["items"]
            for word in i["keywords"]
        ],
        "resume": shown,
    }


def letter_document(*, cv: dict[str, Any], body: str, job_title: str, company: str, date: str) -> dict[str, Any]:
    """A cover letter as a template sees it: its paragraphs, with the sender's details from the persona."""
    paragraphs = [part.strip() for part in body.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return {**cv, "letter": {"paragraphs": paragraphs, "job_title": job_title, "company": company, "date": date}}


def _basics(basics: dict[str, Any]) -> dict[str, Any]:
    location = mapping(basics.get("location"))
    place = ", ".join(str(location[key]) for key in ("city", "region", "countryCode") if location.get(key))
    profiles = [
        {
            "network": str(p.get("network") or ""),
            "url": str(p.get("url") or ""),
            "username": str(p.get("username") or ""),
        }
        for p in basics.get("profiles") or []
        if isinstance(p, dict) and (p.get("url") or p.get("username"))
    ]
    image = str(basics.get("image") or "")
    return {
        **{key: str(basics.get(key) or "").strip() for key in ("name", "label", "email", "phone", "url")},
        "location": place,
        "profiles": profiles,
        "image": image if image.startswith("data:image/") else "",  # never a link a renderer would fetch
    }


def _section(shown: dict[str, Any], data: dict[str, Any], key: str, language: str) -> dict[str, Any]:
    if key.startswith("custom-"):
        try:
            custom = persona_sections.section_for(data, key)
        except persona_sections.EditRefused:
            return {"key": key, "title": "", "items": []}
        index = int(key.removeprefix("custom-"))
        customs = [c for c in shown.get("custom") or [] if isinstance(c, dict)]
        items = customs[index].get("items") if index < len(customs) else []
        shape = ("title", "subtitle", "date", "")
        return {"key": key, "title": custom.label, "items": [_item(i, shape, language) for i in objects_in(items)]}
    if key not in _SHAPES:
        return {"key": key, "title": "", "items": []}
    return {
        "key": key,
        "title": heading(key, language),
        "items": [_item(item, _SHAPES[key], language, key=key) for item in objects_in(shown.get(key))],
    }


def _item(item: dict[str, Any], shape: tuple[str, str, str, str], language: str, key: str = "") -> dict[str, Any]:
    title_key, subtitle_key, start_key, end_key = shape
    subtitle = _text(item.get(subtitle_key)) if subtitle_key else ""
    if key == "education":  # "MSc Computer Science" under the school's name
        subtitle = " ".join(part for part in (_text(item.get("studyType")), _text(item.get("area"))) if part)
    if end_key or key in {"work", "volunteer", "education", "projects"}:
        dates = date_range(item.get(start_key), item.get(end_key), language) if item.get(start_key) else ""
    else:
        dates = format_date(item.get(start_key), language) if start_key else ""
    return {
        "title": _text(item.get(title_key)),
        "subtitle": subtitle,
        "dates": dates,
        "place": _text(item.get("location")),
        "summary": _text(item.get("summary") or item.get("description") or item.get("reference")),
        "highlights": [_text(h) for h in item.get("highlights") or item.get("courses") or [] if _text(h)],
        "keywords": [_text(w) for w in item.get("keywords") or [] if _text(w)],
        "url": _text(item.get("url")),
        "score": _text(item.get("score")),
    }


def mapping(value: Any) -> dict[str, Any]:
    """A JSON object read from a document, or an empty one: a stored document may hold anything."""
    return value if isinstance(value, dict) else {}


def objects_in(value: Any) -> list[dict[str, Any]]:
    """The JSON objects in a list read from a document (anything else in it is skipped)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else str(value) if isinstance(value, int | float) else ""
