"""Lines from plain text and Markdown."""

from __future__ import annotations

import re

from cvs.parsing.document import Line, join_hyphenated, wrap_long

_HEADING = re.compile(r"^#{1,6}\s+")
_BOLD_LINE = re.compile(r"^(\*\*|__)(?P<text>.+?)\1:?$")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<url>[^)]+)\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_RULE = re.compile(r"^\s*(?:[-=*_]\s*){3,}$")


def text_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    for raw in (piece for long_line in text.splitlines() for piece in wrap_long(long_line)):
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
