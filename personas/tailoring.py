"""Tailoring a persona to a job by rules: edits that select, order and surface only the user's own material.

Each edit names its place in the document (`skills[0].keywords`), what is there now and what it would become, and
why it helps for this job. Kinds:
- order_skills / order_highlights: the same words, the ones the job asks for first;
- order_sections: the same sections, skills near the top when they show much of what the job asks for, and
  projects before experience when they show more of it;
- order_projects: the same projects (by name), those naming what the job asks for first;
- add_skill: a skill the job asks for that the knowledge base knows and the persona does not show;
- hide_item: a project that says nothing the job asks for, when there are several (hidden, never deleted);
- summary: an opening sentence built from the persona's own headline and the skills it shows that the job wants;
- headline: the persona's own job title closest to the job's, when the headline is another;
- hide_highlight: in a role with many, a highlight that names nothing the job asks for and no result;
- rephrase_highlight (from a model only): the same highlight in other words, with no fact added.
`check_edit` holds every edit, from any provider, to that: an edit that adds a fact the user's material does not
state, or points at a place the document does not have, is dropped.
"""

from __future__ import annotations

import copy
import re
from dataclasses import asdict, dataclass
from typing import Any

from cvs.knowledge import mentions, normalise
from cvs.parsing.sections import fold
from gaps.documents import join_names
from llm.grounding import states, unsupported_facts
from personas import sections
from personas.sections import HIDDEN, HIDDEN_HIGHLIGHTS, hidden_highlights

KINDS = (
    "order_skills", "order_highlights", "order_sections", "order_projects", "add_skill", "hide_item", "summary",
    "headline", "hide_highlight", "rephrase_highlight",
)  # fmt: skip
_PATH = re.compile(r"^(skills|work|projects)(?:\[(\d+)\])?(?:\.(keywords|highlights))?$")
_HIGHLIGHT = re.compile(r"^work\[(\d+)\]\.highlights\[(\d+)\]$")
HEADLINE = "basics.label"
SECTIONS_PATH, PROJECTS_PATH = "sections", "projects"
SKILLS_FIRST_AT = 3  # wanted skills the skills section shows before it is worth moving up
KEEP_HIGHLIGHTS = 3  # a role keeps at least this many highlights shown


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


