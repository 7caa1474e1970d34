"""Converts the dotin résumé NER annotations into `train.jsonl`: one CV a line, its text and its labelled spans.

    python corpus/dotin/convert.py path/to/545_cvs_train_v2.zip

Each line: {"id": "10", "text": "...", "entities": [[start, end, "Designation"], ...]}, with `text[start:end]` the
labelled words. Only the training archive is converted; the set-aside test archive is never read here.
"""

from __future__ import annotations

import html
import json
import re
import sys
import zipfile
from pathlib import Path

LABEL = re.compile(r'<label type="([^"]+)">(.*?)</label>', re.S)
TAG = re.compile(r"</?label[^>]*>")


def convert(xml: str) -> tuple[str, list[list[int | str]]]:
    body = xml.split("<cv>", 1)[1].rsplit("</cv>", 1)[0]
    parts: list[str] = []
    spans: list[list[int | str]] = []
    at = cursor = 0
    for match in LABEL.finditer(body):
        before = html.unescape(body[cursor : match.start()])
        inner = html.unescape(TAG.sub("", match.group(2)))
        parts += [before, inner]
        at += len(before)
        spans.append([at, at + len(inner), match.group(1)])
        at += len(inner)
        cursor = match.end()
    parts.append(html.unescape(body[cursor:]))
    return "".join(parts), spans


def main(archive: Path) -> None:
    with zipfile.ZipFile(archive) as zipped:
        names = sorted((n for n in zipped.namelist() if n.endswith(".xml")), key=lambda n: int(Path(n).stem))
        rows = []
        for name in names:
            text, spans = convert(zipped.read(name).decode("utf-8"))
            rows.append({"id": Path(name).stem, "text": text, "entities": spans})
    out = Path(__file__).with_name("train.jsonl")
    out.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    print(f"{len(rows)} CVs written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
