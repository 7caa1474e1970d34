"""The learned part of the reader: a linear-chain CRF (python-crfsuite) that marks, word by word, which spans of a
CV's text name the person, a place, a job title, an employer, a school, a degree, a graduation year or a skill.

Rules stay where they are exact (emails, phones, links, dates, headings we know); the model decides what rules
guess at. Its features are what a reader sees: the word, its shape, its neighbours, the line it is on and the lines
around it (a heading, a date on it, which section it falls under), and whether our vocabularies or ESCO's know
it. It is trained by
`python -m corpus.train_reader` (data and figures: cvs/data/READER.md) and loads offline from cvs/data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from cvs.parsing.dates import find_date_range
from cvs.parsing.document import Line
from cvs.parsing.entries import is_bullet
from cvs.parsing.sections import heading_section
from cvs.parsing.titles import looks_like_degree, looks_like_organisation, looks_like_school

MODEL = Path(__file__).resolve().parent.parent / "data" / "reader.crfsuite"
# Beside it, the phrases its training data labels (lower-case words joined by spaces -> their labels): what a
# reader has seen before is a strong hint, which the model weighs with all the rest.
LONGEST_PHRASE = 4
ESCO_WORDS = MODEL.with_name("esco_words.tsv")
LABELS = ("NAME", "LOC", "TITLE", "ORG", "SCHOOL", "DEGREE", "YEAR", "SKILL")

# A word keeps its inner dots, pluses and hashes ("C++", "node.js", "B.Tech", "C#"); other marks are tokens.
TOKEN = re.compile(r"\w(?:[\w'’+#&]|[.\-/](?=\w))*[+#]*|[^\w\s]")
_EMAIL_OR_URL = re.compile(r"@|https?:|www\.", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_ISO_DATE = re.compile(r"(?:19|20)\d\d(?:-\d\d){0,2}")


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offsets in the document's plain text (its lines joined by newlines)
    end: int
    line: int


@dataclass(frozen=True)
class Span:
    label: str
    text: str
    start: int
    end: int
    line: int
    confidence: float  # the model's least sure word of the span, 0..1


def tokens(lines: list[Line]) -> list[Token]:
    found, offset = [], 0
    for number, line in enumerate(lines):
        found += [Token(m.group(), offset + m.start(), offset + m.end(), number) for m in TOKEN.finditer(line.text)]
        offset += len(line.text) + 1
    return found


@cache
def _vocabulary() -> dict[str, frozenset[str]]:
    """Lower-case words our lists know, by kind: skills and tools, job-title words, places, and the words of
    ESCO's occupation and skill names."""
    from cvs.knowledge import vocabulary_words
    from cvs.parsing.places import place_words
    from cvs.parsing.titles import title_words

    esco: dict[str, set[str]] = {"occupation": set(), "skill": set()}
    for row in ESCO_WORDS.read_text(encoding="utf-8").splitlines()[1:]:
        word, kinds = row.split("\t")
        for kind in kinds.split(","):
            esco[kind].add(word)
    return {
        "skill": vocabulary_words(),
        "title": title_words(),
        "place": place_words(),
        "esco.job": frozenset(esco["occupation"]),
        "esco.skill": frozenset(esco["skill"]),
    }


@lru_cache(maxsize=50_000)
def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]+", "A", re.sub(r"[a-z]+", "a", re.sub(r"\d+", "0", word)))
    return shape[:6]


@lru_cache(maxsize=50_000)  # bounded: a worker reads CV after CV, each with words of its own
def _word_features(word: str) -> tuple[str, ...]:
    lower = word.lower()
    vocabulary = _vocabulary()
    features = [f"w={lower}", f"sh={_shape(word)}", f"p3={lower[:3]}", f"s3={lower[-3:]}", f"n={min(len(word), 8)}"]
    if word.istitle():
        features.append("title")
    elif word.isupper() and len(word) > 1:
        features.append("upper")
    if _YEAR.fullmatch(word):
        features.append("year")
    features += [f"v.{kind}" for kind, words in vocabulary.items() if lower in words]
    if looks_like_organisation(word):
        features.append("v.org")
    if looks_like_school(word):
        features.append("v.school")
    if looks_like_degree(word):
        features.append("v.degree")
    return tuple(features)


_NEIGHBOURLY = {"heading", "ldate", "lmail", "lcomma", "lbullet", "lupper"}


