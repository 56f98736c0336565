"""Aggregates for the API: timelines and actor networks, cached per process (split from views.py)."""

from __future__ import annotations

import calendar
import functools
from datetime import date as Date, timedelta
from typing import Any

from sqlalchemy import and_, case, func, literal_column, null, or_, select, true, tuple_, union_all
from sqlalchemy.engine import Engine

from .schema import actors, edge_daily, edge_monthly, events, quote_daily, quotes, timeline_daily, timeline_daily_types
from .cache import cached as _cached
from .views import ViewError, _date_conds, _until_bound, check_date, _split, event_conditions, quote_conditions

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


NETWORK_MONTHS = True  # False: networks group edge_daily's rows only (tests compare the two plans)
_MONTHS_IN_LIST = 1200  # more whole months than this: partial dates between them found by a scan
_PAIRS_PER_QUERY = 250  # the ranked pairs' sums are read this many pairs at a time


def _next_month(month: str, step: int = 1) -> str:
    y, m = divmod(int(month[:4]) * 12 + int(month[5:7]) - 1 + step, 12)
    return f"{y:04d}-{m + 1:02d}"


def _month_span(engine: Engine, since: str | None, until: str | None) -> tuple[str, str] | None:
    """The first and the last (``YYYY-MM``) of the whole calendar months inside a period, or None
    when it holds none. An open end stops at the first or the last month in ``edge_monthly``."""
    since, until = check_date(since, "since"), check_date(until, "until")
    first = last = None
    if since is None or until is None:
        m = edge_monthly.c.month
        with engine.connect() as conn:
            first, last = conn.execute(select(select(func.min(m)).scalar_subquery(),
                                              select(func.max(m)).scalar_subquery())).one()
        if first is None:
            return None
    if since is None:
        lo = first
    elif len(since) < 10 or since.endswith("-01"):  # "2025", "2025-03", "2025-03-01"
        lo = (since + "-01")[:7]
    else:
        lo = _next_month(since[:7])
    if until is None:
        hi = last
    elif len(until) == 4:
        hi = until + "-12"
    elif len(until) == 7:
        hi = until
    else:
        y, m, day = (int(x) for x in until.split("-"))
        hi = until[:7] if day == calendar.monthrange(y, m)[1] else _next_month(until[:7], -1)
    return (lo, hi) if lo <= hi else None


def _edge_parts(engine: Engine, *, since: str | None, until: str | None, actor: str | None,
                country: str | None, include_unasserted: bool) -> tuple[list[tuple[Any, list]], bool]:
    """(roll-up table, conditions) whose rows, summed per (source, target), are the edges of the
    period: what ``edge_daily``'s rows of the period sum to.

    With whole calendar months inside the period (and no ``actor``: its edges come from
    ``edge_daily``'s source and target indexes), those months come from ``edge_monthly`` and
    the rest from ``edge_daily``: the days before the first whole month and after the last, and
    the days dated only to a month or a year that sort between them (``2025-04`` sorts between
    ``2025-03-31`` and ``2025-04-01``; ``edge_monthly`` holds full dates only). This relies on
    days being stored as ISO dates (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), as the writer does.
    Also says whether the parts are a single calendar month of ``edge_monthly`` alone."""
    d, mo = edge_daily, edge_monthly
    daily: list = []
    if since or until:  # an edge without a date is outside any period
        daily.append(d.c.day != "")
    daily += _date_conds(d.c.day, since, until)
    span = None if actor or not NETWORK_MONTHS else _month_span(engine, since, until)
    if span is None:
        parts = [(d, daily)]
    else:
        lo, hi = span
        start, end = lo + "-01", hi + "-31"  # every full date of the months sorts between these
        n_months = (int(hi[:4]) - int(lo[:4])) * 12 + int(hi[5:7]) - int(lo[5:7]) + 1
        # one lower and one upper bound each (SQLite takes the first pair it sees for the range)
        since, until = check_date(since, "since"), check_date(until, "until")
        ub = _until_bound(until) if until else None
        low = ([d.c.day >= since] if since else [d.c.day != ""] if until else []) + [d.c.day < start]
        high = [d.c.day > end] + ([d.c.day <= ub] if until else [])
        if n_months <= _MONTHS_IN_LIST:  # primary-key look-ups: (month, source, target) in _sums
            months = [_next_month(lo, i) for i in range(n_months)]
            in_months = [mo.c.month.in_(months)]
            partial = [c for c in months + [str(y) for y in range(int(lo[:4]), int(hi[:4]) + 1)]
                       if start <= c <= end and (not since or c >= since) and (not ub or c <= ub)]
            mid = [d.c.day.in_(partial)] if partial else None
        else:
            in_months = [mo.c.month >= lo, mo.c.month <= hi]
            mid = daily + [d.c.day >= start, d.c.day <= end, func.length(d.c.day) != 10]
        rest = [low, high] + ([mid] if mid else [])
        asserted = [] if include_unasserted else [d.c.asserted == 1]
        with engine.connect() as conn:  # leave out the ranges of days with no row (primary-key look-ups)
            rest = [c for c in rest if conn.execute(select(d.c.day).where(*c, *asserted).limit(1)).first()]
        parts = [(mo, in_months)] + [(d, c) for c in rest]
    out = []
    for t, conds in parts:
        conds = list(conds)
        if not include_unasserted:
            conds.append(t.c.asserted == 1)
        if actor:
            conds.append(or_(t.c.source == actor, t.c.target == actor))
        if country:  # the edge touches an actor of that country: a property of the pair
            ids = select(actors.c.id).where(actors.c.country == country.upper())
            conds.append(or_(t.c.source.in_(ids), t.c.target.in_(ids)))
        out.append((t, conds))
    return out, span is not None and span[0] == span[1] and len(out) == 1


