"""Headings and dates of an exported document in the persona's language (English where we have no words yet).

Each heading is one our own CV parser recognises (cvs.parsing.sections), so an export reads back into the same
sections: the ATS check depends on it.
"""

from __future__ import annotations

import re
from datetime import date

HEADINGS: dict[str, dict[str, str]] = {
    "en": {
        "summary": "Summary",
        "work": "Experience",
        "education": "Education",
        "skills": "Skills",
        "projects": "Projects",
        "certificates": "Certifications",
        "languages": "Languages",
        "awards": "Awards",
        "volunteer": "Volunteering",
        "publications": "Publications",
        "interests": "Interests",
        "references": "References",
        "contact": "Contact",
    },
    "de": {
        "summary": "Profil",
        "work": "Berufserfahrung",
        "education": "Ausbildung",
        "skills": "Kenntnisse",
        "projects": "Projekte",
        "certificates": "Zertifikate",
        "languages": "Sprachen",
        "awards": "Auszeichnungen",
        "volunteer": "Ehrenamt",
        "publications": "Publikationen",
        "interests": "Interessen",
        "references": "Referenzen",
        "contact": "Kontakt",
    },
    "fr": {
        "summary": "Profil",
        "work": "Expérience professionnelle",
        "education": "Formation",
        "skills": "Compétences",
        "projects": "Projets",
        "certificates": "Certifications",
        "languages": "Langues",
        "awards": "Distinctions",
        "volunteer": "Bénévolat",
        "publications": "Publications",
        "interests": "Centres d'intérêt",
        "references": "Références",
        "contact": "Coordonnées",
    },
    "es": {
        "summary": "Perfil",
        "work": "Experiencia profesional",
        "education": "Formación",
        "skills": "Habilidades",
        "projects": "Proyectos",
        "certificates": "Certificaciones",
        "languages": "Idiomas",
        "awards": "Premios",
        "volunteer": "Voluntariado",
        "publications": "Publicaciones",
        "interests": "Intereses",
        "references": "Referencias",
        "contact": "Contacto",
    },
}
PRESENT = {"en": "Present", "de": "heute", "fr": "aujourd'hui", "es": "actualidad"}
MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "de": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."],
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    "es": ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."],
}
MONTHS_LONG = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}
_LONG_DATE = {"en": "{d} {m} {y}", "de": "{d}. {m} {y}", "fr": "{d} {m} {y}", "es": "{d} de {m} de {y}"}
LANGUAGES = tuple(HEADINGS)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-\d{2})?$")


def language_of(code: str) -> str:
    """The language we write a document's headings in: the persona's when we have it, else English."""
    return code if code in HEADINGS else "en"


def heading(key: str, language: str) -> str:
    return HEADINGS[language_of(language)].get(key, "")


def format_date(value: object, language: str) -> str:
    """JSON Resume's "2020-03" as "Mar 2020" (or the language's month); anything else as it was written."""
    text = str(value or "").strip()
    match = _DATE.match(text)
    if match is None:
        return text
    year, month = match.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year
    return f"{MONTHS[language_of(language)][int(month) - 1]} {year}"


def date_range(start: object, end: object, language: str) -> str:
    """ "Mar 2020 – Present"; one date alone when there is only one, nothing when there is none."""
    first, last = format_date(start, language), format_date(end, language)
    if first and not last:
        return f"{first} – {PRESENT[language_of(language)]}"
    return " – ".join(part for part in (first, last) if part)


def long_date(day: date, language: str) -> str:
    """A letter's date: "2 December 2026", "2. Dezember 2026", "2 décembre 2026", "2 de diciembre de 2026"."""
    language = language_of(language)
    month = MONTHS_LONG[language][day.month - 1]
    return _LONG_DATE[language].format(d=day.day, m=month, y=day.year)
