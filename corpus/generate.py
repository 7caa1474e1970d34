"""Write the labelled CV corpus: corpus/expected/<id>.json (truth) and corpus/cvs/<id>.<ext> (the CV).

    .venv/bin/python -m corpus.generate

Each person (corpus/people.py) is rendered in one of twelve layouts, in English, German, French or
Spanish: PDFs from HTML in several designs (one column, sidebar, LaTeX-like, dates first, modern),
Word with and without tables, OpenDocument, plain text, Markdown, JSON Resume, and scans (a PDF of
page images). Dates are written as the layout writes them, and the truth says what can be read:
a layout that shows only years has only years in its truth.
"""

from __future__ import annotations

import copy
import html
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus.people import make_person

HERE = Path(__file__).resolve().parent
COUNT = 48

HEADINGS = {
    "en": {
        "summary": "Summary",
        "work": "Experience",
        "education": "Education",
        "skills": "Skills",
        "languages": "Languages",
        "certificates": "Certifications",
        "contact": "Contact",
    },
    "de": {
        "summary": "Profil",
        "work": "Berufserfahrung",
        "education": "Ausbildung",
        "skills": "Kenntnisse",
        "languages": "Sprachen",
        "certificates": "Zertifikate",
        "contact": "Kontakt",
    },
    "fr": {
        "summary": "Profil",
        "work": "Expérience professionnelle",
        "education": "Formation",
        "skills": "Compétences",
        "languages": "Langues",
        "certificates": "Certifications",
        "contact": "Coordonnées",
    },
    "es": {
        "summary": "Perfil",
        "work": "Experiencia profesional",
        "education": "Formación",
        "skills": "Habilidades",
        "languages": "Idiomas",
        "certificates": "Certificaciones",
        "contact": "Contacto",
    },
}
PRESENT = {"en": "Present", "de": "heute", "fr": "aujourd'hui", "es": "actualidad"}
MONTHS_SHORT = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "de": "Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez.",
    "fr": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    "es": "ene. feb. mar. abr. may. jun. jul. ago. sept. oct. nov. dic.",
}
MONTHS_LONG = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
}


def fmt_date(value: str, style: str, lang: str) -> str:
    year, _, month = value.partition("-")
    if style == "year" or not month:
        return year
    m = int(month)
    if style == "numeric":
        return f"{m:02d}.{year}" if lang == "de" else f"{m:02d}/{year}"
    names = (MONTHS_LONG if style == "long" else MONTHS_SHORT)[lang].split()
    return f"{names[m - 1]} {year}"


def fmt_range(item: dict[str, Any], style: str, lang: str) -> str:
    end = fmt_date(item["endDate"], style, lang) if item.get("endDate") else PRESENT[lang]
    return f"{fmt_date(item['startDate'], style, lang)} – {end}"


def years_only(person: dict[str, Any]) -> dict[str, Any]:
    truth = copy.deepcopy(person)
    for job in truth["work"]:
        job["startDate"] = job["startDate"][:4]
        if job.get("endDate"):
            job["endDate"] = job["endDate"][:4]
    return truth


def e(text: str) -> str:
    return html.escape(text)


# ---------------------------------------------------------------- HTML layouts, printed by WeasyPrint


def _contact_bits(b: dict[str, Any]) -> list[str]:
    return [b["email"], b["phone"], f"{b['location']['city']}", b["profiles"][0]["url"].removeprefix("https://")]


def _skills_html(p: dict[str, Any]) -> str:
    return "".join(f"<p><b>{e(g['name'])}:</b> {e(', '.join(g['keywords']))}</p>" for g in p["skills"])


def _languages_html(p: dict[str, Any]) -> str:
    return "".join(f"<p>{e(x['language'])} ({e(x['fluency'])})</p>" for x in p["languages"])


def _certs_html(p: dict[str, Any], h: dict[str, str], tag: str = "h2") -> str:
    if not p.get("certificates"):
        return ""
    items = "".join(f"<p>{e(c['name'])} – {e(c['issuer'])}, {c['date']}</p>" for c in p["certificates"])
    return f"<{tag}>{h['certificates']}</{tag}>{items}"


def _education_html(p: dict[str, Any], style: str = "two-lines") -> str:
    out = []
    for ed in p["education"]:
        years = f"{ed['startDate']} – {ed['endDate']}"
        if style == "one-line":
            out.append(f"<p><b>{e(ed['studyType'])} {e(ed['area'])}</b>, {e(ed['institution'])}, {years}</p>")
        else:
            out.append(
                f"<p class='org'><b>{e(ed['institution'])}</b></p><p>{e(ed['studyType'])} {e(ed['area'])} · {years}</p>"
            )
    return "".join(out)


