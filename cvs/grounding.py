"""Keep only what the user's own material says: a value or a fact it does not state is dropped, not stored."""

from __future__ import annotations

import re
from typing import Any

from cvs.knowledge import mentions
from cvs.parsing.dates import find_date_range
from cvs.parsing.places import find_place

_DATE_KEYS = {"startDate", "endDate", "date", "releaseDate"}
_KEY_FIELDS = {
    "work": ("name", "position"),
    "education": ("institution",),
    "skills": ("name",),
    "languages": ("language",),
    "certificates": ("name",),
    "projects": ("name",),
    "interests": ("name",),
}


def fold_spaces(text: str) -> str:
    return " ".join(text.casefold().split())


class _Source:
    """What the CV's text supports: its words, its dates (as any form of them reads), its numbers."""

    def __init__(self, text: str) -> None:
        self.folded = fold_spaces(text)
        self.dates: set[str] = set()
        self.line_digits = [re.sub(r"\D", "", line) for line in text.splitlines()]
        for line in text.splitlines():
            rest = line
            while found := find_date_range(rest):
                self.dates |= {d for d in (found.start, found.end) if d} | {found.start[:4], found.end[:4]}
                rest = rest[found.span[1] :]

    def supports(self, key: str, value: str, parent: dict[str, Any]) -> bool:
        if key in _DATE_KEYS:
            return value in self.dates
        if key == "phone":
            digits = re.sub(r"\D", "", value)
            return len(digits) >= 6 and any(digits[-8:] in line for line in self.line_digits)
        if key == "countryCode":  # derived, so checked against the city it was derived from
            place = find_place(str(parent.get("city", "")))
            return place is not None and place.country_code == value.upper()
        if key == "network":
            return True  # a label for a profile whose address is checked itself
        return fold_spaces(value) in self.folded


def ground_profile(profile: dict[str, Any], text: str) -> tuple[dict[str, Any], int]:
    """The profile with every unsupported value removed, and how many were removed."""
    source = _Source(text)
    dropped = 0

    def clean(value: Any, key: str, parent: dict[str, Any]) -> Any:
        nonlocal dropped
        if isinstance(value, dict):
            return {k: v for k, item in value.items() if (v := clean(item, k, value)) not in (None, "", [], {})}
        if isinstance(value, list):
            return [v for item in value if (v := clean(item, key, parent)) not in (None, "", [], {})]
        if isinstance(value, str):
            if value.strip() and source.supports(key, value.strip(), parent):
                return value.strip()
            dropped += bool(value.strip())
            return None
        return value

    grounded = clean(profile, "", {})
    for section, keys in _KEY_FIELDS.items():
        items = grounded.get(section)
        if isinstance(items, list):
            kept = [item for item in items if isinstance(item, dict) and any(item.get(k) for k in keys)]
            dropped += len(items) - len(kept)
            grounded[section] = kept
    return {k: v for k, v in grounded.items() if v}, dropped


_NUMBER = re.compile(r"\d+")


_WORD = r"[A-Z][\w+#&-]*(?:\.[\w+#&-]+)*"  # Node.js, C#, AT&T; a full stop after it ends the sentence
_NAME = re.compile(rf"(?<![\w.]){_WORD}(?:[ \t]+{_WORD})*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+)([A-Z][\w-]*)")
# Words that open sentences without naming anything; another capitalised opener is read as a name unless the
# user's material uses the word too.
_OPENERS = frozenset(
    {
        "i",
        "a",
        "an",
        "the",
        "my",
        "we",
        "our",
        "with",
        "over",
        "as",
        "in",
        "on",
        "at",
        "for",
        "from",
        "after",
        "before",
        "since",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "it",
        "to",
        "and",
        "but",
        "also",
        "currently",
        "previously",
        "today",
        "now",
        "here",
        "there",
        "when",
        "while",
        "dear",
        "hello",
        "hi",
        "kind",
        "best",
        "regards",
        "sincerely",
        "yours",
        "thank",
        "thanks",
        "warm",
        "warmly",
    }
)


_NUMBER_WORDS = frozenset(
    {
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "dozen",
        "dozens",
        "double",
        "doubled",
        "tripled",
        "half",
    }
)


def states(material: str, name: str) -> bool:
    """Whether `material` names `name` as a whole word or phrase ("Java" is not stated by "JavaScript")."""
    return re.search(rf"(?<![\w+#]){re.escape(fold_spaces(name))}(?![\w+#])", fold_spaces(material)) is not None


def unsupported_facts(text: str, material: str) -> list[str]:
    """The facts in `text` that `material` (the user's persona, CV and knowledge base) does not state.

    A fact is a number (in digits or words), a skill or tool from the vocabulary, or a name (a capitalised word or
    run of them: an employer, a school, a product), each compared as a whole word. What a writer adds around facts
    ("with", "experience in") is not a fact.
    """
    folded = fold_spaces(material)
    stated = {fold_spaces(name) for name, _type in mentions(material)}  # "payment systems" states Payments
    numbers = set(_NUMBER.findall(material))
    words_stated = set(re.findall(r"[\w+#&-]+", folded))
    missing = [number for number in _NUMBER.findall(text) if number not in numbers]
    number_words_stated = _NUMBER_WORDS & set(re.findall(r"[a-z]+", folded))  # "six-layer" states six
    missing += [
        word for word in re.findall(r"[a-z]+", fold_spaces(text)) if word in _NUMBER_WORDS - number_words_stated
    ]
    missing += [
        name for name, _type in mentions(text) if fold_spaces(name) not in stated and not states(material, name)
    ]
    starts = {match.start(1) for match in _SENTENCE_START.finditer(text)}
    for match in _NAME.finditer(text):
        words = match.group(0).split()
        opener = words[0].casefold()
        if match.start() in starts and (
            opener in _OPENERS or opener in words_stated or re.fullmatch(r"[a-z]+(?:ed|ing|ly)", opener)
        ):
            words = words[1:]  # "Led ...", "Halved ..." open a sentence: a verb, no name
        # "At Acme I led": the pronoun ends a name rather than being part of it.
        for name in " ".join(words).split(" I "):
            name = name.removesuffix(" I").removeprefix("I ").strip().rstrip(".,;:")
            if name and name != "I" and not states(material, name):
                missing.append(name)
    return list(dict.fromkeys(missing))
