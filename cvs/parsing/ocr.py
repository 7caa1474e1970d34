"""Text from scanned PDFs through Tesseract (Debian's tesseract-ocr), when it is installed."""

from __future__ import annotations

import io
import os
import shutil

from cvs.parsing.document import Line, join_hyphenated

OCR_PAGES = 5  # a scanned CV is short; beyond this OCR costs minutes for nothing
MAX_PIXELS = 40_000_000  # 300 dpi on A3; a page declared kilometres wide is rendered smaller, not at 300 dpi
_WANTED_LANGUAGES = ("eng", "deu", "fra", "spa")


def ocr_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_lines(data: bytes) -> list[Line]:
    import pypdfium2
    import pytesseract

    # Tesseract's OpenMP threads fight each other on small machines: one thread is 5x faster here.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    languages = "+".join(lang for lang in _WANTED_LANGUAGES if lang in pytesseract.get_languages()) or "eng"
    pdf = pypdfium2.PdfDocument(io.BytesIO(data))
    lines: list[Line] = []
    try:
        for index in range(min(len(pdf), OCR_PAGES)):
            page = pdf[index]
            area = max(1.0, page.get_width() * page.get_height())  # in points
            scale = min(300 / 72, (MAX_PIXELS / area) ** 0.5)
            image = page.render(scale=scale).to_pil()
            text = pytesseract.image_to_string(image, lang=languages, config="--psm 4")
            lines += [Line(text=raw) for raw in text.splitlines() if raw.strip()]
    finally:
        pdf.close()
    return join_hyphenated(lines)
