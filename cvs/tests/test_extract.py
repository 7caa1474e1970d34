"""Reading text out of real files, and clear errors for bad ones."""

import io
import json
import zipfile

import pytest
from weasyprint import HTML

from cvs.extract import ExtractionError, extract


def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
            'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
            'main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def test_it_reads_a_pdf_with_a_text_layer():
    pdf = HTML(string="<h1>Jane Doe</h1><p>Senior Python developer at Acme</p>").write_pdf()
    text = extract(pdf, "cv.pdf").text
    assert "Jane Doe" in text and "Senior Python developer at Acme" in text


def test_a_damaged_pdf_gets_an_error_the_user_can_act_on():
    with pytest.raises(ExtractionError, match="damaged"):
        extract(b"%PDF-1.7\n this is not really a pdf", "cv.pdf")


def test_an_image_only_pdf_without_ocr_installed_says_so(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # no tesseract on this "machine"
    pdf = HTML(string="<div style='width:10px;height:10px;background:#000'></div>").write_pdf()
    with pytest.raises(ExtractionError, match="scanned image and text recognition"):
        extract(pdf, "scan.pdf")


def test_an_image_only_pdf_with_nothing_to_recognise_says_so():
    pdf = HTML(string="<div style='width:10px;height:10px;background:#000'></div>").write_pdf()
    with pytest.raises(ExtractionError, match="could not recognise any text"):
        extract(pdf, "scan.pdf")


def test_it_reads_a_docx():
    text = extract(_docx(["Jane Doe", "Data consultant"]), "cv.docx").text
    assert "Jane Doe" in text and "Data consultant" in text


def test_a_zip_bomb_is_refused_without_unpacking_it():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(ExtractionError, match="unpacks to far more"):
        extract(buffer.getvalue(), "cv.docx")


def test_a_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ExtractionError, match="not a Word or OpenDocument file"):
        extract(buffer.getvalue(), "cv.docx")


def test_a_file_named_pdf_that_is_not_one_is_refused():
    with pytest.raises(ExtractionError, match=r"is named \.pdf but is not a real PDF"):
        extract(b"hello", "cv.pdf")


def test_it_reads_text_in_utf8_and_windows_encodings():
    assert extract("Zoë Müller\nDéveloppeuse".encode(), "cv.md").text == "Zoë Müller\nDéveloppeuse"
    assert extract("Zoë Müller".encode("cp1252"), "cv.txt").text == "Zoë Müller"


def test_binary_junk_is_not_taken_for_text():
    with pytest.raises(ExtractionError, match="not text"):
        extract(b"\x00\x01\x02binary", "cv.txt")


def test_a_json_resume_keeps_its_structure_and_becomes_searchable_text():
    resume = {
        "basics": {"name": "Jane Doe", "label": "Engineer"},
        "skills": [{"name": "Python", "keywords": ["Django"]}],
    }
    extracted = extract(json.dumps(resume).encode(), "resume.json")
    assert extracted.profile == resume
    assert extracted.text.split("\n") == ["Jane Doe", "Engineer", "Python", "Django"]


def test_malformed_json_says_where():
    with pytest.raises(ExtractionError, match="line 1, column"):
        extract(b'{"basics": ', "resume.json")


def test_json_that_is_not_a_resume_is_refused():
    with pytest.raises(ExtractionError, match="not a JSON Resume"):
        extract(b'{"hello": "world"}', "data.json")


def _pdf(html: str = "<h1>Jane Doe</h1><p>Senior Python developer at Acme Ltd</p>") -> bytes:
    return HTML(string=html).write_pdf()


def test_an_encrypted_pdf_asks_for_an_unprotected_copy():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(ExtractionError, match="password-protected"):
        extract(locked.getvalue(), "cv.pdf")


