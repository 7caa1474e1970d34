"""Lines from a PDF in reading order: columns found from word positions, headings from fonts.

Every text extractor tried reads two-column CVs row by row, interleaving the columns. We find the
gutter between columns from the words' x positions and read each column top to bottom instead.
Characters, their boxes and fonts come from PDFium (pypdfium2), several times faster than pdfminer.
"""

from __future__ import annotations

import ctypes
import itertools
from collections.abc import Iterable
from statistics import median
from typing import Any

from cvs.parsing.document import Line, join_hyphenated

MAX_PAGES = 30
_BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi")
# A gap wider than this many times the font size splits a row into cells (e.g. company ... dates).
_CELL_GAP = 1.5


class PasswordProtected(Exception):
    pass


class TooManyPages(Exception):
    def __init__(self, pages: int) -> None:
        super().__init__(f"{pages} pages")
        self.pages = pages


def pdf_lines(data: bytes, max_pages: int = MAX_PAGES) -> list[Line]:
    """The lines of a PDF in reading order; TooManyPages beyond max_pages, before reading any.

    Raises PasswordProtected for an encrypted PDF, and pypdfium2.PdfiumError for a damaged one.
    """
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if error.err_code == pypdfium2.raw.FPDF_ERR_PASSWORD:
            raise PasswordProtected from None
        raise
    try:
        if len(pdf) > max_pages:
            raise TooManyPages(len(pdf))
        lines: list[Line] = []
        for page in pdf:
            words = _words(page)
            lines.extend(_page_lines(words, float(page.get_width())))
    finally:
        pdf.close()
    return join_hyphenated([line for line in lines if line.text])


def _words(page: Any) -> list[dict[str, Any]]:
    """Characters grouped into words: split at spaces, line breaks and visible gaps."""
    import pypdfium2.raw as pdfium

    height = float(page.get_height())
    text_page = page.get_textpage()
    name_buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    words: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    count = text_page.count_chars()
    for index in range(count):
        code = pdfium.FPDFText_GetUnicode(text_page, index)
        if 0xD800 <= code <= 0xDFFF:
            # A letter beyond the BMP (𝒜, an emoji) comes as two UTF-16 halves, which PostgreSQL cannot store
            # apart: the first half reads the pair; a second half, or half a pair, is skipped.
            low = pdfium.FPDFText_GetUnicode(text_page, index + 1) if index + 1 < count else 0
            if code >= 0xDC00 or not 0xDC00 <= low <= 0xDFFF:
                continue
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        char = "-" if code == 2 else chr(code)  # 2: a hyphen PDFium marks as breaking a word at a line end
        if char.isspace() or code in (0, 0xFFFE):
            current = None
            continue
        left, bottom, right, top = text_page.get_charbox(index, loose=True)  # font-high boxes, as a row is
        size = pdfium.FPDFText_GetFontSize(text_page, index)
        length = pdfium.FPDFText_GetFontInfo(text_page, index, name_buffer, 128, ctypes.byref(flags))
        font = name_buffer.value[: max(0, length - 1)].decode("latin-1", "replace")
        if pdfium.FPDFText_GetFontWeight(text_page, index) >= 600:
            font += "-Bold"
        top_y = height - top
        if (
            current is not None
            and abs(current["bottom"] - (height - bottom)) < 0.5 * size
            and -0.5 < left - current["x1"] < 0.15 * size
        ):
            current["text"] += char
            current["x1"] = max(current["x1"], right)
            current["top"] = min(current["top"], top_y)
            continue
        current = {
            "text": char,
            "x0": left,
            "x1": right,
            "top": top_y,
            "bottom": height - bottom,
            "size": size,
            "fontname": font,
        }
        words.append(current)
    text_page.close()
    return words


def _page_lines(words: list[dict[str, Any]], width: float) -> list[Line]:
    rows = _rows(words)
    # A name or headline may span the page above two columns: look for the gutter below it.
    for header_rows in range(min(6, len(rows) // 4) + 1):
        body = [w for row in rows[header_rows:] for w in row]
        gutter = _find_gutter(body, width)
        if gutter is not None:
            left = [w for w in body if w["x1"] <= gutter[0] + 1]
            right = [w for w in body if w["x1"] > gutter[0] + 1]
            return [_row_line(row) for row in rows[:header_rows]] + _lines(left) + _lines(right)
    return [_row_line(row) for row in rows]


def _find_gutter(words: list[dict[str, Any]], width: float) -> tuple[float, float] | None:
    """The widest vertical strip in the middle of the page that no word crosses, if both sides hold text."""
    if not words:
        return None
    step = 2.0
    positions = [x * step for x in range(int(width * 0.2 / step), int(width * 0.8 / step))]
    spans = [(w["x0"], w["x1"]) for w in words]
    free = [x for x in positions if not any(x0 < x < x1 for x0, x1 in spans)]
    best: tuple[float, float] | None = None
    for run in _runs(free, step):
        if best is None or run[1] - run[0] > best[1] - best[0]:
            best = run
    if best is None or best[1] - best[0] < 8:
        return None
    left = [w for w in words if w["x1"] <= best[0] + 1]
    right = [w for w in words if w["x0"] >= best[1] - 1]
    left_letters, right_letters = sum(len(w["text"]) for w in left), sum(len(w["text"]) for w in right)
    # A column of dates or page numbers is not a column of text: both sides need real text and many rows.
    if min(left_letters, right_letters) < 0.15 * (left_letters + right_letters):
        return None
    if min(len(_rows(left)), len(_rows(right))) < 4:
        return None
    return best


def _runs(xs: list[float], step: float) -> Iterable[tuple[float, float]]:
    start = previous = None
    for x in xs:
        if start is None:
            start = previous = x
        elif x - previous > step + 0.01:  # type: ignore[operator]
            yield start, previous  # type: ignore[misc]
            start = previous = x
        else:
            previous = x
    if start is not None:
        yield start, previous  # type: ignore[misc]


def _rows(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into rows by their vertical position, each row left to right."""
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if rows and abs(word["top"] - rows[-1][0]["top"]) <= max(2.0, 0.3 * word["size"]):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


def _lines(words: list[dict[str, Any]]) -> list[Line]:
    return [_row_line(row) for row in _rows(words)]


def _row_line(row: list[dict[str, Any]]) -> Line:
    parts = [row[0]["text"]]
    for before, word in itertools.pairwise(row):
        gap = word["x0"] - before["x1"]
        # Touching words are one word whose letters changed size or font (small capitals, a bold initial).
        parts.append("\t" if gap > _CELL_GAP * word["size"] else " " if gap > 0.12 * word["size"] else "")
        parts.append(word["text"])
    text = "".join(parts)
    letters = sum(len(w["text"]) for w in row)
    bold_letters = sum(len(w["text"]) for w in row if any(m in w["fontname"].lower() for m in _BOLD_MARKERS))
    return Line(text=text, bold=bold_letters > letters / 2, size=median(w["size"] for w in row))
