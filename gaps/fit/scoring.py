"""How well a persona fits a job, explained: each requirement met (with the persona's evidence), partly met, known
to the knowledge base but not shown, or missing; a score from 0 to 100; and what each missing point is worth.

Must-haves weigh three times a plus. Met counts fully; years and seniority partly met count in proportion; a
requirement only the knowledge base knows counts nothing until the persona shows it, which is the point: the user
sees how many points showing it would add.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from cvs.knowledge import mentions, normalise
from cvs.parsing.places import find_place
from cvs.parsing.sections import fold
from gaps.documents import as_list, month, shown_highlights, shown_items, this_month
from gaps.fit.requirements import LANGUAGE_NAMES, Requirement, level_of, levels_below

MET, PARTIAL, IN_KB, MISSING = "met", "partial", "in_kb", "missing"
MUST_WEIGHT, NICE_WEIGHT = 3, 1


@dataclass(frozen=True)
class Evidence:
    field: str  # where in the persona: work[1].highlights[0], skills[0].keywords, languages[1]…
    text: str


@dataclass
class Point:
    """One requirement of the job, judged against the persona."""

    requirement: Requirement
    status: str
    credit: float  # 0..1
    evidence: Evidence | None = None
    note: str = ""  # what the persona shows, in words ("4 years", "Madrid")
    gain: int = 0  # points the score would rise by if this were met
    action: str = ""  # what to do next

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.requirement.as_dict(),
            "label": _label(self.requirement),
            "status": self.status,
            "credit": round(self.credit, 2),
            "evidence": asdict(self.evidence) if self.evidence else None,
            "note": self.note,
            "gain": self.gain,
            "action": self.action,
        }


@dataclass
class Fit:
    score: int
    points: list[Point] = field(default_factory=list)

    @property
    def explanation(self) -> str:
        musts = [p for p in self.points if p.requirement.must]
        met = [p for p in self.points if p.status == MET]
        parts = [f"Meets {len(met)} of {len(self.points)} requirements"]
        if musts:
            parts[0] += f" ({sum(p.status == MET for p in musts)} of {len(musts)} must-haves)"
        missing_musts = [_label(p.requirement) for p in musts if p.status == MISSING]
        if missing_musts:
            parts.append("missing must-haves: " + ", ".join(missing_musts[:5]))
        known = [_label(p.requirement) for p in self.points if p.status == IN_KB]
        if known:
            parts.append("your knowledge base knows " + ", ".join(known[:5]) + ", which this persona does not show")
        return "; ".join(parts) + "."

    def issues(self) -> list[dict[str, str]]:
        """The unmet requirements as review issues ({field, severity, check, suggestion}), biggest gain first."""
        unmet = sorted((p for p in self.points if p.status != MET), key=lambda p: -p.gain)
        return [
            {"field": _field_for(p), "severity": _severity(p), "check": f"fit_{p.status}", "suggestion": p.action}
            for p in unmet
        ]


def fit_persona(
    *,
    requirements: list[Requirement],
    data: dict[str, Any],
    summary: str,
    language: str = "",
    knowledge: Iterable[tuple[str, str, str]] = (),
) -> Fit:
    """Judge the persona (its document and summary) against the requirements; `knowledge` is the user's knowledge
    base as (type, value, evidence)."""
    persona = _PersonaIndex(data if isinstance(data, dict) else {}, summary, language)
    known = {fold(normalise(value)[0]): evidence or value for _type, value, evidence in knowledge}
    points = [_judge(requirement, persona, known) for requirement in requirements]
    total = sum(_weight(p.requirement) for p in points)
    if not total:
        return Fit(score=0, points=points)
    earned = sum(_weight(p.requirement) * p.credit for p in points)
    for point in points:
        point.gain = round(100 * _weight(point.requirement) * (1 - point.credit) / total)
        point.action = _action(point)
    return Fit(score=round(100 * earned / total), points=points)


def _weight(requirement: Requirement) -> int:
    return MUST_WEIGHT if requirement.must else NICE_WEIGHT


class _PersonaIndex:
    """The persona's shown text, each piece with its field, and what it says about years, level and place."""

    def __init__(self, data: dict[str, Any], summary: str, language: str) -> None:
        self.data = data
        self.texts: list[tuple[str, str]] = []  # (field, text), experience first
        for section in ("work", "projects", "volunteer"):
            for index, item in shown_items(data, section):
                for i, text in shown_highlights(item):
                    self.texts.append((f"{section}[{index}].highlights[{i}]", text))
                for key in ("summary", "description", "position", "name"):
                    if isinstance(item.get(key), str) and item[key].strip():
                        self.texts.append((f"{section}[{index}].{key}", item[key]))
                if as_list(item.get("keywords")):
                    self.texts.append((f"{section}[{index}].keywords", ", ".join(map(str, item["keywords"]))))
        for index, group in shown_items(data, "skills"):
            words = [str(word) for word in as_list(group.get("keywords")) if isinstance(word, str)]
            self.texts.append((f"skills[{index}].keywords", ", ".join(words or [str(group.get("name") or "")])))
        basics = data["basics"] if isinstance(data.get("basics"), dict) else {}
        self.basics: dict[str, Any] = basics
        self.texts += [
            ("summary", summary),
            ("basics.summary", str(basics.get("summary") or "")),
            ("basics.label", str(basics.get("label") or "")),
        ]
        for section in ("education", "certificates", "awards", "publications"):
            for index, item in shown_items(data, section):
                words = [str(v) for k, v in item.items() if isinstance(v, str) and not k.startswith(("x-", "url"))]
                words += [str(course) for course in as_list(item.get("courses")) if isinstance(course, str)]
                self.texts.append((f"{section}[{index}]", " · ".join(words)))
        self.texts = [(where, text) for where, text in self.texts if text.strip()]
        self.named = [
            (where, text, {fold(name) for name, _kind in mentions(text, job_text=True)}) for where, text in self.texts
        ]
        self.language = language

    def find(self, name: str) -> Evidence | None:
        """The first field that names `name` (by its canonical name, or as a whole word)."""
        wanted = fold(name)
        word = re.compile(rf"(?<![\w+#]){re.escape(wanted)}(?![\w+#])")
        for where, text, named in self.named:
            if (wanted in named or word.search(fold(text))) and not _denied(fold(text), wanted):
                return Evidence(where, text)
        return None

    def years(self) -> float:
        """Years of experience: the union of the shown roles' dates, so overlapping roles count once."""
        spans = []
        for _, job in shown_items(self.data, "work"):
            start, end = month(job.get("startDate")), month(job.get("endDate"), late=True)
            if start is not None:
                spans.append((start, end if end is not None else this_month()))
        months, reach = 0, None
        for start, end in sorted(spans):
            if reach is None or start > reach:
                months += end - start + 1
                reach = end
            elif end > reach:
                months += end - reach
                reach = end
        return months / 12

    def level(self) -> tuple[str, Evidence | None]:
        jobs = sorted(
            shown_items(self.data, "work"), key=lambda pair: month(pair[1].get("startDate")) or 0, reverse=True
        )
        for index, job in jobs[:2]:  # the latest roles say where someone is now
            if level := level_of(str(job.get("position") or "")):
                return level, Evidence(f"work[{index}].position", str(job.get("position")))
        years = self.years()
        return ("senior" if years >= 6 else "mid" if years >= 2 else "junior"), None

    def languages(self) -> list[tuple[str, Evidence]]:
        found = []
        for index, item in shown_items(self.data, "languages"):
            name = _language_name(str(item.get("language") or ""))
            if name:
                found.append((name, Evidence(f"languages[{index}]", " ".join(str(v) for v in item.values()))))
        return found


