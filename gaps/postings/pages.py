"""Reading a job posting out of a page: its schema.org JobPosting (JSON-LD) first, as most job boards publish one;
else the page's main content, with the fields postings usually state in words (the user checks those before
saving). A PDF of a posting is read as text the same way."""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from html import unescape
from typing import Any

from gaps.postings.text import html_to_text

MAX_JSON_LD_CHARS = 500_000  # a real posting's block is a few KB; an enormous one is skipped, not parsed
MAX_PDF_PAGES = 10
MAX_SCANNED_CHARS = 50_000  # fields are stated near the top; a posting is rarely half as long
MIN_DESCRIPTION_WORDS = 20  # fewer is a teaser or an error page, not a posting


class JobPageRefused(ValueError):
    """Nothing can be read from the page or file; the message says why, for the user."""


@dataclass
class ExtractedJob:
    title: str = ""
    company: str = ""
    location: str = ""
    workplace: str = ""  # remote, hybrid, on-site, or "" when the posting does not say
    employment_type: str = ""  # full-time, part-time, contract, temporary, internship (", "-joined), or ""
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str = ""
    salary_period: str = ""  # year, month, day, hour
    description: str = ""
    source: str = ""  # json-ld, page or pdf: how it was read (the last two are worth a check)

    def as_dict(self) -> dict[str, Any]:
        """The fields, without NUL characters (PostgreSQL keeps none; a page may carry them escaped in JSON)."""
        return {
            key: value.replace("\x00", "") if isinstance(value, str) else value for key, value in asdict(self).items()
        }


def extract_job(data: bytes, *, kind: str, charset: str = "") -> ExtractedJob:
    """The posting in a fetched or uploaded page: `kind` "html" or "pdf". JobPageRefused when none is found."""
    return extract_from_pdf(data) if kind == "pdf" else extract_from_html(data, charset=charset)


def extract_from_html(data: bytes, *, charset: str = "") -> ExtractedJob:
    """The posting in a web page (bytes as fetched or uploaded, `charset` as the server declared it)."""
    if b"\x00" in data[:8192]:
        raise JobPageRefused("This is not a web page but a binary file (a picture, a program?), so it was not read.")
    text = decode_page(data, charset)
    page_facts = _Page.parse(text)
    job = _from_json_ld(page_facts.ld_blocks)
    if job is not None and job.description:
        return job  # the site says it is a posting: however short, its description is the posting's own
    page = _from_main_content(text, page_facts)
    if len(page.description.split()) < MIN_DESCRIPTION_WORDS or page.description.count("\ufffd") > 20:
        raise JobPageRefused("No job posting could be found on this page; paste the posting's text instead.")
    return _merged(job, page) if job is not None else page


def extract_from_pdf(data: bytes) -> ExtractedJob:
    from cvs.parsing.pdf import PasswordProtected, TooManyPages, pdf_lines

    try:
        lines = pdf_lines(data, max_pages=MAX_PDF_PAGES)
    except TooManyPages:
        raise JobPageRefused(f"This PDF has over {MAX_PDF_PAGES} pages; a job posting is one or two.") from None
    except PasswordProtected:
        raise JobPageRefused("This PDF is password-protected; save the posting again without one.") from None
    except Exception:
        raise JobPageRefused("This PDF is damaged and cannot be read; save the posting again.") from None
    text = "\n".join(line.text for line in lines).strip()
    if len(text.split()) < MIN_DESCRIPTION_WORDS:
        raise JobPageRefused("This PDF has no text to read (a scan?); paste the posting's text instead.")
    job = _fields_from_text(text)
    job.title = job.title or next((line.strip() for line in text.splitlines() if line.strip()), "")[:200]
    job.description, job.source = text, "pdf"
    return job


def decode_page(data: bytes, charset: str = "") -> str:
    """The page as text: the declared charset, else the one the page states, else UTF-8 (odd bytes replaced)."""
    for name in (charset, _meta_charset(data[:4096])):
        if name:
            try:
                return data.decode(codecs.lookup(name).name, errors="replace")
            except (LookupError, UnicodeError):
                continue  # an encoding no one knows (or one that cannot replace odd bytes): the next clue
    return data.decode("utf-8", errors="replace")


def _meta_charset(head: bytes) -> str:
    match = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", head, re.I)
    return match.group(1).decode("ascii", errors="ignore") if match else ""


# --- JSON-LD -------------------------------------------------------------------------------------------------------


