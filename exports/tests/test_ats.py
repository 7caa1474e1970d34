"""The ATS check: every built-in template, and the editable formats, read back by our own parser.

The personas are the labelled corpus's (corpus/expected, written for this project). A built-in template that
loses more than 2% of the fields an ATS looks for is a bug.
"""

import json
from pathlib import Path

import pytest

from exports.ats import ats_check
from exports.office import to_docx, to_odt
from templates_app.config import clean_config
from templates_app.document import cv_document
from templates_app.rendering import BUILTINS, html_to_pdf, render_builtin, render_markdown

PERSONAS = sorted((Path(__file__).resolve().parents[2] / "corpus" / "expected").glob("*.json"))[:10]
FORMATS = [slug for slug, b in BUILTINS.items() if b.type == "cv"] + ["docx", "odt", "markdown"]


def _export(data, form):
    document = cv_document(data=data, summary=str(data.get("basics", {}).get("summary") or ""), language="en")
    builtin = BUILTINS.get(form)
    context = {**document, "config": clean_config({}, defaults=builtin.defaults if builtin else {})}
    if form == "docx":
        return to_docx(context, title="CV"), "cv.docx", document
    if form == "odt":
        return to_odt(context, title="CV"), "cv.odt", document
    if form == "markdown":  # a Markdown export read back as an uploaded .md CV: the round trip
        return render_markdown(context).encode(), "cv.md", document
    return html_to_pdf(render_builtin(f"{form}.html", context)), "cv.pdf", document


@pytest.mark.parametrize("form", FORMATS)
def test_an_ats_reads_back_at_least_98_percent_of_each_template(form):
    assert len(PERSONAS) == 10
    read = total = 0
    for path in PERSONAS:
        data = json.loads(path.read_text())
        content, filename, document = _export(data, form)
        headings = [(section["key"], section["title"]) for section in document["sections"]]
        report = ats_check(content, filename, data=data, headings=headings)
        read, total = read + report["read"], total + report["total"]
        assert not [w for w in report["warnings"] if "pieces" in w or "pictures" in w], (path.stem, report["warnings"])
    assert total > 200 and read / total >= 0.98, f"{form}: {read}/{total}"


def test_what_is_lost_is_named():
    data = json.loads(PERSONAS[0].read_text())
    page = "<html><body><h1>Someone Else</h1><p>Nothing of the persona.</p></body></html>"
    report = ats_check(html_to_pdf(page), "cv.pdf", data=data, headings=[("work", "Experience")])
    assert report["read"] < report["total"] / 4
    assert any(w.startswith("Not read: Name") for w in report["warnings"])
    assert any("drawn as pictures" in w for w in report["warnings"])
    assert any("not read as headings: Experience" in w for w in report["warnings"])
    assert ats_check(b"%PDF-1.7 broken", "cv.pdf", data=data, headings=[])["warnings"][0].startswith("Our reader")