def _line_features(line: Line, section: str, index: int) -> list[str]:
    text = line.text
    words = len(text.split())
    features = [
        f"sec={section}",
        f"ln={min(index, 6)}",
        f"lw={words if words < 5 else 5 if words < 8 else 8 if words < 14 else 14}",
    ]
    if heading_section(line):
        features.append("heading")
    if find_date_range(text):
        features.append("ldate")
    if _EMAIL_OR_URL.search(text):
        features.append("lmail")
    if "," in text:
        features.append("lcomma")
    if ":" in text:
        features.append("lcolon")
    if is_bullet(line):
        features.append("lbullet")
    if text.isupper():
        features.append("lupper")
    if line.bold:
        features.append("lbold")
    return features


Known = Callable[[str], Iterable[str]]


def features(lines: list[Line], found: list[Token], known: Known) -> list[list[str]]:
    """Each token's features: its own, its line's, its neighbours' words and shapes, and the labels of the
    known phrases it is part of."""
    section, per_line = "header", []
    for index, line in enumerate(lines):
        section = heading_section(line) or section
        per_line.append(_line_features(line, section, index))
    # What the lines above and below are like: a title over a company, a date under a job.
    around = [
        [
            f"{side}{feature}"
            for side, near in (("up.", n - 1), ("down.", n + 1))
            if 0 <= near < len(lines)
            for feature in per_line[near]
            if feature in _NEIGHBOURLY or feature.startswith("lw=")
        ]
        for n in range(len(lines))
    ]
    per_line = [own + near for own, near in zip(per_line, around, strict=True)]
    words = [token.text for token in found]
    lowers = [word.lower() for word in words]
    shapes = [_shape(word) for word in words]
    rows, at = [], 0
    for i, token in enumerate(found):
        row = list(_word_features(token.text)) + per_line[token.line]
        first = i == 0 or found[i - 1].line != token.line
        last = i + 1 == len(found) or found[i + 1].line != token.line
        at = 0 if first else at + 1  # the word's place on its line
        row.append("bol" if first else f"at={min(at, 4)}")
        if last:
            row.append("eol")
        for step in (-2, -1, 1, 2):
            j = i + step
            if 0 <= j < len(found):
                row.append(f"{step}w={lowers[j]}")
                if step in (-1, 1):
                    row.append(f"{step}sh={shapes[j]}")
                    row.append(f"{step}same={found[j].line == token.line}")
            else:
                row.append(f"{step}w=<edge>")
        row.append(f"w-1|w={lowers[i - 1] if i else '<edge>'}|{lowers[i]}")
        rows.append(row)
    for i in range(len(found)):
        for size in range(1, LONGEST_PHRASE + 1):
            if i + size > len(found) or found[i + size - 1].line != found[i].line:
                break
            for label in known(" ".join(lowers[i : i + size])):
                rows[i].append(f"g.{label}=B")
                for j in range(i + 1, i + size):
                    rows[j].append(f"g.{label}=I")
    return rows


def phrases_path(model: Path) -> Path:
    return model.with_name(f"{model.stem}-phrases.json")


@cache
def _model(path: Path) -> tuple[Any, dict[str, list[str]]] | None:
    """The CRF and the phrases it was trained with; None when the model file is missing."""
    import pycrfsuite

    if not path.exists():
        return None
    crf = pycrfsuite.Tagger()
    crf.open(str(path))
    phrases = json.loads(phrases_path(path).read_text()) if phrases_path(path).exists() else {}
    return crf, phrases


def tag(lines: list[Line], model: Path = MODEL) -> list[Span]:
    """The spans the model finds in a document's first MAX_CHARACTERS, in reading order; none when there is no
    model."""
    loaded = _model(model)
    lines = _first(lines)
    found = tokens(lines)
    if loaded is None or not found:
        return []
    crf, phrases = loaded
    labels = crf.tag(features(lines, found, lambda phrase: phrases.get(phrase, ())))
    sure = [crf.marginal(label, i) for i, label in enumerate(labels)]
    text = "\n".join(line.text for line in lines)
    return list(spans_of(found, labels, sure, text))


MAX_CHARACTERS = 80_000  # some 25 pages: a CV's facts are at its start, and a huge text must not cost the worker


def _first(lines: list[Line]) -> list[Line]:
    total = 0
    for count, line in enumerate(lines):
        total += len(line.text) + 1
        if total > MAX_CHARACTERS:
            return lines[:count]
    return lines