def _bullets(job: dict[str, Any]) -> str:
    return "<ul>" + "".join(f"<li>{e(x)}</li>" for x in job["highlights"]) + "</ul>"


def _page(body: str, css: str, title: str) -> bytes:
    from weasyprint import HTML

    doc = f"<html><head><meta charset='utf-8'><title>{e(title)}</title><style>{css}</style></head><body>{body}</body></html>"
    return HTML(string=doc).write_pdf()


BASE_CSS = (
    "@page { size: A4; margin: 16mm 15mm; } body { font-family: 'DejaVu Sans'; font-size: 9.5pt; } "
    "p { margin: 0 0 3pt; } ul { margin: 2pt 0 8pt; padding-left: 14pt; } li { margin-bottom: 1pt; }"
)


def classic(p: dict[str, Any], lang: str) -> tuple[bytes, dict[str, Any]]:
    b, h = p["basics"], HEADINGS[lang]
    jobs = "".join(
        f"<p><b>{e(j['position'])}</b>, {e(j['name'])} — {fmt_range(j, 'short', lang)}</p>{_bullets(j)}"
        for j in p["work"]
    )
    body = (
        f"<h1>{e(b['name'])}</h1><p class='label'>{e(b['label'])}</p><p>{' | '.join(map(e, _contact_bits(b)))}</p>"
        f"<h2>{h['summary']}</h2><p>{e(b['summary'])}</p><h2>{h['work']}</h2>{jobs}"
        f"<h2>{h['education']}</h2>{_education_html(p, 'one-line')}<h2>{h['skills']}</h2>{_skills_html(p)}"
        f"<h2>{h['languages']}</h2>{_languages_html(p)}{_certs_html(p, h)}"
    )
    css = (
        BASE_CSS + " h1 { font-size: 22pt; margin: 0; } .label { font-size: 12pt; } "
        "h2 { font-size: 11pt; text-transform: uppercase; border-bottom: 1px solid #999; margin: 12pt 0 5pt; }"
    )
    return _page(body, css, b["name"]), p


def sidebar(p: dict[str, Any], lang: str) -> tuple[bytes, dict[str, Any]]:
    b, h = p["basics"], HEADINGS[lang]
    side = (
        f"<h3>{h['contact']}</h3>"
        + "".join(f"<p>{e(x)}</p>" for x in _contact_bits(b))
        + f"<h3>{h['skills']}</h3>"
        + "".join(
            f"<p><b>{e(g['name'])}</b></p>" + "".join(f"<p>{e(k)}</p>" for k in g["keywords"]) for g in p["skills"]
        )
        + f"<h3>{h['languages']}</h3>{_languages_html(p)}"
    )
    jobs = "".join(
        f"<p class='pos'><b>{e(j['position'])}</b></p><p>{e(j['name'])} · {e(j['location'])}</p>"
        f"<p class='when'>{fmt_range(j, 'numeric', lang)}</p>{_bullets(j)}"
        for j in p["work"]
    )
    main = (
        f"<h2>{h['summary']}</h2><p>{e(b['summary'])}</p><h2>{h['work']}</h2>{jobs}"
        f"<h2>{h['education']}</h2>{_education_html(p)}{_certs_html(p, h)}"
    )
    body = (
        f"<h1>{e(b['name'])}</h1><p class='label'>{e(b['label'])}</p>"
        f"<div class='cols'><aside>{side}</aside><main>{main}</main></div>"
    )
    css = (
        BASE_CSS + " h1 { font-size: 24pt; margin: 0; color: #234; } .label { font-size: 12pt; margin-bottom: 10pt; }"
        " .cols { display: flex; gap: 16pt; } aside { width: 32%; background: #eef2f7; padding: 8pt; }"
        " main { width: 68%; } h2, h3 { font-size: 11pt; color: #2b4c7e; margin: 10pt 0 4pt; } .when { color: #555; }"
    )
    return _page(body, css, b["name"]), p


