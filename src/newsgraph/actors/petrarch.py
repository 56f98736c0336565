"""PETRARCH/Phoenix-format actor dictionaries read as newsgraph dictionary entries.

A user file in the format of the PETRARCH coder's ``.actors.txt`` dictionaries (``.txt``,
``.dict`` or ``.pet``) is read by :func:`import_petrarch` into the entry dicts that
:func:`newsgraph.actors.dictionary.load_dictionary` returns for YAML and CSV files. The bundled
Phoenix data are converted once, to a TSV file, by :mod:`newsgraph.actors.phoenix`.
"""

from __future__ import annotations

import re
from pathlib import Path

_PET_CODE = re.compile(r"\[([^\]]+)\]")


def _petrarch_phrase(raw: str) -> str:
    return raw.strip().lstrip("+").replace("_", " ").strip()


def import_petrarch(path) -> list[dict]:
    """Read a PETRARCH/Phoenix-format actor dictionary into newsgraph entries.

    The format: a line ``NAME_WITH_UNDERSCORES [CODE]`` (optionally followed by
    ``# comment``) starts an actor; following lines ``+ALIAS_PHRASE`` add
    aliases, and ``[CODE date-restriction]`` lines give dated codes (``>YYMMDD``,
    ``<YYMMDD``, ``YYMMDD-YYMMDD``); a CODE like ``USAGOV`` is split into a
    3-letter country and a sector. Lines starting with ``#`` or ``;`` are
    comments; ``<!...>`` markers are ignored. Returns entry dicts in the user
    dictionary format (see :func:`load_dictionary`).
    """
    entries: list[dict] = []
    cur: dict | None = None
    for raw in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith((";", "<!")):
            continue
        s = line.strip()
        if s.startswith("+"):
            if cur is not None:
                cur["aliases"].append(_petrarch_phrase(s))
            continue
        if s.startswith("["):
            if cur is not None:
                cur.setdefault("codes", []).append(s.strip("[]").strip())
            continue
        name_part, _, rest = s.partition("[")
        cur = {"name": _petrarch_phrase(name_part).title(), "aliases": [_petrarch_phrase(name_part)], "codes": []}
        if rest:
            cur["codes"].append(rest.split("]", 1)[0].strip())
        entries.append(cur)
    out = []
    for e in entries:
        codes = e.pop("codes")
        code = next((c.split()[0] for c in reversed(codes) if c), None)
        dated = [c for c in codes if len(c.split()) > 1]
        if code:
            e["country"], e["sector"] = _split_code(code)
        e["kind"] = "organisation"
        if dated:  # a dated code looks like an office holder
            e["kind"] = "person"
            c, _, when = dated[-1].partition(" ")
            e["country"], e["sector"] = _split_code(c)
            e["sector"] = e["sector"] or "GOV"
            e["start"], e["end"] = _petrarch_dates(when)
        e["aliases"] = sorted({a for a in e["aliases"] if a and a.lower() != e["name"].lower()})
        out.append(e)
    return out


def _split_code(code: str) -> tuple[str | None, str | None]:
    """``USAGOV`` -> (USA, GOV); ``IGOGCCGOV`` -> (IGO, GOV): for IGO/NGO/IMG/MNC codes
    the middle part names the body and the sector is the last three letters."""
    code = code.strip().lstrip("~")
    if code[:3] in ("IGO", "NGO", "IMG", "MNC"):
        return code[:3], (code[-3:] if len(code) >= 9 else None)
    return (code[:3] or None), (code[3:6] or None)


def _petrarch_date(s: str) -> str:
    s = s.strip()
    if len(s) == 6:
        yy = int(s[:2])
        century = "19" if yy > 30 else "20"
        return f"{century}{s[:2]}-{s[2:4]}-{s[4:6]}"
    if len(s) == 8:
        return f"{s[:4]}-{s[4:6]}-{s[6:8]}"
    return s


def _petrarch_dates(when: str) -> tuple[str | None, str | None]:
    when = when.strip()
    if when.startswith(">"):
        return _petrarch_date(when[1:]), None
    if when.startswith("<"):
        return None, _petrarch_date(when[1:])
    if "-" in when:
        a, _, b = when.partition("-")
        return _petrarch_date(a), _petrarch_date(b)
    return None, None
