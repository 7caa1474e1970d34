"""Dates and date ranges as CVs write them, in English, German, French and Spanish.

Results use JSON Resume's forms: "2020-01" when the month is known, "2020" when only the year is.
A range that runs to the present has no end date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    1: "january jan januar janv janvier enero ene jän jänner",
    2: "february feb februar fevr févr fevrier février febrero",
    3: "march mar märz maerz marz mars marzo",
    4: "april apr avr avril abril abr",
    5: "may mai mayo",
    6: "june jun juni juin junio",
    7: "july jul juli juil juillet julio",
    8: "august aug august aout août agosto ago",
    9: "september sep sept septembre septiembre set setiembre",
    10: "october oct oktober okt octobre octubre",
    11: "november nov novembre noviembre",
    12: "december dec dez dezember dec déc decembre décembre diciembre dic",
}
MONTH_NUMBER = {word: number for number, words in _MONTHS.items() for word in words.split()}
_SEASONS = "spring summer autumn fall winter frühling frühjahr sommer herbst printemps été automne hiver primavera verano otoño invierno"  # noqa: E501

PRESENT_WORDS = [
    "present",
    "current",
    "currently",
    "now",
    "today",
    "ongoing",
    "heute",
    "aktuell",
    "jetzt",
    "présent",
    "aujourd'hui",
    "aujourd’hui",
    "actuel",
    "en cours",
    "ce jour",
    "actualidad",
    "presente",
    "hoy",
    "actual",
    "la fecha",
]
SINCE_WORDS = ["since", "seit", "depuis", "desde", "from", "ab"]
RANGE_SEPARATORS = ["-", "–", "—", "−", "to", "till", "until", "bis", "à", "au", "a", "hasta", "al"]


def _alternation(words: list[str] | str) -> str:
    items = words.split() if isinstance(words, str) else words
    return "|".join(re.escape(w) for w in sorted(set(items), key=len, reverse=True))


_MONTH = rf"(?:{_alternation(list(MONTH_NUMBER))})\.?"
_DATE = (
    rf"(?:(?P<season>{_alternation(_SEASONS)})\s+(?P<season_year>(?:19|20)\d{{2}}))"
    rf"|(?:(?P<month_word>{_MONTH})\s*,?\s*(?P<month_word_year>(?:19|20)\d{{2}}|'\d{{2}}))"
    r"|(?:(?P<numeric_month>0?[1-9]|1[0-2])\s*[/.]\s*(?P<numeric_year>(?:19|20)\d{2}))"
    r"|(?:(?P<iso_year>(?:19|20)\d{2})[-/.](?P<iso_month>0[1-9]|1[0-2])(?![\d]))"
    r"|(?:(?P<year>(?:19|20)\d{2}))"
)
_PRESENT = rf"(?P<present>{_alternation(PRESENT_WORDS)})"
_SEPARATOR = rf"\s*(?:{_alternation(RANGE_SEPARATORS)})\s*"

_TOKEN = re.compile(rf"(?<![\w/.])(?:{_DATE}|{_PRESENT})(?![\w])", re.IGNORECASE)
_SEPARATOR_ONLY = re.compile(rf"^{_SEPARATOR}$", re.IGNORECASE)
_SINCE = re.compile(rf"(?:{_alternation(SINCE_WORDS)})\s*$", re.IGNORECASE)
_TWO_DIGIT_END = re.compile(rf"^{_SEPARATOR}(\d{{2}})(?!\d)", re.IGNORECASE)


@dataclass(frozen=True)
class DateRange:
    start: str
    end: str  # "" when it runs to the present or no end is given
    is_current: bool
    span: tuple[int, int]  # where the range stands in the text, to cut it out


def _date(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if groups["present"]:
        return None
    if groups["season"]:
        return groups["season_year"]
    if groups["month_word"]:
        year = groups["month_word_year"]
        if year.startswith("'"):  # "Jan '98" is 1998, "Jan '21" is 2021
            year = ("20" if int(year[1:]) <= date.today().year % 100 + 1 else "19") + year[1:]
        month = MONTH_NUMBER[groups["month_word"].rstrip(".").lower()]
        return f"{year}-{month:02d}"
    if groups["numeric_month"]:
        return f"{groups['numeric_year']}-{int(groups['numeric_month']):02d}"
    if groups["iso_year"]:
        return f"{groups['iso_year']}-{groups['iso_month']}"
    return groups["year"]


def find_date_range(text: str) -> DateRange | None:
    """The first date range in the text ("Jan 2020 – Present", "2019–21", "since 2020"), or a lone date."""
    tokens = list(_TOKEN.finditer(text))
    for index, token in enumerate(tokens):
        start = _date(token)
        if start is None:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following and _SEPARATOR_ONLY.match(text[token.end() : following.start()]):
            end = _date(following)
            if end is None:
                return DateRange(start, "", True, (token.start(), following.end()))
            return DateRange(start, end, False, (token.start(), following.end()))
        two_digit = _TWO_DIGIT_END.match(text[token.end() :])
        if two_digit and len(start) == 4:
            end = start[:2] + two_digit.group(1)
            if end < start:  # "1998–02" runs into the next century
                end = str(int(end) + 100)
            return DateRange(start, end, False, (token.start(), token.end() + two_digit.end()))
        since = _SINCE.search(text[: token.start()])
        if since:
            return DateRange(start, "", True, (since.start(), token.end()))
        return DateRange(start, "", False, token.span())
    return None
