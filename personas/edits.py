"""Edits to a persona, as tailoring suggests them and a team lead's notes carry them.

Each edit names its place in the document (`skills[0].keywords`), what is there now and what it would become, and
why. Kinds:
- order_skills / order_highlights: the same words, in another order;
- order_sections: the same sections, in another order;
- order_projects: the same projects (by name), in another order;
- add_skill: a skill the user's material states and the persona does not show;
- hide_item: a project left out (hidden, never deleted);
- summary / headline: another opening sentence or title;
- hide_highlight: one highlight of a role left out;
- rephrase_highlight: the same highlight in other words, with no fact added.
`check_edit` holds every edit, from any provider, to that: an edit that adds a fact the user's material does not
state, or points at a place the document does not have, is dropped. `apply_edits` makes them.
"""

from __future__ import annotations

import copy
import re
from dataclasses import asdict, dataclass
from typing import Any

from cvs.grounding import states, unsupported_facts
from cvs.parsing.sections import fold
from personas import sections
from personas.sections import HIDDEN, HIDDEN_HIGHLIGHTS, hidden_highlights

KINDS = (
    "order_skills",
    "order_highlights",
    "order_sections",
    "order_projects",
    "add_skill",
    "hide_item",
    "summary",
    "headline",
    "hide_highlight",
    "rephrase_highlight",
)
_PATH = re.compile(r"^(skills|work|projects)(?:\[(\d+)\])?(?:\.(keywords|highlights))?$")
_HIGHLIGHT = re.compile(r"^work\[(\d+)\]\.highlights\[(\d+)\]$")
HEADLINE = "basics.label"
SECTIONS_PATH, PROJECTS_PATH = "sections", "projects"


@dataclass
class Edit:
    id: str
    kind: str
    path: str
    before: Any
    after: Any
    reason: str
    status: str = "pending"  # pending, accepted or rejected

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class EditDoesNotApply(ValueError):
    """The document changed since the edit was suggested (or never had its place)."""


def check_edit(edit: Any, *, data: dict[str, Any], summary: str, material: str) -> bool:
    """Whether an edit (from any provider) is one of ours, fits the document as it is, and states nothing the
    user's material does not."""
    if not isinstance(edit, dict):
        return False
    kind, path, before, after = edit.get("kind"), str(edit.get("path") or ""), edit.get("before"), edit.get("after")
    if kind == "summary":
        return (
            path == "summary"
            and before == summary
            and isinstance(after, str)
            and len(after) <= 2000
            and not unsupported_facts(after, f"{material}\n{summary}")
        )
    if kind == "add_skill":
        return path == "skills" and isinstance(after, str) and 0 < len(after) <= 100 and states(material, after)
    if kind == "headline":
        return (
            path == HEADLINE
            and before == headline_of(data)
            and isinstance(after, str)
            and 0 < len(after) <= 150
            and not unsupported_facts(after, material)
        )
    if kind in {"hide_highlight", "rephrase_highlight"}:
        if not isinstance(before, str) or current_at(data, summary, path) != before:
            return False
        if kind == "hide_highlight":
            return after is True
        return isinstance(after, str) and 0 < len(after) <= 500 and not unsupported_facts(after, material)
    if kind in {"order_sections", "order_projects"}:
        expected = SECTIONS_PATH if kind == "order_sections" else PROJECTS_PATH
        return (
            path == expected
            and isinstance(before, list)
            and isinstance(after, list)
            and current_at(data, summary, path) == before
            and sorted(map(str, after)) == sorted(map(str, before))
        )
    if kind not in KINDS or _PATH.match(path) is None:
        return False
    try:
        current = _at(data, path)
    except EditDoesNotApply:
        return False
    if kind == "order_skills" or kind == "order_highlights":
        expected = "keywords" if kind == "order_skills" else "highlights"
        return (
            path.endswith(f".{expected}")
            and isinstance(before, list)
            and isinstance(after, list)
            and current == before
            and sorted(map(str, after)) == sorted(map(str, before))
        )
    return kind == "hide_item" and path.startswith("projects[") and after is True and isinstance(current, dict)


def is_highlight_path(path: str) -> bool:
    """A path such as work[0].highlights[2]: one highlight of one role."""
    return _HIGHLIGHT.match(path) is not None


def current_at(data: dict[str, Any], summary: str, path: str) -> Any:
    """What the document holds at an edit's place now (None where it has no such place)."""
    if path == "summary":
        return summary
    if path == HEADLINE:
        return headline_of(data)
    if path == SECTIONS_PATH:
        return sections.section_order(data)
    if path == PROJECTS_PATH:
        return project_names(data)
    if (match := _HIGHLIGHT.match(path)) is not None:
        try:
            texts = _at(data, f"work[{match.group(1)}]").get("highlights")
        except EditDoesNotApply:
            return None
        position = int(match.group(2))
        return texts[position] if isinstance(texts, list) and position < len(texts) else None
    try:
        return _at(data, path) if path != "skills" else None
    except EditDoesNotApply:
        return None


