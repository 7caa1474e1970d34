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

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "personaforge.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import dotin
from cvs.parsing import tagger
from cvs.parsing.document import Line
from cvs.parsing.text import text_lines

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
    raw = [tagger.Token(m.group(), m.start(), m.end(), 0) for m in tagger._TOKEN.finditer(cv.text)]
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


def labelled_phrases(lines: list[Line], labels: list[str]) -> set[tuple[str, str]]:
    """(phrase, label) for each labelled span of at most LONGEST_PHRASE words."""
    found = tagger.tokens(lines)
    spans = tagger._spans(found, labels, [1.0] * len(found), "\n".join(line.text for line in lines))
    return {
        (" ".join(t.text.lower() for t in tagger.tokens([Line(span.text)])), span.label)
        for span in spans
        if len(tagger.tokens([Line(span.text)])) <= tagger.LONGEST_PHRASE
    }


def train(cvs: Iterable[dotin.LabelledCV], path: Path) -> None:
    """Each CV's phrase hints come from the other CVs' labels only, as they will for a CV the model has not
    seen; the model ships with the phrases of all of them."""
    import pycrfsuite

    examples = [example(cv) for cv in cvs]
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
