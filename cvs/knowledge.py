"""Knowledge-base facts from a parsed CV: normalised, deduplicated, each backed by the CV's own words.

Every kind a CV states: skills, tools and domains (from its skills and from its sentences), languages, certificates,
achievements (a result with a number, in the CV's words) and the preferences it states (relocation, remote work).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cvs.parsing.sections import fold

DATA = Path(__file__).resolve().parent / "data"

# Names that are also everyday words: trusted in a skills list, never picked out of a sentence.
_NOT_IN_SENTENCES = {
    "go",
    "r",
    "c",
    "chef",
    "puppet",
    "spark",
    "swift",
    "unity",
    "express",
    "next",
    "node",
    "rails",
    "shell",
    "beam",
    "helm",
    "sketch",
    "notion",
    "slack",
    "lambda",
    "oracle",
    "excel",
    "media",
    "travel",
    "retail",
    "energy",
    "banking",
    "insurance",
    "education",
    "gaming",
    "security",
    "agile",
    "hiring",
    "leadership",
    "communication",
    "teamwork",
    "remote",
    "hybrid",
    "ui",
    "ux",
    "ci",
    "cd",
    "ml",
    "dl",
    "ts",
    "js",
    "s3",
    "statistics",
    "payments",
    "healthcare",
    "logistics",
    "automotive",
    "monitoring",
    "documentation",
    "presentations",
    "presenting",
    "collaboration",
    "coaching",
    "negotiation",
    "adaptability",
    "prototyping",
    "wireframing",
    "interviewing",
    "recruiting",
    "contracting",
    "full time",
    "part time",
    "freelance",
    "android",
    "ios",
    "linux",
    "git",
    "sap",
    "seo",
    "saas",
    "rest",
    "kanban",
    "scrum",
    "budgeting",
    "mentoring",
}


@dataclass(frozen=True)
class Fact:
    type: str
    value: str
    evidence: str


@cache
def _curated() -> dict[str, tuple[str, str]]:
    """Folded name or alias -> (canonical name, type), from our own list."""
    index: dict[str, tuple[str, str]] = {}
    for row in (DATA / "skills.tsv").read_text().splitlines()[1:]:
        canonical, kind, aliases = [*row.split("\t"), ""][:3]
        for name in [canonical, *aliases.split("|")]:
            if name:
                index.setdefault(fold(name), (canonical, kind))
    return index


@cache
def _taxonomy() -> dict[str, tuple[str, str]]:
    """Our list, then GitHub Linguist's programming languages (for skills lists only: its aliases
    include everyday words such as "batch")."""
    index = dict(_curated())
    for row in (DATA / "linguist_languages.tsv").read_text().splitlines()[1:]:
        name, aliases = [*row.split("\t"), ""][:2]
        for alias in [name, *aliases.split("|")]:
            if alias:
                index.setdefault(fold(alias), (name, "tool"))
    return index


@cache
def vocabulary_words() -> frozenset[str]:
    """Every lower-case word of the skills and tools we know (a hint for the learned reader, not a match)."""
    return frozenset(word for name in _taxonomy() for word in name.split() if len(word) > 1)


@cache
def _sentence_pattern() -> re.Pattern[str]:
    names = sorted(
        {name for name in _curated() if name not in _NOT_IN_SENTENCES and len(name) > 2},
        key=len,
        reverse=True,
    )
    return re.compile(rf"(?<![\w.+#-])(?:{'|'.join(re.escape(n) for n in names)})(?![\w+#])", re.IGNORECASE)


@cache
def _cased_pattern() -> re.Pattern[str]:
    """Names that are also everyday words, matched only as the name is written ("Go", "Excel", "SAP", "Scrum")."""
    names: set[str] = set()
    for row in (DATA / "skills.tsv").read_text().splitlines()[1:]:
        canonical, kind, aliases = [*row.split("\t"), ""][:3]
        if kind in {"tool", "skill"}:
            names |= {n for n in [canonical, *aliases.split("|")] if fold(n) in _NOT_IN_SENTENCES and n != n.lower()}
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(rf"(?<![\w.+#&/-])(?:{'|'.join(re.escape(n) for n in ordered)})(?![\w+#&'-])")


@cache
def _asked_pattern() -> re.Pattern[str]:
    """Everyday-word names a job asks for: "communication skills", "a good grasp of statistics"."""
    names = sorted({n for n, (_, kind) in _curated().items() if n in _NOT_IN_SENTENCES and kind != "preference"})
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    cue = (
        r"excellent|strong|good|great|solid|outstanding|proven|effective|clear|grasp of|knowledge of|understanding of|"
        r"experience(?: in| with| of)?|background in|skills in|proficien(?:t|cy) in|familiarity with|expertise in"
    )
    return re.compile(
        rf"\b(?:{cue})\s+(?:[\w/-]+,?\s+(?:and|&|or)\s+)?({alternatives})\b|\b({alternatives})\s+skills\b",
        re.IGNORECASE,
    )


def mentions(text: str, *, job_text: bool = False) -> list[tuple[str, str]]:
    """The skills, tools and domains a text names, as (canonical name, type), each once, in order.

    In a job's text, names that are everyday words count when written as names ("Go") or asked for ("a good
    grasp of statistics", "communication skills").
    """
    matches = [(m.start(), m.group(0)) for m in _sentence_pattern().finditer(text)]
    if job_text:
        matches += [(m.start(), m.group(0)) for m in _cased_pattern().finditer(text)]
        matches += [(m.start(), m.group(1) or m.group(2)) for m in _asked_pattern().finditer(text)]
    found: dict[str, tuple[str, str]] = {}
    for _, term in sorted(matches):
        value, kind = normalise(term)
        found.setdefault(value, (value, kind))
    return list(found.values())


def normalise(term: str) -> tuple[str, str]:
    """('JS') -> ('JavaScript', 'tool'); a term we do not know stays as written, as a skill."""
    term = term.strip(" .;:")
    return _taxonomy().get(fold(term), (term, "skill"))


def facts_from_profile(profile: dict[str, Any], text: str) -> list[Fact]:
    facts: dict[tuple[str, str], Fact] = {}
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    folded_lines = [fold(line) for line in lines]

    def evidence_for(term: str) -> str:
        """The first line of the CV that names the term as a whole word."""
        needle = fold(term)
        word = re.compile(rf"(?<![\w+#]){re.escape(needle)}(?![\w+#])")
        for line, folded in zip(lines, folded_lines, strict=True):
            if needle in folded and word.search(folded):  # the substring test first: it is much cheaper
                return line
        return term

    def add(kind: str, value: str, evidence: str) -> None:
        if value and len(value) <= 200:
            facts.setdefault((kind, fold(value)), Fact(kind, value, evidence))

    for group in profile.get("skills") or []:
        if not isinstance(group, dict):
            continue
        terms = [k for k in group.get("keywords") or [] if isinstance(k, str)] or [group.get("name") or ""]
        for term in terms:
            if term.strip():
                value, kind = normalise(term)
                add(kind, value, evidence_for(term))

    for sentence in _sentences(profile):
        for match in _sentence_pattern().finditer(sentence):
            value, kind = normalise(match.group(0))
            add(kind, value, sentence)
    for key, kind, field in (("languages", "language", "language"), ("certificates", "certificate", "name")):
        for item in profile.get(key) or []:
            name = " ".join(str(item.get(field) or "").split()) if isinstance(item, dict) else ""
            if name:
                add(kind, name, evidence_for(name))
    for highlight in _highlights(profile):
        if _RESULT.search(highlight) and len(highlight) <= 200:
            add("achievement", highlight, highlight)
    for line in lines:
        if _PREFERENCE.search(line) and len(line) <= 200:
            add("preference", line.strip(" •-–*"), line)
    return list(facts.values())


# A result with a number: "Cut costs by 30%", "Onboarded 40 clients", "€2M in sales" (a year alone is no result).
_RESULT = re.compile(r"(?<![\d.])(?!(?:19|20)\d\d\b)\d[\d.,]*\s*(?:%|x\b|k\b|m\b|[a-z]+)|[€$£]\s?\d", re.IGNORECASE)
_PREFERENCE = re.compile(
    r"\b(willing to relocate|open to (?:relocation|remote|relocating)|relocation|prefer(?:s|red)? (?:remote|hybrid)"
    r"|(?:fully |only )remote|remote only|available for (?:remote|relocation))\b",
    re.IGNORECASE,
)


def _highlights(profile: dict[str, Any]) -> list[str]:
    return [
        " ".join(highlight.split())
        for key in ("work", "projects", "volunteer")
        for item in profile.get(key) or []
        if isinstance(item, dict)
        for highlight in item.get("highlights") or []
        if isinstance(highlight, str)
    ]


def _sentences(profile: dict[str, Any]) -> list[str]:
    """The free text of a profile where tools and domains are mentioned in passing."""
    found = [(profile.get("basics") or {}).get("summary") or "", (profile.get("basics") or {}).get("label") or ""]
    for key in ("work", "projects", "volunteer"):
        for item in profile.get(key) or []:
            if isinstance(item, dict):
                found += [item.get("summary") or "", item.get("description") or "", item.get("position") or ""]
                found += [h for h in item.get("highlights") or [] if isinstance(h, str)]
    return [s for s in found if isinstance(s, str) and s.strip()]
