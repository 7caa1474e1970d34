"""Hypothesis strategies that damage real CVs from the corpus, the way files get damaged (or forged) in the wild.

Starting from real files keeps most examples deep inside the readers: random bytes would be refused at the first
check, while a PDF with one flipped byte in its cross-reference table, or a Word file whose XML lost a closing tag
but whose zip is intact, reaches the code that parses them.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from hypothesis import strategies as st

from cvs.extract import ACCEPTED_EXTENSIONS

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "cvs"

Draw = Callable[[st.SearchStrategy[Any]], Any]


def corpus_files(*suffixes: str, scanned: bool = False) -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if p.name.endswith(suffixes) and ("-scanned-" in p.name) == scanned)


# The corpus has no LinkedIn data export (it would be someone's real data): one is written here, with the
# columns LinkedIn's files have.
LINKEDIN_EXPORT = "linkedin-export.zip"
_LINKEDIN_FILES = {
    "Profile.csv": "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
    "Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    'Jane,Doe,,,,Data engineer,"Builds data pipelines, cares about tests",Software,,"Leeds, England",,,\n',
    "Email Addresses.csv": "Email Address,Confirmed,Primary,Updated On\njane@example.com,Yes,Yes,1/2/20\n",
    "Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On\n"
    'Acme,Senior data engineer,"Moved the warehouse to dbt, halved its cost",Leeds,Mar 2021,\n'
    "Kestrel Labs,Data engineer,Built the event pipeline,Remote,Jan 2018,Feb 2021\n",
    "Education.csv": "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
    "University of Leeds,2014,2017,,BSc Mathematics,\n",
    "Skills.csv": "Name\nPython\nSQL\ndbt\nAirflow\n",
    "Languages.csv": "Name,Proficiency\nEnglish,Native or bilingual proficiency\nGerman,Limited working proficiency\n",
    "Certifications.csv": "Name,Url,Authority,Started On,Finished On,License Number\n"
    "AWS Certified Data Engineer,,Amazon Web Services,Jun 2023,,\n",
}


def _linkedin_export() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _LINKEDIN_FILES.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@cache
def corpus_bytes(name: str) -> bytes:
    return _linkedin_export() if name == LINKEDIN_EXPORT else (CORPUS / name).read_bytes()


# Fragments that mean something to one reader or another: PDF syntax, zip and XML markers, JSON escapes
# PostgreSQL refuses, Markdown markup, byte order marks, separators the parser splits on.
_TOKENS = [
    b"\x00",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\r",
    b"\n" * 50,
    b"\t" * 20,
    b" " * 2000,
    b"%PDF-1.7",
    b"obj",
    b"endobj",
    b"stream",
    b"endstream",
    b"<<",
    b">>",
    b"/Type /Page",
    b"/Count 99999",
    b"/Filter /FlateDecode",
    b"trailer",
    b"xref",
    b"startxref",
    b"R",
    b"(",
    b")",
    b"PK\x03\x04",
    b"<w:p>",
    b"</w:p>",
    b"<w:t>",
    b"</w:t>",
    b"<text:p>",
    b"</text:p>",
    b"&",
    b"&#0;",
    b"]]>",
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b"\\",
    b"\\u0000",
    b"\\ud800",
    b"NaN",
    b"-Infinity",
    b"**",
    b"__",
    b"# ",
    b"- ",
    b"http://",
    b"www.",
    b"@",
    b"2019 - present",
    b"01/2020 \xe2\x80\x93 ",
    b"|",
    b"\xe2\x80\xa2",
]
_NUMBERS = [b"0", b"-1", b"-0.0", b"2147483648", b"99999999999999999999", b"1e308", b"0.000001", b"NaN", b"9" * 5000]
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")


def _position(draw: Draw, data: bytearray, *, end: bool = False) -> int:
    return draw(st.integers(0, len(data) if end else max(0, len(data) - 1)))


def _flip(draw: Draw, data: bytearray) -> None:
    if data:
        data[_position(draw, data)] ^= draw(st.integers(1, 255))


def _truncate(draw: Draw, data: bytearray) -> None:
    del data[draw(st.integers(1, max(1, len(data)))) :]  # not to nothing: an empty file is refused at once


def _insert(draw: Draw, data: bytearray) -> None:
    run = draw(st.sampled_from(_TOKENS) | st.binary(min_size=1, max_size=64))
    at = _position(draw, data, end=True)
    data[at:at] = run


def _delete(draw: Draw, data: bytearray) -> None:
    at = _position(draw, data)
    del data[at : at + draw(st.integers(1, 512))]


def _duplicate(draw: Draw, data: bytearray) -> None:
    """A chunk copied elsewhere, sometimes many times over (endless lines, repeated objects or sections)."""
    start = _position(draw, data)
    chunk = bytes(data[start : start + draw(st.integers(1, 2048))])
    times = draw(st.sampled_from([1, 2, 10, 200]))
    at = _position(draw, data, end=True)
    data[at:at] = chunk * times


def _renumber(draw: Draw, data: bytearray) -> None:
    """A number (a page count, an object's length, a box's corner, a year) replaced by an absurd one."""
    numbers = list(_NUMBER.finditer(data[:200_000]))
    if numbers:
        found = numbers[draw(st.integers(0, len(numbers) - 1))]
        data[found.start() : found.end()] = draw(st.sampled_from(_NUMBERS))


_BYTE_MUTATIONS = [_flip, _truncate, _insert, _delete, _duplicate, _renumber]


@st.composite
def mutated_bytes(draw: Draw, data: bytes, *, keep: int = 0, max_mutations: int = 4) -> bytes:
    """The data changed one to a few times after its first `keep` bytes.

    A PDF or zip whose signature is broken is refused at once, like a file named for the wrong type (which the
    names tried cover): keeping the signature sends the damage deeper.
    """
    buffer = bytearray(data[keep:])
    for _ in range(draw(st.integers(1, max_mutations))):
        draw(st.sampled_from(_BYTE_MUTATIONS))(draw, buffer)
    return data[:keep] + bytes(buffer)


# ---- Word and OpenDocument files: the zip stays valid, a member inside it breaks.

_ENTITY_BOMB = (
    b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>'
)


def _drop_tag(draw: Draw, xml: bytearray) -> None:
    """One tag removed, so an element is left unclosed or closed twice."""
    tags = [m.span() for m in re.finditer(rb"<[^<>]{1,200}>", xml[:500_000])]
    if tags:
        start, end = tags[draw(st.integers(0, len(tags) - 1))]
        del xml[start:end]


def _entity_bomb(draw: Draw, xml: bytearray) -> None:
    """A 'billion laughs' doctype before the root element, and its entity used in the text."""
    root = re.search(rb"<[A-Za-z]", xml)
    if root:
        xml[root.start() : root.start()] = _ENTITY_BOMB
        text = xml.find(b"</w:t>") if b"</w:t>" in xml else xml.find(b"</text:p>")
        if text > 0:
            xml[text:text] = b"&f;"


def _deep_nesting(draw: Draw, xml: bytearray) -> None:
    """Thousands of nested elements where one paragraph was."""
    at = xml.find(b"<w:p>") if b"<w:p>" in xml else xml.find(b"<text:p")
    if at > 0:
        depth = draw(st.sampled_from([100, 5000, 50_000]))
        tag = b"w:p" if xml[at : at + 5] == b"<w:p>" else b"text:span"
        xml[at:at] = b"<%s>" % tag * depth + b"</%s>" % tag * depth


_XML_MUTATIONS = [_drop_tag, _entity_bomb, _deep_nesting]


@st.composite
def mutated_xml(draw: Draw, xml: bytes) -> bytes:
    buffer = bytearray(xml)
    draw(st.sampled_from(_XML_MUTATIONS))(draw, buffer)
    return bytes(buffer)


@st.composite
def mutated_zip_member(draw: Draw, data: bytes) -> bytes:
    """The same archive with one member (an XML or CSV part) damaged, or dropped, then zipped again."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    parts = [i for i, (info, _) in enumerate(members) if info.filename.endswith((".xml", ".rels", "mimetype", ".csv"))]
    index = draw(st.sampled_from(parts))
    info, content = members[index]
    change = draw(st.sampled_from(["bytes", "xml", "drop"]))
    if change == "drop":
        del members[index]
    else:
        members[index] = (info, draw(mutated_bytes(content) if change == "bytes" else mutated_xml(content)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, content in members:
            archive.writestr(member, content)
    return buffer.getvalue()


# ---- JSON Resume: the document is parsed, its structure damaged, and written out again.

_ODD_STRINGS = ["", " ", "\x00", "\ud800", "\udfff", "\u202e", "\ufeff", "\x1b[31m", "{{ 7*7 }}", "<script>", "é" * 3]


# JSON that json.dumps will not write (nesting deeper than it recurses, integers longer than Python converts,
# numbers beyond a float) is spliced into the text afterwards, in place of a marker.
_RAW_JSON = [
    *('{"a": [' * depth + '"deep"' + "]}" * depth for depth in (50, 400, 900, 3000, 100_000)),
    "9" * 5000,
    "-" + "1" * 4301,
    "1e999",
    "-1e999",
    "0." + "0" * 5000 + "1",
    "-0",
]
_RAW = "\x01raw:{}\x01"
_RAW_WRITTEN = re.compile(r'"\\u0001raw:(\d+)\\u0001"')


_ODD_VALUES: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # NaN and infinities included: json.dumps writes them, json.loads reads them back
    st.sampled_from(_ODD_STRINGS),
    st.text(max_size=50),
    st.sampled_from([10_000, 1_000_000]).map(lambda n: "x" * n),
    st.integers(0, len(_RAW_JSON) - 1).map(_RAW.format),
    st.just([]),
    st.just({}),
    st.lists(st.sampled_from(_ODD_STRINGS), max_size=3),
    # Copies, not one dict repeated: a later change to one must not change them all (and grow the file n-fold).
    st.sampled_from([1_000, 20_000]).map(lambda n: [{"name": "Acme", "position": "Dev"} for _ in range(n)]),
)


def _slots(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) in a JSON document, so any one value can be replaced."""
    found: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found += [(value, key), *_slots(item)]
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += [(value, index), *_slots(item)]
    return found


@st.composite
def mutated_json_resume(draw: Draw, data: bytes) -> bytes:
    resume: Any = json.loads(data)
    for _ in range(draw(st.integers(1, 3))):
        slots = _slots(resume)
        if not slots or draw(st.integers(0, 20)) == 0:
            resume = draw(_ODD_VALUES)  # the whole document is a number, a list, null...
            continue
        container, key = slots[draw(st.integers(0, len(slots) - 1))]
        action = draw(st.sampled_from(["replace", "replace", "append", "delete", "rename"]))
        if action == "replace":
            container[key] = draw(_ODD_VALUES)
        elif action == "append" and isinstance(container[key], str):  # still a string, as the schema wants
            container[key] += draw(st.sampled_from(_ODD_STRINGS) | st.text(max_size=20))
        elif action == "delete":
            del container[key]
        elif isinstance(container, dict):
            container[draw(st.sampled_from(_ODD_STRINGS) | st.text(max_size=10))] = container.pop(key)
    text = json.dumps(resume, ensure_ascii=draw(st.booleans()))
    text = _RAW_WRITTEN.sub(lambda found: _RAW_JSON[int(found[1])], text)
    # surrogatepass: a lone surrogate written raw is not valid UTF-8, which is one more damage to try
    return text.encode("utf-8", "surrogatepass")


# ---- Whole files, with the names they are uploaded under.

_OTHER_NAMES = [f"cv{extension}" for extension in ACCEPTED_EXTENSIONS]


def _named(name: str, files: st.SearchStrategy[bytes]) -> st.SearchStrategy[tuple[str, bytes]]:
    # Mostly the file's own name; sometimes another type's, as when a file is renamed by hand.
    names = st.sampled_from([name] * 8 * len(_OTHER_NAMES) + _OTHER_NAMES)
    return st.tuples(names, files)


def _damaged(name: str) -> st.SearchStrategy[bytes]:
    data = corpus_bytes(name)
    # Most byte changes to a zip break its checksums, and are refused at once: damage the parts inside more often.
    if name.endswith((".docx", ".odt", ".zip")):
        return st.sampled_from([mutated_zip_member(data)] * 3 + [mutated_bytes(data, keep=4)]).flatmap(lambda s: s)
    if name.endswith(".json"):
        return st.sampled_from([mutated_json_resume(data)] * 3 + [mutated_bytes(data)]).flatmap(lambda s: s)
    return mutated_bytes(data, keep=4 if name.endswith(".pdf") else 0)


def _format(name: str) -> str:
    return {".md": ".txt"}.get(Path(name).suffix, Path(name).suffix)


def damaged_cvs(names: list[str]) -> st.SearchStrategy[tuple[str, bytes]]:
    """(filename, content) of a corpus CV damaged in one to a few ways, no larger than an upload may be.

    Each format is as likely as any other, however many files of it the corpus has.
    """
    by_format = [[n for n in names if _format(n) == kind] for kind in sorted({_format(n) for n in names})]
    files = st.sampled_from(by_format).flatmap(st.sampled_from).flatmap(lambda name: _named(name, _damaged(name)))
    return files.filter(lambda file: len(file[1]) <= settings.CV_MAX_UPLOAD_BYTES)
