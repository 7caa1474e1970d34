"""A job description as pasted: HTML from a job board becomes plain lines, and anything too long is refused."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

MAX_JOB_CHARS = 30_000  # the longest real postings are a third of this; a whole web page is not a job description
MIN_JOB_WORDS = 8


class JobTextRefused(ValueError):
    """The text cannot be read as a job description; the message says what to paste instead."""


def clean_job_text(raw: str) -> str:
    """Plain text, one paragraph or list item per line; HTML (from a job board) is read, never kept.

    JobTextRefused for an empty, too short or too long text.
    """
    text = html_to_text(raw) if _looks_like_html(raw) else raw
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.replace("\r", "").split("\n")]
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if len(cleaned) > MAX_JOB_CHARS:
        raise JobTextRefused(
            f"That is {len(cleaned):,} characters; a job description is rarely over {MAX_JOB_CHARS:,}. "
            "Paste only the posting itself (the role, what it asks for, where), not the whole page."
        )
    if len(cleaned.split()) < MIN_JOB_WORDS:
        raise JobTextRefused("Paste the job description: the role and what it asks for (a few sentences at least).")
    return cleaned


def _looks_like_html(text: str) -> bool:
    return len(re.findall(r"</?(?:p|div|li|ul|ol|br|h[1-6]|span|strong|b|em|section|table|tr|td)\b", text, re.I)) >= 2


_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "tr",
        "table",
        "header",
        "footer",
        "dd",
        "dt",
        "blockquote",
    }
)
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n- " if tag == "li" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(raw: str) -> str:
    collector = _TextCollector()
    collector.feed(raw)
    collector.close()
    return unescape("".join(collector.parts))
