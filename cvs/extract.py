"""Read an uploaded CV into lines of text and a JSON Resume profile.

The format is told by the file's content, not its name. Every failure is an ExtractionError whose
message tells the user what to do about it.
"""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded

from cvs.parsing.document import Line, plain_text
from personaforge.core.json_text import has_lone_surrogate, has_nul

MAX_PDF_PAGES = 30
# A DOCX, ODT or LinkedIn export is a zip: refuse archives that would inflate far beyond any CV (zip bombs).
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000

# What reading a damaged zip can raise: a broken directory or checksum, a broken deflate stream, an unknown
# compression method or the encrypted flag (both one flipped bit away), a member cut short.
_ZIP_READ_ERRORS = (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError)

ACCEPTED_EXTENSIONS = (".pdf", ".docx", ".odt", ".txt", ".md", ".markdown", ".json", ".zip")


class ExtractionError(Exception):
    """The file cannot be read; str(error) is the message shown to the user."""


@dataclass
class Extracted:
    text: str
    lines: list[Line] = field(default_factory=list)
    # A structured profile, when the file already is one (JSON Resume, LinkedIn export).
    profile: dict[str, Any] = field(default_factory=dict)
    format: str = ""


def extract(data: bytes, filename: str) -> Extracted:
    if not data:
        raise ExtractionError("This file is empty.")
    if data.startswith(b"%PDF"):
        return _pdf(data)
    if data.startswith(b"PK\x03\x04"):
        return _zip(data)
    if filename.lower().endswith((".pdf", ".docx", ".odt", ".zip")):
        kind = filename.rsplit(".", 1)[-1].upper()
        raise ExtractionError(f"This file is named .{kind.lower()} but is not a real {kind} file.")
    text = _decode(data)
    if filename.lower().endswith(".json") or text.lstrip().startswith("{"):
        return _json_resume(text)
    from cvs.parsing.text import text_lines

    lines = text_lines(text)
    return Extracted(text=plain_text(lines), lines=lines, format="text")


def _pdf(data: bytes) -> Extracted:
    from cvs.parsing.ocr import ocr_available, ocr_lines
    from cvs.parsing.pdf import PasswordProtected, TooManyPages, pdf_lines

    try:
        lines = pdf_lines(data, max_pages=MAX_PDF_PAGES)
    except TooManyPages as error:
        raise ExtractionError(
            f"This PDF has {error.pages} pages; we read CVs of up to {MAX_PDF_PAGES} pages. Upload the CV on its own."
        ) from None
    except PasswordProtected:
        raise ExtractionError("This PDF is password-protected; export it again without a password.") from None
    except SoftTimeLimitExceeded:
        raise
    except Exception:
        raise ExtractionError("This PDF is damaged and cannot be read; export it again and re-upload.") from None
    if sum(len(line.text) for line in lines) >= 50:
        return Extracted(text=plain_text(lines), lines=lines, format="pdf")
    if not ocr_available():
        raise ExtractionError(
            "This PDF is a scanned image and text recognition (OCR) is not installed here. Upload a PDF with "
            "selectable text, or a Word or text version."
        )
    lines = ocr_lines(data)
    if not lines:
        raise ExtractionError(
            "We could not recognise any text in this scanned PDF; upload a clearer scan or a text version."
        )
    return Extracted(text=plain_text(lines), lines=lines, format="pdf-ocr")


