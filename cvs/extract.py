"""Read the text out of an uploaded CV file.

Every failure is an ExtractionError whose message tells the user what to do about it.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field

MAX_PDF_PAGES = 30
# A DOCX is a zip: refuse archives that would inflate far beyond any real CV (zip bombs).
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000

ACCEPTED_EXTENSIONS = (".pdf", ".docx", ".txt", ".md", ".markdown", ".json")


class ExtractionError(Exception):
    """The file cannot be read; str(error) is the message shown to the user."""


@dataclass
class Extracted:
    text: str
    # A structured profile, when the file already is one (JSON Resume).
    profile: dict = field(default_factory=dict)


def extract(data: bytes, filename: str) -> Extracted:
    name = filename.lower()
    if data.startswith(b"%PDF"):
        return Extracted(_pdf_text(data))
    if data.startswith(b"PK\x03\x04"):
        return Extracted(_docx_text(data))
    if name.endswith(".json"):
        return _json_resume(data)
    if name.endswith((".pdf", ".docx")):
        raise ExtractionError(f"{filename} does not look like a real {name.rsplit('.', 1)[1].upper()} file.")
    return Extracted(_decode(data))


def _pdf_text(data: bytes) -> str:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages[:MAX_PDF_PAGES]]
    except PdfminerException as error:
        if isinstance(error.args[0] if error.args else None, PDFPasswordIncorrect):
            raise ExtractionError("This PDF is password-protected; export it again without a password.") from None
        raise ExtractionError("This PDF is damaged and cannot be read; export it again and re-upload.") from None
    except Exception:
        raise ExtractionError("This PDF is damaged and cannot be read; export it again and re-upload.") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise ExtractionError(
            "This PDF has no text we can read (it may be a scanned image). Upload a PDF with selectable text, "
            "or a DOCX or text version."
        )
    return text


def _docx_text(data: bytes) -> str:
    from docx2python import docx2python

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
                raise ExtractionError("This file unpacks to far more than any CV; it was not read.")
            if "word/document.xml" not in archive.namelist():
                raise ExtractionError("This zip file is not a Word document; upload a DOCX, PDF or text file.")
    except zipfile.BadZipFile:
        raise ExtractionError("This Word file is damaged and cannot be read; save it again and re-upload.") from None
    try:
        with docx2python(io.BytesIO(data)) as document:
            text = document.text
    except Exception:
        raise ExtractionError("This Word file is damaged and cannot be read; save it again and re-upload.") from None
    text = "\n".join(line.rstrip() for line in text.splitlines()).strip()
    if not text:
        raise ExtractionError("This Word document is empty.")
    return text


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ExtractionError("This file is not text; upload a PDF, DOCX, Markdown or plain-text CV.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ExtractionError("This file is empty.")
    return text


def _json_resume(data: bytes) -> Extracted:
    try:
        resume = json.loads(_decode(data))
    except json.JSONDecodeError as error:
        raise ExtractionError(
            f"This JSON file is malformed (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    if not isinstance(resume, dict) or not ({"basics", "work", "education", "skills"} & resume.keys()):
        raise ExtractionError(
            "This JSON file is not a JSON Resume (it needs sections such as basics, work, education or skills)."
        )
    return Extracted(text="\n".join(_flatten(resume)), profile=resume)


def _flatten(value: object) -> list[str]:
    """The text values of a JSON document, in order, so JSON CVs are searchable like any other."""
    if isinstance(value, dict):
        return [line for item in value.values() for line in _flatten(item)]
    if isinstance(value, list):
        return [line for item in value for line in _flatten(item)]
    if isinstance(value, str) and value.strip():
        return [value.strip()]
    return []
