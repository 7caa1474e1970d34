"""Reading a persona's JSON Resume document as the reviews do: only what the persona shows, and dates as months.

Items are counted among objects only, as the editor counts them, so `work[2]` is the editor's third item; hidden
items and highlights are left out (they are not sent) but the others keep their indexes in the whole document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from personas.sections import HIDDEN, hidden_highlights

Items = list[tuple[int, dict[str, Any]]]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def shown_items(data: dict[str, Any], key: str) -> Items:
    objects = (item for item in as_list(data.get(key)) if isinstance(item, dict))
    return [(i, item) for i, item in enumerate(objects) if not item.get(HIDDEN)]


def shown_highlights(item: dict[str, Any]) -> list[tuple[int, str]]:
    """The highlights the persona shows, each with its index among all of the item's highlights."""
    hidden = hidden_highlights(item)
    return [
        (i, text)
        for i, text in enumerate(as_list(item.get("highlights")))
        if isinstance(text, str) and text.strip() and text not in hidden
    ]


def month(value: Any, *, late: bool = False) -> int | None:
    """Months since year 0 of "YYYY" or "YYYY-MM(-DD)"; a bare year reads as its January, or December when `late`."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-\d{2})?", as_text(value))
    if not match:
        return None
    return int(match[1]) * 12 + (int(match[2]) if match[2] else (12 if late else 1)) - 1


def this_month() -> int:
    today = date.today()
    return today.year * 12 + today.month - 1


def join_names(names: list[str]) -> str:
    """ "Python", "Python and Go", "Python, Go and SQL"."""
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def user_material(data: dict[str, Any], summary: str, facts: Iterable[tuple[str, str]], *extra: str) -> str:
    """Everything the user has told us (the persona, its summary, their knowledge base's facts and evidence), as
    the text a suggestion or a letter may draw its facts from; `extra` adds what else may be named (the job's)."""
    lines = [f"{value}\n{evidence}" for value, evidence in facts]
    return "\n".join([json.dumps(data, ensure_ascii=False), summary, *extra, *lines])