_NEGATION = re.compile(r"\b(not|never|no|without|nor|n't|kein\w*|nicht|sin|sans|pas)\b[^.;,:]*$")


def _denied(folded_text: str, name: str) -> bool:
    """Whether every mention of the name follows a negation in its clause ("does not write C++")."""
    mentions_at = [m.start() for m in re.finditer(rf"(?<![\w+#]){re.escape(name)}(?![\w+#])", folded_text)]
    return bool(mentions_at) and all(_NEGATION.search(folded_text[max(0, at - 60) : at]) for at in mentions_at)


def _judge(requirement: Requirement, persona: _PersonaIndex, known: dict[str, str]) -> Point:
    kind = requirement.kind
    if kind == "years":
        have = persona.years()
        wanted = requirement.years or 0
        note = f"{have:.0f} year{'s' * (round(have) != 1)} of experience shown"
        if have >= wanted:
            return Point(requirement, MET, 1.0, Evidence("work", note), note=note)
        return Point(requirement, PARTIAL if have else MISSING, min(have / wanted, 0.9) if wanted else 0, note=note)
    if kind == "seniority":
        level, evidence = persona.level()
        if evidence is None and not persona.years():
            return Point(requirement, MISSING, 0.0, note="no roles shown")
        below = levels_below(level, requirement.name)
        if not below:
            return Point(requirement, MET, 1.0, evidence, note=level)
        return Point(requirement, PARTIAL, 0.5 if below == 1 else 0.25, evidence, note=level)
    if kind == "language":
        for name, evidence in persona.languages():
            if name == requirement.name:
                return Point(requirement, MET, 1.0, evidence)
        if _language_name(persona.language) == requirement.name:
            return Point(requirement, MET, 1.0, Evidence("basics", f"This persona is written in {requirement.name}"))
        return _unshown(requirement, known)
    if kind == "location":
        return _judge_location(requirement, persona, known)
    if kind == "education":
        for where, text in persona.texts:
            if where.startswith("education["):
                return Point(requirement, MET, 1.0, Evidence(where, text))
        return Point(requirement, MISSING, 0.0)
    evidence = persona.find(requirement.name)
    if evidence is None and kind == "certificate":
        evidence = _certificate_evidence(requirement.name, persona)
    if evidence is not None:
        return Point(requirement, MET, 1.0, evidence)
    return _unshown(requirement, known)


