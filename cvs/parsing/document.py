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
    text = "".join(ch for ch in text if not ("\ue000" <= ch <= "\uf8ff") and ch not in "\u00ad\ufeff")
    text = unicodedata.normalize("NFC", text)
    return _TABS.sub("\t", _SPACES.sub(" ", text)).strip()


def join_hyphenated(lines: list[Line]) -> list[Line]:
    """Words split at a line end ("develop-" / "ment") become one word again."""
    joined: list[Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and re.search(r"[a-zà-ÿ]-$", previous.text)
            and re.match(r"[a-zà-ÿ]", line.text)
            and previous.bold == line.bold
        ):
            # A web address or email broken at its own hyphen keeps it: "linkedin.com/in/jane-" + "doe".
            last_word = previous.text.rsplit(" ", 1)[-1]
            keep_hyphen = any(mark in last_word for mark in ("/", "@", "www."))
            previous.text = (previous.text if keep_hyphen else previous.text[:-1]) + line.text
            continue
        joined.append(line)
    return joined


def plain_text(lines: list[Line]) -> str:
    return "\n".join(line.text for line in lines)