@dataclass
class _Page:
    """What is read from the whole page's markup (parsed once, by lxml: in time linear in the page's size)."""

    ld_blocks: list[str]
    title: str
    heading: str
    site_name: str

    @classmethod
    def parse(cls, html: str) -> _Page:
        import lxml.html
        from lxml.etree import ParserError

        try:
            root = lxml.html.document_fromstring(html)
        except (ParserError, ValueError):
            return cls([], "", "", "")
        blocks = [
            el.text or ""
            for el in root.iter("script")
            if (el.get("type") or "").strip().lower() == "application/ld+json"
        ]
        title = " ".join((root.findtext(".//title") or "").split())
        h1 = root.find(".//h1")
        heading = " ".join(h1.text_content().split()) if h1 is not None else ""
        site = root.xpath("//meta[@property='og:site_name' or @name='og:site_name']/@content")
        return cls(blocks, title, heading, " ".join(str(site[0]).split()) if site else "")


_EMPLOYMENT = {
    "FULL_TIME": "full-time",
    "PART_TIME": "part-time",
    "CONTRACTOR": "contract",
    "TEMPORARY": "temporary",
    "INTERN": "internship",
    "PER_DIEM": "temporary",
}
_PERIODS = {"YEAR": "year", "MONTH": "month", "WEEK": "week", "DAY": "day", "HOUR": "hour"}


def _from_json_ld(blocks: list[str]) -> ExtractedJob | None:
    for block in blocks:
        if len(block) > MAX_JSON_LD_CHARS:
            continue
        try:  # a block is whatever the site wrote: one that cannot be read is passed over
            data = json.loads(block.strip(), strict=False)
            posting = next(_postings(data), None)
            if posting is not None:
                return _from_posting(_resolved(posting, _nodes_by_id(data)))
        except (ValueError, TypeError, AttributeError, KeyError, OverflowError, RecursionError):
            continue
    return None


def _nodes_by_id(node: Any, found: dict[str, Any] | None = None, depth: int = 0) -> dict[str, Any]:
    """Every node with an @id, so {"@id": "#org"} can be read as the node it points to."""
    found = {} if found is None else found
    if depth > 6:
        return found
    if isinstance(node, list):
        for item in node:
            _nodes_by_id(item, found, depth + 1)
    elif isinstance(node, dict):
        if isinstance(node.get("@id"), str) and len(node) > 1:
            found.setdefault(node["@id"], node)
        for value in node.values():
            if isinstance(value, dict | list):
                _nodes_by_id(value, found, depth + 1)
    return found


def _resolved(node: Any, by_id: dict[str, Any], depth: int = 0) -> Any:
    if depth > 4:
        return node
    if isinstance(node, dict):
        if set(node) == {"@id"} and node["@id"] in by_id:
            return _resolved(by_id[node["@id"]], by_id, depth + 1)
        return {key: _resolved(value, by_id, depth + 1) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolved(item, by_id, depth + 1) for item in node]
    return node


