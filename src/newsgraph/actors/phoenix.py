"""Convert the Phoenix actor dictionaries (PETRARCH2, MIT) into ``data/phoenix_actors.tsv``.

The Open Event Data Alliance's Phoenix dictionaries (``Phoenix.Countries.actors.txt``,
``Phoenix.International.actors.txt``, ``Phoenix.MilNonState.actors.txt``; format in their
``dictionaries.rst``) list office holders of every country with dated codes, international
bodies, companies and armed groups. This script reads them and writes one readable
tab-separated file that :mod:`newsgraph.actors.dictionary` loads with the team's own data
(which wins where both know a name)::

    python -m newsgraph.actors.phoenix ../shared/petrarch2            # rewrites data/phoenix_actors.tsv
    python -m newsgraph.actors.phoenix ../shared/petrarch2 -o out.tsv

Columns: ``kind  name  aliases  country  sector  periods``.

* ``kind``: ``person`` (an entry with dated codes, or from the countries file's office-holder
  lists) or ``organisation``;
* ``name``: the primary phrase in title case; ``aliases``: the other phrases, ``|`` between;
  one-word phrases are kept only for organisations and then only as acronyms (``IAEA``) -
  a single word is never enough to name a person (no surname-only matches);
* ``country``/``sector``: the undated (default) code, split into an ISO 3166 alpha-3 country
  (or ``IGO``/``NGO``/``IMG``/``MNC``; a company's home country when the code gives one) and
  a newsgraph sector;
* ``periods``: the dated codes, ``COUNTRY SECTOR START END`` (ISO dates, ``-`` for open)
  separated by ``|``; a person's country and sector on an article date come from these.

Country entries (``AFGHANISTAN_ [AFG]`` with their capitals and cities as aliases) are left out:
countries, capitals and cities come from ``data/countries.csv`` and GeoNames. The MIT notice of
the source is kept beside the output (``data/PHOENIX-LICENSE.txt``). The conversion is
deterministic: the same input files give the same output bytes.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
OUT = Path(__file__).parent / "data" / "phoenix_actors.tsv"

# CAMEO sector codes -> newsgraph (PLOVER) sectors; codes not listed give no sector
SECTORS = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "PTY": "PTY", "REB": "REB",
    "INS": "REB", "SEP": "REB", "RAD": "REB", "OPP": "OPP", "JRN": "JRN", "MED": "JRN", "BUS": "BUS",
    "CVL": "CVL", "HRI": "CVL", "REL": "REL", "ELI": "ELI", "REF": "REF", "CRM": "CRM", "LAB": "LAB",
    "AGR": "AGR", "EDU": "EDU", "HLH": "MED", "SPY": "SPY", "UAF": "UAF", "MOS": "REL", "CHR": "REL",
    "JEW": "REL", "BUD": "REL", "HIN": "REL", "MUS": "REL",
}
BODIES = ("IGO", "NGO", "IMG", "MNC")
# CAMEO country codes that are not ISO 3166 alpha-3
LEGACY = {"UKG": "GBR", "GMY": "DEU", "JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "SAF": "ZAF", "ROM": "ROU",
          "ZAI": "COD", "BUR": "MMR", "DRC": "COD", "KSV": "XKX", "KOS": "XKX"}
PARTICLES = {"al", "el", "bin", "ibn", "bint", "de", "da", "del", "der", "den", "van", "von", "la", "le", "du",
             "dos", "das", "di", "y", "ul", "ud", "ben", "ter", "op"}
_CODE = re.compile(r"\[([^\]]*)\]")
_WORD = re.compile(r"[A-Za-z]+")


def _iso3() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def split_code(code: str, iso3: set[str]) -> tuple[str | None, str | None]:
    """``KAZGOVMIL`` -> (KAZ, GOV); ``MNCUSAHLH`` -> (USA, BUS); ``IGOUNOKID`` -> (IGO, None);
    an unknown country code -> (None, None)."""
    code = code.strip().lstrip("~").upper()
    parts = [code[k:k + 3] for k in range(0, len(code), 3)]
    if not parts or len(parts[0]) < 3:
        return None, None
    head, rest = parts[0], parts[1:]
    if head == "MNC":
        home = LEGACY.get(rest[0], rest[0]) if rest else None
        return (home, "BUS") if home in iso3 else ("MNC", "BUS")
    if head in BODIES:
        return head, next((SECTORS[p] for p in rest if p in SECTORS and p != "GOV"), None)
    if head in SECTORS and not rest:  # "[ELI]": a sector alone
        return None, SECTORS[head]
    country = LEGACY.get(head, head)
    if country not in iso3:
        return None, None
    return country, next((SECTORS[p] for p in rest if p in SECTORS), None)


def _date(s: str) -> str | None:
    s = s.strip()
    if len(s) == 6 and s.isdigit():
        return ("19" if int(s[:2]) > 30 else "20") + f"{s[:2]}-{s[2:4]}-{s[4:6]}"
    if len(s) == 8 and s.isdigit():
        return f"{s[:4]}-{s[4:6]}-{s[6:8]}"
    return None


def _period(restriction: str) -> tuple[str | None, str | None] | None:
    """``>090301`` / ``<911216`` / ``030101-070131`` -> (start, end); None when malformed."""
    r = restriction.replace(" ", "")
    if r.startswith(">"):
        d = _date(r[1:])
        return (d, None) if d else None
    if r.startswith("<"):
        d = _date(r[1:])
        return ("0001-01-01", d) if d else None
    a, sep, b = r.partition("-")
    if sep:
        da, db = _date(a), _date(b)
        return (da, db) if da and db and da <= db else None
    return None


def display_name(phrase: str) -> str:
    """``KASYMZHOMART_TOKAYEV_`` -> ``Kasymzhomart Tokayev``; particles stay lower case."""
    words = phrase.replace("_", " ").split()
    out = []
    for k, w in enumerate(words):
        low = w.lower()
        if k and low in PARTICLES | {"of", "and", "the", "for", "on", "in", "at", "to"}:
            out.append(low)
        elif "." in w:  # "U.S."
            out.append(w.upper())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return re.sub(r"'S\b", "'s", " ".join(out))


def _clean_phrase(raw: str) -> str:
    raw = raw.strip().lstrip("+").strip()
    raw = re.sub(r"\([^)]*\)", " ", raw)  # "ISLAMIC_ARMY_OF_ADEN_(IAA)_"
    return " ".join(raw.replace("_", " ").replace("+", " ").split())


def parse(path: Path) -> list[dict]:
    """The entries of one Phoenix actor file: ``{phrases, codes: [(code, restriction)], source}``."""
    entries: list[dict] = []
    cur = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        comment = raw.split("#", 1)[1] if "#" in raw else ""
        line = raw.split("#", 1)[0].split(";", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<!"):
            continue
        codes = [c.strip() for c in _CODE.findall(line)]
        head = _CODE.sub(" ", line)
        stripped = line.strip()
        if stripped.startswith("["):
            if cur is not None:
                cur["codes"].extend(codes)
            continue
        if stripped.startswith("+"):
            if cur is not None:
                phrase = _clean_phrase(head)
                if phrase:
                    cur["phrases"].append(phrase)
                cur["codes"].extend(codes)
            continue
        if line[:1].isspace():  # an indented line that is not a code: not part of the format
            continue
        phrase = _clean_phrase(head)
        cur = {"phrases": [phrase] if phrase else [], "codes": codes, "info": "CountryInfo" in comment,
               "source": path.name}
        entries.append(cur)
    return entries


def convert(entries: list[dict], iso3: set[str]) -> list[dict]:
    out = []
    for e in entries:
        default_country = default_sector = None
        periods = []
        for c in e["codes"]:
            code, _, restriction = c.partition(" ")
            if not code or code.startswith("-"):
                continue
            country, sector = split_code(code, iso3)
            if restriction.strip():
                p = _period(restriction)
                if p and (country or sector):
                    periods.append((country, sector, p[0], p[1]))
            elif country or sector:
                default_country = country or default_country
                default_sector = sector or default_sector
        # a country entry ("KAZAKHSTAN_ [KAZ]", "[USRKAZ <911216] [KAZ >911221]"): every code a bare country
        bare = [(default_country, default_sector)] if default_country or default_sector else []
        bare += [(c, s) for c, s, _a, _b in periods]
        if not e["info"] and bare and all(c not in BODIES and c is not None and s is None for c, s in bare):
            continue
        person = bool(e["info"] or periods)
        country = default_country or next((c for c, *_r in reversed(periods) if c), None)
        if country is None and not periods:
            continue
        # a period with no country takes the entry's ("[ELI]" after "[KAZGOV ...]")
        periods = [(c or country, s, a, b) for c, s, a, b in periods]
        phrases = []
        for p in e["phrases"]:
            words = _WORD.findall(p)
            if not words:
                continue
            if len(p.split()) == 1:
                # one word names an organisation only (never a person: no surname-only matches);
                # up to five letters it is kept in capitals (an acronym: IAEA), longer in title case
                # (Hezbollah), and the resolver takes it only where spaCy calls the word an organisation
                if person or not p.replace("-", "").replace(".", "").isalpha():
                    continue
                phrases.append(p.upper() if len(p) <= 5 else display_name(p))
            else:
                phrases.append(display_name(p))
        phrases = list(dict.fromkeys(phrases))
        if not phrases:
            continue
        name = next((p for p in phrases if " " in p), phrases[0])
        out.append({"kind": "person" if person else "organisation", "name": name,
                    "aliases": [p for p in phrases if p != name], "country": country,
                    "sector": default_sector, "periods": periods})
    return out


def write_tsv(rows: list[dict], path: Path) -> None:
    lines = ["# Converted from the Phoenix actor dictionaries (PETRARCH2, Open Event Data Alliance, MIT;",
             "# notice in PHOENIX-LICENSE.txt) by python -m newsgraph.actors.phoenix - do not edit by hand.",
             "# kind\tname\taliases\tcountry\tsector\tperiods (COUNTRY SECTOR START END)"]
    for r in sorted(rows, key=lambda r: (r["kind"], r["name"], r["country"] or "")):
        periods = "|".join(f"{c or '-'} {s or '-'} {a or '-'} {b or '-'}" for c, s, a, b in r["periods"])
        lines.append("\t".join([r["kind"], r["name"], "|".join(r["aliases"]), r["country"] or "",
                                r["sector"] or "", periods]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_tsv(path: Path) -> list[dict]:
    """The converted file back as entry dicts (what the dictionary loader reads)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kind, name, aliases, country, sector, periods = (line.split("\t") + [""] * 6)[:6]
        ps = []
        for p in periods.split("|") if periods else []:
            c, s, a, b = p.split(" ")
            ps.append((None if c == "-" else c, None if s == "-" else s, None if a == "-" else a,
                       None if b == "-" else b))
        rows.append({"kind": kind, "name": name, "aliases": aliases.split("|") if aliases else [],
                     "country": country or None, "sector": sector or None, "periods": ps})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsgraph.actors.phoenix", description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path, help="the folder holding the Phoenix .actors.txt files")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    iso3 = _iso3()
    rows: list[dict] = []
    for name in FILES:
        rows.extend(convert(parse(args.folder / name), iso3))
    write_tsv(rows, args.output)
    kinds = {k: sum(r["kind"] == k for r in rows) for k in ("person", "organisation")}
    print(f"wrote {args.output}: {len(rows)} entries ({kinds['person']} people, {kinds['organisation']} bodies)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