def spans_of(found: list[Token], labels: list[str], sure: list[float], text: str) -> Iterable[Span]:
    """Runs of B-X I-X... on one line, as spans of the text."""
    start: int | None = None
    for i in range(len(found) + 1):
        label = labels[i] if i < len(found) else "O"
        if start is not None and not (label == f"I-{labels[start][2:]}" and found[i].line == found[start].line):
            first, last = found[start], found[i - 1]
            value = text[first.start : last.end]
            yield Span(labels[start][2:], value, first.start, last.end, first.line, min(sure[start:i]))
            start = None
        if label != "O" and start is None:
            start = i


def tagged_profile(spans: list[Span], lines: list[Line]) -> dict[str, Any]:
    """A JSON Resume profile of what the model found, with its confidence in each value (meta.confidence, by
    path). The first name and place are the person's, a title above the first heading their headline; titles,
    employers and places group into jobs, schools, degrees and years into studies, in the order they come, each
    dated by a date range on its line or the next."""
    basics: dict[str, Any] = {}
    work: list[dict[str, str]] = []
    education: list[dict[str, str]] = []
    skills: dict[str, float] = {}
    sure: dict[str, float] = {}
    last: list[dict[str, str]] | None = None  # the entries a place beside them belongs to
    started = 0  # the line the last entry began on: one entry is a few lines at most
    marked_work: list[set[str]] = []  # the keys of each entry the model marked (not dates read off its line)
    marked_education: list[set[str]] = []
    fields = {"TITLE": ("position", work), "ORG": ("name", work), "SCHOOL": ("institution", education)}
    fields |= {"DEGREE": ("studyType", education), "YEAR": ("endDate", education)}
    first_heading = next((n for n, line in enumerate(lines) if heading_section(line)), len(lines))
    first_org = min((span.line for span in spans if span.label == "ORG"), default=len(lines))
    for span in spans:
        value = span.text.strip(" ,;:-–|()")
        if not value:
            continue
        if span.label == "NAME" and "name" not in basics and len(value.split()) > 1:  # not "Hello", nor a first name
            basics["name"], sure["basics.name"] = value, span.confidence
        elif span.label == "SKILL":
            skills[value] = min(skills.get(value, 1.0), span.confidence)
        elif span.label == "TITLE" and span.line < min(first_heading, first_org) and "label" not in basics:
            basics["label"], sure["basics.label"] = value, span.confidence
        elif span.label == "LOC":
            if last and "location" not in last[-1]:
                last[-1]["location"] = value
                sure[f"{'work' if last is work else 'education'}.{len(last) - 1}.location"] = span.confidence
            elif "location" not in basics:
                basics["location"], sure["basics.location"] = {"city": value}, span.confidence
        elif span.label in fields:
            key, entries = fields[span.label]
            marked = marked_work if entries is work else marked_education
            if not entries or key in marked[-1] or span.line - started > 2:
                entries.append({})
                marked.append(set())
                started = span.line
                _date(entries[-1], lines, span.line, single_is_end=entries is education)
            entries[-1][key] = value  # a year the model marks beats a date read off the line
            marked[-1].add(key)
            sure[f"{'work' if entries is work else 'education'}.{len(entries) - 1}.{key}"] = span.confidence
            last = entries
    profile: dict[str, Any] = {"basics": basics} if basics else {}
    if work:
        profile["work"] = work
    if education:
        profile["education"] = [_dated_by_year(entry) for entry in education]
    if skills:
        profile["skills"] = [{"name": skill} for skill in skills]
        sure |= {f"skills.{n}": confidence for n, confidence in enumerate(skills.values())}
    if profile:
        profile["meta"] = {"confidence": {path: round(value, 2) for path, value in sure.items()}}
    return profile


def _date(entry: dict[str, str], lines: list[Line], number: int, *, single_is_end: bool) -> None:
    """The date range on the entry's first line, or on the next when that line is a date and nothing more. A
    single date of a study is when it ended."""
    for line in lines[number : number + 2]:
        found = find_date_range(line.text)
        if found and (line is lines[number] or len(line.text) - (found.span[1] - found.span[0]) < 4):
            if single_is_end and not found.end and not found.is_current:
                entry["endDate"] = found.start
                return
            entry["startDate"] = found.start
            if found.end:
                entry["endDate"] = found.end
            return


def _dated_by_year(entry: dict[str, str]) -> dict[str, str]:
    """A graduation 'year' the model marked may be a range ("2013 - 2017"): it ended in its last year."""
    written = entry.get("endDate", "")
    if _ISO_DATE.fullmatch(written):
        return entry
    years = _YEAR.findall(written)
    if years:
        entry["endDate"] = years[-1]
    elif "endDate" in entry:
        del entry["endDate"]
    return entry
