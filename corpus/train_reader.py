"""Train the learned reader (cvs/parsing/tagger.py) on real labelled CVs; one command, the same model every time.

    .venv/bin/python -m corpus.train_reader     # writes cvs/data/reader.crfsuite

The data: the dotin training archive (corpus/dotin, CC0), 310 real CVs labelled by people. Each CV is read as a
text upload is (cvs.parsing.text), and its labels are carried over to the words the reader sees. L-BFGS with
fixed settings and a fixed order of CVs makes training deterministic. The held-out dotin archive is never read.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "personaforge.settings")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import dotin  # noqa: E402
from cvs.parsing import tagger  # noqa: E402
from cvs.parsing.document import Line  # noqa: E402
from cvs.parsing.text import text_lines  # noqa: E402

# The dotin labels, as the tagger's. Emails are read by rules; years of experience have no field of ours.
DOTIN_LABELS = {
    "Name": "NAME",
    "Location": "LOC",
    "Designation": "TITLE",
    "Companies worked at": "ORG",
    "College Name": "SCHOOL",
    "Degree": "DEGREE",
    "Graduation Year": "YEAR",
    "Tech Tools": "SKILL",
    "Job Specific Skills": "SKILL",
    "Soft Skills": "SKILL",
}
SETTINGS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
FOLDS = 5


def fold_of(index: int) -> int:
    """CVs are dealt to folds in the archive's order, as cards are dealt."""
    return index % FOLDS


def example(cv: dotin.LabelledCV) -> tuple[list[Line], list[str]]:
    """The lines the reader sees for a CV, and a BIO label for each of their tokens."""
    raw = [tagger.Token(m.group(), m.start(), m.end(), 0) for m in tagger.TOKEN.finditer(cv.text)]
    raw_labels = ["O"] * len(raw)
    for start, end, name in sorted(cv.entities):
        label = DOTIN_LABELS.get(name)
        inside = [i for i, token in enumerate(raw) if token.start < end and token.end > start]
        for position, i in enumerate(inside if label else []):
            raw_labels[i] = f"{'B' if position == 0 else 'I'}-{label}"
    lines = text_lines(cv.text)
    seen = tagger.tokens(lines)
    labels = ["O"] * len(seen)
    matcher = SequenceMatcher(None, [t.text for t in raw], [t.text for t in seen], autojunk=False)
    for block in matcher.get_matching_blocks():
        labels[block.b : block.b + block.size] = raw_labels[block.a : block.a + block.size]
    return lines, labels


def corpus_examples() -> list[tuple[list[Line], list[str]]]:
    """Our own corpus (corpus/cvs, scans and JSON Resumes aside): layouts and languages the real CVs lack. Its
    truth is a profile, not spans, so each value is labelled wherever its words stand in the CV as read, a date
    only on the line of its study."""
    from cvs.extract import extract

    examples = []
    for path in sorted((ROOT / "corpus" / "cvs").iterdir()):
        if path.suffix == ".json" or "scanned" in path.name:
            continue
        lines = extract(path.read_bytes(), path.name).lines
        truth = json.loads((ROOT / "corpus" / "expected" / f"{path.stem}.json").read_text())
        examples.append((lines, _projected(lines, truth)))
    return examples


def _projected(lines: list[Line], truth: dict[str, Any]) -> list[str]:
    found = tagger.tokens(lines)
    words = [token.text.lower() for token in found]
    labels = ["O"] * len(found)

    def mark(value: Any, label: str, *, once: bool = False, on_lines: set[int] | None = None) -> set[int]:
        phrase = [token.text.lower() for token in tagger.tokens([Line(str(value or ""))])]
        marked: set[int] = set()
        for i in range(len(words) - len(phrase) + 1 if phrase else 0):
            inside = range(i, i + len(phrase))
            if words[i : i + len(phrase)] != phrase or any(labels[j] != "O" for j in inside):
                continue
            if len({found[j].line for j in inside}) > 1 or (on_lines is not None and found[i].line not in on_lines):
                continue
            labels[i : i + len(phrase)] = [f"B-{label}"] + [f"I-{label}"] * (len(phrase) - 1)
            marked.add(found[i].line)
            if once:
                break
        return marked

    basics = truth.get("basics") or {}
    mark(basics.get("name"), "NAME", once=True)
    mark((basics.get("location") or {}).get("city"), "LOC")
    for job in truth.get("work") or []:
        mark(job.get("position"), "TITLE")
        mark(job.get("name"), "ORG")
        mark(job.get("location"), "LOC")
    for study in truth.get("education") or []:
        degree = " ".join(filter(None, (study.get("studyType"), study.get("area"))))
        at = mark(study.get("institution"), "SCHOOL") | (
            mark(degree, "DEGREE") or mark(study.get("studyType"), "DEGREE")
        )
        mark(str(study.get("endDate") or "")[:4], "YEAR", on_lines=at | {line + 1 for line in at})
    for group in truth.get("skills") or []:
        for skill in group.get("keywords") or [group.get("name")]:
            mark(skill, "SKILL")
    return labels


def labelled_phrases(lines: list[Line], labels: list[str]) -> set[tuple[str, str]]:
    """(phrase, label) for each labelled span of at most LONGEST_PHRASE words."""
    found = tagger.tokens(lines)
    spans = tagger.spans_of(found, labels, [1.0] * len(found), "\n".join(line.text for line in lines))
    phrases = [([t.text.lower() for t in tagger.tokens([Line(span.text)])], span.label) for span in spans]
    return {(" ".join(words), label) for words, label in phrases if len(words) <= tagger.LONGEST_PHRASE}


def train(cvs: Iterable[dotin.LabelledCV], path: Path, *, ours: bool = True) -> None:
    """Train on the real CVs and (ours) our corpus. Each CV's phrase hints come from the other CVs' labels only,
    as they will for a CV the model has not seen; the model ships with the phrases of all of them."""
    import pycrfsuite

    examples = [example(cv) for cv in cvs] + (corpus_examples() if ours else [])
    own = [labelled_phrases(lines, labels) for lines, labels in examples]
    counts = Counter(pair for pairs in own for pair in pairs)
    labels_of: dict[str, list[str]] = {}
    for phrase, label in sorted(counts):  # sorted: a set's order changes from run to run, and so would the model
        labels_of.setdefault(phrase, []).append(label)
    trainer = pycrfsuite.Trainer(verbose=False)
    for (lines, labels), mine in zip(examples, own, strict=True):

        def known(phrase: str, mine: set[tuple[str, str]] = mine) -> list[str]:
            return [label for label in labels_of.get(phrase, ()) if counts[phrase, label] > ((phrase, label) in mine)]

        if labels:
            trainer.append(tagger.features(lines, tagger.tokens(lines), known), labels)
    trainer.set_params(SETTINGS)
    trainer.train(str(path))
    phrases = dict(sorted(labels_of.items()))
    tagger.phrases_path(path).write_text(json.dumps(phrases, ensure_ascii=False, separators=(",", ":")) + "\n")


def main() -> None:
    train(dotin.training_cvs(), tagger.MODEL)
    print(f"wrote {tagger.MODEL.relative_to(Path.cwd()) if tagger.MODEL.is_relative_to(Path.cwd()) else tagger.MODEL}")


if __name__ == "__main__":
    main()
