"""Editable exports: Word (DOCX) and OpenDocument (ODT), from the same document a template renders.

Both use real styles (Title, headings, bulleted lists) rather than look-alike formatting, so the file stays easy
to edit and an applicant tracking system reads its structure. Fonts are ones every office suite has (Arial,
Times New Roman); the PDF's own faces have their metrics.
"""

from __future__ import annotations

import io
from typing import Any

_FONTS = {"serif": "Times New Roman"}  # anything else: Arial
_PAGES_MM = {"A4": (210, 297), "Letter": (215.9, 279.4)}
MARGIN_MM = 18


def _font(context: dict[str, Any]) -> str:
    return _FONTS.get(context["config"]["font"], "Arial")


def _contact(basics: dict[str, Any]) -> str:
    parts = [basics["email"], basics["phone"], basics["location"], basics["url"]]
    parts += [profile["url"] or profile["username"] for profile in basics["profiles"]]
    return " · ".join(part for part in parts if part)


def _heading_of(item: dict[str, Any]) -> str:
    return ", ".join(part for part in (item["title"], item["subtitle"]) if part)


def _blocks(context: dict[str, Any]) -> list[tuple[str, str]]:
    """The document as (kind, text) blocks, in order: title, subtitle, contact, heading, item, meta, text, bullet.
    One walk shared by both formats, so a DOCX and an ODT of one persona hold the same words."""
    basics = context["basics"]
    if "letter" in context:
        letter = context["letter"]
        subject = " – ".join(part for part in (letter["job_title"], letter["company"]) if part)
        return [
            ("title", basics["name"]),
            ("contact", _contact(basics)),
            ("meta", letter["date"]),
            ("item", subject),
            *(("text", p) for p in letter["paragraphs"]),
        ]
    blocks = [("title", basics["name"])]
    if basics["label"]:
        blocks.append(("subtitle", basics["label"]))
    blocks.append(("contact", _contact(basics)))
    if context["summary"]:
        blocks += [("heading", context["labels"]["summary"]), ("text", context["summary"])]
    for section in context["sections"]:
        blocks.append(("heading", section["title"]))
        for item in section["items"]:
            if section["key"] == "skills":
                group = f"{item['title']}: " if item["title"] else ""
                blocks.append(("text", group + ", ".join(item["keywords"])))
                continue
            if section["key"] == "languages":
                blocks.append(("text", item["title"] + (f" ({item['subtitle']})" if item["subtitle"] else "")))
                continue
            blocks.append(("item", _heading_of(item) + (f"\t{item['dates']}" if item["dates"] else "")))
            if item["place"]:
                blocks.append(("meta", item["place"]))
            if item["summary"]:
                blocks.append(("text", item["summary"]))
            blocks += [("bullet", highlight) for highlight in item["highlights"]]
            if item["keywords"]:
                blocks.append(("meta", ", ".join(item["keywords"])))
    return blocks


