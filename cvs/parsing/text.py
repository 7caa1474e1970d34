"""Lines from plain text and Markdown."""

from __future__ import annotations

import re

from cvs.parsing.document import Line, join_hyphenated, wrap_long

_HEADING = re.compile(r"^#{1,6}\s+")
_BOLD_LINE = re.compile(r"^(\*\*|__)(?P<text>.+?)\1:?$")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<url>[^)]+)\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_RULE = re.compile(r"^\s*(?:[-=*_]\s*){3,}$")
# Text that lost its line breaks on the way (a CSV cell, a copy from a web form) often kept a run of spaces where
# each break was; a long line with many such runs is split at them.
_LOST_BREAK = re.compile(r" {2,}")
_FLATTENED = 200  # characters: a line longer than this with a run every 40 characters or so
# UTF-8 bytes written out as Python escapes ("\xef\x82\xa7", a Word bullet), read back as the characters they were.
_ESCAPED_BYTES = re.compile(r"(?:\\x[0-9a-fA-F]{2})+")


def _unescaped(match: re.Match[str]) -> str:
    """The characters the escapes stand for, when they are UTF-8 beyond ASCII; else the text as it is (a code
    sample's "\x41", a control byte)."""
    data = bytes.fromhex(match.group().replace("\\x", ""))
    if all(byte < 0x80 for byte in data):
        return match.group()
    try:
        return data.decode()
    except UnicodeDecodeError:
        return match.group()


def _unflattened(line: str) -> list[str]:
    line = _ESCAPED_BYTES.sub(_unescaped, line)
    if len(line) > _FLATTENED and len(_LOST_BREAK.findall(line)) * 40 > len(line):
        return _LOST_BREAK.split(line.strip('"'))  # a spreadsheet's cell keeps its quotes
    return [line]


def text_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pieces = (piece for line in text.splitlines() for part in _unflattened(line) for piece in wrap_long(part))
    for raw in pieces:
        if not raw.strip() or _RULE.match(raw):
            continue
        heading = bool(_HEADING.match(raw))
        raw = _HEADING.sub("", raw)
        bold_line = _BOLD_LINE.match(raw.strip())
        raw = bold_line.group("text") if bold_line else raw
        # [GitHub](https://github.com/x) keeps both the words and the address.
        raw = _LINK.sub(lambda m: m["text"] if m["text"] == m["url"] else f"{m['text']} {m['url']}", raw)
        raw = _EMPHASIS.sub(r"\2", raw)
        lines.append(Line(text=raw, bold=heading or bool(bold_line), heading=heading))
    # Underlined headings ("Experience" over "----------") were dropped with the rule above.
    return join_hyphenated([line for line in lines if line.text])