def numbered(edits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The edits with ids of our own (e1, e2...) and a pending status, whatever a provider sent."""
    return [{**edit, "id": f"e{index}", "status": "pending"} for index, edit in enumerate(edits, start=1)]


def apply_edits(data: dict[str, Any], summary: str, edits: list[dict[str, Any]]) -> tuple[dict[str, Any], str]:
    """The document and summary with the edits made (orderings first, then additions, so accepting them one at a
    time or together comes out the same). EditDoesNotApply when one's place has changed."""
    data = copy.deepcopy(data)
    for edit in sorted(edits, key=lambda edit: edit["kind"] == "add_skill"):  # highlights are found by their text
        kind, path = edit["kind"], edit["path"]
        if kind == "summary":
            if summary != edit["before"]:
                raise EditDoesNotApply("The summary changed since this edit was suggested.")
            summary = edit["after"]
        elif kind == "add_skill":
            _add_skill(data, edit["after"])
        elif kind == "hide_item":
            _at(data, path)[HIDDEN] = True
        elif kind == "headline":
            if headline_of(data) != edit["before"]:
                raise EditDoesNotApply("The headline changed since this edit was suggested.")
            basics = data.get("basics") if isinstance(data.get("basics"), dict) else None
            if basics is None:
                basics = data["basics"] = {}
            basics["label"] = edit["after"]
        elif kind in {"hide_highlight", "rephrase_highlight"}:
            _change_highlight(data, path, edit["before"], edit["after"])
        elif kind == "order_sections":
            if sections.section_order(data) != edit["before"]:
                raise EditDoesNotApply("The order of the sections changed since this edit was suggested.")
            data[sections.SECTION_ORDER] = list(edit["after"])
        elif kind == "order_projects":
            _order_projects(data, edit["before"], edit["after"])
        else:
            parent, key = path.rsplit(".", 1)
            _at(data, parent)[key] = _reordered(_at(data, path), edit["before"], edit["after"])
    return data, summary


def _reordered(current: Any, before: list[Any], after: list[Any]) -> list[Any]:
    """`after`'s order for the list, which may have grown since (a skill added): what was added stays at the end."""
    if not isinstance(current, list) or current[: len(before)] != before:
        raise EditDoesNotApply("This part of the persona changed since the edit was suggested.")
    return [*after, *current[len(before) :]]


def _add_skill(data: dict[str, Any], name: str) -> None:
    """Into the first skills group the persona shows (a new one if it shows none)."""
    groups = data.get("skills") if isinstance(data.get("skills"), list) else None
    if groups is None:
        groups = data["skills"] = []
    shown = next((g for g in groups if isinstance(g, dict) and not g.get(HIDDEN)), None)
    if shown is None:
        shown = {"name": "Skills", "keywords": []}
        groups.insert(0, shown)
    keywords = shown["keywords"] if isinstance(shown.get("keywords"), list) else []
    shown["keywords"] = keywords
    if fold(name) not in {fold(str(word)) for word in keywords}:
        keywords.append(name)


def _at(data: dict[str, Any], path: str) -> Any:
    match = _PATH.match(path)
    if match is None:
        raise EditDoesNotApply(f"No such place: {path}.")
    section, index, field = match.groups()
    items = data.get(section)
    position = int(index) if index is not None else -1
    if not isinstance(items, list) or not 0 <= position < len(items) or not isinstance(items[position], dict):
        raise EditDoesNotApply(f"No such place: {path}.")
    item = items[position]
    return item if field is None else item.get(field)


def shown_items(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    items = data.get(key) if isinstance(data.get(key), list) else []
    return [(i, item) for i, item in enumerate(items or []) if isinstance(item, dict) and not item.get(HIDDEN)]


def headline_of(data: dict[str, Any]) -> str:
    basics = data.get("basics")
    return str(basics.get("label") or "").strip() if isinstance(basics, dict) else ""


def _change_highlight(data: dict[str, Any], path: str, before: str, after: Any) -> None:
    """Hide (after is True) or reword a highlight, found by its text so an ordering accepted first is no matter."""
    match = _HIGHLIGHT.match(path)
    item = _at(data, f"work[{match.group(1)}]") if match else None
    texts = item.get("highlights") if isinstance(item, dict) else None
    if item is None or not isinstance(texts, list) or before not in texts:
        raise EditDoesNotApply("This highlight changed since the edit was suggested.")
    if after is True:
        item[HIDDEN_HIGHLIGHTS] = [*hidden_highlights(item), before]
    else:
        texts[texts.index(before)] = after
        if before in hidden_highlights(item):
            item[HIDDEN_HIGHLIGHTS] = [after if text == before else text for text in hidden_highlights(item)]


def project_names(data: dict[str, Any]) -> list[str]:
    """The projects' names in order, or none when any project lacks a name or two share one (an ordering by name
    could not tell them apart)."""
    projects = data.get("projects")
    if not isinstance(projects, list) or len(projects) < 2:
        return []
    names = [str(project.get("name") or "").strip() if isinstance(project, dict) else "" for project in projects]
    return names if all(names) and len({fold(name) for name in names}) == len(names) else []


def _order_projects(data: dict[str, Any], before: list[str], after: list[str]) -> None:
    if project_names(data) != before:
        raise EditDoesNotApply("The projects changed since this edit was suggested.")
    by_name = {str(project["name"]).strip(): project for project in data["projects"]}
    data["projects"] = [by_name[name] for name in after]
