"""The general review of a persona, by rules: what a careful recruiter would point out, field by field.

Every issue names the exact field in the persona's document (`work[2].highlights[1]`, `basics.email`, or
`summary` for the persona's own summary) so the editor can show it, and says in one sentence how to fix it.
Hidden items are skipped (they are not sent), but fields keep their indexes in the whole document.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from gaps.documents import Items, as_list, as_text, month, shown_highlights, shown_items, this_month
from personas.sections import HIDDEN

HIGH, MEDIUM, LOW = "high", "medium", "low"

# Openings that describe a duty rather than what was done.
_WEAK_OPENINGS = re.compile(
    r"^(responsible for|worked on|working on|helped( to)?|assisted( with| in)?|involved in|participated in|"
    r"tasked with|duties included|in charge of|was part of|part of|handled|dealt with)\b",
    re.IGNORECASE,
)
_CLICHES = (
    "hard-working",
    "hardworking",
    "team player",
    "results-driven",
    "results-oriented",
    "detail-oriented",
    "go-getter",
    "self-starter",
    "think outside the box",
    "synergy",
    "passionate about",
    "highly motivated",
    "dynamic individual",
    "proven track record",
    "best of breed",
    "go-to person",
    "strategic thinker",
)
# Outcomes are usually counted: a number (in digits or words), a percentage, money, or a multiplier.
_OUTCOME = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|hundreds?|thousands?|"
    r"millions?|billions?|dozens?|half|twice|double[sd]?|halved|tripled|quadrupled|tenfold)\b",
    re.IGNORECASE,
)
# Verbs CVs open bullets with, by their present forms; a past role opening with one of these reads as today.
_PRESENT_BASES = (
    "manage",
    "lead",
    "build",
    "develop",
    "design",
    "create",
    "own",
    "run",
    "maintain",
    "implement",
    "deliver",
    "drive",
    "coordinate",
    "support",
    "write",
    "analyse",
    "analyze",
    "improve",
    "mentor",
    "oversee",
    "plan",
    "launch",
    "migrate",
    "automate",
    "reduce",
    "increase",
    "handle",
)
_PRESENT_THIRD_PERSON = frozenset(base + ("es" if base.endswith(("s", "h")) else "s") for base in _PRESENT_BASES)
# "Design system for…" and "Lead engineer on…" open with a noun; a bare verb is followed by its object's first word.
_OBJECT_OPENINGS = frozenset(
    {
        "a",
        "an",
        "the",
        "our",
        "my",
        "their",
        "its",
        "all",
        "and",
        "new",
        "over",
        "multiple",
        "several",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "key",
        "large",
        "small",
        "internal",
        "external",
    }
)
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
    jobs = shown_items(data, "work")
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


def _basics(data: dict[str, Any]) -> dict[str, Any]:
    basics = data.get("basics")
    return basics if isinstance(basics, dict) else {}


def _words(group: dict[str, Any]) -> list[str]:
    return [word.strip() for word in as_list(group.get("keywords")) if isinstance(word, str) and word.strip()]


def _role(job: dict[str, Any]) -> str:
    described = " at ".join(part for part in (as_text(job.get("position")), as_text(job.get("name"))) if part)
    return f"“{described}”" if described else "this role"


def _missing(data: dict[str, Any], jobs: Items, summary: str) -> list[Issue]:
    issues = []
    if not jobs:
        issues.append(_issue("work", HIGH, "no_work"))
    if not shown_items(data, "education"):
        issues.append(_issue("education", MEDIUM, "no_education"))
    if not any(_words(group) for _, group in shown_items(data, "skills")):
        issues.append(_issue("skills", HIGH, "no_skills"))
    if not summary.strip() and not as_text(_basics(data).get("summary")):
        issues.append(_issue("summary", MEDIUM, "no_summary"))
    return issues


def _contact(data: dict[str, Any]) -> list[Issue]:
    basics = _basics(data)
    location = basics["location"] if isinstance(basics.get("location"), dict) else {}
    issues = []
    if not as_text(basics.get("name")):
        issues.append(_issue("basics.name", HIGH, "no_name"))
    if not as_text(basics.get("email")):
        has_phone = bool(as_text(basics.get("phone")))
        issues.append(_issue("basics.email", MEDIUM if has_phone else HIGH, "no_email" if has_phone else "no_contact"))
    if not as_text(location.get("city")) and not as_text(location.get("countryCode")):
        issues.append(_issue("basics.location.city", LOW, "no_location"))
    if not as_text(basics.get("label")):
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
        highlights = shown_highlights(job)
        if not highlights:
            if not as_text(job.get("summary")):
                issues.append(_issue(f"work[{index}].highlights", MEDIUM, "no_highlights", role=_role(job)))
            continue
        for i, text in highlights:
            if weak := _WEAK_OPENINGS.match(text.strip()):
                opening = weak[0][:1].upper() + weak[0][1:]
                severity = LOW if _OUTCOME.search(text) else MEDIUM  # the result is there, only the opening is weak
                issues.append(_issue(f"work[{index}].highlights[{i}]", severity, "weak_verb", opening=opening))
        if not any(_OUTCOME.search(text) for _, text in highlights):
            issues.append(_issue(f"work[{index}].highlights", MEDIUM, "no_outcomes", role=_role(job)))
    return issues


def _duration(months: int) -> str:
    years, months = divmod(months, 12)
    parts = [
        f"{years} year{'s' * (years > 1)}" if years else "",
        f"{months} month{'s' * (months > 1)}" if months else "",
    ]
    return " and ".join(part for part in parts if part)


def _dates(jobs: Items) -> list[Issue]:
    """Missing and impossible dates, then gaps and overlaps between roles.

    A bare year is read in the role's favour: as long as it can be for a gap ("2019–2021" then "2021" is no gap)
    and as short as it can be for an overlap (nor is it an overlap).
    """
    issues, spans, undated_ends = [], [], []
    for index, job in jobs:
        start, end = month(job.get("startDate")), month(job.get("endDate"), late=True)
        if start is None:
            issues.append(_issue(f"work[{index}].startDate", MEDIUM, "dates_missing", role=_role(job)))
            if end is not None:
                undated_ends.append(end)  # a role of unknown length may fill a gap that ends near its end
        elif end is not None and end < start:
            issues.append(_issue(f"work[{index}].endDate", HIGH, "dates_order", role=_role(job)))
        elif end is not None or not as_text(job.get("endDate")):  # an unreadable end date is not guessed
            late_start, early_end = month(job.get("startDate"), late=True), month(job.get("endDate"))
            shortest = (late_start or start, this_month() if early_end is None else max(early_end, late_start or start))
            spans.append((start, this_month() if end is None else end, shortest, index, job))
    spans.sort(key=lambda span: span[0])
    latest_end, latest_short_end, latest_job = None, None, None
    for start, end, (short_start, short_end), index, job in spans:
        filled = any(latest_end is not None and latest_end < end_ <= start for end_ in undated_ends)
        if latest_end is not None and start - latest_end > _GAP_MONTHS and not filled:
            gap = _duration(start - latest_end - 1)
            issues.append(_issue(f"work[{index}].startDate", LOW, "date_gap", length=gap, role=_role(job)))
        elif (
            latest_short_end is not None
            and latest_job is not None
            and min(latest_short_end, short_end) - short_start >= _OVERLAP_MONTHS
        ):
            other = _role(latest_job)
            issues.append(_issue(f"work[{index}].startDate", LOW, "date_overlap", role=_role(job), other=other))
        if latest_end is None or end > latest_end:
            latest_end, latest_short_end, latest_job = end, short_end, job
    return issues


def _tense(jobs: Items) -> list[Issue]:
    """A finished role's highlights read in the past."""
    issues = []
    for index, job in jobs:
        if not as_text(job.get("endDate")):
            continue  # a current role may be in either tense
        present = [i for i, text in shown_highlights(job) if _opens_in_present(text)]
        if present:
            issues.append(_issue(f"work[{index}].highlights[{present[0]}]", LOW, "tense", role=_role(job)))
    return issues