def _postings(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(node, list):
        for item in node:
            yield from _postings(item, depth + 1)
    elif isinstance(node, dict):
        kind = node.get("@type")
        if kind == "JobPosting" or (isinstance(kind, list) and "JobPosting" in kind):
            yield node
        elif "@graph" in node:
            yield from _postings(node["@graph"], depth + 1)


def _from_posting(posting: dict[str, Any]) -> ExtractedJob:
    description = _text_of_html(_string(posting.get("description")))
    job = ExtractedJob(
        title=_string(posting.get("title") or posting.get("name"))[:200],
        company=_name(posting.get("hiringOrganization"))[:200],
        location=_locations(posting)[:200],
        employment_type=", ".join(
            dict.fromkeys(
                _EMPLOYMENT.get(kind.strip().upper().replace("-", "_"), "")
                for stated in _strings(posting.get("employmentType"))
                for kind in stated.split(",")
            )
        ).strip(", "),
        description=description,
        source="json-ld",
    )
    remote = any(kind.upper() == "TELECOMMUTE" for kind in _strings(posting.get("jobLocationType")))
    stated = _workplace_in(description)
    job.workplace = "hybrid" if remote and stated == "hybrid" else "remote" if remote else stated
    area = _names(posting.get("applicantLocationRequirements")) if remote else ""
    if remote and (area or not job.location):  # open to people anywhere in an area: that is where the job is
        job.location = f"Remote ({area})" if area else "Remote"
    salary = posting.get("baseSalary") or posting.get("estimatedSalary")
    if isinstance(salary, list):
        salary = salary[0] if salary else None
    if isinstance(salary, dict):
        _salary_from(job, salary)
    return job


def _salary_from(job: ExtractedJob, salary: dict[str, Any]) -> None:
    value = salary.get("value")
    if isinstance(value, dict):
        low, high = _number(value.get("minValue")), _number(value.get("maxValue"))
        single = _number(value.get("value"))
        unit = _string(value.get("unitText"))
    else:
        low = high = single = None
        single, unit = _number(value), _string(salary.get("unitText"))
    job.salary_min = low if low is not None else single
    job.salary_max = high if high is not None else single
    job.salary_currency = _string(salary.get("currency")).upper()[:3]
    job.salary_period = _PERIODS.get(unit.upper(), "") if job.salary_min is not None else ""


def _locations(posting: dict[str, Any]) -> str:
    places = posting.get("jobLocation")
    found = []
    for place in places if isinstance(places, list) else [places]:
        address = place.get("address") if isinstance(place, dict) else None
        if isinstance(address, str):
            found.append(address.strip())
        elif isinstance(address, dict):
            parts = [_name(address.get(key)) for key in ("addressLocality", "addressRegion")]
            parts.append(_country(_name(address.get("addressCountry"))))
            found.append(", ".join(dict.fromkeys(part for part in parts if part)))
    return " / ".join(dict.fromkeys(place for place in found if place))


def _name(value: Any) -> str:
    if isinstance(value, dict):
        return _string(value.get("name"))
    return _string(value)


def _names(value: Any) -> str:
    return ", ".join(name for item in (value if isinstance(value, list) else [value]) if (name := _name(item)))


def _string(value: Any) -> str:
    return unescape(value).strip() if isinstance(value, str) else ""


def _strings(value: Any) -> list[str]:
    return [item for item in (value if isinstance(value, list) else [value]) if isinstance(item, str)]


def _number(value: Any) -> int | None:
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\d+(?:\.\d+)?", value.strip()):
        return int(float(value))
    return None


def _text_of_html(html: str) -> str:
    """A description's HTML as plain lines; HTML encoded twice (&lt;p&gt;) is read as HTML too."""
    text = html_to_text(html)
    if "<" in text and re.search(r"</?(?:p|li|ul|br|div|strong)\b", text, re.I):
        text = html_to_text(text)
    return _tidy(text)


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.replace("\r", "").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _merged(first: ExtractedJob, fallback: ExtractedJob) -> ExtractedJob:
    """The JSON-LD's fields, with what it left empty taken from the page (its description, say)."""
    merged = ExtractedJob(**{key: value or getattr(fallback, key) for key, value in asdict(first).items()})
    merged.source = "page"  # partly read from the page: worth a check
    return merged


# --- The page's main content, and fields stated in words ----------------------------------------------------------


def _from_main_content(html: str, page: _Page) -> ExtractedJob:
    import lxml.html
    from lxml.etree import ParserError
    from readability import Document

    root = _cleaned(html)
    try:
        document = Document(lxml.html.tostring(root, encoding="unicode") if root is not None else html)
        main = document.summary(html_partial=True)
        short_title = document.short_title()
    except (ParserError, ValueError, TypeError):
        main, short_title = "", ""
    text = _tidy(html_to_text(main))
    title = (page.heading or short_title or "")[:200]
    tokens = [" ".join(piece.split()) for piece in root.itertext() if piece.strip()] if root is not None else []
    job = _fields_from_tokens(tokens, title=title)
    in_text = _fields_from_text(text)
    for name in ("location", "company", "workplace", "employment_type"):
        setattr(job, name, getattr(job, name) or getattr(in_text, name))
    if job.salary_min is None:
        _salary_in(job, text)
    job.company = job.company or _company_in_title(page, title) or _site_name(page.site_name)
    job.title, job.description, job.source = title, text, "page"
    return job


# Parts of a page that hold no posting, whatever they say: search filters, cookie notices, lists of other jobs.
_CLUTTER = re.compile(r"filter|refine|cookie|consent|related|similar|other-?(?:jobs|positions|offers)|newsletter", re.I)
_LABELS = {
    "location": "location|locations|where|city|office|lieu|localisation|arbeitsort|standort|ort|ubicación"
    "|localidad|locatie|standplaats|werklocatie|localização",
    "company": "company|employer|posted by|hiring company|client|unternehmen|arbeitgeber|entreprise|société"
    "|empresa|bedrijf|werkgever",
    "employment_type": "contract|contract type|job type|employment type|type de contrat|contrat|anstellungsart"
    "|vertragsart|beschäftigungsart|jornada|tipo de contrato|dienstverband|contracttype",
    "workplace": "work model|workplace|working model|remote work|arbeitsmodell|télétravail|homeoffice"
    "|modalidad|werkplek|thuiswerken",
    "salary": "salary|pay|rate|day rate|compensation|gehalt|vergütung|gratification|rémunération|salaire"
    "|salario|salaris|salário",
}
_LABEL = {name: re.compile(rf"^(?:{words})\s*:?$", re.I) for name, words in _LABELS.items()}
_LABEL_INLINE = {name: re.compile(rf"^(?:{words})\s*:\s*(.+)$", re.I) for name, words in _LABELS.items()}
_COUNTRIES = {
    "deutschland": "Germany",
    "schweiz": "Switzerland",
    "suisse": "Switzerland",
    "svizzera": "Switzerland",
    "frankreich": "France",
    "österreich": "Austria",
    "españa": "Spain",
    "italia": "Italy",
    "nederland": "Netherlands",
    "belgique": "Belgium",
    "belgië": "Belgium",
    "portugal": "Portugal",
    "polska": "Poland",
    "sverige": "Sweden",
    "danmark": "Denmark",
    "norge": "Norway",
    "suomi": "Finland",
    "éire": "Ireland",
    "česko": "Czechia",
    # the two-letter codes schema.org addresses often give
    "us": "United States",
    "usa": "United States",
    "gb": "United Kingdom",
    "uk": "United Kingdom",
    "de": "Germany",
    "fr": "France",
    "es": "Spain",
    "it": "Italy",
    "nl": "Netherlands",
    "be": "Belgium",
    "ch": "Switzerland",
    "at": "Austria",
    "ie": "Ireland",
    "pt": "Portugal",
    "pl": "Poland",
    "se": "Sweden",
    "dk": "Denmark",
    "no": "Norway",
    "fi": "Finland",
    "cz": "Czechia",
    "ca": "Canada",
    "au": "Australia",
    "nz": "New Zealand",
    "in": "India",
    "jp": "Japan",
    "sg": "Singapore",
    "lu": "Luxembourg",
    "gr": "Greece",
    "ro": "Romania",
    "hu": "Hungary",
    "ee": "Estonia",
}


def _cleaned(html: str) -> Any:
    """The page as an lxml tree without scripts, navigation, forms and clutter (None when it cannot be parsed)."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return None
    for element in root.xpath("//script|//style|//noscript|//template|//nav|//footer|//form"):
        element.drop_tree()
    for element in root.xpath("//*[@class or @id]"):
        if _CLUTTER.search(f"{element.get('class', '')} {element.get('id', '')}") and element.getparent() is not None:
            element.drop_tree()
    return root


def _fields_from_tokens(tokens: list[str], *, title: str) -> ExtractedJob:
    """Fields labelled on the page ("Location" then "Lyon, France"), else stated in the line under the title."""
    job, labelled = ExtractedJob(), _labelled(tokens)
    if value := labelled.get("location"):
        job.location = _place(value)
    job.company = labelled.get("company", "")[:200]
    job.workplace = _workplace_in(labelled.get("workplace", "")) or _workplace_in(labelled.get("location", ""))
    job.employment_type = _employment_in(labelled.get("employment_type", ""))
    if value := labelled.get("salary"):
        _salary_in(job, value, single=True)
    after_title = [
        part.strip()
        for token in (tokens[tokens.index(title) + 1 :][:12] if title in tokens else [])
        for part in re.split(r"\s[·|•]\s", token)
        if part.strip()
    ]
    for token in after_title:
        if not job.location and (_REMOTE_AREA.match(token) or _CITY_COUNTRY.match(token)):
            job.location = _place(token)
        job.workplace = job.workplace or (_workplace_in(token) if len(token) < 40 else "")
        job.employment_type = job.employment_type or (_employment_in(token) if len(token) < 40 else "")
        if job.salary_min is None and len(token) < 60:
            _salary_in(job, token)
    return job


def _labelled(tokens: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for index, token in enumerate(tokens):
        for name in _LABELS:
            if name in found:
                continue
            if _LABEL[name].match(token) and index + 1 < len(tokens):
                found[name] = tokens[index + 1][:200]
            elif match := _LABEL_INLINE[name].match(token):
                found[name] = match.group(1)[:200]
    return found


_REMOTE_AREA = re.compile(r"^(?:fully\s+)?remote\s*\(([^)]+)\)", re.I)
_CITY_COUNTRY = re.compile(r"^[A-ZÀ-Ý][\w.'À-ÿ-]+(?: [\w.'À-ÿ-]+)?(?: \(\d+\))?, [A-ZÀ-Ý][\w À-ÿ-]+$")


def _place(value: str) -> str:
    """A location as written ("Bordeaux (33), France", "München, Deutschland"), tidied: "Bordeaux, France"."""
    if match := _REMOTE_AREA.match(value):
        return f"Remote ({match.group(1).strip()})"
    if match := re.match(r"^([^(]+?)\s*\((?:remote|fully remote)\)", value, re.I):
        return f"Remote ({match.group(1).strip()})"
    value = re.split(r"[;·|]| - | – ", value)[0]
    value = re.sub(r"\s*\(\d+\)", "", value).strip()
    parts = [part.strip() for part in value.split(",")]
    parts[-1] = _country(parts[-1]) if len(parts) > 1 else parts[-1]
    return ", ".join(part for part in parts if part)[:200]


def _country(name: str) -> str:
    """A country in English, from its name in its own language or its two-letter code as addresses give them."""
    return _COUNTRIES.get(name.strip().casefold(), name.strip())


def _company_in_title(page: _Page, title: str) -> str:
    """The employer in the page's <title>: "Role at Company | Board", or "Role - Careers - Company"."""
    whole = page.title[:500]
    if title and whole.startswith(title):
        whole = whole[len(title) :]
    if at := re.search(r"\b(?:at|bij|bei|chez)\s+(.+?)(?:\s+in\s+|\s[|–—·-]\s|$)", whole):
        return at.group(1).strip()[:200]
    site = page.site_name.casefold()
    for part in re.split(r"\s(?:[|–—·-])\s|^\s*[|–—·-]\s", whole):
        part = part.strip()
        if part and part.casefold() != site and not re.fullmatch(_GENERIC_TITLE_PARTS, part, re.I):
            return part[:200]
    return ""


_GENERIC_TITLE_PARTS = r"careers?|jobs?|job offer|vacanc(?:y|ies)|recrutement|karriere|stellenangebote?|emplois?|home"


def _site_name(name: str) -> str:
    return re.sub(r"\s*[-–|]\s*(?:careers?|jobs?|karriere|recrutement)$", "", name[:200], flags=re.I)


_LABELLED = r"^\s*(?:{labels})\s*[:\-–]\s*(.+)$"
_LOCATION = re.compile(
    _LABELLED.format(labels="location|locations|where|standort|lieu|ubicación|arbeitsort"), re.I | re.M
)
_COMPANY = re.compile(_LABELLED.format(labels="company|employer|organisation|organization|unternehmen"), re.I | re.M)
_WORK_WORDS = [
    ("hybrid", r"\bhybri(?:d|de|des|der|den)\b|\bhíbrid[oa]\b"),
    (
        "remote",
        r"\b(?:fully remote|100% remote|remote[- ]first|remote \(|remote only|work from anywhere|remote"
        r"|teletrabajo|remoto)\b",
    ),
    (
        "on-site",
        r"\b(?:on[- ]?site|in[- ]office|office[- ]based|vor ort|sur site|en présentiel|presencial|op kantoor"
        r"|(?:five|5) days a week)\b",
    ),
]
_EMPLOYMENT_WORDS = [
    (
        "full-time",
        r"\bfull[- ]?time\b|\bvollzeit\b|\btemps plein\b|\bcdi\b|\bjornada completa\b|\btiempo completo\b"
        r"|\bvoltijd\b",
    ),
    ("part-time", r"\bpart[- ]?time\b|\bteilzeit\b|\btemps partiel\b|\bjornada parcial\b|\bdeeltijd\b"),
    (
        "contract",
        r"\b(?:freelance|contractor|contract role|fixed[- ]term contract|b2b contract)\b|(?m:^\s*contract\s*$)",
    ),
    ("temporary", r"\btemporary\b|\bbefristet\b|\bcdd\b"),
    ("internship", r"\binternship\b|\bintern\b|\bpraktikum\b|\bstage\b"),
]
_CODES = "EUR|USD|GBP|CHF|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|RON|JPY|INR|SGD|ZAR"
_CURRENCY = {"€": "EUR", "$": "USD", "£": "GBP", **{code: code for code in _CODES.split("|")}}
_MONEY = rf"[€$£]|\b(?:{_CODES})\b"
# Bounded and anchored (no digit before or after), so a long run of digits is tried once, not at every position.
_AMOUNT = (
    r"(?<![\d.,])(?P<{n}>\d{{1,3}}(?:[,.\u202f\u00a0 ]\d{{3}}){{1,3}}|\d{{1,9}})(?!\d)(?:[.,]\d{{1,2}}(?!\d))?"
    r"\s?(?P<{n}k>[kK])?"
)
_SALARY = re.compile(
    rf"(?P<cur1>{_MONEY})?\s?"
    + _AMOUNT.format(n="low")
    + rf"\s?(?P<cur2>{_MONEY})?\s*(?:-|–|—|to|bis|à|tot|a)\s*(?P<cur3>{_MONEY})?\s?"
    + _AMOUNT.format(n="high")
    + rf"\s?(?P<cur4>{_MONEY})?"
    + r"(?P<tail>[^\n]{0,40})"
)
_PERIOD_WORDS = [
    ("year", r"year|annum|annual|p\.?\s?a\.?\b|yearly|jahr|\ban\b|jaar|año|\bano\b|anual"),
    ("month", r"month|monat|mois|maand|\bmes\b|mês"),
    ("day", r"\bday\b|daily|/day|day rate|tag|jour|\bdag\b|\bdía\b"),
    ("hour", r"hour|/h\b|/hr|hourly|stunde|heure|\buur\b|\bhora\b"),
]


def _fields_from_text(text: str) -> ExtractedJob:
    text = text[:MAX_SCANNED_CHARS]
    job = ExtractedJob()
    if match := _LOCATION.search(text):
        job.location = match.group(1).strip()[:200]
    if match := _COMPANY.search(text):
        job.company = match.group(1).strip()[:200]
    job.workplace = _workplace_in(text)
    job.employment_type = _employment_in(text)
    _salary_in(job, text)
    return job


def _employment_in(text: str) -> str:
    return ", ".join(kind for kind, pattern in _EMPLOYMENT_WORDS if re.search(pattern, text, re.I))


def _workplace_in(text: str) -> str:
    return next((kind for kind, pattern in _WORK_WORDS if re.search(pattern, text, re.I)), "")


_SINGLE_SALARY = re.compile(
    rf"(?P<cur1>{_MONEY})?\s?" + _AMOUNT.format(n="low") + rf"\s?(?P<cur4>{_MONEY})?" + r"(?P<tail>[^\n]{0,40})"
)


def _salary_in(job: ExtractedJob, text: str, *, single: bool = False) -> None:
    """The first salary range in the text (or, where `single`, a labelled salary's one amount)."""
    text = text[:MAX_SCANNED_CHARS]
    for match in _SALARY.finditer(text):
        currency = next(
            (
                _CURRENCY[c.upper() if len(c) == 3 else c]
                for c in (match["cur1"], match["cur2"], match["cur3"], match["cur4"])
                if c
            ),
            "",
        )
        if not currency:
            continue
        low, high = _amount(match["low"], match["lowk"]), _amount(match["high"], match["highk"])
        if low > high:
            continue
        job.salary_min, job.salary_max, job.salary_currency = low, high, currency
        job.salary_period = _period(match["tail"], high)
        return
    amount = _SINGLE_SALARY.search(text) if single else None
    if amount is not None and (currency := amount["cur1"] or amount["cur4"]):
        job.salary_min = job.salary_max = _amount(amount["low"], amount["lowk"])
        job.salary_currency = _CURRENCY[currency.upper() if len(currency) == 3 else currency]
        job.salary_period = _period(amount["tail"], job.salary_max)


def _period(tail: str, amount: int) -> str:
    stated = next((period for period, pattern in _PERIOD_WORDS if re.search(pattern, tail, re.I)), "")
    return stated or ("year" if amount >= 10_000 else "")


def _amount(digits: str, thousands: str | None) -> int:
    value = int(re.sub(r"[^\d]", "", digits))
    return value * 1000 if thousands else value
