"""The common shape every reader produces: lines in reading order, with what they looked like."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass
class Line:
    text: str
    bold: bool = False
    size: float = 0.0  # font size in points; 0 where the format has none (plain text)
    heading: bool = False  # marked as a heading by the format itself (Markdown "#", a Word heading style)

    def __post_init__(self) -> None:
        self.text = clean_text(self.text)


# Ligatures and look-alikes that PDF generators emit, read back as the letters they stand for.
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "Ꜳ": "AA", "ꜳ": "aa"}
_CID = re.compile(r"\(cid:\d+\)")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_TABS = re.compile(r"\s*\t[\s\t]*")  # a tab separates cells of one row (company ... dates)


def clean_text(text: str) -> str:
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = _CID.sub("", text)
    # Private-use code points (icon fonts, unmapped glyphs) carry no letters we can know.
    text = "".join(ch for ch in text if not ("\ue000" <= ch <= "\uf8ff") and ch not in "\u00ad\ufeff\x00")
    text = unicodedata.normalize("NFC", text)
    return _TABS.sub("\t", _SPACES.sub(" ", text)).strip()


MAX_LINE = 1000  # longer "lines" are prose or junk; split so that no step is slow on them


def wrap_long(text: str) -> list[str]:
    """A text line of any length as lines of at most MAX_LINE characters, cut at spaces where there are any."""
    pieces = []
    while len(text) > MAX_LINE:
        cut = text.rfind(" ", 0, MAX_LINE)
        cut = cut if cut > MAX_LINE // 2 else MAX_LINE
        pieces.append(text[:cut])
        text = text[cut:].lstrip()
    return [*pieces, text]


def _ends_in_broken_word(text: str) -> bool:
    return len(text) > 1 and text.endswith("-") and text[-2].isalpha() and text[-2].islower()


def join_hyphenated(lines: list[Line]) -> list[Line]:
    """Words split at a line end ("develop-" / "ment") become one word again; over-long lines are split."""
    joined: list[Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and _ends_in_broken_word(previous.text)
            and line.text[:1].isalpha()
            and line.text[:1].islower()
            and previous.bold == line.bold
            and len(previous.text) + len(line.text) <= MAX_LINE
        ):
            # A web address or email broken at its own hyphen keeps it: "linkedin.com/in/jane-" + "doe".
            last_word = previous.text[-200:].rsplit(" ", 1)[-1]
            keep_hyphen = any(mark in last_word for mark in ("/", "@", "www."))
            previous.text = (previous.text if keep_hyphen else previous.text[:-1]) + line.text
            continue
        if len(line.text) > MAX_LINE:
            joined += [Line(piece, line.bold, line.size, line.heading) for piece in wrap_long(line.text)]
            continue
        joined.append(line)
    return joined


def plain_text(lines: list[Line]) -> str:
    return "\n".join(line.text for line in lines)
