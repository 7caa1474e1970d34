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
