"""The general review of a persona, by rules: what a careful recruiter would point out, field by field.

Every issue names the exact field in the persona's document (`work[2].highlights[1]`, `basics.email`, or
`summary` for the persona's own summary) so the editor can show it, and says in one sentence how to fix it.
Hidden items are skipped (they are not sent), but fields keep their indexes in the whole document.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from personas.sections import HIDDEN, hidden_highlights

HIGH, MEDIUM, LOW = "high", "medium", "low"

# Openings that describe a duty rather than what was done.
_WEAK_OPENINGS = re.compile(
    r"^(responsible for|worked on|working on|helped( to)?|assisted( with| in)?|involved in|participated in|"
    r"tasked with|duties included|in charge of|was part of|part of|handled|dealt with)\b",
    re.IGNORECASE,
)
_CLICHES = (
    "hard-working", "hardworking", "team player", "results-driven", "results-oriented", "detail-oriented",
    "go-getter", "self-starter", "think outside the box", "synergy", "passionate about", "highly motivated",
    "dynamic individual", "proven track record", "best of breed", "go-to person", "strategic thinker",
)  # fmt: skip
# Outcomes are usually counted: a number, a percentage, money, or a multiplier ("3x", "twice").
_OUTCOME = re.compile(r"\d|\b(twice|double[sd]?|halved|tripled)\b", re.IGNORECASE)
# Verbs CVs open bullets with, by their present forms; a past role opening with one of these reads as today.
_PRESENT_BASES = (
    "manage", "lead", "build", "develop", "design", "create", "own", "run", "maintain", "implement", "deliver",
    "drive", "coordinate", "support", "write", "analyse", "analyze", "improve", "mentor", "oversee", "plan",
    "launch", "migrate", "automate", "reduce", "increase", "handle",
)  # fmt: skip
_PRESENT_VERBS = frozenset(_PRESENT_BASES) | {
    base + ("es" if base.endswith(("s", "h")) else "s") for base in _PRESENT_BASES
}
_SUMMARY_MAX_WORDS = 90
_GAP_MONTHS = 6
_OVERLAP_MONTHS = 3


# What each finding tells the user: one sentence they can act on, filled in with the persona's own words.
ADVICE = {
    "no_work": "Add your experience: each role with its title, employer, dates and two to four highlights of what "
    "you achieved.",
    "no_education": "Add your education (or training and certificates, if you have no degree): many applicant "
    "tracking systems look for it.",
    "no_skills": "List your key skills and tools: recruiters and applicant tracking systems search for them by name.",
    "no_summary": "Write a two- or three-sentence summary: who you are, what you do best, and what you look for.",
    "no_name": "Add your name at the top.",
    "no_contact": "Add an email address (and a phone number) so a recruiter can reach you.",
    "no_email": "Add an email address: most recruiters write before they call.",
    "no_location": "Say where you are based (a city is enough): recruiters filter by location and time zone.",
    "no_headline": "Add a headline under your name (“Backend engineer, Python and PostgreSQL”) so the reader knows "
    "at once what you do.",
    "summary_length": "Shorten the summary to under {limit} words (it has {words}): two or three sentences are read, "
    "a paragraph is skimmed.",
    "summary_generic": "Replace {phrases} with something only you can say: a result, a domain, the kind of problem "
    "you solve.",
    "no_highlights": "Add two to four highlights to {role}: what you did and what changed because of it.",
    "weak_verb": "Open with what you did (“Built”, “Cut”, “Led”) instead of a duty (“{opening}”), then say what it "
    "achieved.",
    "no_outcomes": "Show an outcome for {role} with a number: how much faster, cheaper or bigger, or how many people "
    "or customers.",
    "dates_missing": "Add when {role} started (month and year): a role without dates reads as something to hide.",
    "dates_order": "The end date of {role} is before its start; correct one of them.",
    "date_gap": "There is a gap of {length} before {role}; say in a line what you did (study, travel, family, "
    "freelance work) so nobody has to guess.",
    "date_overlap": "{role} overlaps {other}; if you did both at once, say so (part-time, freelance) so it does not "
    "read as a mistake.",
    "tense": "{role} has ended: write its highlights in the past tense (“Led”, not “Lead”), like the rest.",
    "skills_unshown": "{skills}: listed as skills but shown in no role or project; add a highlight where you used "
    "the most important ones.",
    "too_long": "At about {words} words this persona is long for {years} years of experience; keep the roles and "
    "highlights that matter for the jobs you want.",
    "too_short": "With {years} years of experience, {words} words undersell you; describe your main roles with a "
    "highlight or two each.",
}


@dataclass(frozen=True)
class Issue:
    field: str
    severity: str
    check: str  # which rule found it (a key of ADVICE): the bench scores rules, the page groups by them
    suggestion: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _issue(field: str, severity: str, check: str, **words: object) -> Issue:
    return Issue(field, severity, check, ADVICE[check].format(**words))


def review_persona(*, data: dict[str, Any], summary: str) -> list[dict[str, str]]:
    """Every issue found, most severe first (in document order within a severity)."""
    data = data if isinstance(data, dict) else {}
    jobs = _shown_items(data, "work")
    issues = [
        *_missing(data, jobs, summary),
        *_contact(data),
        *_summary(summary),
        *_bullets(jobs),
        *_dates(jobs),
        *_tense(jobs),
        *_skills_unshown(data, jobs, summary),
        *_length(jobs, summary),
    ]
    order = {HIGH: 0, MEDIUM: 1, LOW: 2}
    return [issue.as_dict() for issue in sorted(issues, key=lambda issue: order[issue.severity])]


Items = list[tuple[int, dict[str, Any]]]


def _shown_items(data: dict[str, Any], key: str) -> Items:
    items = data.get(key)
    if not isinstance(items, list):
        return []
    # Counted among objects only, as the editor counts them, so `work[2]` is the editor's third item.
    objects = (item for item in items if isinstance(item, dict))
    return [(i, item) for i, item in enumerate(objects) if not item.get(HIDDEN)]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _basics(data: dict[str, Any]) -> dict[str, Any]:
    basics = data.get("basics")
    return basics if isinstance(basics, dict) else {}


def _words(group: dict[str, Any]) -> list[str]:
    return [word.strip() for word in _list(group.get("keywords")) if isinstance(word, str) and word.strip()]


def _role(job: dict[str, Any]) -> str:
    described = " at ".join(part for part in (_text(job.get("position")), _text(job.get("name"))) if part)
    return f"“{described}”" if described else "this role"


def _missing(data: dict[str, Any], jobs: Items, summary: str) -> list[Issue]:
    issues = []
    if not jobs:
        issues.append(_issue("work", HIGH, "no_work"))
    if not _shown_items(data, "education"):
        issues.append(_issue("education", MEDIUM, "no_education"))
    if not any(_words(group) for _, group in _shown_items(data, "skills")):
        issues.append(_issue("skills", HIGH, "no_skills"))
    if not summary.strip() and not _text(_basics(data).get("summary")):
        issues.append(_issue("summary", MEDIUM, "no_summary"))
    return issues


def _contact(data: dict[str, Any]) -> list[Issue]:
    basics = _basics(data)
    location = basics["location"] if isinstance(basics.get("location"), dict) else {}
    issues = []
    if not _text(basics.get("name")):
        issues.append(_issue("basics.name", HIGH, "no_name"))
    if not _text(basics.get("email")):
        has_phone = bool(_text(basics.get("phone")))
        issues.append(_issue("basics.email", MEDIUM if has_phone else HIGH, "no_email" if has_phone else "no_contact"))
    if not _text(location.get("city")) and not _text(location.get("countryCode")):
        issues.append(_issue("basics.location.city", LOW, "no_location"))
    if not _text(basics.get("label")):
        issues.append(_issue("basics.label", LOW, "no_headline"))
    return issues


def _summary(summary: str) -> list[Issue]:
    issues = []
    if len(summary.split()) > _SUMMARY_MAX_WORDS:
        issues.append(_issue("summary", MEDIUM, "summary_length", limit=_SUMMARY_MAX_WORDS, words=len(summary.split())))
    cliches = [phrase for phrase in _CLICHES if phrase in summary.casefold()]
    if cliches:
        phrases = ", ".join(f"“{phrase}”" for phrase in cliches[:3])
        issues.append(_issue("summary", LOW, "summary_generic", phrases=phrases))
    return issues


def _bullets(jobs: Items) -> list[Issue]:
    issues = []
    for index, job in jobs:
        hidden = hidden_highlights(job)
        highlights = [
            (i, text)
            for i, text in enumerate(_list(job.get("highlights")))
            if isinstance(text, str) and text.strip() and text not in hidden
        ]
        if not highlights:
            if not _text(job.get("summary")):
                issues.append(_issue(f"work[{index}].highlights", MEDIUM, "no_highlights", role=_role(job)))
            continue
        for i, text in highlights:
            if weak := _WEAK_OPENINGS.match(text.strip()):
                opening = weak[0][:1].upper() + weak[0][1:]
                issues.append(_issue(f"work[{index}].highlights[{i}]", MEDIUM, "weak_verb", opening=opening))
        if not any(_OUTCOME.search(text) for _, text in highlights):
            issues.append(_issue(f"work[{index}].highlights", MEDIUM, "no_outcomes", role=_role(job)))
    return issues


def _month(value: Any, *, end: bool = False) -> int | None:
    """Months since year 0 of "YYYY" or "YYYY-MM(-DD)"; a bare year counts as its January (December for an end)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-\d{2})?", _text(value))
    if not match:
        return None
    month = int(match[2]) if match[2] else (12 if end else 1)
    return int(match[1]) * 12 + month - 1


