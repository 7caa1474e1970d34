"""Split a CV's lines into sections by their headings, in English, German, French and Spanish."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from cvs.parsing.document import Line

HEADINGS: dict[str, list[str]] = {
    "summary": [
        "summary",
        "profile",
        "professional summary",
        "professional profile",
        "career summary",
        "about me",
        "about",
        "objective",
        "career objective",
        "personal statement",
        "personal profile",
        "introduction",
        "profil",
        "kurzprofil",
        "zusammenfassung",
        "uber mich",
        "berufsprofil",
        "resume",
        "a propos",
        "a propos de moi",
        "objectif",
        "profil professionnel",
        "perfil",
        "resumen",
        "sobre mi",
        "extracto",
        "objetivo",
        "perfil profesional",
        "acerca de mi",
    ],
    "work": [
        "experience",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "career",
        "relevant experience",
        "experience summary",
        "berufserfahrung",
        "berufliche erfahrung",
        "beruflicher werdegang",
        "werdegang",
        "praxiserfahrung",
        "experiences",
        "experience professionnelle",
        "experiences professionnelles",
        "parcours professionnel",
        "parcours",
        "experiencia",
        "experiencia laboral",
        "experiencia profesional",
        "trayectoria profesional",
    ],
    "education": [
        "education",
        "academic background",
        "education and training",
        "qualifications",
        "academic history",
        "ausbildung",
        "bildung",
        "bildungsweg",
        "studium",
        "schulbildung",
        "akademischer werdegang",
        "formation",
        "education et formation",
        "etudes",
        "diplomes",
        "formation academique",
        "educacion",
        "formacion",
        "formacion academica",
        "estudios",
        "titulacion",
    ],
    "skills": [
        "skills",
        "technical skills",
        "core skills",
        "key skills",
        "competencies",
        "core competencies",
        "expertise",
        "technologies",
        "tech stack",
        "tools",
        "skills and tools",
        "tools and technologies",
        "kenntnisse",
        "fahigkeiten",
        "kompetenzen",
        "fachkenntnisse",
        "it-kenntnisse",
        "technische kenntnisse",
        "faehigkeiten",
        "competences",
        "competences techniques",
        "savoir-faire",
        "outils",
        "habilidades",
        "competencias",
        "conocimientos",
        "aptitudes",
        "conocimientos tecnicos",
        "herramientas",
    ],
    "projects": [
        "projects",
        "selected projects",
        "personal projects",
        "key projects",
        "side projects",
        "projekte",
        "ausgewahlte projekte",
        "projets",
        "projets personnels",
        "proyectos",
        "proyectos personales",
    ],
    "certificates": [
        "certifications",
        "certificates",
        "licenses and certifications",
        "licences and certifications",
        "courses and certifications",
        "zertifikate",
        "zertifizierungen",
        "weiterbildung",
        "certificats",
        "certificaciones",
        "certificados",
    ],
    "languages": ["languages", "language skills", "sprachen", "sprachkenntnisse", "langues", "idiomas", "lenguas"],
    "awards": [
        "awards",
        "honors",
        "honours",
        "achievements",
        "awards and honors",
        "auszeichnungen",
        "preise",
        "prix",
        "distinctions",
        "recompenses",
        "premios",
        "reconocimientos",
        "logros",
    ],
    "volunteer": [
        "volunteering",
        "volunteer experience",
        "volunteer work",
        "voluntary work",
        "ehrenamt",
        "ehrenamtliches engagement",
        "engagement",
        "benevolat",
        "engagement associatif",
        "voluntariado",
    ],
    "publications": ["publications", "papers", "publikationen", "veroffentlichungen", "publicaciones"],
    "interests": [
        "interests",
        "hobbies",
        "hobbies and interests",
        "interessen",
        "hobbys",
        "freizeit",
        "centres d'interet",
        "centres d interet",
        "loisirs",
        "intereses",
        "aficiones",
    ],
    "references": ["references", "referenzen", "referencias"],
    "contact": [
        "contact",
        "links",
        "contact details",
        "contact information",
        "personal details",
        "personal information",
        "kontakt",
        "personliche daten",
        "kontaktdaten",
        "coordonnees",
        "informations personnelles",
        "contacto",
        "datos personales",
        "informacion personal",
    ],
}
_LOOKUP = {name: section for section, names in HEADINGS.items() for name in names}
# Letter-spaced headings ("E X P E R I E N C E", "S UMMARY") are matched with their spaces removed.
_LOOKUP_SQUEEZED = {name.replace(" ", ""): section for name, section in _LOOKUP.items()}


def fold(text: str) -> str:
    """Lower case without accents or punctuation at the ends: how headings are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("&", "and").replace(" und ", " and ").replace(" et ", " and ").replace(" y ", " and ")
    return re.sub(r"\s+", " ", plain.strip(" :·•-–—|*_\t")).strip()


def heading_section(line: Line) -> str | None:
    """The section a line heads, if it is a heading we know: whole, or by its first part when it joins two
    ("Certifications/Licenses", "Education & credentials", "Skills, tools")."""
    if len(line.text) > 45 or "\t" in line.text:
        return None
    folded = fold(line.text)
    known = _LOOKUP.get(folded) or _LOOKUP_SQUEEZED.get(folded.replace(" ", ""))
    if known is None and (parts := _JOINED.split(folded)) and len(parts) > 1:
        known = _LOOKUP.get(parts[0].strip())
    return known


_JOINED = re.compile(r"\s*(?:/|,|\band\b)\s*")


@dataclass
class Section:
    name: str  # "header" for what comes before the first heading
    heading: str
    lines: list[Line] = field(default_factory=list)


def split_sections(lines: list[Line]) -> list[Section]:
    sections = [Section("header", "")]
    for line in lines:
        name = heading_section(line)
        if name:
            sections.append(Section(name, line.text))
        else:
            sections[-1].lines.append(line)
    return sections