def latex(p: dict[str, Any], lang: str) -> tuple[bytes, dict[str, Any]]:
    b, h = p["basics"], HEADINGS[lang]
    jobs = "".join(
        f"<div class='row'><b>{e(j['name'])}</b><span>{fmt_range(j, 'long', lang)}</span></div>"
        f"<div class='row'><i>{e(j['position'])}</i><span>{e(j['location'])}</span></div>{_bullets(j)}"
        for j in p["work"]
    )
    edu = "".join(
        f"<div class='row'><b>{e(x['institution'])}</b><span>{x['startDate']} – {x['endDate']}</span></div>"
        f"<div class='row'><i>{e(x['studyType'])} {e(x['area'])}</i></div>"
        for x in p["education"]
    )
    body = (
        f"<h1>{e(b['name'])}</h1><p class='c'>{' · '.join(map(e, _contact_bits(b)))}</p>"
        f"<h2>{h['summary']}</h2><p>{e(b['summary'])}</p><h2>{h['work']}</h2>{jobs}<h2>{h['education']}</h2>{edu}"
        f"<h2>{h['skills']}</h2>{_skills_html(p)}<h2>{h['languages']}</h2>{_languages_html(p)}{_certs_html(p, h)}"
    )
    css = (
        BASE_CSS.replace("DejaVu Sans", "DejaVu Serif") + " h1 { text-align: center; font-size: 20pt;"
        " font-variant: small-caps; margin: 0; } .c { text-align: center; } h2 { font-size: 11pt;"
        " font-variant: small-caps; border-bottom: 0.6pt solid black; margin: 10pt 0 4pt; }"
        " .row { display: flex; justify-content: space-between; }"
    )
    return _page(body, css, b["name"]), p


def dates_first(p: dict[str, Any], lang: str) -> tuple[bytes, dict[str, Any]]:
    b, h = p["basics"], HEADINGS[lang]
    rows = "".join(
        f"<tr><td class='d'>{fmt_range(j, 'year', lang)}</td><td><b>{e(j['position'])}</b> | {e(j['name'])}"
        f"{_bullets(j)}</td></tr>"
        for j in p["work"]
    )
    edu = "".join(
        f"<tr><td class='d'>{x['startDate']} – {x['endDate']}</td><td><b>{e(x['studyType'])} {e(x['area'])}</b>"
        f" | {e(x['institution'])}</td></tr>"
        for x in p["education"]
    )
    body = (
        f"<h1>{e(b['name'])}</h1><p>{e(b['label'])}</p><p>{' | '.join(map(e, _contact_bits(b)))}</p>"
        f"<h2>{h['work']}</h2><table>{rows}</table><h2>{h['education']}</h2><table>{edu}</table>"
        f"<h2>{h['skills']}</h2>{_skills_html(p)}<h2>{h['languages']}</h2>{_languages_html(p)}"
    )
    css = (
        BASE_CSS + " h1 { font-size: 20pt; margin: 0; } h2 { font-size: 12pt; color: #a33; margin: 10pt 0 4pt; }"
        " td { vertical-align: top; padding: 2pt 6pt 4pt 0; } td.d { width: 22%; white-space: nowrap; }"
    )
    return _page(body, css, b["name"]), years_only(p)


def modern(p: dict[str, Any], lang: str) -> tuple[bytes, dict[str, Any]]:
    b, h = p["basics"], HEADINGS[lang]
    at = {"en": "at", "de": "bei", "fr": "chez", "es": "en"}[lang]
    jobs = "".join(
        f"<p><b>{e(j['position'])} {at} {e(j['name'])}</b></p>"
        f"<p class='when'>{fmt_range(j, 'long', lang)} · {e(j['location'])}</p>{_bullets(j)}"
        for j in p["work"]
    )
    body = (
        f"<h1>{e(b['name'].upper())}</h1><p class='label'>{e(b['label'])}</p>"
        f"<p>{' • '.join(map(e, _contact_bits(b)))}</p><h2>{h['summary'].upper()}</h2><p>{e(b['summary'])}</p>"
        f"<h2>{h['work'].upper()}</h2>{jobs}<h2>{h['education'].upper()}</h2>{_education_html(p)}"
        f"<h2>{h['skills'].upper()}</h2>{_skills_html(p)}<h2>{h['languages'].upper()}</h2>{_languages_html(p)}"
        f"{_certs_html(p, {k: v.upper() for k, v in h.items()})}"
    )
    css = (
        BASE_CSS.replace("DejaVu Sans", "Liberation Sans") + " h1 { font-size: 26pt; letter-spacing: 2pt;"
        " margin: 0; color: #0b6e4f; } h2 { font-size: 10pt; letter-spacing: 1.5pt; color: #0b6e4f;"
        " margin: 12pt 0 4pt; } .when { color: #666; font-size: 8.5pt; }"
    )
    truth = copy.deepcopy(p)
    truth["basics"]["name"] = b["name"].upper()
    return _page(body, css, b["name"]), truth


