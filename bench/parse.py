"""Parsing accuracy and speed, as one table: on our labelled corpus, and on real CVs labelled by people.

    .venv/bin/python -m bench.parse            # every CV in corpus/cvs and corpus/dotin/train.jsonl
    .venv/bin/python -m bench.parse --by-file  # also a line per corpus CV, to find what went wrong

Accuracy: field-level precision, recall and F1, on corpus/ (corpus/scoring.py) and on the 310 real CVs of the
dotin training archive read as text uploads (corpus/dotin: sets of values per field). The reader's model learns
from those 310, so they are scored by 5-fold cross-validation: a model trained on four folds reads the fifth
(corpus.train_reader deals the folds; "lined F1": the 81 CVs that kept their line breaks). corpus/ is read with
the model that ships. Speed: two-page text PDFs read and parsed per CPU second (scans excluded, as OCR is another
matter), and the process's peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "personaforge.settings")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import Figure, write_json  # noqa: E402
from corpus import dotin, train_reader  # noqa: E402
from corpus.scoring import EDUCATION_FIELDS, WORK_FIELDS, Score, score_profile  # noqa: E402
from cvs.extract import extract  # noqa: E402
from cvs.parsing import tagger  # noqa: E402
from cvs.parsing.document import Line  # noqa: E402
from cvs.parsing.profile import build_profile  # noqa: E402

CORPUS = ROOT / "corpus"


def parse_file(path: Path) -> dict:
    return parse_bytes(path.read_bytes(), path.name)


def run(by_file: bool) -> Score:
    total = Score()
    for path in sorted((CORPUS / "cvs").iterdir()):
        expected = json.loads((CORPUS / "expected" / f"{path.stem}.json").read_text())
        score = score_profile(expected, parse_file(path))
        total.merge(score)
        if by_file:
            print(f"{path.name:32} F1 {score.prf()[2]:.3f}")
    return total


def run_dotin() -> tuple[Score, Score]:
    """The dotin training CVs, each read as the text upload of `/api/v1/cvs/` reads it by a model that did not
    learn from it: all of them, and those that kept their line breaks (the rest are one long line each, as the
    data set holds them). The folds are trained two at a time."""
    from concurrent.futures import ProcessPoolExecutor

    total, lined = Score(), Score()
    with ProcessPoolExecutor(max_workers=2) as pool:
        for fold_total, fold_lined in pool.map(_fold, range(train_reader.FOLDS)):
            total.merge(fold_total)
            lined.merge(fold_lined)
    return total, lined


def _fold(fold: int) -> tuple[Score, Score]:
    import tempfile

    cvs = list(dotin.training_cvs())
    total, lined = Score(), Score()
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "reader.crfsuite"
        train_reader.train([cv for i, cv in enumerate(cvs) if train_reader.fold_of(i) != fold], model)
        for i, cv in enumerate(cvs):
            if train_reader.fold_of(i) == fold:
                extracted = extract(cv.text.encode(), "cv.txt")
                score = dotin.score_cv(cv, build_profile(extracted.lines, model))
                total.merge(score)
                if cv.text.count("\n") > 5:
                    lined.merge(score)
    return total, lined


def parse_bytes(data: bytes, filename: str) -> dict:
    extracted = extract(data, filename)
    return extracted.profile or build_profile(extracted.lines)


# The dotin fields, and the corpus fields that say the same.
COMMON = {
    "name": ["name"],
    "email": ["email"],
    "location": ["location"],
    "position": ["work.position"],
    "company": ["work.name"],
    "institution": ["education.institution"],
    "degree": ["education.studyType", "education.area"],
    "graduation year": ["education.endDate"],
    "skills": ["skills"],
}


def two_pages(data: bytes) -> bytes:
    """The CV followed by itself: the two-page CV the speed target speaks of."""
    import io

    import pypdfium2

    source, doubled = pypdfium2.PdfDocument(data), pypdfium2.PdfDocument.new()
    doubled.import_pages(source)
    doubled.import_pages(source)
    out = io.BytesIO()
    doubled.save(out)
    return out.getvalue()


def speed() -> tuple[int, float, float]:
    """CPU seconds to read and parse each text PDF of the corpus made two pages long (scans excluded): as the
    reader reads them (the rules are sure of them all), and with the model reading every one as well, as it does
    a CV the rules are unsure of."""
    pdfs = [two_pages(p.read_bytes()) for p in sorted((CORPUS / "cvs").glob("*.pdf")) if "scanned" not in p.name]
    tagger.tag([Line("warm up")])  # load the model before the clock starts, as a worker has
    started = time.process_time()
    for data in pdfs:
        extracted = extract(data, "cv.pdf")
        build_profile(extracted.lines)
    ruled = time.process_time() - started
    started = time.process_time()
    for data in pdfs:
        extracted = extract(data, "cv.pdf")
        build_profile(extracted.lines)
        tagger.tagged_profile(tagger.tag(extracted.lines), extracted.lines)
    return len(pdfs), ruled, time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--by-file", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures to this file (see bench.figures)")
    args = parser.parse_args()
    total = run(args.by_file)
    real, lined = run_dotin()
    figures = []
    rows: list[tuple[str, list[str] | None]] = [(f, [f]) for f in ("name", "email", "phone", "location")]
    rows += [(f"work.{f}", [f"work.{f}"]) for f in WORK_FIELDS]
    rows += [(f"education.{f}", [f"education.{f}"]) for f in EDUCATION_FIELDS]
    rows += [("skills", ["skills"]), ("dates (work)", ["work.startDate", "work.endDate"]), ("overall", None)]
    print(f"\ncorpus/ (our own CVs)\n{'field':22} {'precision':>9} {'recall':>7} {'F1':>6}")
    for label, names in rows:
        p, r, f = total.prf(names)
        print(f"{label:22} {p:9.3f} {r:7.3f} {f:6.3f}")
        figures.append(Figure(f"parse: {label} F1", f, "F1", detail=names is not None))
    figures += [Figure("parse: overall precision", p, "precision"), Figure("parse: overall recall", r, "recall")]
    print("\nreal CVs: dotin training archive, 310 text CVs, 5-fold cross-validated")
    print(f"{'field':22} {'precision':>9} {'recall':>7} {'F1':>6} {'lined F1':>9} {'corpus F1':>10}")
    for label, names in [*((field, [field]) for field in dotin.FIELDS), ("overall (micro)", None)]:
        p, r, f = real.prf(names)
        corpus_f1 = total.prf(COMMON[label])[2] if names else total.prf()[2]
        print(f"{label:22} {p:9.3f} {r:7.3f} {f:6.3f} {lined.prf(names)[2]:9.3f} {corpus_f1:10.3f}")
        figures.append(Figure(f"parse, real CVs (dotin): {label} F1", f, "F1", detail=names is not None))
    count, seconds, with_model = speed()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{'two-page PDFs parsed':32} {count:>7}\n{'CPU seconds':32} {seconds:7.2f}")
    print(f"{'PDFs per second, 1 core':32} {count / seconds:7.1f}")
    print(f"{'... with the model on every one':32} {count / with_model:7.1f}\n{'peak memory (MB)':32} {peak_mb:7.0f}")
    figures += [
        Figure("parse: two-page PDFs per second, 1 core", count / seconds, "/s"),
        Figure("parse: two-page PDFs per second with the model, 1 core", count / with_model, "/s", detail=True),
        Figure("parse: peak memory", peak_mb, "MB"),
    ]
    if args.json:
        write_json(args.json, figures)


if __name__ == "__main__":
    main()