def _weight(t, include_quotes: bool):
    if not include_quotes:
        return t.c.events
    return t.c.weight if t is edge_monthly else t.c.events + t.c.quotes


def _rank(engine: Engine, conn, parts: list[tuple[Any, list]], *, include_quotes: bool, min_weight: int,
          limit: int, actor: str | None) -> list[tuple[str, str]]:
    """The ``limit`` strongest (source, target) pairs of the parts' rows summed per pair, with a
    weight of at least ``min_weight``: by weight (events + quotes, or events), then source, then
    target. Only the pairs and their weights are grouped (a narrow sort, which ``edge_monthly``'s
    weight index covers); ``_sums`` reads the rest for the pairs kept."""
    if len(parts) == 1:
        t, conds = parts[0]
        group = [t.c.source, t.c.target]
        if engine.dialect.name == "sqlite" and t is edge_daily and not actor:
            # SQLite would walk the (source, day) index for the grouping's order, skip-scanning every
            # actor; "+source" leaves it the primary key's range of days
            group[0] = literal_column(f"+{t.name}.source")
        total = func.sum(_weight(t, include_quotes))
        stmt = select(t.c.source, t.c.target).where(*conds).group_by(*group)
        src, tgt = t.c.source, t.c.target
    else:
        u = union_all(*(select(t.c.source.label("source"), t.c.target.label("target"),
                               _weight(t, include_quotes).label("w")).where(*conds) for t, conds in parts)).subquery()
        total = func.sum(u.c.w)
        stmt = select(u.c.source, u.c.target).group_by(u.c.source, u.c.target)
        src, tgt = u.c.source, u.c.target
    stmt = stmt.having(total >= min_weight).order_by(total.desc(), src, tgt).limit(limit)
    return [(a, b) for a, b in conn.execute(stmt)]


def _sums(engine: Engine, conn, parts: list[tuple[Any, list]], pairs: list[tuple[str, str]]
          ) -> dict[tuple[str, str], list]:
    """Events, Goldstein sum and count, and quotes of each pair, summed over the parts' rows."""
    out: dict[tuple[str, str], list] = {p: [0, 0.0, 0, 0] for p in pairs}
    for i in range(0, len(pairs), _PAIRS_PER_QUERY):
        chunk = pairs[i:i + _PAIRS_PER_QUERY]
        for t, conds in parts:
            if engine.dialect.name != "sqlite":
                which = [tuple_(t.c.source, t.c.target).in_(chunk)]
            elif t is edge_monthly:  # one primary-key look-up per (month, pair)
                which = [or_(*(and_(t.c.source == a, t.c.target == b) for a, b in chunk))]
            else:  # a short range of days: the chunk's sources, from the (source, day) index
                which = [t.c.source.in_(sorted({a for a, _ in chunk})),
                         t.c.target.in_(sorted({b for _, b in chunk}))]
            stmt = select(t.c.source, t.c.target, t.c.events, t.c.gsum, t.c.gn, t.c.quotes).where(*conds, *which)
            for a, b, *sums in conn.execute(stmt):
                o = out.get((a, b))
                if o is not None:
                    for k, v in enumerate(sums):
                        o[k] += v
    return out


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
    # per (quote, speaker, actor named inside it); ranked in SQL. Whole calendar months inside the
    # period are read from edge_monthly (one row per pair and month), the rest from edge_daily.
    parts, one_month = _edge_parts(engine, since=since, until=until, actor=actor, country=country,
                                   include_unasserted=include_unasserted)
    with engine.connect() as conn:
        t, conds = parts[0]
        if one_month and not include_unasserted:
            # one whole month and no other day: one row per pair already, the strongest first from
            # edge_monthly's (month, asserted, weight) index; with a country, the month's rows
            # touching it, sorted (events + quotes is the weight, without the index)
            w = (_weight(t, include_quotes) if not country
                 else t.c.events + t.c.quotes if include_quotes else t.c.events)
            rows = list(conn.execute(
                select(t.c.source, t.c.target, t.c.events, t.c.gsum, t.c.gn, t.c.quotes)
                .where(*conds, w >= min_weight).order_by(w.desc(), t.c.source, t.c.target).limit(max_edges + 1)))
        else:
            pairs = _rank(engine, conn, parts, include_quotes=include_quotes, min_weight=min_weight,
                          limit=max_edges + 1, actor=actor)
            sums = _sums(engine, conn, parts, pairs)
            rows = [(a, b, *sums[(a, b)]) for a, b in pairs]
        kept: list[dict[str, Any]] = []
        for a, b, n, gsum, gn, nq in rows:
            nq = nq if include_quotes else 0
            # the sum rounded first: added up in another order (days or months) it may differ in its
            # last bits, and that could move the mean's third decimal
            kept.append({"source": a, "target": b, "events": n, "quotes": nq,
                         "goldstein_mean": round(round(gsum, 6) / gn, 3) if gn else None, "weight": n + nq})
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
