"""Aggregates for the API: timelines and actor networks, cached per process (split from views.py)."""

from __future__ import annotations

import calendar
import functools
from datetime import date as Date, timedelta
from typing import Any

from sqlalchemy import and_, case, func, literal_column, null, or_, select, true
from sqlalchemy.engine import Engine

from .schema import actors, edge_daily, edge_monthly, events, quote_daily, quotes, timeline_daily, timeline_daily_types
from .cache import cached as _cached
from .views import ViewError, _date_conds, check_date, _split, event_conditions, quote_conditions

# --------------------------------------------------------------------------- aggregates


USE_ROLLUPS = True  # False: count from the events themselves (tests compare the two)


@functools.lru_cache(maxsize=65536)
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


def _timeline_rollup(*, country: str | None, role: str | None, by: str, since: str | None, until: str | None,
                     include_unasserted: bool, type: str | None):  # noqa: A002
    """(day, key, events, goldstein sum, goldstein count) rows from the roll-ups, like the query
    over the events themselves would give (``store/rollups.py``)."""
    types = [t.upper() for t in _split(type)]
    t = timeline_daily_types if (by == "type" or types) else timeline_daily
    conds = [t.c.scope == ("country" if country else "all"), t.c.key == (country.upper() if country else ""),
             t.c.role == ((role or "any") if country else "any")]
    if not include_unasserted:
        conds.append(t.c.asserted == 1)
    if since or until:  # an event without a date is outside any period
        conds.append(t.c.day != "")
    conds += _date_conds(t.c.day, since, until)
    if t is timeline_daily:  # one row per day: the quad-class counts as columns
        return select(t.c.day, func.sum(t.c.events), func.sum(t.c.q1), func.sum(t.c.q2), func.sum(t.c.q3),
                      func.sum(t.c.q4), func.sum(t.c.gsum), func.sum(t.c.gn)).where(*conds).group_by(t.c.day)
    if types:
        conds.append(t.c.type.in_(types))
    k = t.c.quad if by == "quad_class" else t.c.type
    k = case((k == (0 if by == "quad_class" else ""), null()), else_=k)
    return (select(t.c.day, k.label("k"), func.sum(t.c.events).label("n"), func.sum(t.c.gsum).label("gsum"),
                   func.sum(t.c.gn).label("gn")).where(*conds).group_by(t.c.day, k))


def _by_key(rows):
    """(day, key, events, goldstein sum, goldstein count) rows; a ``timeline_daily`` row (day,
    events, q1…q4, sum, count) becomes one row per quad class with events (and "unknown")."""
    for row in rows:
        if len(row) == 5:
            yield row
            continue
        day, n, *quads, gsum, gn = row
        first = True
        for k, m in ((1, quads[0]), (2, quads[1]), (3, quads[2]), (4, quads[3]), (None, n - sum(quads))):
            if m:
                yield day, k, m, (gsum if first else 0.0), (gn if first else 0)
                first = False


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
    if actor is None and USE_ROLLUPS:  # the per-day roll-up (migration 6) holds these counts
        stmt = _timeline_rollup(country=country, role=r, by=by, since=since, until=until,
                                include_unasserted=include_unasserted, type=type)
    else:
        conds = event_conditions(engine, **filters)
        key_col = events.c.quad_class if by == "quad_class" else events.c.type
        stmt = (select(events.c.date, key_col.label("k"), func.count().label("n"),
                       func.sum(events.c.goldstein).label("gsum"), func.count(events.c.goldstein).label("gn"))
                .where(and_(true(), *conds)).group_by(events.c.date, key_col))
    # quotes.published is the article's date (migration 5): counted from the
    # (speaker_actor_id | speaker_country, published) indexes without a join per quote
    if USE_ROLLUPS and not (actor and country):  # quote_daily (migration 6)
        qd = quote_daily
        qconds = [qd.c.scope == ("actor" if actor else "country" if country else "all"),
                  qd.c.key == (actor or (country.upper() if country else ""))]
        if since or until:
            qconds.append(qd.c.day != "")
        qconds += _date_conds(qd.c.day, since, until)
        qstmt = select(qd.c.day, qd.c.quotes).where(*qconds)
    else:
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
        for day, k, n, gsum, gn in _by_key(conn.execute(stmt)):
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


