"""Recognise a city or country as CVs write them ("Berlin", "München, Germany", "Lyon, FR")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cvs.parsing.sections import fold

DATA = Path(__file__).resolve().parent.parent / "data"

# Country names people write in German, French and Spanish CVs, beside GeoNames' English ones.
_MORE_COUNTRY_NAMES = {
    "DE": "Deutschland|Allemagne|Alemania", "FR": "Frankreich|Francia", "ES": "Spanien|Espagne|España",
    "GB": "UK|U.K.|England|Scotland|Wales|Great Britain|Vereinigtes Königreich|Royaume-Uni|Reino Unido",
    "US": "USA|U.S.A.|US|United States of America|Vereinigte Staaten|États-Unis|Estados Unidos|EE. UU.",
    "CH": "Schweiz|Suisse|Suiza|Svizzera", "AT": "Österreich|Autriche", "NL": "Niederlande|Pays-Bas|Países Bajos",
    "IT": "Italien|Italie", "BE": "Belgien|Belgique|Bélgica", "PL": "Polen|Pologne|Polonia",
    "IE": "Irland|Irlande|Irlanda", "MX": "Mexiko|Mexique|México", "SE": "Schweden|Suède|Suecia",
    "DK": "Dänemark|Danemark|Dinamarca", "CZ": "Tschechien|Czechia|Tchéquie|Chequia",
    "PT": "Portugal", "AR": "Argentinien|Argentine", "CO": "Kolumbien|Colombie", "CL": "Chili",
    "CA": "Kanada", "IN": "Indien|Inde", "BR": "Brasilien|Brésil|Brasil",
}  # fmt: skip


@dataclass(frozen=True)
class Place:
    city: str
    country_code: str


@cache
def _cities() -> dict[str, tuple[str, str]]:
    """Folded name -> (city, country); the most populous city wins a shared name (the file is sorted so)."""
    index: dict[str, tuple[str, str]] = {}
    for row in (DATA / "cities.tsv").read_text().splitlines()[1:]:
        name, country, _population, others = row.split("\t")
        for alias in [name, *others.split("|")]:
            if alias:
                index.setdefault(fold(alias), (name, country))
    return index


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
    city = _cities().get(fold(first))
    country = country_code(parts[-1]) if len(parts) > 1 else None
    if len(parts) > 1 and country is None:
        return None  # "Paris, TX", "London, Ontario": not the big city of that name, and we cannot tell which
    if city and (country is None or country == city[1] or len(parts) == 3):
        return Place(city=city[0] if fold(city[0]) == fold(first) else first, country_code=country or city[1])
    if city is None and country and len(parts) >= 2 and first[:1].isupper() and len(first.split()) <= 3:
        return Place(city=first, country_code=country)  # a smaller town, trusted beside its country
    return None
