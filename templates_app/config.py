"""A template's options (accent colour, font, page size, sections and their order, photo, language of headings),
cleaned: whatever a stored config or a form holds, a template gets only these values, each one we allow."""

from __future__ import annotations

import re
from typing import Any

from personas.sections import SECTIONS
from templates_app.localise import LANGUAGES

FONTS = {
    "inter": ("Inter", '"Inter", "Liberation Sans", sans-serif'),
    "sans": ("Liberation Sans (Arial's metrics)", '"Liberation Sans", Arial, sans-serif'),
    "serif": ("Liberation Serif (Times' metrics)", '"Liberation Serif", "Times New Roman", serif'),
}
PAGE_SIZES = ("A4", "Letter")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
SECTION_KEYS = tuple(key for key in SECTIONS if key != "basics")
DEFAULTS: dict[str, Any] = {
    "accent": "#3451d1",
    "font": "inter",
    "page_size": "A4",
    "sections": [],
    "photo": False,
    "heading_language": "",
}


def clean_config(raw: Any, *, defaults: dict[str, Any] | None = None) -> dict[str, Any]:
    """The options to render with: `raw`'s where valid, else the template's `defaults`, else ours.

    `sections` empty: the persona's own sections and order. `heading_language` empty: the persona's language.
    """
    base = {**DEFAULTS, **(defaults or {})}
    given = raw if isinstance(raw, dict) else {}

    def pick(key: str, valid: Any) -> Any:
        value = given.get(key, base[key])
        return value if valid(value) else base[key]

    config = {
        "accent": pick("accent", lambda v: isinstance(v, str) and _COLOUR.match(v)).lower(),
        "font": pick("font", lambda v: isinstance(v, str) and v in FONTS),
        "page_size": pick("page_size", lambda v: isinstance(v, str) and v in PAGE_SIZES),
        "sections": [key for key in dict.fromkeys(pick("sections", _is_key_list)) if _is_section(key)],
        "photo": bool(pick("photo", lambda v: isinstance(v, bool))),
        "heading_language": pick("heading_language", lambda v: isinstance(v, str) and (v == "" or v in LANGUAGES)),
    }
    return {**config, "font_stack": FONTS[config["font"]][1]}


def _is_key_list(value: Any) -> bool:
    return isinstance(value, list) and len(value) <= 50 and all(isinstance(key, str) for key in value)


def _is_section(key: str) -> bool:
    return key in SECTION_KEYS or re.fullmatch(r"custom-\d{1,2}", key) is not None
