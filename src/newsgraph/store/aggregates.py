"""Aggregates for the API: timelines and actor networks, cached per process (split from views.py)."""

from __future__ import annotations

import copy
import functools
import os
from collections import OrderedDict
from datetime import date as Date, timedelta
from typing import Any

from sqlalchemy import and_, func, select, true
from sqlalchemy.engine import Engine

from .schema import actors, articles, entities, event_actors, events, quotes

from .views import ViewError, _ACTOR_LOCK, _data_stamp, _date_conds, event_conditions, quote_conditions

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