def _opens_in_present(text: str) -> bool:
    words = [word.strip(",.;:").casefold() for word in text.split()[:2]]
    if not words:
        return False
    if words[0] in _PRESENT_THIRD_PERSON:
        return True
    return words[0] in _PRESENT_BASES and len(words) > 1 and words[1] in _OBJECT_OPENINGS


_EVIDENCE_SECTIONS = ("work", "projects", "education", "certificates", "volunteer", "awards", "publications")


def _skills_unshown(data: dict[str, Any], jobs: Items, summary: str) -> list[Issue]:
    """Most listed skills shown nowhere else in the persona: claims without evidence (one point for the persona)."""
    if not jobs:
        return []  # with no roles at all, the missing section is what matters
    basics = _basics(data)
    items = [item for key in _EVIDENCE_SECTIONS for _, item in shown_items(data, key)]
    customs = [section for section in as_list(data.get("custom")) if isinstance(section, dict)]
    items += [item for section in customs for item in as_list(section.get("items")) if not _is_hidden(item)]
    texts = [summary, as_text(basics.get("summary")), as_text(basics.get("label"))]
    evidence = " ".join(texts + [_item_text(item) for item in items if isinstance(item, dict)]).casefold()
    groups = [(index, _words(group)) for index, group in shown_items(data, "skills")]
    listed = [word for _, words in groups for word in words]
    unshown = [word for word in listed if not _mentions(evidence, word)]
    if len(unshown) < 3 or len(unshown) * 2 <= len(listed):
        return []
    first_group = next(index for index, words in groups if any(word in unshown for word in words))
    skills = ", ".join(unshown[:5]) + (" and more" if len(unshown) > 5 else "")
    return [_issue(f"skills[{first_group}].keywords", LOW, "skills_unshown", skills=skills)]


def _is_hidden(item: Any) -> bool:
    return not isinstance(item, dict) or bool(item.get(HIDDEN))


def _item_text(item: dict[str, Any]) -> str:
    """What an item says, without the highlights this persona hides."""
    parts = [item.get(key) for key in ("position", "name", "title", "area", "studyType", "summary", "description")]
    parts += [text for _, text in shown_highlights(item)] + as_list(item.get("keywords")) + as_list(item.get("courses"))
    return " ".join(part for part in parts if isinstance(part, str))


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w+#]){re.escape(word.casefold())}(?![\w+#])", text) is not None


def _length(jobs: Items, summary: str) -> list[Issue]:
    """About two pages (800 words) at most under ten years of experience; more than a few lines after three."""
    starts = [start for _, job in jobs if (start := month(job.get("startDate"))) is not None]
    years = round((this_month() - min(starts)) / 12) if starts else 0
    words = len(summary.split()) + sum(len(_item_text(job).split()) for _, job in jobs)
    if years < 10 and words > 800:
        return [_issue("work", LOW, "too_long", words=words, years=years)]
    if years >= 3 and words < 60:
        return [_issue("work", LOW, "too_short", words=words, years=years)]
    return []