def _zip(data: bytes) -> Extracted:
    from cvs.parsing.linkedin import is_linkedin_export, linkedin_profile
    from cvs.parsing.office import docx_lines, is_odt, odt_lines

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
                raise ExtractionError("This file unpacks to far more than any CV; it was not read.")
            names = set(archive.namelist())
            if is_linkedin_export(archive):
                profile = linkedin_profile(archive)
                return Extracted(text="\n".join(_flatten(profile)), profile=profile, format="linkedin")
    except (SoftTimeLimitExceeded, ExtractionError):
        raise
    except (csv.Error, ValueError, KeyError, AttributeError, TypeError):
        raise ExtractionError(
            "This LinkedIn export has files we cannot read; download it from LinkedIn again."
        ) from None
    except _ZIP_READ_ERRORS:
        raise ExtractionError("This file is damaged and cannot be read; save it again and re-upload.") from None
    try:
        if "word/document.xml" in names:
            lines, kind = docx_lines(data), "docx"
        elif is_odt(data):
            lines, kind = odt_lines(data), "odt"
        else:
            raise ExtractionError(
                "This zip file is not a Word or OpenDocument file, nor a LinkedIn data export; upload one of those."
            )
    except (SoftTimeLimitExceeded, ExtractionError):
        raise
    except Exception:
        raise ExtractionError("This document is damaged and cannot be read; save it again and re-upload.") from None
    if not lines:
        raise ExtractionError("This document is empty.")
    return Extracted(text=plain_text(lines), lines=lines, format=kind)


def _decode(data: bytes) -> str:
    if b"\x00" in data and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        raise ExtractionError("This file is not text; upload a PDF, Word, OpenDocument, Markdown or plain-text CV.")
    try:
        text = data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig")
    except UnicodeDecodeError:
        # Not UTF-8: most such CVs are in a Windows Western encoding, which decodes any byte.
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").strip()


@cache
def _schema_validator() -> Any:
    from jsonschema import Draft7Validator

    schema = json.loads((Path(__file__).parent / "data" / "jsonresume.schema.json").read_text())
    return Draft7Validator(schema)


def _json_resume(text: str) -> Extracted:
    try:
        resume = json.loads(text, parse_constant=_not_a_number, parse_float=_finite_number)
        nul, surrogate = has_nul(resume), has_lone_surrogate(resume)
    except json.JSONDecodeError as error:
        raise ExtractionError(
            f"This JSON file is malformed (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    except ValueError:  # an integer of more digits than Python will convert (4300)
        raise ExtractionError("This JSON file has a number thousands of digits long, which no CV needs.") from None
    except RecursionError:
        raise ExtractionError("This JSON file is nested far too deeply to be a CV.") from None
    if nul:
        raise ExtractionError("This JSON file contains null characters (\\u0000); save it again as plain JSON.")
    if surrogate:
        raise ExtractionError(
            "This JSON file contains a broken character (a lone \\ud800-style escape); save it again as UTF-8 JSON."
        )
    if not isinstance(resume, dict) or not ({"basics", "work", "education", "skills"} & resume.keys()):
        raise ExtractionError(
            "This JSON file is not a JSON Resume (it needs sections such as basics, work, education or skills)."
        )
    problem = schema_problem(resume)
    if problem:
        raise ExtractionError(problem)
    return Extracted(text="\n".join(_flatten(resume)), profile=resume, format="json-resume")


# JSON has no NaN or infinities; Python reads them anyway, and PostgreSQL refuses to store them.
def _not_a_number(constant: str) -> float:
    raise ExtractionError(f"This JSON file contains {constant}, which is not valid JSON; save it again as JSON.")


def _finite_number(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ExtractionError(f"This JSON file has a number too large to store ({text[:20]}).")
    return number


def schema_problem(resume: dict[str, Any]) -> str | None:
    """Where a JSON Resume breaks the schema, in words, or None when it follows it."""
    problem = next(iter(sorted(_schema_validator().iter_errors(resume), key=lambda e: list(e.path))), None)
    if problem is None:
        return None
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in problem.path).lstrip(".") or "the file"
    return f"This JSON Resume does not follow the schema at {_shortened(where)}: {_shortened(problem.message)}."


def _shortened(text: str, keep: int = 150) -> str:
    """The message quotes the offending value, which may be megabytes long: its start and end say enough."""
    return text if len(text) <= 2 * keep else f"{text[:keep]} … {text[-keep:]}"


def _flatten(value: object) -> list[str]:
    """The text values of a JSON document, in order, so structured CVs are searchable like any other."""
    if isinstance(value, dict):
        return [line for item in value.values() for line in _flatten(item)]
    if isinstance(value, list):
        return [line for item in value for line in _flatten(item)]
    if isinstance(value, str) and value.strip():
        return [value.strip()]
    return []