def scanned(p: dict[str, Any], lang: str) -> tuple[bytes, dict[str, Any]]:
    """The classic layout printed, then only its page images kept: what a scanner produces."""
    import pypdfium2
    from PIL import Image

    pdf_bytes, truth = classic(p, lang)
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    pages = [pdf[i].render(scale=200 / 72).to_pil().convert("L") for i in range(len(pdf))]
    pdf.close()
    out = io.BytesIO()
    first: Image.Image = pages[0]
    first.save(out, format="PDF", resolution=200, save_all=True, append_images=pages[1:])
    return out.getvalue(), truth


# ---------------------------------------------------------------- word processors, text, JSON


def docx_table(p: dict[str, Any], lang: str) -> tuple[bytes, dict[str, Any]]:
    import docx

    b, h = p["basics"], HEADINGS[lang]
    document = docx.Document()
    document.add_heading(b["name"], 0)
    document.add_paragraph(b["label"])
    document.add_paragraph(" | ".join(_contact_bits(b)))
    document.add_heading(h["summary"], 1)
    document.add_paragraph(b["summary"])
    document.add_heading(h["work"], 1)
    table = document.add_table(rows=0, cols=2)
    for job in p["work"]:
        cells = table.add_row().cells
        cells[0].text = fmt_range(job, "short", lang)
        cells[1].text = f"{job['position']}, {job['name']}"
        for item in job["highlights"]:
            cells[1].add_paragraph(item, style="List Bullet")
    document.add_heading(h["education"], 1)
    table = document.add_table(rows=0, cols=2)
    for ed in p["education"]:
        cells = table.add_row().cells
        cells[0].text = f"{ed['startDate']} – {ed['endDate']}"
        cells[1].text = f"{ed['studyType']} {ed['area']}, {ed['institution']}"
    _docx_tail(document, p, h)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), p


def docx_plain(p: dict[str, Any], lang: str) -> tuple[bytes, dict[str, Any]]:
    import docx

    b, h = p["basics"], HEADINGS[lang]
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = " | ".join(_contact_bits(b))  # contact details in the page header
    title = document.add_paragraph()
    run = title.add_run(b["name"])
    run.bold = True
    document.add_paragraph(b["label"])
    document.add_heading(h["summary"], 1)
    document.add_paragraph(b["summary"])
    document.add_heading(h["work"], 1)
    for job in p["work"]:
        line = document.add_paragraph()
        line.add_run(f"{job['position']} — {job['name']}").bold = True
        document.add_paragraph(fmt_range(job, "numeric", lang))
        for item in job["highlights"]:
            document.add_paragraph(item, style="List Bullet")
    document.add_heading(h["education"], 1)
    for ed in p["education"]:
        document.add_paragraph().add_run(ed["institution"]).bold = True
        document.add_paragraph(f"{ed['studyType']} {ed['area']}, {ed['startDate']} – {ed['endDate']}")
    _docx_tail(document, p, h)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), p


def _docx_tail(document: Any, p: dict[str, Any], h: dict[str, str]) -> None:
    document.add_heading(h["skills"], 1)
    for group in p["skills"]:
        document.add_paragraph(f"{group['name']}: {', '.join(group['keywords'])}", style="List Bullet")
    document.add_heading(h["languages"], 1)
    document.add_paragraph(", ".join(f"{x['language']} ({x['fluency']})" for x in p["languages"]))
    if p.get("certificates"):
        document.add_heading(h["certificates"], 1)
        for c in p["certificates"]:
            document.add_paragraph(f"{c['name']} – {c['issuer']}, {c['date']}")


def odt(p: dict[str, Any], lang: str) -> tuple[bytes, dict[str, Any]]:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, List, ListItem, P

    b, h = p["basics"], HEADINGS[lang]
    document = OpenDocumentText()

    def para(text: str) -> None:
        document.text.addElement(P(text=text))

    document.text.addElement(H(outlinelevel=1, text=b["name"]))
    para(b["label"])
    para(" · ".join(_contact_bits(b)))
    document.text.addElement(H(outlinelevel=2, text=h["summary"]))
    para(b["summary"])
    document.text.addElement(H(outlinelevel=2, text=h["work"]))
    for job in p["work"]:
        para(f"{job['position']}, {job['name']}, {job['location']}")
        para(fmt_range(job, "short", lang))
        bullets = List()
        for item in job["highlights"]:
            entry = ListItem()
            entry.addElement(P(text=item))
            bullets.addElement(entry)
        document.text.addElement(bullets)
    document.text.addElement(H(outlinelevel=2, text=h["education"]))
    for ed in p["education"]:
        para(f"{ed['institution']}: {ed['studyType']} {ed['area']} ({ed['startDate']} – {ed['endDate']})")
    document.text.addElement(H(outlinelevel=2, text=h["skills"]))
    for group in p["skills"]:
        para(f"{group['name']}: {', '.join(group['keywords'])}")
    document.text.addElement(H(outlinelevel=2, text=h["languages"]))
    para(", ".join(f"{x['language']} ({x['fluency']})" for x in p["languages"]))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue(), p