def _whole_months(engine: Engine, since: str | None, until: str | None, include_unasserted: bool
                  ) -> list[str] | None:
    """The months ``YYYY-MM`` of a period made of whole calendar months (``since=2025-03`` or
    ``2025-03-01``, ``until=2025-04`` or ``2025-04-30``), when no edge dated only to a month or a
    year falls in it (those are in edge_daily only); None otherwise."""
    if not since or not until:
        return None
    since, until = check_date(since, "since"), check_date(until, "until")
    if len(since) == 4:
        lo = since + "-01"
    elif len(since) == 7 or since.endswith("-01"):
        lo = since[:7]
    else:
        lo = None
    if len(until) == 10:
        y, m, day = (int(x) for x in until.split("-"))
        hi = until[:7] if day == calendar.monthrange(y, m)[1] else None
    else:
        hi = until if len(until) == 7 else until + "-12"
    if not lo or not hi or lo > hi:
        return None
    months, (y, m) = [], (int(lo[:4]), int(lo[5:7]))
    while f"{y:04d}-{m:02d}" <= hi:
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        if len(months) > 120:
            return None
    d = edge_daily
    conds = [d.c.day != "", func.length(d.c.day) < 10, *_date_conds(d.c.day, since, until)]
    if not include_unasserted:
        conds.append(d.c.asserted == 1)
    with engine.connect() as conn:
        if conn.execute(select(d.c.day).where(*conds).limit(1)).first() is not None:
            return None
    return months


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
    # the edge roll-ups (migration 6): events counted once per (event, source, target), quotes once
    # per (quote, speaker, actor named inside it); ranked in SQL. A period of whole calendar months
    # reads edge_monthly (one row per pair and month), any other edge_daily.
    months = _whole_months(engine, since, until, include_unasserted)
    if months:
        d = edge_monthly
        conds = [d.c.month.in_(months)]
    else:
        d = edge_daily
        conds = []
        if since or until:  # an event without a date is outside any period
            conds.append(d.c.day != "")
        conds += _date_conds(d.c.day, since, until)
    if not include_unasserted:
        conds.append(d.c.asserted == 1)
    if actor:
        conds.append(or_(d.c.source == actor, d.c.target == actor))
    if months and len(months) == 1 and not include_unasserted:  # one row per pair already
        agg = (select(d.c.source, d.c.target, d.c.events, d.c.gsum, d.c.gn, d.c.quotes)
               .where(*conds, d.c.events > 0 if not include_quotes else true()).subquery())
    else:
        n_ev, n_q = func.sum(d.c.events), func.sum(d.c.quotes)
        group = [d.c.source, d.c.target]
        if engine.dialect.name == "sqlite" and not actor:
            # SQLite would walk the (source, day) index for the grouping's order, skip-scanning every
            # actor; "+source" leaves it the primary key's range (a month: ~20k rows)
            group[0] = literal_column(f"+{d.name}.source")
        agg = (select(d.c.source, d.c.target, n_ev.label("events"), func.sum(d.c.gsum).label("gsum"),
                      func.sum(d.c.gn).label("gn"), n_q.label("quotes"))
               .where(*conds).group_by(*group)
               .having(n_ev > 0 if not include_quotes else or_(n_ev > 0, n_q > 0)).subquery())
    weight = agg.c.events + agg.c.quotes if include_quotes else agg.c.events
    stmt = select(agg.c.source, agg.c.target, agg.c.events, agg.c.gsum, agg.c.gn, agg.c.quotes).where(
        weight >= min_weight)
    if country:
        c = country.upper()
        sa, ta = actors.alias("sa"), actors.alias("ta")
        stmt = (stmt.select_from(agg.outerjoin(sa, sa.c.id == agg.c.source).outerjoin(ta, ta.c.id == agg.c.target))
                .where(or_(sa.c.country == c, ta.c.country == c)))
    stmt = stmt.order_by(weight.desc(), agg.c.source, agg.c.target).limit(max_edges + 1)
    kept: list[dict[str, Any]] = []
    with engine.connect() as conn:
        for a, b, n, gsum, gn, nq in conn.execute(stmt):
            nq = nq if include_quotes else 0
            kept.append({"source": a, "target": b, "events": n, "quotes": nq,
                         "goldstein_mean": round(gsum / gn, 3) if gn else None, "weight": n + nq})
        truncated = len(kept) > max_edges
        kept = kept[:max_edges]
        ids = {x for e in kept for x in (e["source"], e["target"])}
        info = {r["id"]: dict(r) for r in conn.execute(
            select(actors.c.id, actors.c.name, actors.c.country, actors.c.sector, actors.c.kind, actors.c.code)
            .where(actors.c.id.in_(sorted(ids)))).mappings()} if ids else {}
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
