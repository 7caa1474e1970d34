"""The labelled corpus (corpus/, 48 CVs) read end to end: accuracy must stay at the targets.

`python -m bench.parse --by-file` shows which CV lost points when this fails.
"""

import json
from pathlib import Path

import pytest

from corpus.scoring import Score, score_profile
from cvs.extract import extract
from cvs.parsing.profile import build_profile

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DERIVED = {"startDate", "endDate", "date", "countryCode", "releaseDate", "url", "network"}


@pytest.fixture(scope="module")
def parsed() -> list[tuple[Path, str, dict, dict]]:
    results = []
    for path in sorted((CORPUS / "cvs").iterdir()):
        extracted = extract(path.read_bytes(), path.name)
        profile = extracted.profile or build_profile(extracted.lines)
        truth = json.loads((CORPUS / "expected" / f"{path.stem}.json").read_text())
        results.append((path, extracted.text, profile, truth))
    return results


def test_the_corpus_is_what_the_issue_asks_for(parsed):
    names = [path.name for path, *_ in parsed]
    assert len(names) >= 40
    assert sum("-en." not in name for name in names) >= 5
    assert sum("scanned" in name for name in names) >= 3
    assert {name.rsplit(".", 1)[1] for name in names} >= {"pdf", "docx", "odt", "txt", "md", "json"}


def test_accuracy_meets_the_targets(parsed):
    total = Score()
    for _path, _text, profile, truth in parsed:
        total.merge(score_profile(truth, profile))
    assert total.prf()[2] >= 0.95
    assert total.prf(["work.startDate", "work.endDate"])[2] >= 0.93
    assert total.prf(["work.name"])[2] >= 0.93


def _strings(value, key=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, key)
    elif isinstance(value, str) and key not in DERIVED:
        yield key, value


def test_nothing_is_invented_every_value_stands_in_the_cv(parsed):
    for path, text, profile, _truth in parsed:
        if path.suffix == ".json":
            continue
        folded = " ".join(text.casefold().split())
        for key, value in _strings(profile):
            assert " ".join(value.casefold().split()) in folded, f"{path.name}: {key}={value!r} is not in the CV"