def plain_text(p: dict[str, Any], lang: str) -> tuple[bytes, dict[str, Any]]:
    b, h = p["basics"], HEADINGS[lang]
    out = [b["name"], b["label"], *_contact_bits(b), ""]

    def heading(title: str) -> None:
        out.extend(["", title.upper(), "=" * len(title)])

    heading(h["summary"])
    out.append(b["summary"])
    heading(h["work"])
    for job in p["work"]:
        out += [f"{job['name']} - {job['position']}", f"{fmt_range(job, 'short', lang)}, {job['location']}"]
        out += [f"  * {item}" for item in job["highlights"]] + [""]
    heading(h["education"])
    for ed in p["education"]:
        out += [ed["institution"], f"{ed['studyType']} {ed['area']}, {ed['startDate']}-{ed['endDate']}", ""]
    heading(h["skills"])
    out += [f"{g['name']}: {', '.join(g['keywords'])}" for g in p["skills"]]
    heading(h["languages"])
    out += [f"{x['language']} - {x['fluency']}" for x in p["languages"]]
    return "\n".join(out).encode(), p


def markdown(p: dict[str, Any], lang: str) -> tuple[bytes, dict[str, Any]]:
    b, h = p["basics"], HEADINGS[lang]
    link = b["profiles"][0]["url"]
    out = [
        f"# {b['name']}",
        "",
        f"**{b['label']}**",
        "",
        f"{b['email']} · {b['phone']} · {b['location']['city']} · [LinkedIn]({link})",
        "",
        f"## {h['summary']}",
        "",
        b["summary"],
        "",
        f"## {h['work']}",
        "",
    ]
    for job in p["work"]:
        out += [f"### {job['position']}, {job['name']}", f"*{fmt_range(job, 'long', lang)}*", ""]
        out += [f"- {item}" for item in job["highlights"]] + [""]
    out += [f"## {h['education']}", ""]
    for ed in p["education"]:
        out += [f"**{ed['studyType']} {ed['area']}**, {ed['institution']} ({ed['startDate']} – {ed['endDate']})", ""]
    out += [f"## {h['skills']}", ""] + [f"- **{g['name']}:** {', '.join(g['keywords'])}" for g in p["skills"]]
    out += ["", f"## {h['languages']}", ""] + [f"- {x['language']} ({x['fluency']})" for x in p["languages"]]
    return "\n".join(out).encode(), p


def json_resume(p: dict[str, Any], lang: str) -> tuple[bytes, dict[str, Any]]:
    return json.dumps(p, ensure_ascii=False, indent=2).encode(), p


LAYOUTS: list[tuple[str, str, Callable[[dict[str, Any], str], tuple[bytes, dict[str, Any]]]]] = [
    ("classic", "pdf", classic),
    ("sidebar", "pdf", sidebar),
    ("latex", "pdf", latex),
    ("dates-first", "pdf", dates_first),
    ("modern", "pdf", modern),
    ("docx-table", "docx", docx_table),
    ("docx", "docx", docx_plain),
    ("odt", "odt", odt),
    ("text", "txt", plain_text),
    ("markdown", "md", markdown),
    ("json", "json", json_resume),
    ("scanned", "pdf", scanned),
]


def language_for(index: int) -> str:
    return {1: "de", 3: "fr", 5: "es"}.get(index % 8, "en")


def main() -> None:
    for folder in ("cvs", "expected"):
        shutil.rmtree(HERE / folder, ignore_errors=True)
        (HERE / folder).mkdir()
    for index in range(COUNT):
        lang = language_for(index)
        name, extension, render = LAYOUTS[index % len(LAYOUTS)]
        person = make_person(index, lang)
        data, truth = render(person, lang)
        stem = f"{index:02d}-{name}-{lang}"
        (HERE / "cvs" / f"{stem}.{extension}").write_bytes(data)
        (HERE / "expected" / f"{stem}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n")
    print(f"Wrote {COUNT} CVs to {HERE / 'cvs'}")


if __name__ == "__main__":
    main()
