"""Does a phrase name a job, an organisation or a degree? Word lists in four languages."""

from __future__ import annotations

import re

_TITLE_WORDS = (
    "engineer developer programmer architect manager consultant analyst designer scientist researcher lead head "
    "director officer specialist administrator coordinator intern trainee assistant associate advisor adviser "
    "founder co-founder cto ceo cfo coo vp president owner freelancer freelance contractor technician editor writer "
    "teacher lecturer professor accountant auditor nurse marketer strategist recruiter devops sre qa tester "
    "product owner scrum master partner principal staff senior junior apprentice executive representative "
    "entwickler entwicklerin ingenieur ingenieurin berater beraterin leiter leiterin softwareentwickler "
    "werkstudent werkstudentin praktikant praktikantin geschäftsführer projektleiter teamleiter referent "
    "ingénieur ingénieure développeur développeuse chef responsable consultante stagiaire directeur directrice "
    "chargé chargée analyste concepteur gestionnaire fondateur fondatrice alternant "
    "ingeniero ingeniera desarrollador desarrolladora jefe jefa consultor consultora analista diseñador diseñadora "
    "director directora gerente responsable becario becaria técnico técnica programador programadora fundador "
)
_TITLE = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in _TITLE_WORDS.split())})\b", re.I)

_ORG_SUFFIXES = re.compile(
    r"\b(?:gmbh|ag|se|kg|ug|ltd|limited|plc|llc|llp|inc|corp|corporation|co|company|s\.?a\.?|s\.?l\.?|sas|sarl|"
    r"s\.?r\.?l|b\.?v\.?|n\.?v\.?|oy|ab|as|group|labs?|technologies|systems|solutions|software|consulting|"
    r"partners|bank|agency|studio|foundation|institute|university|hospital)\b\.?",
    re.I,
)
_SCHOOL = re.compile(
    r"\b(?:university|universit[äaéy]t?|universidad|universitat|college|school|schule|institut[eo]?|hochschule|"
    r"fachhochschule|academy|akademie|académie|academia|polytechnic|polytechnique|politécnica|école|ecole|escuela|"
    r"lycée|gymnasium|instituto|tu|eth|epfl|mit|ucl|insa|hec|essec|iese|conservatoire|conservatorio)\b",
    re.I,
)
# Degrees, each as it begins a line such as "BSc Computer Science" or "Master of Science in Physics".
_DEGREE_NAMES = (
    r"b\.?\s?sc\.?|m\.?\s?sc\.?|b\.?\s?a\.?|m\.?\s?a\.?|b\.?\s?eng\.?|m\.?\s?eng\.?|ph\.?\s?d\.?|mba|ma|ba|"
    r"bachelor(?:'s)?(?:\s+of\s+(?:science|arts|engineering|laws|business administration))?|"
    r"master(?:'s)?(?:\s+of\s+(?:science|arts|engineering|laws|business administration))?|"
    r"doctor(?:ate)?(?:\s+of\s+philosophy)?|diploma|diplom(?:-\w+)?|dipl\.(?:-\w+\.?)?|abitur|"
    r"licence(?:\s+professionnelle)?|license|licenciatura|grado|máster|magister|baccalauréat|bac|dut|bts|hnd|"
    r"a-levels?|gcse|associate(?:'s)? degree|doctorat|doctorado|maîtrise|diplôme(?:\s+d'ingénieur)?|"
    r"diplôme d’ingénieur|staatsexamen"
)
_DEGREE = re.compile(rf"(?<!\w)(?:{_DEGREE_NAMES})(?![\w])", re.I)
DEGREE_AT_START = re.compile(
    rf"^(?P<type>(?:{_DEGREE_NAMES}))(?:\s+(?:in|en|of|im|in der|de|del|en el))?\s+(?P<area>.+)$", re.I
)


def looks_like_title(text: str) -> bool:
    return bool(_TITLE.search(text))


def ends_with_title(text: str) -> bool:
    """ "Software engineer", whose first word is also a company's ("Acme Software"): the last word decides."""
    words = text.split()
    return bool(words) and bool(_TITLE.fullmatch(words[-1].strip(".,")))


def looks_like_organisation(text: str) -> bool:
    return bool(_ORG_SUFFIXES.search(text))


def looks_like_school(text: str) -> bool:
    return bool(_SCHOOL.search(text))


def looks_like_degree(text: str) -> bool:
    return bool(_DEGREE.search(text))


def title_words() -> frozenset[str]:
    return frozenset(_TITLE_WORDS.split())
