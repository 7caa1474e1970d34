"""Recognise a city or country as CVs write them ("Berlin", "München, Germany", "Lyon, FR")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cvs.parsing.sections import fold

DATA = Path(__file__).resolve().parent.parent / "data"

# Country names people write in German, French and Spanish CVs, beside GeoNames' English ones.
_MORE_COUNTRY_NAMES = {
    "DE": "Deutschland|Allemagne|Alemania",
    "FR": "Frankreich|Francia",
    "ES": "Spanien|Espagne|España",
    "GB": "UK|U.K.|England|Scotland|Wales|Great Britain|Vereinigtes Königreich|Royaume-Uni|Reino Unido",
    "US": "USA|U.S.A.|US|United States of America|Vereinigte Staaten|États-Unis|Estados Unidos|EE. UU.",
    "CH": "Schweiz|Suisse|Suiza|Svizzera",
    "AT": "Österreich|Autriche",
    "NL": "Niederlande|Pays-Bas|Países Bajos",
    "IT": "Italien|Italie",
    "BE": "Belgien|Belgique|Bélgica",
    "PL": "Polen|Pologne|Polonia",
    "IE": "Irland|Irlande|Irlanda",
    "MX": "Mexiko|Mexique|México",
    "SE": "Schweden|Suède|Suecia",
    "DK": "Dänemark|Danemark|Dinamarca",
    "CZ": "Tschechien|Czechia|Tchéquie|Chequia",
    "PT": "Portugal",
    "AR": "Argentinien|Argentine",
    "CO": "Kolumbien|Colombie",
    "CL": "Chili",
    "CA": "Kanada",
    "IN": "Indien|Inde",
    "BR": "Brasilien|Brésil|Brasil",
}


@dataclass(frozen=True)
class Place:
    city: str
    country_code: str


@cache
def _cities() -> dict[str, list[tuple[str, str, int]]]:
    """Folded name -> the cities of that name as (city, country, population), most populous first."""
    index: dict[str, list[tuple[str, str, int]]] = {}
    for row in (DATA / "cities.tsv").read_text().splitlines()[1:]:
        name, country, population, others = row.split("\t")
        for alias in {fold(a) for a in [name, *others.split("|")] if a}:
            index.setdefault(alias, []).append((name, country, int(population)))
    return index


def _city(name: str, country: str | None) -> tuple[str, str] | None:
    """The city a name means: the one in the country written beside it, else a clearly dominant one.

    Valencia (Spain) and Valencia (Venezuela) are both large: with no country written, the city is
    known but its country is not, so the country is left empty rather than guessed.
    """
    candidates = _cities().get(fold(name))
    if not candidates:
        return None
    # A city called so beats one that merely has it among its other names (GeoNames lists many).
    candidates = [c for c in candidates if fold(c[0]) == fold(name)] or candidates
    if country:
        return next(((city, code) for city, code, _ in candidates if code == country), None)
    city, code, population = candidates[0]
    rivals = [p for _, other, p in candidates[1:] if other != code]
    return (city, code) if not rivals or population >= 4 * max(rivals) else (city, "")


@cache
def _countries() -> dict[str, str]:
    index = {}
    for row in (DATA / "countries.tsv").read_text().splitlines()[1:]:
        name, code = row.split("\t")
        index[fold(name)] = code
    for code, names in _MORE_COUNTRY_NAMES.items():
        for name in names.split("|"):
            index[fold(name)] = code
    return index


def country_code(text: str) -> str | None:
    folded = fold(text)
    if len(text.strip()) == 2 and text.strip().isupper() and text.strip() in set(_countries().values()):
        return text.strip()
    return _countries().get(folded)


def find_place(text: str) -> Place | None:
    """A place written as a whole segment: "Berlin", "Berlin, Germany", "10115 Berlin", "Paris (FR)"."""
    cleaned = text.strip(" ,;·•|()[]")
    parts = [p.strip(" ()") for p in cleaned.replace("(", ",").split(",") if p.strip(" ()")]
    if not parts or len(parts) > 3:
        return None
    first = " ".join(w for w in parts[0].split() if not w.isdigit())  # drop a postal code
    country = country_code(parts[-1]) if len(parts) > 1 else None
    if len(parts) > 1 and country is None:
        return None  # "Paris, TX", "London, Ontario": not the big city of that name, and we cannot tell which
    city = _city(first, country)
    if city:
        return Place(city=city[0] if fold(city[0]) == fold(first) else first, country_code=city[1])
    if country and first[:1].isupper() and len(first.split()) <= 3:
        return Place(city=first, country_code=country)  # a smaller town, trusted beside its country
    return None


@cache
def place_words() -> frozenset[str]:
    """Every lower-case word of the cities' and countries' own names: a hint, for the learned reader."""
    names = [row.split("\t", 1)[0] for row in (DATA / "cities.tsv").read_text().splitlines()[1:]]
    names += list(_countries())
    return frozenset(word for name in names for word in name.lower().split() if len(word) > 2)
