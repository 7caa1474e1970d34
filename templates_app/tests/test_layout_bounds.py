"""What a user's template makes is laid out within bounds: too large, too many pages or too slow is refused with a
reason, before or during layout, and never holds a worker for minutes."""

import pytest

from templates_app import rendering
from templates_app.sandbox import TemplateRefused


def _page(body: str) -> str:
    return f"<!doctype html><html><head><title>CV</title></head><body>{body}</body></html>"


def test_a_cv_sized_document_is_laid_out_as_a_pdf():
    pdf = rendering.pdf_of([_page("<h1>Ada Lovelace</h1>" + "<p>Analytical engines.</p>" * 40)], trusted=False)
    assert pdf.startswith(b"%PDF")


def test_a_huge_table_is_refused_before_layout_starts():
    rows = "<tr><td>row</td></tr>" * 40_000
    with pytest.raises(TemplateRefused, match="HTML elements"):
        rendering.pdf_of([_page(f"<table>{rows}</table>")], trusted=False)


def test_a_million_words_are_refused_before_layout_starts():
    with pytest.raises(TemplateRefused, match="characters of text"):
        rendering.pdf_of([_page("<p>" + "word " * 1_000_000 + "</p>")], trusted=False)


def test_too_many_pages_are_refused(monkeypatch):
    monkeypatch.setattr(rendering, "MAX_LAYOUT_PAGES", 1)
    long = _page("".join(f"<p>Paragraph {n}</p>" for n in range(300)))
    with pytest.raises(TemplateRefused, match=r"makes \d+ pages; a document may have at most 1"):
        rendering.pdf_of([long], trusted=False)
    assert rendering.pdf_of([long], trusted=True).startswith(b"%PDF")  # our own templates are not bounded so


def test_a_layout_past_its_time_is_stopped(monkeypatch):
    monkeypatch.setattr(rendering, "MAX_LAYOUT_SECONDS", 0.05)
    table = "<table>" + "<tr><td>cell</td><td>cell</td></tr>" * 1_500 + "</table>"
    with pytest.raises(TemplateRefused, match=r"took longer than 0\.05 seconds"):
        rendering.pdf_of([_page(table)], trusted=False)


def test_an_answer_cut_off_by_a_killed_child_is_never_taken_for_a_document():
    from templates_app.sandbox import payload_of

    whole = b"+" + (9).to_bytes(8, "big") + b"%PDF-1.7\n"
    assert payload_of(whole) == b"%PDF-1.7\n"
    for cut in (whole[:-3], whole[:5], b""):
        with pytest.raises(TemplateRefused, match="more memory or time"):
            payload_of(cut)


def test_a_child_that_dies_is_reported_not_crashed_on():
    import os
    import signal

    from templates_app.sandbox import run_bounded

    with pytest.raises(TemplateRefused, match="more memory or time"):
        run_bounded(lambda: os.kill(os.getpid(), signal.SIGKILL) or b"", seconds=5, too_long="late")