def to_docx(context: dict[str, Any], *, title: str) -> bytes:
    import docx
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt, RGBColor

    document = docx.Document()
    width, height = _PAGES_MM[context["config"]["page_size"]]
    page = document.sections[0]
    page.page_width, page.page_height = Mm(width), Mm(height)
    page.left_margin = page.right_margin = page.top_margin = page.bottom_margin = Mm(MARGIN_MM)
    accent = RGBColor.from_string(context["config"]["accent"].lstrip("#").upper())
    font = _font(context)
    for name, size, bold, colour in (
        ("Normal", 10, False, None),
        ("Title", 20, True, None),
        ("Heading 1", 12, True, accent),
        ("Subtitle", 11.5, False, accent),
    ):
        style = document.styles[name]
        style.font.name, style.font.size, style.font.bold = font, Pt(size), bold
        style.font.color.rgb = colour or RGBColor(0x1D, 0x24, 0x33)
    document.core_properties.title = title
    document.core_properties.author = context["basics"]["name"]
    text_width = Mm(width - 2 * MARGIN_MM)
    for kind, text in _blocks(context):
        if kind == "title":
            document.add_paragraph(text, style="Title")
        elif kind == "subtitle":
            document.add_paragraph(text, style="Subtitle")
        elif kind == "heading":
            document.add_heading(text, level=1)
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif kind == "item":
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
            head, _, dates = text.partition("\t")
            paragraph.add_run(head).bold = True
            if dates:
                paragraph.add_run(f"\t{dates}")
            paragraph.paragraph_format.space_before = Pt(6)
        else:  # contact, meta, text
            run = document.add_paragraph().add_run(text)
            if kind in {"contact", "meta"}:
                run.font.size, run.font.color.rgb = Pt(9), RGBColor(0x5F, 0x6B, 0x7F)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_odt(context: dict[str, Any], *, title: str) -> bytes:
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        FontFace,
        ListLevelProperties,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
        TabStop,
        TabStops,
        TextProperties,
    )
    from odf.text import H, List, ListItem, ListLevelStyleBullet, ListStyle, P, Span, Tab

    document = OpenDocumentText()
    font, accent = _font(context), context["config"]["accent"]
    width, height = _PAGES_MM[context["config"]["page_size"]]
    document.fontfacedecls.addElement(FontFace(name=font, fontfamily=font))
    layout = PageLayout(name="Page")
    layout.addElement(PageLayoutProperties(pagewidth=f"{width}mm", pageheight=f"{height}mm", margin=f"{MARGIN_MM}mm"))
    document.automaticstyles.addElement(layout)
    document.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))

    def style(
        name: str,
        size: float,
        *,
        bold: bool = False,
        colour: str = "#1d2433",
        before: str = "0mm",
        family: str = "paragraph",
    ) -> Style:
        made = Style(name=name, family=family)
        made.addElement(
            TextProperties(fontname=font, fontsize=f"{size}pt", fontweight="bold" if bold else "normal", color=colour)
        )
        if family == "paragraph":
            made.addElement(ParagraphProperties(margintop=before, marginbottom="1mm"))
        document.styles.addElement(made)
        return made

    styles = {
        "title": style("Title", 20, bold=True),
        "subtitle": style("Subtitle", 11.5, colour=accent),
        "heading": style("Heading 1", 12, bold=True, colour=accent, before="5mm"),
        "text": style("Text body", 10),
        "meta": style("Meta", 9, colour="#5f6b7f"),
        "contact": style("Contact", 9, colour="#5f6b7f"),
        "bullet": style("List body", 10),
    }
    item = style("Item", 10, before="2.5mm")
    tabs = TabStops()
    tabs.addElement(TabStop(position=f"{width - 2 * MARGIN_MM}mm", type="right"))
    item_properties = ParagraphProperties()
    item_properties.addElement(tabs)
    item.addElement(item_properties)
    bold = style("Strong", 10, bold=True, family="text")
    bulleted = ListStyle(name="Bullets")
    level = ListLevelStyleBullet(level=1, bulletchar="•")
    level.addElement(ListLevelProperties(spacebefore="2mm", minlabelwidth="4mm"))
    bulleted.addElement(level)
    document.styles.addElement(bulleted)
    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(meta.InitialCreator(text=context["basics"]["name"]))
    document.meta.addElement(dc.Creator(text=context["basics"]["name"]))

    bullets: Any = None
    for kind, text in _blocks(context):
        if kind != "bullet":
            bullets = None
        if kind == "heading":
            document.text.addElement(H(outlinelevel=1, stylename=styles["heading"], text=text))
        elif kind == "bullet":
            if bullets is None:
                bullets = List(stylename=bulleted)
                document.text.addElement(bullets)
            entry = ListItem()
            entry.addElement(P(stylename=styles["bullet"], text=text))
            bullets.addElement(entry)
        elif kind == "item":
            head, _, dates = text.partition("\t")
            paragraph = P(stylename=item)
            paragraph.addElement(Span(stylename=bold, text=head))
            if dates:
                paragraph.addElement(Tab())
                paragraph.addText(dates)
            document.text.addElement(paragraph)
        else:
            document.text.addElement(P(stylename=styles[kind], text=text))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