def suggest_edits(
    *,
    data: dict[str, Any],
    summary: str,
    wanted: list[str],
    known_not_shown: list[tuple[str, str]],
    job_title: str = "",
) -> list[Edit]:
    """Edits that make the persona lead with what the job asks for.

    `wanted`: the job's skills and tools, most important first (canonical names); `known_not_shown`: (name,
    evidence) of those the knowledge base knows and the persona does not show.
    """
    rank = {fold(name): index for index, name in enumerate(wanted)}
    edits: list[Edit] = []

    def add(kind: str, path: str, before: Any, after: Any, reason: str) -> None:
        edits.append(Edit(f"e{len(edits) + 1}", kind, path, before, after, reason))

    for index, group in _items(data, "skills"):
        keywords = [word for word in group.get("keywords") or [] if isinstance(word, str)]
        ordered = sorted(keywords, key=lambda word: rank.get(fold(normalise(word)[0]), len(rank)))
        if ordered != keywords:
            moved = [word for word in ordered if fold(normalise(word)[0]) in rank]
            add("order_skills", f"skills[{index}].keywords", keywords, ordered,
                f"Puts {join_names(moved)} first: the job asks for {'it' if len(moved) == 1 else 'them'}.")  # fmt: skip

    for index, job in _items(data, "work"):
        highlights = [text for text in job.get("highlights") or [] if isinstance(text, str)]
        scores = [_relevance(text, rank) for text in highlights]
        ordered = [text for _, text in sorted(zip(scores, highlights, strict=True), key=lambda pair: pair[0])]
        if ordered != highlights:
            named = join_names(_named(ordered[0], rank))
            role = " at ".join(str(job[key]) for key in ("position", "name") if job.get(key)) or "this role"
            add("order_highlights", f"work[{index}].highlights", highlights, ordered,
                f"As {role}, leads with the work that shows {named}, which the job asks for.")  # fmt: skip

    order = sections.section_order(data)
    better = _section_order_for(data, order, rank)
    if better != order:
        add("order_sections", SECTIONS_PATH, order, better, _section_order_reason(data, order, better, rank))

    names = _project_names(data)
    if names:
        by_name = {fold(str(project.get("name"))): project for _, project in _items(data, "projects")}  # shown ones
        scores = [_relevance(_text(by_name[fold(n)]), rank) if fold(n) in by_name else len(rank) for n in names]
        ordered = [name for _, name in sorted(zip(scores, names, strict=True), key=lambda pair: pair[0])]
        if ordered != names:
            first = join_names(_named(_text(by_name[fold(ordered[0])]), rank))
            add("order_projects", PROJECTS_PATH, names, ordered,
                f"Leads with “{ordered[0]}”: it shows {first}, which the job asks for.")  # fmt: skip

    for name, evidence in known_not_shown:
        add("add_skill", "skills", None, name,
            f"The job asks for {name}, and your knowledge base knows it (“{evidence[:120]}”); this persona does "
            "not show it yet.")  # fmt: skip

    for index, job in _items(data, "work"):
        highlights = [text for text in job.get("highlights") or [] if isinstance(text, str)]
        hidden = set(hidden_highlights(job))
        shown = [text for text in highlights if text not in hidden]
        spare = [text for text in shown if _relevance(text, rank) == len(rank) and not re.search(r"\d", text)]
        for text in spare[: max(len(shown) - KEEP_HIGHLIGHTS, 0)]:
            add("hide_highlight", f"work[{index}].highlights[{highlights.index(text)}]", text, True,
                f"“{text[:80]}” names nothing this job asks for and no result; leaving it out keeps the role "
                "short (it stays in the persona).")  # fmt: skip

    title, current = _closest_title(data, job_title), _headline(data)
    if title and fold(title) != fold(current):
        add("headline", HEADLINE, current, title,
            f"“{title}”, a title you have held, is the closest to this job's “{job_title}”.")  # fmt: skip

    projects = _items(data, "projects")
    if len(projects) >= 3:
        for index, project in projects:
            text = " ".join(str(value) for value in project.values() if isinstance(value, str | list))
            if _relevance(text, rank) == len(rank):
                title = project.get("name") or f"Project {index + 1}"
                add("hide_item", f"projects[{index}]", False, True,
                    f"“{title}” says nothing this job asks for; hiding it keeps the CV short (it stays in the "
                    "persona).")  # fmt: skip

    shown_skills = [
        word for _, group in _items(data, "skills") for word in group.get("keywords") or [] if isinstance(word, str)
    ]
    matched = sorted(
        {normalise(word)[0] for word in shown_skills if fold(normalise(word)[0]) in rank},
        key=lambda name: rank[fold(name)],
    )[:4]
    headline = _headline(data)
    said = {fold(name) for name, _type in mentions(summary)}
    if headline and len(matched) >= 2 and len({fold(name) for name in matched} - said) >= 2:
        # A summary that already opens with the headline is not told it twice.
        said_first = fold(summary).startswith(fold(headline))
        opening = f"{'Working' if said_first else f'{headline} working'} with {join_names(matched)}."
        add("summary", "summary", summary, f"{opening} {summary}".strip(),
            f"Opens with the skills the job asks for that this persona shows ({join_names(matched)}).")  # fmt: skip
    return edits


def check_edit(edit: Any, *, data: dict[str, Any], summary: str, material: str) -> bool:
    """Whether an edit (from any provider) is one of ours, fits the document as it is, and states nothing the
    user's material does not."""
    if not isinstance(edit, dict):
        return False
    kind, path, before, after = edit.get("kind"), str(edit.get("path") or ""), edit.get("before"), edit.get("after")
    if kind == "summary":
        return (
            path == "summary" and before == summary and isinstance(after, str) and len(after) <= 2000
            and not unsupported_facts(after, f"{material}\n{summary}")
        )  # fmt: skip
    if kind == "add_skill":
        return path == "skills" and isinstance(after, str) and 0 < len(after) <= 100 and states(material, after)
    if kind == "headline":
        return (
            path == HEADLINE and before == _headline(data) and isinstance(after, str) and 0 < len(after) <= 150
            and not unsupported_facts(after, material)
        )  # fmt: skip
    if kind in {"hide_highlight", "rephrase_highlight"}:
        if not isinstance(before, str) or current_at(data, summary, path) != before:
            return False
        if kind == "hide_highlight":
            return after is True
        return isinstance(after, str) and 0 < len(after) <= 500 and not unsupported_facts(after, material)
    if kind in {"order_sections", "order_projects"}:
        expected = SECTIONS_PATH if kind == "order_sections" else PROJECTS_PATH
        return (
            path == expected and isinstance(before, list) and isinstance(after, list)
            and current_at(data, summary, path) == before and sorted(map(str, after)) == sorted(map(str, before))
        )  # fmt: skip
    if kind not in KINDS or _PATH.match(path) is None:
        return False
    try:
        current = _at(data, path)
    except EditDoesNotApply:
        return False
    if kind == "order_skills" or kind == "order_highlights":
        expected = "keywords" if kind == "order_skills" else "highlights"
        return (
            path.endswith(f".{expected}") and isinstance(before, list) and isinstance(after, list)
            and current == before and sorted(map(str, after)) == sorted(map(str, before))
        )  # fmt: skip
    return kind == "hide_item" and path.startswith("projects[") and after is True and isinstance(current, dict)


