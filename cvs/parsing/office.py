"""Lines from Word (DOCX) and OpenDocument (ODT) files, tables and text boxes included."""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Iterator
from typing import Any

from cvs.parsing.document import Line, join_hyphenated

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_lines(data: bytes) -> list[Line]:
    import docx

    document = docx.Document(io.BytesIO(data))
    styles = {style.style_id: style.name or "" for style in document.styles}
    lines: list[Line] = []
    for section in document.sections[:1]:
        for part in (section.header, section.first_page_header):
            if not part.is_linked_to_previous or part is section.header:
                lines += list(_docx_walk(part._element, styles))
    lines += list(_docx_walk(document.element.body, styles))
    return join_hyphenated([line for line in lines if line.text])


def _docx_walk(element: Any, styles: dict[str, str]) -> Iterator[Line]:
    for child in element:
        tag = child.tag
        if tag == f"{_W}p":
            yield from _docx_paragraph(child, styles)
            for box in child.iter(f"{_W}txbxContent"):  # text boxes anchored in this paragraph
                yield from _docx_walk(box, styles)
        elif tag == f"{_W}tbl":
            for row in child.iter(f"{_W}tr"):
                cells = [list(_docx_walk(cell, styles)) for cell in row.iter(f"{_W}tc")]
                yield from _table_row([[line for line in cell if line.text] for cell in cells])
        elif tag == f"{_W}sdt":
            for content in child.iter(f"{_W}sdtContent"):
                yield from _docx_walk(content, styles)


# What a run holds besides its text: a tab, or a line break (Shift+Enter, a page or column break) that starts a new
# line within the paragraph. Many CVs are written as one paragraph of such lines.
_RUN_BREAKS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}


def _docx_paragraph(paragraph: Any, styles: dict[str, str]) -> list[Line]:
    """The paragraph's lines: one, or one per line break in it, each with the paragraph's style."""
    parts, bold_chars, chars = [], 0, 0
    for run in paragraph.iter(f"{_W}r"):
        text = "".join(
            node.text or "" if node.tag == f"{_W}t" else _RUN_BREAKS[node.tag]
            for node in run.iter(f"{_W}t", *_RUN_BREAKS)
        )
        if any(ancestor.tag == f"{_W}txbxContent" for ancestor in run.iterancestors()):
            continue  # read with its text box, not with the paragraph that anchors it
        bold = run.find(f"{_W}rPr/{_W}b")
        if bold is not None and bold.get(f"{_W}val") not in ("0", "false"):
            bold_chars += len(text.strip())
        chars += len(text.strip())
        parts.append(text)
    style_id = paragraph.find(f"{_W}pPr/{_W}pStyle")
    style = styles.get(style_id.get(f"{_W}val"), "") if style_id is not None else ""
    heading = style.startswith(("Heading", "Title"))
    is_list = paragraph.find(f"{_W}pPr/{_W}numPr") is not None or "List" in style
    bold = heading or (chars > 0 and bold_chars > chars / 2)
    lines = []
    for text in "".join(parts).split("\n"):
        if is_list and text.strip():
            text = "• " + text.strip()
        lines.append(Line(text=text, bold=bold, heading=heading))
    return lines


def _table_row(cells: list[list[Line]]) -> Iterator[Line]:
    """A row's first lines side by side (date | role), then what else each cell holds."""
    filled = [cell for cell in cells if cell]
    if len(filled) > 1:
        yield Line(text="\t".join(cell[0].text for cell in filled), bold=any(cell[0].bold for cell in filled))
        for cell in filled:
            yield from cell[1:]
    elif filled:
        yield from filled[0]


def odt_lines(data: bytes) -> list[Line]:
    from odf import teletype
    from odf.namespaces import TABLENS, TEXTNS
    from odf.opendocument import load

    # odfpy prints a part it cannot parse (the CV's own text, into the worker's log) and goes on with what it
    # read so far: keep it out of the log, and refuse the file as the damaged one it is.
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        document = load(io.BytesIO(data))
    if "SAX FAILED TO PARSE" in printed.getvalue():
        raise ValueError("A part of this OpenDocument file is not well-formed XML.")
    lines: list[Line] = []

    def walk(node: Any) -> None:
        for child in node.childNodes:
            qname = getattr(child, "qname", None)
            if qname == (TEXTNS, "h"):
                lines.extend(Line(text, bold=True, heading=True) for text in teletype.extractText(child).split("\n"))
            elif qname == (TEXTNS, "p"):
                in_list = getattr(node, "qname", None) == (TEXTNS, "list-item")
                for text in teletype.extractText(child).split("\n"):  # a line break (Shift+Enter) starts a line
                    lines.append(Line(f"• {text}" if in_list and text.strip() else text))
            elif qname == (TABLENS, "table-row"):
                cells = []
                for cell in child.childNodes:
                    cell_lines: list[Line] = []
                    for paragraph in cell.childNodes:
                        if getattr(paragraph, "qname", None) in ((TEXTNS, "p"), (TEXTNS, "h")):
                            cell_lines += [Line(text) for text in teletype.extractText(paragraph).split("\n")]
                    cells.append([line for line in cell_lines if line.text])
                lines.extend(_table_row(cells))
            elif hasattr(child, "childNodes"):
                walk(child)

    walk(document.text)
    return join_hyphenated([line for line in lines if line.text])


def is_odt(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument.text")
    except (KeyError, zipfile.BadZipFile):
        return False
