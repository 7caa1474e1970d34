"""Text in JSON documents that PostgreSQL cannot store: a NUL, or half a UTF-16 pair (an escape like \\ud800 that
Python reads as a lone surrogate). Uploads, forms and the API refuse both with a message instead of failing on save."""

from __future__ import annotations

from collections.abc import Callable


def _any_string(value: object, test: Callable[[str], bool]) -> bool:
    """Whether test holds for any key or string anywhere in a JSON document."""
    if isinstance(value, str):
        return test(value)
    if isinstance(value, dict):
        return any(test(k) or _any_string(v, test) for k, v in value.items())
    if isinstance(value, list):
        return any(_any_string(item, test) for item in value)
    return False


def has_nul(value: object) -> bool:
    """A NUL anywhere in a JSON document's keys or strings (PostgreSQL cannot store one)."""
    return _any_string(value, lambda text: "\x00" in text)


def has_lone_surrogate(value: object) -> bool:
    """Half a UTF-16 pair (from an escape like \\ud800) anywhere in a JSON document: not text PostgreSQL can store."""
    return _any_string(value, _is_broken_unicode)


def _is_broken_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
