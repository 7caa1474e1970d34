"""The prose of a persona, for drafting a translation: which texts to translate, and putting translations back.

Names of people, companies and schools, dates, links and skills stay as written; only prose is translated.
A text is addressed by its path in the document, ("work", 0, "highlights", 1), or ("summary",) for the
persona's own summary.
"""

from __future__ import annotations

import re
from typing import Any

from personas.sections import HIDDEN_HIGHLIGHTS

Path = tuple[str | int, ...]
PERSONA_SUMMARY: Path = ("#summary",)  # not a key of any JSON Resume document
# Keys whose values are prose in the persona's language, in any section (custom ones too).
_PROSE_KEYS = frozenset(
    {
        "label",
        "summary",
        "position",
        "highlights",
        "description",
        "area",
        "studyType",
        "fluency",
        "title",
        "subtitle",
        "reference",
        "courses",
    }
)
_NOT_PROSE = frozenset({"location", "profiles", "meta"})  # places and accounts keep their names


def prose_texts(*, data: dict[str, Any], summary: str) -> list[tuple[Path, str]]:
    """Every translatable text of the persona with its path, the persona's summary first."""
    found: list[tuple[Path, str]] = [(PERSONA_SUMMARY, summary)] if summary.strip() else []

    def walk(value: Any, path: Path) -> None:
        if isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))
        elif isinstance(value, dict):
            for key, item in value.items():
                if key in _NOT_PROSE or key.startswith("x-"):
                    continue
                if key in _PROSE_KEYS and isinstance(item, str):
                    found.append(((*path, key), item))
                elif key in _PROSE_KEYS and isinstance(item, list):
                    found.extend(((*path, key, i), text) for i, text in enumerate(item) if isinstance(text, str))
                else:
                    walk(item, (*path, key))

    basics_first = sorted(data.items(), key=lambda pair: pair[0] != "basics")
    walk(dict(basics_first), ())
    return [(path, text) for path, text in found if text.strip()]


def text_at(*, data: dict[str, Any], summary: str, path: Path) -> Any:
    if path == PERSONA_SUMMARY:
        return summary
    value: Any = data
    for step in path:
        if isinstance(step, int):
            value = value[step] if isinstance(value, list) and step < len(value) else None
        else:
            value = value.get(step) if isinstance(value, dict) else None
    return value


def replace_text(data: dict[str, Any], *, path: Path, text: str) -> None:
    """Put `text` at `path` in `data` (not the persona summary); a hidden highlight stays hidden under its new words."""
    *parents, last = path
    container: Any = data
    for step in parents:
        container = container[step]
    old = container[last]
    container[last] = text
    if len(path) >= 2 and path[-2] == "highlights":
        item = text_at(data=data, summary="", path=tuple(path[:-2]))
        if isinstance(item, dict) and isinstance(item.get(HIDDEN_HIGHLIGHTS), list):
            item[HIDDEN_HIGHLIGHTS] = [text if hidden == old else hidden for hidden in item[HIDDEN_HIGHLIGHTS]]


_NUMBER = re.compile(r"\d+")
_ADDRESS = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+\.[\w.-]+", re.IGNORECASE)


def translation_keeps_facts(source: str, translated: str) -> bool:
    """A translation states the same numbers, web addresses and emails as its source, no more and no fewer.

    Numbers are compared digit run by digit run, so "1.5M" may become "1,5 Mio." but not "2 Mio."; a translation
    far longer than its source is refused too, as something added.
    """
    if not translated.strip() or len(translated) > 3 * len(source) + 50:
        return False
    return sorted(_NUMBER.findall(source)) == sorted(_NUMBER.findall(translated)) and sorted(
        a.rstrip(".,;)") for a in _ADDRESS.findall(source)
    ) == sorted(a.rstrip(".,;)") for a in _ADDRESS.findall(translated))