def is_highlight_path(path: str) -> bool:
    """A path such as work[0].highlights[2]: one highlight of one role."""
    return _HIGHLIGHT.match(path) is not None


def current_at(data: dict[str, Any], summary: str, path: str) -> Any:
    """What the document holds at an edit's place now (None where it has no such place)."""
    if path == "summary":
        return summary
    if path == HEADLINE:
        return _headline(data)
    if path == SECTIONS_PATH:
        return sections.section_order(data)
    if path == PROJECTS_PATH:
        return _project_names(data)
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
            if _headline(data) != edit["before"]:
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


def _items(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    items = data.get(key) if isinstance(data.get(key), list) else []
    return [(i, item) for i, item in enumerate(items or []) if isinstance(item, dict) and not item.get(HIDDEN)]


def _relevance(text: str, rank: dict[str, int]) -> int:
    """The rank of the most important wanted skill the text names (lower is better); len(rank) for none."""
    return min((rank[fold(name)] for name, _type in mentions(text) if fold(name) in rank), default=len(rank))


def _named(text: str, rank: dict[str, int]) -> list[str]:
    return [name for name, _type in mentions(text) if fold(name) in rank]


def _headline(data: dict[str, Any]) -> str:
    basics = data.get("basics")
    return str(basics.get("label") or "").strip() if isinstance(basics, dict) else ""


def _closest_title(data: dict[str, Any], job_title: str) -> str:
    """Of the titles the persona shows (its roles' positions), the one sharing most words with the job's title."""
    wanted = set(re.findall(r"\w+", fold(job_title))) - {"m", "w", "d", "f", "h"}
    if not wanted:
        return ""
    best, best_shared = "", 0
    for _index, job in _items(data, "work"):
        title = str(job.get("position") or "").strip()
        shared = len(wanted & set(re.findall(r"\w+", fold(title))))
        if shared > best_shared:
            best, best_shared = title, shared
    return best if best_shared >= 2 else ""


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


def _text(item: dict[str, Any]) -> str:
    return " ".join(
        str(part) for value in item.values() for part in (value if isinstance(value, list) else [value])
        if isinstance(part, str)
    )  # fmt: skip


def _wanted_in(data: dict[str, Any], key: str, rank: dict[str, int]) -> set[str]:
    """The wanted skills a section names where the persona shows it."""
    items = sections.shown_data(data).get(key)
    text = " ".join(_text(item) for item in items if isinstance(item, dict)) if isinstance(items, list) else ""
    return {fold(name) for name in _named(text, rank)}


def _section_order_for(data: dict[str, Any], order: list[str], rank: dict[str, int]) -> list[str]:
    """Skills first when they show much of what the job asks for; projects before experience when they show more
    of it than experience does. Every other section keeps its place."""
    better = list(order)
    if len(_wanted_in(data, "skills", rank)) >= SKILLS_FIRST_AT and better.index("skills") > 0:
        better.insert(0, better.pop(better.index("skills")))
    in_projects, in_work = _wanted_in(data, "projects", rank), _wanted_in(data, "work", rank)
    if len(in_projects) > len(in_work) and better.index("projects") > better.index("work"):
        better.insert(better.index("work"), better.pop(better.index("projects")))
    return better


def _section_order_reason(data: dict[str, Any], order: list[str], better: list[str], rank: dict[str, int]) -> str:
    moved = [key for key in better if better.index(key) < order.index(key)]
    parts = []
    for key in moved:
        named = dict.fromkeys(_named(" ".join(_text(item) for _, item in _items(data, key)), rank))
        parts.append(f"{sections.SECTIONS[key].label} ({', '.join(sorted(named, key=lambda n: rank[fold(n)])[:4])})")
    return f"Moves up {join_names(parts)}: the job asks for these; a recruiter reading from the top meets them sooner."


def _project_names(data: dict[str, Any]) -> list[str]:
    """The projects' names in order, or none when any project lacks a name or two share one (an ordering by name
    could not tell them apart)."""
    projects = data.get("projects")
    if not isinstance(projects, list) or len(projects) < 2:
        return []
    names = [str(project.get("name") or "").strip() if isinstance(project, dict) else "" for project in projects]
    return names if all(names) and len({fold(name) for name in names}) == len(names) else []


def _order_projects(data: dict[str, Any], before: list[str], after: list[str]) -> None:
    if _project_names(data) != before:
        raise EditDoesNotApply("The projects changed since this edit was suggested.")
    by_name = {str(project["name"]).strip(): project for project in data["projects"]}
    data["projects"] = [by_name[name] for name in after]