def _today() -> int:
    today = date.today()
    return today.year * 12 + today.month - 1


def _duration(months: int) -> str:
    years, months = divmod(months, 12)
    parts = [
        f"{years} year{'s' * (years > 1)}" if years else "",
        f"{months} month{'s' * (months > 1)}" if months else "",
    ]
    return " and ".join(part for part in parts if part)


def _dates(jobs: Items) -> list[Issue]:
    issues, spans = [], []
    for index, job in jobs:
        start, end = _month(job.get("startDate")), _month(job.get("endDate"), end=True)
        if start is None:
            issues.append(_issue(f"work[{index}].startDate", MEDIUM, "dates_missing", role=_role(job)))
        elif end is not None and end < start:
            issues.append(_issue(f"work[{index}].endDate", HIGH, "dates_order", role=_role(job)))
        elif end is not None or not _text(job.get("endDate")):  # an unreadable end date is not guessed
            spans.append((start, _today() if end is None else end, index, job))
    spans.sort(key=lambda span: span[0])
    latest_end, latest_job = None, None
    for start, end, index, job in spans:
        if latest_end is not None and start - latest_end > _GAP_MONTHS:
            gap = _duration(start - latest_end - 1)
            issues.append(_issue(f"work[{index}].startDate", LOW, "date_gap", length=gap, role=_role(job)))
        elif latest_end is not None and min(latest_end, end) - start >= _OVERLAP_MONTHS and latest_job is not None:
            other = _role(latest_job)
            issues.append(_issue(f"work[{index}].startDate", LOW, "date_overlap", role=_role(job), other=other))
        if latest_end is None or end > latest_end:
            latest_end, latest_job = end, job
    return issues


