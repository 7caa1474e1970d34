"""Every built-in template makes a designed PDF with every section of the persona as selectable text."""

import json
import shutil
import subprocess
from pathlib import Path

import pypdfium2
import pytest

from templates_app.config import clean_config
from templates_app.document import cv_document, letter_document
from templates_app.rendering import BUILTINS, clean_html, html_to_pdf, render_builtin, render_markdown

DEMO = Path(__file__).resolve().parents[2] / "personaforge" / "demo" / "alex-morgan.resume.json"


def _pdf_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def _context(slug: str, **options):
    data = json.loads(DEMO.read_text())
    document = cv_document(data=data, summary="Backend engineer with eight years of Python.", language="en")
    context = {**document, "config": clean_config(options, defaults=BUILTINS[slug].defaults)}
    return data, context


@pytest.mark.parametrize("slug", [slug for slug, b in BUILTINS.items() if b.type == "cv"])
def test_each_cv_template_holds_every_section_as_text(slug, artifacts_dir):
    data, context = _context(slug)
    pdf = html_to_pdf(render_builtin(f"{slug}.html", context))
    text = " ".join(_pdf_text(pdf).split())
    expected = [data["basics"]["name"], data["basics"]["email"], "Backend engineer with eight years of Python."]
    expected += [job["name"] for job in data["work"]] + [job["position"] for job in data["work"]]
    expected += [school["institution"] for school in data["education"]]
    expected += [word for group in data["skills"] for word in group["keywords"]]
    expected += ["Mar 2021 – Present"]
    missing = [value for value in expected if value not in text]
    missing += [h for h in ("Experience", "Education", "Skills") if h.casefold() not in text.casefold()]
    assert not missing, f"{slug} lost {missing}"
    metadata = pypdfium2.PdfDocument(pdf).get_metadata_dict()
    assert metadata["Author"] == "Alex Morgan" and metadata["Title"].startswith("Alex Morgan")
    # A picture for a reviewer: the first page of each template.
    (artifacts_dir / f"template-{slug}.pdf").write_bytes(pdf)
    if shutil.which("pdftoppm"):
        first_page = ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run(
            [*first_page, artifacts_dir / f"template-{slug}.pdf", artifacts_dir / f"template-{slug}"], check=True
        )


@pytest.mark.parametrize("slug", [slug for slug, b in BUILTINS.items() if b.type == "cover_letter"])
def test_each_letter_template_holds_the_letter(slug):
    _, context = _context(slug)
    body = "Hello Initech team,\n\nI moved reconciliation to streaming.\n\nKind regards,\nAlex Morgan"
    letter = letter_document(cv=context, body=body, job_title="Senior Python engineer", company="Initech", date="2 Dec")
    text = " ".join(_pdf_text(html_to_pdf(render_builtin(f"{slug}.html", letter))).split())
    assert "Hello Initech team," in text and "I moved reconciliation to streaming." in text
    assert "Senior Python engineer" in text and "alex.morgan@example.com" in text


def test_headings_and_dates_follow_the_language():
    data = json.loads(DEMO.read_text())
    german = cv_document(data=data, summary="", language="de")
    assert [s["title"] for s in german["sections"]][:3] == ["Berufserfahrung", "Ausbildung", "Kenntnisse"]
    assert german["sections"][0]["items"][0]["dates"] == "März 2021 – heute"
    french = cv_document(data=data, summary="", language="fr")
    assert french["sections"][0]["title"] == "Expérience professionnelle"
    assert cv_document(data=data, summary="", language="pl")["sections"][0]["title"] == "Experience"  # no words yet


def test_every_heading_we_write_is_one_our_parser_reads():
    from cvs.parsing.document import Line
    from cvs.parsing.sections import heading_section
    from templates_app.localise import HEADINGS

    for language, headings in HEADINGS.items():
        for key, text in headings.items():
            assert heading_section(Line(text=text)) == key, (language, text)


def test_options_are_cleaned_and_the_sections_chosen_come_in_order():
    config = clean_config(
        {
            "accent": "red;}</style><script>",
            "font": "comic",
            "page_size": "A3",
            "sections": ["skills", "work", "__class__"],
            "photo": "yes",
        }
    )
    assert config["accent"] == "#3451d1" and config["font"] == "inter" and config["page_size"] == "A4"
    assert config["sections"] == ["skills", "work"] and config["photo"] is False
    data = json.loads(DEMO.read_text())
    document = cv_document(data=data, summary="", language="en", order=config["sections"])
    assert [s["key"] for s in document["sections"]] == ["skills", "work"]


def test_the_markdown_holds_the_persona_and_user_html_is_cleaned():
    _, context = _context("classic")
    text = render_markdown(context)
    assert text.startswith("# Alex Morgan\n") and "## Experience" in text and "- Mentored four engineers" in text
    dirty = (
        '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">a</a><img src="http://x/t.png"></p>'
    )
    cleaned = clean_html(dirty)
    assert "script" not in cleaned and "onclick" not in cleaned and "javascript" not in cleaned


def test_a_letters_date_is_written_in_its_language():
    from datetime import date

    from templates_app.localise import long_date

    day = date(2026, 12, 2)
    assert [long_date(day, code) for code in ("en", "de", "fr", "es", "pl")] == [
        "2 December 2026",
        "2. Dezember 2026",
        "2 décembre 2026",
        "2 de diciembre de 2026",
        "2 December 2026",
    ]


def test_documents_may_load_our_fonts_and_nothing_else():
    from templates_app.rendering import FONTS_DIR, FetchRefused, _fonts_only_fetcher

    fetcher = _fonts_only_fetcher()
    fetcher.fetch(f"file://{FONTS_DIR.resolve()}/Inter-Regular.otf").close()
    for url in (
        f"file://{FONTS_DIR.resolve()}/..%2F..%2F..%2F..%2Fetc%2Fpasswd#.ttf",
        "file:///etc/passwd",
        f"file://{FONTS_DIR.resolve()}/../../manage.py",
        "http://127.0.0.1:9/x.ttf",
    ):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