def test_a_truncated_pdf_is_called_damaged():
    data = _pdf()
    with pytest.raises(ExtractionError, match="damaged"):
        extract(data[: len(data) // 3], "cv.pdf")


def test_a_300_page_pdf_is_refused_by_its_page_count():
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(300):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ExtractionError, match="300 pages"):
        extract(out.getvalue(), "thesis.pdf")


def test_a_file_is_read_by_its_content_whatever_its_name_says():
    text = extract(_pdf(), "cv.docx").text
    assert "Senior Python developer" in text


def test_a_json_resume_that_breaks_the_schema_says_where():
    resume = {"basics": {"name": "Jane"}, "work": [{"name": "Acme", "startDate": "last spring"}]}
    with pytest.raises(ExtractionError, match=r"schema at work\[0\]\.startDate"):
        extract(json.dumps(resume).encode(), "resume.json")


def test_utf16_text_with_a_byte_order_mark_is_read():
    assert extract("Zoë Müller\nData engineer".encode("utf-16"), "cv.txt").text == "Zoë Müller\nData engineer"


def test_it_reads_an_odt_with_its_headings_and_lists():
    from odf.opendocument import OpenDocumentText
    from odf.text import H, List, ListItem, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Jane Doe"))
    document.text.addElement(H(outlinelevel=2, text="Experience"))
    document.text.addElement(P(text="Data engineer, Lumen GmbH, Jan 2020 – Present"))
    bullets = List()
    item = ListItem()
    item.addElement(P(text="Built the ingestion pipeline"))
    bullets.addElement(item)
    document.text.addElement(bullets)
    out = io.BytesIO()
    document.write(out)
    extracted = extract(out.getvalue(), "cv.odt")
    assert [line.text for line in extracted.lines] == [
        "Jane Doe",
        "Experience",
        "Data engineer, Lumen GmbH, Jan 2020 – Present",
        "• Built the ingestion pipeline",
    ]
    assert extracted.lines[1].heading


def test_it_reads_a_docx_text_box_and_page_header():
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "jane@example.com | +44 20 7946 0018"
    document.add_paragraph("Jane Doe")
    out = io.BytesIO()
    document.save(out)
    text = extract(out.getvalue(), "cv.docx").text
    assert text.splitlines()[0] == "jane@example.com | +44 20 7946 0018"
    assert "Jane Doe" in text


def test_it_reads_a_linkedin_data_export():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "Profile.csv", "First Name,Last Name,Headline,Summary,Geo Location\nJane,Doe,Data engineer,,Berlin\n"
        )
        archive.writestr(
            "Positions.csv",
            "Company Name,Title,Description,Location,Started On,Finished On\n"
            "Lumen GmbH,Data engineer,Pipelines,Berlin,Jan 2020,\nAcme Ltd,Analyst,,London,Mar 2017,Dec 2019\n",
        )
        archive.writestr("Skills.csv", "Name\nPython\nSQL\n")
        archive.writestr("Languages.csv", "Name,Proficiency\nGerman,Native or bilingual proficiency\n")
    profile = extract(buffer.getvalue(), "Basic_LinkedInDataExport.zip").profile
    assert profile["basics"]["name"] == "Jane Doe"
    assert profile["work"][0] == {
        "name": "Lumen GmbH",
        "position": "Data engineer",
        "location": "Berlin",
        "summary": "Pipelines",
        "startDate": "2020-01",
    }
    assert profile["work"][1]["endDate"] == "2019-12"
    assert profile["skills"] == [{"name": "Python"}, {"name": "SQL"}]
    assert profile["languages"][0]["language"] == "German"


def test_an_empty_file_is_refused():
    with pytest.raises(ExtractionError, match="empty"):
        extract(b"", "cv.txt")


def test_a_nul_deep_in_a_text_file_and_a_broken_linkedin_export_are_explained():
    with pytest.raises(ExtractionError, match="not text"):
        extract(b"Jane Doe\n" * 1000 + b"\x00", "cv.txt")
    with pytest.raises(ExtractionError, match="null characters"):
        extract(b'{"basics": {"name": "Jane\\u0000"}}', "cv.json")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Profile.csv", "First Name,Last Name\nJane\n")  # a short row
        archive.writestr("Positions.csv", "Company Name,Title\n" + "x" * 200_000 + ",y\n")  # a field over csv's limit
    with pytest.raises(ExtractionError, match="LinkedIn export"):
        extract(buffer.getvalue(), "export.zip")


def test_a_word_cv_written_with_soft_line_breaks_reads_as_its_lines():
    """Shift+Enter starts a new line inside one paragraph; many real Word CVs are a few such paragraphs."""
    import docx

    from cvs.parsing.profile import build_profile

    document = docx.Document()
    paragraph = document.add_paragraph()
    lines = [
        "Jane Doe",
        "jane@example.com",
        "Experience",
        "Data engineer, Lumen GmbH, Jan 2020 – Present",
        "Education",
        "BSc Computer Science, University of Leeds, 2015 – 2018",
    ]
    for number, text in enumerate(lines):
        run = paragraph.add_run(text)
        if number < len(lines) - 1:
            run.add_break()  # <w:br/>
    out = io.BytesIO()
    document.save(out)
    extracted = extract(out.getvalue(), "cv.docx")
    assert [line.text for line in extracted.lines] == lines
    profile = build_profile(extracted.lines)
    assert profile["basics"]["name"] == "Jane Doe"
    assert profile["work"][0]["name"] == "Lumen GmbH" and profile["work"][0]["position"] == "Data engineer"
    assert profile["education"][0]["institution"] == "University of Leeds"


def test_a_word_cv_laid_out_in_a_table_reads_row_by_row():
    import docx

    document = docx.Document()
    document.add_paragraph("Jane Doe")
    document.add_paragraph("Experience")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Jan 2020 – Present", "Data engineer, Lumen GmbH"
    table.cell(1, 0).text, table.cell(1, 1).text = "Mar 2017 – Dec 2019", "Analyst, Acme Ltd"
    table.cell(1, 1).add_paragraph("Built the reporting pipeline")
    out = io.BytesIO()
    document.save(out)
    lines = [line.text for line in extract(out.getvalue(), "cv.docx").lines]
    assert lines == [
        "Jane Doe",
        "Experience",
        "Jan 2020 – Present\tData engineer, Lumen GmbH",
        "Mar 2017 – Dec 2019\tAnalyst, Acme Ltd",
        "Built the reporting pipeline",
    ]


def test_an_opendocument_cv_written_with_line_breaks_reads_as_its_lines():
    from odf.opendocument import OpenDocumentText
    from odf.text import LineBreak, P

    document = OpenDocumentText()
    paragraph = P(text="Jane Doe")
    for text in ("jane@example.com", "Experience", "Data engineer, Lumen GmbH, Jan 2020 – Present"):
        paragraph.addElement(LineBreak())
        paragraph.addText(text)
    document.text.addElement(paragraph)
    out = io.BytesIO()
    document.save(out)
    lines = [line.text for line in extract(out.getvalue(), "cv.odt").lines]
    assert lines == ["Jane Doe", "jane@example.com", "Experience", "Data engineer, Lumen GmbH, Jan 2020 – Present"]