def _tense(jobs: Items) -> list[Issue]:
    """A finished role's highlights read in the past."""
    issues = []
    for index, job in jobs:
        if not _text(job.get("endDate")):
            continue  # a current role may be in either tense
        present = [
            i
            for i, text in enumerate(_list(job.get("highlights")))
            if isinstance(text, str) and text.split() and text.split()[0].casefold() in _PRESENT_VERBS
        ]
        if present:
            issues.append(_issue(f"work[{index}].highlights[{present[0]}]", LOW, "tense", role=_role(job)))
    return issues


def _skills_unshown(data: dict[str, Any], jobs: Items, summary: str) -> list[Issue]:
    """Skills listed but shown nowhere in the roles, projects or summary: claims without evidence."""
    evidence_items = [job for _, job in jobs] + [project for _, project in _shown_items(data, "projects")]
    if not evidence_items:
        return []  # with no roles at all, the missing section is what matters
    evidence = " ".join([summary, *(_item_text(item) for item in evidence_items)]).casefold()
    issues = []
    for index, group in _shown_items(data, "skills"):
        unshown = [word for word in _words(group) if not _mentions(evidence, word)]
        if len(unshown) >= 3:
            skills = ", ".join(unshown[:5]) + (" and more" if len(unshown) > 5 else "")
            issues.append(_issue(f"skills[{index}].keywords", LOW, "skills_unshown", skills=skills))
    return issues


def _item_text(item: dict[str, Any]) -> str:
    parts = [item.get(key) for key in ("position", "name", "summary", "description")]
    parts += _list(item.get("highlights")) + _list(item.get("keywords"))
    return " ".join(part for part in parts if isinstance(part, str))


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w+#]){re.escape(word.casefold())}(?![\w+#])", text) is not None


def _length(jobs: Items, summary: str) -> list[Issue]:
    """About two pages (800 words) at most under ten years of experience; more than a few lines after three."""
    starts = [month for _, job in jobs if (month := _month(job.get("startDate"))) is not None]
    years = round((_today() - min(starts)) / 12) if starts else 0
    words = len(summary.split()) + sum(len(_item_text(job).split()) for _, job in jobs)
    if years < 10 and words > 800:
        return [_issue("work", LOW, "too_long", words=words, years=years)]
    if years >= 3 and words < 60:
        return [_issue("work", LOW, "too_short", words=words, years=years)]
    return []
