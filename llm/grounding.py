"""Keep only what the source text says: a model's value that is not in the CV is dropped, not stored."""

from __future__ import annotations

import re
from typing import Any

_DATE_KEYS = {"startDate", "endDate", "date"}
_DERIVED_KEYS = {"countryCode", "network"}  # read from the text, not copied out of it
_KEY_FIELDS = {"work": ("name", "position"), "education": ("institution",), "skills": ("name",),
               "languages": ("language",), "certificates": ("name",), "projects": ("name",),
               "interests": ("name",)}  # fmt: skip


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def ground_profile(profile: dict[str, Any], text: str) -> tuple[dict[str, Any], int]:
    """The profile with every unsupported value removed, and how many were removed."""
    source = _fold(text)
    digits = re.sub(r"\D", "", text)
    dropped = 0

    def supported(key: str, value: str) -> bool:
        if key in _DERIVED_KEYS:
            return True
        if key in _DATE_KEYS:
            return value[:4] in text
        if key == "phone":
            return len(re.sub(r"\D", "", value)) >= 6 and re.sub(r"\D", "", value)[-6:] in digits
        return _fold(value) in source

    def clean(value: Any, key: str) -> Any:
        nonlocal dropped
        if isinstance(value, dict):
            return {k: v for k, item in value.items() if (v := clean(item, k)) not in (None, "", [], {})}
        if isinstance(value, list):
            return [v for item in value if (v := clean(item, key)) not in (None, "", [], {})]
        if isinstance(value, str):
            if value.strip() and supported(key, value.strip()):
                return value.strip()
            dropped += bool(value.strip())
            return None
        return value

    grounded = clean(profile, "")
    for section, keys in _KEY_FIELDS.items():
        items = grounded.get(section)
        if isinstance(items, list):
            kept = [item for item in items if isinstance(item, dict) and any(item.get(k) for k in keys)]
            dropped += len(items) - len(kept)
            grounded[section] = kept
    return {k: v for k, v in grounded.items() if v}, dropped
