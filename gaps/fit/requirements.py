"""What a job asks for, read by rules: skills, years, seniority, languages, place and way of working, education.

The description is read section by section ("Requirements", "Nice to have", "About us", in English, German,
French and Spanish): what the company offers or says about itself is not a requirement, and what the text calls
a plus is a nice-to-have. Every requirement keeps the sentence it came from, to show the user.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from cvs.knowledge import mentions
from cvs.parsing.places import find_place
from cvs.parsing.sections import fold

MUST, NICE, SKIP, DUTIES = "must", "nice", "skip", "duties"


@dataclass(frozen=True)
class Requirement:
    kind: str  # skill, years, seniority, language, location, education, certificate
    name: str  # the skill, language, level (junior… lead), place, degree or certificate
    must: bool
    source: str  # the job's sentence it was read from
    years: int | None = None  # for `years`
    remote: str = ""  # for `location`: remote, hybrid or onsite

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, point: dict[str, Any]) -> Requirement:
        """From `as_dict` (or a fit point, which adds its judgement to it)."""
        return cls(**{key: value for key, value in point.items() if key in cls.__dataclass_fields__})

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, fold(self.name) if self.kind != "years" else str(self.years))


# Section headings, folded. Requirements sections are read as must-haves, nice-to-have sections as pluses,
# and what the company says about itself or offers is skipped. Duties are read too: a tool named there is used.
_HEADINGS = {
    MUST: [
        "requirements",
        "requirement",
        "what you'll bring",
        "what you will bring",
        "what you bring",
        "what we're looking for",
        "what we are looking for",
        "who you are",
        "about you",
        "you have",
        "you are",
        "your profile",
        "profile",
        "qualifications",
        "required qualifications",
        "minimum qualifications",
        "must have",
        "must-have",
        "must haves",
        "essential",
        "essentials",
        "key skills",
        "skills",
        "skills and experience",
        "experience",
        "what you need",
        "you'll need",
        "you will need",
        "what we need",
        "the ideal candidate",
        "ideal candidate",
        "is this you",
        "we'd love to hear from you if",
        "requirements and skills",
        "anforderungen",
        "ihr profil",
        "dein profil",
        "das bringst du mit",
        "das bringen sie mit",
        "was du mitbringst",
        "was sie mitbringen",
        "qualifikationen",
        "voraussetzungen",
        "wir erwarten",
        "requisitos",
        "perfil",
        "que buscamos",
        "buscamos",
        "lo que buscamos",
        "requisitos minimos",
        "tu perfil",
        "que necesitas",
        "profil recherche",
        "votre profil",
        "ton profil",
        "ce que nous recherchons",
        "competences requises",
        "exigences",
        "qualifications requises",
        "prerequis",
        "profil recherché",
    ],
    NICE: [
        "nice to have",
        "nice-to-have",
        "nice to haves",
        "bonus",
        "bonus points",
        "preferred",
        "preferred qualifications",
        "desirable",
        "a plus",
        "plus",
        "pluses",
        "extra credit",
        "even better",
        "it would be great if",
        "ideally",
        "good to have",
        "wunschenswert",
        "von vorteil",
        "pluspunkte",
        "idealerweise",
        "valorable",
        "se valorara",
        "deseable",
        "seria un plus",
        "un plus",
        "atouts",
        "les plus",
        "souhaite",
        "serait un plus",
        "apprecie",
    ],
    DUTIES: [
        "responsibilities",
        "key responsibilities",
        "what you'll do",
        "what you will do",
        "your role",
        "the role",
        "role",
        "your responsibilities",
        "day to day",
        "in this role you will",
        "you will",
        "what the job involves",
        "duties",
        "the job",
        "your mission",
        "the opportunity",
        "about the role",
        "aufgaben",
        "deine aufgaben",
        "ihre aufgaben",
        "das erwartet dich",
        "das erwartet sie",
        "die rolle",
        "responsabilidades",
        "funciones",
        "que haras",
        "tus funciones",
        "tu mision",
        "el puesto",
        "missions",
        "vos missions",
        "tes missions",
        "responsabilites",
        "le poste",
        "vos responsabilites",
    ],
    SKIP: [
        "about us",
        "about the company",
        "who we are",
        "about",
        "company",
        "our company",
        "our story",
        "benefits",
        "perks",
        "what we offer",
        "we offer",
        "our offer",
        "why join us",
        "why us",
        "why work with us",
        "compensation",
        "salary",
        "pay",
        "how to apply",
        "to apply",
        "application process",
        "next steps",
        "equal opportunity",
        "diversity",
        "our values",
        "the team",
        "about the team",
        "interview process",
        "uber uns",
        "wir bieten",
        "was wir bieten",
        "benefits",
        "das bieten wir",
        "unser angebot",
        "bewerbung",
        "sobre nosotros",
        "quienes somos",
        "ofrecemos",
        "que ofrecemos",
        "beneficios",
        "la empresa",
        "a propos",
        "qui sommes-nous",
        "qui sommes nous",
        "nous offrons",
        "ce que nous offrons",
        "avantages",
        "l'entreprise",
        "notre offre",
        "pourquoi nous rejoindre",
    ],
}
_HEADING_KIND = {fold(name): kind for kind, names in _HEADINGS.items() for name in names}

# Words that make a sentence a plus rather than a must, in the four languages.
_NICE_CUE = re.compile(
    r"\b(nice[ -]to[ -]have|a plus|is a bonus|bonus|preferred|preferably|ideally|desirable|desired|advantageous|"
    r"an advantage|would be great|good to have|not required|not essential|optional|helpful|"
    r"von vorteil|wünschenswert|idealerweise|pluspunkt|valorar[aá]|valorable|deseable|un plus|apprécié|"
    r"souhaité|idéalement|serait un plus|atout|an asset|is an asset|beneficial)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÄÖÜÉÈÁÍÓÚ¿¡])")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–—]|\d{1,2}[.)])\s*")

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
}
_YEARS = re.compile(
    r"(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s*\+?\s*(?:(?:-|–|to|bis|a|à)\s*\d{1,2}\s*)?\+?\s*"
    r"(?:or more |plus )?(?:years?|yrs|jahre?n?|años|ans)\b",
    re.IGNORECASE,
)
_EXPERIENCE = re.compile(r"experience|erfahrung|experiencia|expérience|track record|background", re.IGNORECASE)

_SENIORITY = [  # (pattern in a title or sentence, level), most senior first
    (
        re.compile(
            r"\b(head of|director|vp|vice president|principal|staff|lead|leiter(in)?|jefe|jefa|responsable)\b", re.I
        ),
        "lead",
    ),
    (re.compile(r"\b(senior|sr\.?|erfahrene[rn]?|sénior|confirmé(e)?)\b", re.I), "senior"),
    (
        re.compile(
            r"\b(junior|jr\.?|graduate|entry[- ]level|trainee|intern|internship|apprentice|einsteiger|"
            r"berufseinsteiger|débutant(e)?|becario|becaria)\b",
            re.I,
        ),
        "junior",
    ),
]
_LEVEL_ORDER = {"junior": 0, "mid": 1, "senior": 2, "lead": 3}

# Human languages and their names in the four languages the app reads.
LANGUAGE_NAMES = {
    "English": ["english", "englisch", "inglés", "ingles", "anglais"],
    "German": ["german", "deutsch", "alemán", "aleman", "allemand", "deutschkenntnisse"],
    "French": ["french", "französisch", "francés", "frances", "français", "francais"],
    "Spanish": ["spanish", "spanisch", "español", "espanol", "castellano", "espagnol"],
    "Italian": ["italian", "italienisch", "italiano", "italien"],
    "Portuguese": ["portuguese", "portugiesisch", "portugués", "portugais"],
    "Dutch": ["dutch", "niederländisch", "neerlandés", "néerlandais"],
    "Polish": ["polish", "polnisch", "polaco", "polonais"],
    "Arabic": ["arabic", "arabisch", "árabe", "arabe"],
    "Mandarin": ["mandarin", "chinese", "chinesisch", "chino", "chinois"],
    "Japanese": ["japanese", "japanisch", "japonés", "japonais"],
    "Swedish": ["swedish", "schwedisch", "sueco", "suédois"],
    "Danish": ["danish", "dänisch", "danés", "danois"],
    "Catalan": ["catalan", "katalanisch", "catalán"],
}
_LANGUAGE_WORD = {word: name for name, words in LANGUAGE_NAMES.items() for word in words}
_LANGUAGE_PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(sorted(map(re.escape, _LANGUAGE_WORD), key=len, reverse=True)) + r")(?!\w)", re.I
)
_NOT_A_LANGUAGE = re.compile(
    r"\s+(market|markets|customers|clients|companies|company|law|region|regions|territory|speaking market|"
    r"subsidiar\w+|office|offices|authorities|government|mittelstand)\b",
    re.IGNORECASE,
)
_LANGUAGE_CUE = re.compile(
    r"fluent|fluency|native|proficien|business[- ]level|working knowledge|spoken|written|speak|language|communicat|"
    r"\b[ABC][12]\b|bilingual|kenntnisse|fließend|verhandlungssicher|muttersprach|sprache|nivel|fluid|bilingüe|"
    r"idioma|hablad|courant|maîtrise|maitrise|bilingue|langue|parlé|comunicarte|communiquer",
    re.IGNORECASE,
)

_REMOTE = [  # most specific first: "remote-first with a hybrid option" reads as hybrid
    (
        re.compile(
            r"\bhybrid|híbrid|hybride|\d days? (a|per) week in|\b\d (days?|tage|días|jours) (im büro|en la "
            r"oficina|au bureau|in the office|on[- ]site)",
            re.I,
        ),
        "hybrid",
    ),
    (
        re.compile(
            r"\b(fully remote|100% remote|remote[- ]first|remote(ly)?\b|work from anywhere|work from home|"
            r"home[- ]?office|teletrabajo|remoto|télétravail|à distance)",
            re.I,
        ),
        "remote",
    ),
    (
        re.compile(
            r"\b(on[- ]?site|in[- ]office|office[- ]based|in person|vor ort|presencial|sur site|en présentiel|"
            r"présentiel)\b",
            re.I,
        ),
        "onsite",
    ),
]
_LOCATION_LINE = re.compile(
    r"^(location|based in|standort|arbeitsort|ubicación|ubicacion|lieu|localisation)\s*:\s*", re.I
)

_EDUCATION = re.compile(
    r"\b(degree|bachelor'?s?|master'?s?|bsc|msc|b\.sc|m\.sc|phd|doctorate|diploma|university|graduate in|"
    r"qualified teacher status|qts|pgce|studium|hochschulabschluss|abschluss|ausbildung|titulación|titulacion|"
    r"grado en|licenciatura|diplôme|diplome|bac ?\+ ?\d|formation (supérieure|en))\b",
    re.IGNORECASE,
)
_CERTIFICATE = re.compile(
    r"(?P<name>(?:[A-Z][\w+&./-]*\s+){0,5}(?:Certified|Certification|Certificate|Certificación|Certificat|Zertifikat|"
    r"Zertifizierung)(?:\s+(?:in|of|as)?\s*(?:[A-Z][\w+&./-]*\s*){1,5})?)"
    r"|\b(?P<acronym>PMP|PRINCE2|CISSP|CISA|CISM|CPA|ACCA|CIMA|ACA|CFA|CMA|NMC|HCPC|CSCS|ITIL|CSM|PSM|CKA|CKAD|"
    r"TOGAF|SHRM-CP|CIPD|CELTA|TEFL|DELF|DALF|Six Sigma|Lean Six Sigma|CCNA|OSCP|Security\+|AWS Certified [\w ]+|"
    r"Google Ads certification|IFRS|GAAP)\b",
)


def extract_requirements(*, text: str, title: str = "", location: str = "") -> list[Requirement]:
    """The requirements of a job, in the order the description states them, each once (a must beats a plus)."""
    found: dict[tuple[str, str], Requirement] = {}

    def add(requirement: Requirement) -> None:
        previous = found.get(requirement.key)
        if previous is None or (requirement.must and not previous.must):
            found[requirement.key] = requirement

    for sentence, section in _sentences(text):
        if section == SKIP:
            continue
        must = section != NICE and not _NICE_CUE.search(sentence)
        for requirement in _read_sentence(sentence, must=must, section=section):
            add(requirement)
    if level := _title_seniority(title, text):
        add(Requirement("seniority", level, True, title or level))
    if place := _location(text, location):
        add(place)
    return list(found.values())


def _sentences(text: str) -> list[tuple[str, str]]:
    """Each sentence of the text with the kind of section it is in (`prose` before any heading we know)."""
    section = "prose"
    found = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        heading = _heading_kind(line)
        if heading:
            section = heading
            continue
        label, colon, rest = line.partition(":")
        if colon and rest.strip() and (inline := _heading_kind(label + ":")):
            section, line = inline, rest  # "What we offer: 30 days of holiday"
        line = _BULLET.sub("", line)
        found += [(sentence, section) for sentence in _SENTENCE_END.split(line) if sentence.strip()]
    return found


def _heading_kind(line: str) -> str | None:
    words = line.lstrip("#").split()
    if not words or len(words) > 8 or _BULLET.match(line):
        return None
    folded = fold(line.lstrip("#").rstrip(":").replace("’", "'"))
    if folded in _HEADING_KIND:
        return _HEADING_KIND[folded]
    if not (line.endswith(":") or line.startswith("#") or line.isupper()):
        return None
    for name, kind in _HEADING_KIND.items():  # "Requirements for the role:", "Nice to have (not required):"
        if folded.startswith(name + " ") and len(name) > 4:
            return kind
    return None


def _read_sentence(sentence: str, *, must: bool, section: str) -> list[Requirement]:
    found: list[Requirement] = []
    certificates = _certificates(sentence) if section != DUTIES else []
    for name, kind in mentions(sentence, job_text=True):
        if any(name in certificate for certificate in certificates):
            continue  # "AWS Certified…" asks for the certificate
        if kind == "preference" or (kind == "domain" and section not in {MUST, NICE}):
            continue  # "we are a payments company": a domain is asked for only in the requirements
        found.append(Requirement("skill", name, must, sentence))
    found += [Requirement("years", f"{years} years", must, sentence, years=years) for years in _years(sentence)]
    if section != DUTIES:
        asked = section in {MUST, NICE}  # "French is an asset."
        found += [Requirement("language", name, must, sentence) for name in _languages(sentence, asked=asked)]
        if _EDUCATION.search(sentence):
            found.append(Requirement("education", _EDUCATION.search(sentence)[0], must, sentence))  # type: ignore[index]
        for certificate in certificates:
            found.append(Requirement("certificate", certificate, must, sentence))
    return found


def _years(sentence: str) -> list[int]:
    """ "5+ years of…", "at least three years", "3 Jahre Erfahrung": each number of years the sentence asks for."""
    found = []
    for match in _YEARS.finditer(sentence):
        after, before = sentence[match.end() : match.end() + 4].casefold(), sentence[: match.start()].casefold()
        asked = (
            "+" in match[0]
            or after.strip().startswith(("of", "'", "de", "d'", "an "))
            or re.search(r"(at least|minimum|min\.|mindestens|al menos|mínimo|minimo|au moins)\s*$", before)
        )
        if not asked and not _EXPERIENCE.search(sentence):
            continue  # "founded 10 years ago" asks for nothing
        number = match["n"].casefold()
        years = int(number) if number.isdigit() else _NUMBER_WORDS.get(number)
        if years is not None and 0 < years <= 30 and years not in found:
            found.append(years)
    return found


def _languages(sentence: str, *, asked: bool) -> list[str]:
    """Human languages the sentence asks for: with a cue ("fluent German"), or anywhere in a requirements list
    unless the name is about a place or market ("the German market")."""
    if not asked and not _LANGUAGE_CUE.search(sentence):
        return []
    names = []
    for match in _LANGUAGE_PATTERN.finditer(sentence):
        if _NOT_A_LANGUAGE.match(sentence, match.end()):
            continue
        name = _LANGUAGE_WORD[match[0].casefold()]
        if name not in names:
            names.append(name)
    return names


def _certificates(sentence: str) -> list[str]:
    names = []
    for match in _CERTIFICATE.finditer(sentence):
        name = (match["name"] or match["acronym"] or "").strip(" .,;")
        if name and len(name.split()) >= 1 and name not in names:
            names.append(name)
    return names


def _title_seniority(title: str, text: str) -> str | None:
    """The level the title names ("Senior…", "Lead…", "Junior…"); a title without one asks for no level."""
    for pattern, level in _SENIORITY:
        if title and pattern.search(title):
            return level
    return None


def level_of(text: str) -> str | None:
    for pattern, level in _SENIORITY:
        if pattern.search(text):
            return level
    return None


def levels_below(have: str, wanted: str) -> int:
    """How many steps (junior, mid, senior, lead) `have` is under `wanted`; 0 when it is not under."""
    return max(_LEVEL_ORDER.get(wanted, 1) - _LEVEL_ORDER.get(have, 1), 0)


def _location(text: str, location: str) -> Requirement | None:
    """How and where the work is done: remote, hybrid or on site, and the place the job names."""
    lines = [line.strip() for line in text.splitlines()]
    place_text = location or next((_LOCATION_LINE.sub("", line) for line in lines if _LOCATION_LINE.match(line)), "")
    mode = ""
    for pattern, name in _REMOTE:
        if pattern.search(place_text) or pattern.search(text):
            mode = name
            break
    place = find_place(re.split(r"[(|]| [-–—] ", place_text)[0]) if place_text else None
    if not mode and place is None:
        return None
    name = (place.city or place.country_code) if place else ""
    source = place_text or next((line for line in lines if mode and _REMOTE_PATTERNS[mode].search(line)), "")
    return Requirement("location", name, True, source or name, remote=mode or "onsite")


_REMOTE_PATTERNS = {name: pattern for pattern, name in _REMOTE}


def wanted_skills(requirements: list[Requirement]) -> list[str]:
    """The skills and tools a job asks for, must-haves first (in the job's order otherwise)."""
    return [r.name for r in sorted(requirements, key=lambda r: not r.must) if r.kind == "skill"]