def _unshown(requirement: Requirement, known: dict[str, str]) -> Point:
    evidence = known.get(fold(requirement.name))
    if evidence is not None:
        return Point(requirement, IN_KB, 0.0, Evidence("knowledge", evidence))
    return Point(requirement, MISSING, 0.0)


def _certificate_evidence(name: str, persona: _PersonaIndex) -> Evidence | None:
    wanted = {
        word for word in re.findall(r"\w+", fold(name)) if word not in {"certified", "certification", "certificate"}
    }
    for where, text in persona.texts:
        if (
            where.startswith("certificates[")
            and wanted
            and len(wanted & set(re.findall(r"\w+", fold(text)))) * 2 >= len(wanted)
        ):
            return Evidence(where, text)
    return None


def _judge_location(requirement: Requirement, persona: _PersonaIndex, known: dict[str, str]) -> Point:
    if requirement.remote == "remote" and not requirement.name:
        return Point(requirement, MET, 1.0, note="remote")
    location = persona.basics.get("location") if isinstance(persona.basics.get("location"), dict) else {}
    city, country = str(location.get("city") or ""), str(location.get("countryCode") or "")  # type: ignore[union-attr]
    where = ", ".join(part for part in (city, country) if part)
    wanted = find_place(requirement.name) if requirement.name else None
    if requirement.remote == "remote" or not wanted:
        return Point(requirement, MET, 1.0, Evidence("basics.location.city", where) if where else None, note=where)
    if city and fold(city) == fold(wanted.city):
        return Point(requirement, MET, 1.0, Evidence("basics.location.city", where), note=where)
    for preference in ("relocation",):
        if preference in known:
            return Point(requirement, IN_KB, 0.0, Evidence("knowledge", known[preference]), note=where)
    if country and country == wanted.country_code:
        return Point(requirement, PARTIAL, 0.5, Evidence("basics.location.city", where), note=where)
    return Point(requirement, MISSING, 0.0, note=where)


def _action(point: Point) -> str:
    requirement, gain = point.requirement, f" (+{point.gain} points)" if point.gain else ""
    name = _label(requirement)
    if point.status == MET:
        return ""
    if point.status == IN_KB:
        return f"Your knowledge base knows {name}; show it in this persona, in a role where you used it{gain}."
    if requirement.kind == "years":
        return (
            f"The job asks for {requirement.years} years; this persona shows {point.note.split(' of ')[0]}. "
            f"If earlier work counts, add it{gain}; if not, say what makes up for it in your summary."
        )
    if requirement.kind == "seniority" and point.status == MISSING:
        return f"The job is {requirement.name}-level; add your roles with their titles and dates so yours shows{gain}."
    if requirement.kind == "seniority":
        return (
            f"The job is {requirement.name}-level and this persona reads as {point.note}: show the scope "
            f"you had (people led, decisions owned) in your latest role{gain}, or aim for a role at your "
            "level."
        )
    if requirement.kind == "location":
        place = requirement.name or "the job's location"
        mode = {"hybrid": "hybrid", "onsite": "on-site"}.get(requirement.remote, requirement.remote)
        return f"The job is {mode} in {place}; say in your summary whether you would relocate or commute{gain}."
    if requirement.kind == "language":
        return f"Add {name} to your languages with your level, if you speak it{gain}; if not, this is a real gap."
    if requirement.kind == "education":
        return f"Add your education or equivalent training{gain}; the job asks for “{requirement.name}”."
    if requirement.kind == "certificate":
        return f"If you hold {name}, add it to your certificates{gain}; if not, this is a real gap."
    return f"If you have used {name}, add it with where and for how long{gain}; if not, this is a real gap."


def _label(requirement: Requirement) -> str:
    if requirement.kind == "years":
        return f"{requirement.years}+ years of experience"
    if requirement.kind == "seniority":
        return f"{requirement.name[:1].upper()}{requirement.name[1:]} level"
    if requirement.kind == "location":
        mode = {"onsite": "on-site"}.get(requirement.remote, requirement.remote)
        label = ", ".join(part for part in (requirement.name, mode) if part)
        return label[:1].upper() + label[1:]
    return requirement.name


def _severity(point: Point) -> str:
    if not point.requirement.must:
        return "low"
    return "high" if point.status == MISSING else "medium"


def _field_for(point: Point) -> str:
    return {
        "years": "work",
        "seniority": "basics.label",
        "language": "languages",
        "location": "basics.location.city",
        "education": "education",
        "certificate": "certificates",
    }.get(point.requirement.kind, "skills")


def _language_name(text: str) -> str:
    folded = fold(text)
    code_names = {
        "en": "English",
        "de": "German",
        "fr": "French",
        "es": "Spanish",
        "it": "Italian",
        "pt": "Portuguese",
        "nl": "Dutch",
        "pl": "Polish",
    }
    if folded in code_names:
        return code_names[folded]
    for name, words in LANGUAGE_NAMES.items():
        if folded in {fold(word) for word in words}:
            return name
    return ""
