"""Read queries for articles, quotes and events (actors: ``actor_views.py``; places:
``geo_views.py``; aggregates: ``aggregates.py``; all gathered by ``read.py``).

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
import json
import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Sequence

from sqlalchemy import Integer, and_, column, func, literal_column, or_, select, text, true
from sqlalchemy.engine import Engine
from sqlalchemy.sql import ColumnElement, Select

from ..errors import ViewError  # noqa: F401  (a bad parameter: codes E401, E402, newsgraph.errors)
from ..languages import bundle
from .filters import (  # noqa: F401  (the validators: one set for every list, store/filters.py)
    MODALITIES,
    QUAD_CLASSES,
    _split,
    check_cameo,
    check_country,
    check_date,
    check_kinds,
    check_modality,
    check_quad_classes,
    check_types,
)
from .queries import _fts_query
from .tables import actors, articles, entities, event_actors, events, quotes

MAX_LIMIT = 500


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
        raise ViewError("invalid cursor", code="E402") from None
    if s != sort:
        raise ViewError(f"cursor was made for sort {s!r}, not {sort!r}", code="E402")
    if key is not None and not isinstance(key, (str, int, float)):
        raise ViewError("invalid cursor", code="E402")
    if not isinstance(last_id, (str, int)) or isinstance(last_id, bool):
        raise ViewError("invalid cursor", code="E402")
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


def _fts_ids(engine: Engine, table: str, q: str):
    """A subquery of rowids matching ``q``: ``{table}_fts`` on SQLite, the ``tsv`` column and
    its GIN index on PostgreSQL (migration 3); None on other databases (``ILIKE`` then)."""
    if engine.dialect.name not in ("sqlite", "postgresql"):
        return None
    fq = _fts_query(q)
    if not fq:
        raise ViewError("the search query has no words")
    if engine.dialect.name == "postgresql":
        t = {"quotes": quotes, "articles": articles}[table]
        return select(t.c.id).where(_pg_match(table, q))
    return (text(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :fq")
            .bindparams(fq=fq).columns(column("rowid", Integer)))


def _pg_match(table: str, q: str) -> ColumnElement:
    """PostgreSQL full text: the user's words as ``websearch_to_tsquery`` (quoted phrases, ``-not``,
    ``or``; it never fails to parse) against the table's ``tsv`` column."""
    config = literal_column(f"'{bundle().text_search}'::regconfig")  # the language bundle's (checked: a name)
    return literal_column(f"{table}.tsv").op("@@")(func.websearch_to_tsquery(config, q))


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
    quotes.c.speaker_actor_id, quotes.c.speaker_country, quotes.c.speaker_resolved,
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
    if country := check_country(country):
        conds.append(quotes.c.speaker_country == country)
    if kinds := check_kinds(kind):
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
    if name == "date" and (filters.get("actor") or filters.get("country")):
        # the same dates (quotes.published is a copy of the article's, migration 5), read in order
        # from the (speaker_actor_id | speaker_country, published) index: a speaker with 280k
        # quotes gives its newest page without sorting them all
        key_col = quotes.c.published
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
    events.c.location_precision, events.c.latitude, events.c.longitude, events.c.negated, events.c.modality, events.c.claimed_by,
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
                     actor_name: str | None = None, country: str | None = None, source_country: str | None = None,
                     target_country: str | None = None, location: str | None = None,
                     geonameid: int | None = None, has_location: bool | None = None,
                     since: str | None = None, until: str | None = None, modality: str | None = None,
                     include_unasserted: bool = False, article: str | None = None,
                     probe: bool = False) -> list[ColumnElement]:
    conds: list[ColumnElement] = []
    if geonameid is not None and (isinstance(geonameid, bool) or not 0 <= int(geonameid) <= 2**31 - 1):
        raise ViewError(f"geonameid must be a GeoNames id (0 to {2**31 - 1}): {geonameid!r}")
    types = check_types(type)
    country = check_country(country)
    source_country = check_country(source_country, "source_country")
    target_country = check_country(target_country, "target_country")
    if types:
        conds.append(events.c.type.in_(types))
    if qs := check_quad_classes(quad_class):
        conds.append(events.c.quad_class.in_(qs))
    if cameo := check_cameo(cameo):
        conds.append(events.c.cameo.like(f"{cameo}%"))
    if actor:
        conds.append(_role_exists(None, lambda ea: ea.c.actor_id == actor, probe=probe))
    if source_actor:
        conds.append(_role_exists("source", lambda ea: ea.c.actor_id == source_actor, probe=probe))
    if target_actor:
        conds.append(_role_exists("target", lambda ea: ea.c.actor_id == target_actor, probe=probe))
    if actor_name:  # a source or target whose text or actor name contains these words
        like = f"%{actor_name}%"
        conds.append(events.c.id.in_(
            select(event_actors.c.event_id).outerjoin(actors, actors.c.id == event_actors.c.actor_id)
            .where(or_(event_actors.c.text.ilike(like), actors.c.name.ilike(like)))))
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
    if modality := check_modality(modality):
        conds.append(events.c.modality.in_(modality))
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
    "get_quote", "list_events", "iter_events", "get_event", "list_articles", "get_article", "check_date", "quote_conditions", "event_conditions",
    "check_country", "check_types", "check_modality", "MODALITIES",
]
