"""From a template and a document to HTML, Markdown, text or PDF.

Built-in templates are files in `builtin/`, rendered in this process; a user's own template runs through
`sandbox.render_untrusted`. Whatever HTML a user's template makes is cleaned (nh3) before WeasyPrint or a browser
sees it, and WeasyPrint may load nothing but our fonts and inline images: no file, no address on any network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import markdown
import nh3
from django.conf import settings
from jinja2 import FileSystemLoader, StrictUndefined

from templates_app import sandbox
from templates_app.models import Template

BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"
FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


@dataclass(frozen=True)
class Builtin:
    slug: str
    name: str
    type: str  # Template.Type
    description: str
    defaults: dict[str, Any]


BUILTINS = {
    builtin.slug: builtin
    for builtin in (
        Builtin(
            "classic",
            "Classic",
            "cv",
            "One column, serif type, headings ruled in colour: at home anywhere.",
            {"font": "serif", "accent": "#1f4e79"},
        ),
        Builtin(
            "modern",
            "Modern",
            "cv",
            "Your name on a coloured band; skills, languages and schools in a side column.",
            {"font": "inter", "accent": "#3451d1"},
        ),
        Builtin(
            "compact",
            "Compact",
            "cv",
            "Small type and tight spacing to keep a long career to one page.",
            {"font": "sans", "accent": "#0f766e"},
        ),
        Builtin(
            "technical",
            "Technical",
            "cv",
            "Skills and projects first, each project with its stack.",
            {"font": "inter", "accent": "#6d28d9"},
        ),
        Builtin(
            "letter_classic",
            "Classic letter",
            "cover_letter",
            "Sender on the right, a subject line, plain.",
            {"font": "serif", "accent": "#1f4e79"},
        ),
        Builtin(
            "letter_modern",
            "Modern letter",
            "cover_letter",
            "Your name as a letterhead in colour.",
            {"font": "inter", "accent": "#3451d1"},
        ),
    )
}


def builtin_of(template: Template) -> Builtin | None:
    return BUILTINS.get(str(template.config.get("builtin"))) if template.is_builtin else None


@cache
def _builtin_environment() -> Any:
    environment = sandbox.environment(autoescape=True)
    environment.loader = FileSystemLoader(BUILTIN_DIR)
    environment.undefined = StrictUndefined  # a mistake in our own templates should fail the tests, not hide
    return environment


def render_builtin(name: str, context: dict[str, Any], *, autoescape: bool = True) -> str:
    environment = _builtin_environment()
    try:
        if not autoescape:
            return environment.overlay(autoescape=False).get_template(name).render(context)
        return environment.get_template(name).render(context)
    except Exception as error:
        raise sandbox.TemplateRefused(sandbox.message_for(error)) from None


def render_html(template: Template, context: dict[str, Any]) -> str:
    """The document as a whole HTML page through the template."""
    builtin = builtin_of(template)
    if builtin is not None:
        return render_builtin(f"{builtin.slug}.html", context)
    if template.engine == Template.Engine.MARKDOWN:
        text = sandbox.render_untrusted(template.body, context, autoescape=False)
        body = clean_html(markdown.markdown(text, extensions=["extra", "sane_lists"]))
        return render_builtin("markdown_frame.html", {**context, "body": body})
    return clean_html(sandbox.render_untrusted(template.body, context), keep_style=True)


def render_markdown(context: dict[str, Any]) -> str:
    """Any CV as Markdown (the Markdown export, and the source of the plain-text one)."""
    text = render_builtin("cv.md", context, autoescape=False)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_text(context: dict[str, Any]) -> str:
    """Plain text: the Markdown without its marks."""
    text = render_markdown(context)
    text = re.sub(r"^#{1,6} ", "", text, flags=re.MULTILINE)
    return text.replace("**", "")


_TAGS = {
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}


def clean_html(html: str, *, keep_style: bool = False) -> str:
    """Only harmless markup: no script, no event handlers, no links but http(s) and mail, images only inline.
    `keep_style`: a whole page of a user's template, whose <style> and class names are its design."""
    tags = _TAGS | ({"html", "head", "body", "title", "meta", "style"} if keep_style else set())
    attributes = {"*": {"class", "id", "lang"}, "a": {"href"}, "img": {"src", "alt"}, "meta": {"name", "content"}}
    if keep_style:
        attributes["*"] = attributes["*"] | {"style"}
    cleaned = nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes={"http", "https", "mailto", "data"},
        clean_content_tags={"script"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # data: only for images; a link to data: could carry a page of its own.
    return re.sub(r'href="data:[^"]*"', 'href="#"', cleaned)


def html_to_pdf(html: str) -> bytes:
    """PDF from HTML: title and author from its <title> and <meta name=author>, text selectable, fonts embedded."""
    return laid_out(html).write_pdf()


def laid_out(html: str) -> Any:
    """The HTML laid out in pages by WeasyPrint (a Document: pages of several can be joined into one PDF)."""
    from weasyprint import HTML  # heavy: loaded where a PDF is made

    return HTML(string=html, base_url=f"{FONTS_DIR}/", url_fetcher=_fonts_only_fetcher()).render()


# What a user's template may ask WeasyPrint to lay out. Layout time grows with the markup (a 40,000-row table takes
# minutes), so the size is checked before it starts, and the layout itself runs under a clock and a CPU limit.
# A two-page CV through a user's template is a few hundred elements and about 6,000 characters.
MAX_LAYOUT_ELEMENTS = 5_000
MAX_LAYOUT_TEXT_CHARS = 150_000
MAX_LAYOUT_PAGES = 30  # for each document
MAX_LAYOUT_SECONDS = 20.0  # for each document
MAX_LAYOUT_SECONDS_IN_ALL = 90.0  # several documents (a team proposal): inside the worker's 120 s soft limit


def pdf_of(documents: list[str], *, trusted: bool) -> bytes:
    """One PDF of several HTML documents, each laid out with its own styles, their pages one after the other.

    `trusted`: our own templates only. Anything a user's template made is bounded: TemplateRefused, saying what to
    change, when it is too large to lay out, lays out into too many pages, or takes too long.
    """
    if trusted:
        return _join(documents)
    for html in documents:
        check_layout_size(html)
    # Each document gets its own time, up to a ceiling that keeps the whole inside the worker's task limit.
    seconds = min(MAX_LAYOUT_SECONDS * len(documents), MAX_LAYOUT_SECONDS_IN_ALL)
    return sandbox.run_bounded(
        lambda: _join(documents, most_pages=MAX_LAYOUT_PAGES * len(documents)),
        seconds=seconds,
        too_long=f"Laying this template out into pages took longer than {seconds:g} seconds and was "
        "stopped. Simplify its layout (large tables are slow), or use a built-in template.",
    )


def _join(documents: list[str], *, most_pages: int | None = None) -> bytes:
    rendered = [laid_out(html) for html in documents]
    pages = [page for document in rendered for page in document.pages]
    if most_pages is not None and len(pages) > most_pages:
        raise sandbox.TemplateRefused(
            f"This template makes {len(pages)} pages; a document may have at most {most_pages}."
        )
    return rendered[0].copy(pages).write_pdf()


def check_layout_size(html: str) -> None:
    """TemplateRefused when the HTML is too large to lay out in reasonable time."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return  # nothing to lay out: WeasyPrint makes an empty page of it
    elements = sum(1 for _ in root.iter())
    if elements > MAX_LAYOUT_ELEMENTS:
        raise sandbox.TemplateRefused(
            f"This document has {elements:,} HTML elements; a template may make at most {MAX_LAYOUT_ELEMENTS:,} "
            "(a large table, or a loop that repeats too much?)."
        )
    text = len(root.text_content())
    if text > MAX_LAYOUT_TEXT_CHARS:
        raise sandbox.TemplateRefused(
            f"This document has {text:,} characters of text; a template may make at most "
            f"{MAX_LAYOUT_TEXT_CHARS:,} (about {MAX_LAYOUT_PAGES} full pages)."
        )


class FetchRefused(ValueError):
    """A resource a document asked for that it may not load."""


@cache
def _fonts_only_fetcher() -> Any:
    from weasyprint.urls import URLFetcher, path2url

    # The exact addresses of our font files: anything else (another file, ../ or %2F tricks, a network) is refused.
    fonts = {path2url(str(path.resolve())) for path in FONTS_DIR.iterdir() if path.suffix in {".otf", ".ttf"}}

    class FontsOnly(URLFetcher):
        """Our font files and inline images; any other address, on disk or on a network, is refused."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url in fonts or url.startswith("data:image/"):
                return super().fetch(url, headers)
            raise FetchRefused(f"A document may not load {url[:80]}.")

    return FontsOnly(allowed_protocols={"file", "data"}, allow_redirects=False)
