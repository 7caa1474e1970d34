"""Field-by-field differences between two snapshots of a persona, with paths such as work[2].highlights[1]."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_LABELS = {"title": "title", "summary": "summary", "tags": "tags", "data": ""}


@dataclass(frozen=True)
class Change:
    path: str
    before: Any
    after: Any

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"


def diff_snapshots(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes: list[Change] = []
    _walk(old, new, "", changes)
    return changes


def _walk(old: Any, new: Any, path: str, changes: list[Change]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in dict.fromkeys([*old, *new]):
            child = _LABELS.get(key, key) if not path else f"{path}.{key}"
            _walk(old.get(key), new.get(key), child if child else path, changes)
    elif isinstance(old, list) and isinstance(new, list) and not _is_scalar_list(old, new):
        for index in range(max(len(old), len(new))):
            _walk(
                old[index] if index < len(old) else None,
                new[index] if index < len(new) else None,
                f"{path}[{index}]",
                changes,
            )
    elif old != new and (old or new):
        changes.append(
            Change(
                path or "(persona)", old if old not in ("", [], {}) else None, new if new not in ("", [], {}) else None
            )
        )


def _is_scalar_list(old: list[Any], new: list[Any]) -> bool:
    """Lists of words (tags, keywords) read better compared whole."""
    return all(not isinstance(item, dict | list) for item in [*old, *new])


def summarise(changes: list[Change]) -> str:
    """A one-line account of a change, for the history panel."""
    if not changes:
        return "No changes"
    fields = list(dict.fromkeys(change.path.split("[")[0].split(".")[0] for change in changes))
    shown = ", ".join(fields[:3]) + (f" and {len(fields) - 3} more" if len(fields) > 3 else "")
    return f"Edited {shown}"
