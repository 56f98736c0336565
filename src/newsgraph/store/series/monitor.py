"""The crisis monitor's daily series per country, per actor and per country pair, materialised in
the database (one family of the store's daily-series system, ``newsgraph.store.series``: the ingest
brings them up to date, ``newsgraph.monitor`` reads them).

One row of ``monitor_daily`` per (scope, key, day) with any activity:

- ``scope`` ``country`` (ISO alpha-3; IGO/NGO/MNC are left out), ``actor`` (the stable actor id)
  or ``pair`` (two countries, sorted, joined by ``-``: ``KGZ-UZB``);
- ``events`` asserted, non-negated events (the default of ``newsgraph events``) dated that day
  (the event's own date, else the article's publication date), ``quad1`` … ``quad4`` by quad class,
  ``goldstein_sum``/``goldstein_n``/``goldstein_mean``, ``conflict_share`` = (quad 3 + quad 4) / events;
- ``quotes`` quotations published that day (pieces of one quotation broken by a cue count once);
- ``new_actors`` actors seen for the first time anywhere in the database that day.

An event counts for a country when one of its source/target actors or its location is in that
country; for a pair when a source actor is in one country and a target actor in the other. A quote
counts for its speaker's country and actor. ``monitor_daily_types`` holds the event counts by
PLOVER type for the same keys.

``refresh(engine, since=None)`` recomputes the days from ``since`` on (all when None) in one
transaction: running it twice gives the same rows.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from datetime import date, timedelta
from typing import Any, Iterable

from sqlalchemy import and_, delete, func, insert, literal, or_, select, union_all
from sqlalchemy.engine import Engine

from ..tx import write_transaction
from ..tables import (
    actors,
    articles,
    entities,
    event_actors,
    events,
    monitor_daily,
    monitor_daily_types,
    quote_daily,
    quotes,
    timeline_daily,
    timeline_daily_types,
)
from .rollups import MONITOR_QUOTE_SCOPES, MONITOR_ROLE

logger = logging.getLogger(__name__)

SCOPES = ("country", "actor", "pair")
NOT_COUNTRIES = {"IGO", "NGO", "MNC"}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
METRICS = ("events", "quad1", "quad2", "quad3", "quad4", "goldstein_sum", "goldstein_n", "goldstein_mean",
           "quotes", "new_actors", "conflict_share")


def _is_country(code: str | None) -> bool:
    return bool(code) and len(code) == 3 and code.isalpha() and code.upper() not in NOT_COUNTRIES


def _valid_day(d: str | None, since: str | None) -> bool:
    return bool(d) and bool(_DAY.match(d)) and (since is None or d >= since)


def _event_day():
    return func.coalesce(events.c.date, articles.c.published)


def asserted():
    """The events the series count: asserted and not negated."""
    return and_(events.c.modality == "asserted", events.c.negated.is_(False))


def first_seen(engine: Engine) -> dict[str, str]:
    """Each actor's first day anywhere: entity mentions, quotes and event roles."""
    ent = (select(entities.c.actor_id.label("aid"), articles.c.published.label("day"))
           .join(articles, articles.c.id == entities.c.article_id).where(entities.c.actor_id.is_not(None)))
    qs = (select(quotes.c.speaker_actor_id.label("aid"), articles.c.published.label("day"))
          .join(articles, articles.c.id == quotes.c.article_id).where(quotes.c.speaker_actor_id.is_not(None)))
    evs = (select(event_actors.c.actor_id.label("aid"), _event_day().label("day"))
           .select_from(event_actors.join(events, events.c.id == event_actors.c.event_id)
                        .join(articles, articles.c.id == events.c.article_id))
           .where(event_actors.c.actor_id.is_not(None)))
    u = union_all(ent, qs, evs).subquery()
    out: dict[str, str] = {}
    with engine.connect() as conn:
        for aid, day in conn.execute(select(u.c.aid, u.c.day).where(u.c.day.is_not(None))):
            if _DAY.match(day) and (aid not in out or day < out[aid]):
                out[aid] = day
    return out


class _Acc:
    __slots__ = ("events", "quad", "gsum", "gn", "quotes", "new_actors", "types")

    def __init__(self) -> None:
        self.events = 0
        self.quad = [0, 0, 0, 0]
        self.gsum = 0.0
        self.gn = 0
        self.quotes = 0
        self.new_actors = 0
        self.types: dict[str, int] = defaultdict(int)

    def add_event(self, etype: str, quad: int | None, goldstein: float | None) -> None:
        self.events += 1
        if quad in (1, 2, 3, 4):
            self.quad[quad - 1] += 1
        if goldstein is not None:
            self.gsum += goldstein
            self.gn += 1
        self.types[etype] += 1

    def row(self, scope: str, key: str, day: str) -> dict[str, Any]:
        return dict(
            scope=scope, key=key, day=day, events=self.events, quad1=self.quad[0], quad2=self.quad[1],
            quad3=self.quad[2], quad4=self.quad[3], goldstein_sum=round(self.gsum, 6), goldstein_n=self.gn,
            goldstein_mean=round(self.gsum / self.gn, 6) if self.gn else None, quotes=self.quotes,
            new_actors=self.new_actors,
            conflict_share=round((self.quad[2] + self.quad[3]) / self.events, 6) if self.events else None,
        )


def event_keys(roles: Iterable[tuple[str, str | None, str | None]], location_country: str | None
               ) -> list[tuple[str, str]]:
    """The (scope, key) series one event counts in, from its (role, actor_id, country) rows."""
    keys: set[tuple[str, str]] = set()
    src, tgt = set(), set()
    for role, aid, country in roles:
        if aid:
            keys.add(("actor", aid))
        if _is_country(country):
            c = country.upper()
            keys.add(("country", c))
            (src if role == "source" else tgt).add(c)
    if _is_country(location_country):
        keys.add(("country", location_country.upper()))
    for s in src:
        for t in tgt:
            if s != t:
                keys.add(("pair", "-".join(sorted((s, t)))))
    return sorted(keys)


def compute(engine: Engine, since: str | None = None) -> tuple[list[dict], list[dict]]:
    """The rows of ``monitor_daily`` and ``monitor_daily_types`` for days >= ``since``, derived from
    the roll-ups (``rollups.py``: role ``monitor`` rows of ``timeline_daily(_types)``, scopes
    ``monitor_*`` of ``quote_daily``); only ``new_actors``, which is not additive, is read from the
    rows (``first_seen`` and the actors of the pairs' events)."""
    acc: dict[tuple[str, str, str], _Acc] = defaultdict(_Acc)
    td, tt, qd = timeline_daily, timeline_daily_types, quote_daily
    scope_of = {v: k for k, v in MONITOR_QUOTE_SCOPES.items()}
    with engine.connect() as conn:
        def rows(t, cols, *conds):
            if since:
                conds += (t.c.day >= since,)
            return conn.execute(select(*cols).where(*conds)).all()

        for scope, key, day, n, q1, q2, q3, q4, gsum, gn in rows(
                td, (td.c.scope, td.c.key, td.c.day, td.c.events, td.c.q1, td.c.q2, td.c.q3, td.c.q4, td.c.gsum,
                     td.c.gn), td.c.role == MONITOR_ROLE, td.c.asserted == 1):
            if _valid_day(day, since) and _monitored(scope, key):
                a = acc[(scope, key, day)]
                a.events, a.quad, a.gsum, a.gn = n, [q1, q2, q3, q4], gsum, gn
        for scope, key, day, etype, n in rows(
                tt, (tt.c.scope, tt.c.key, tt.c.day, tt.c.type, tt.c.events), tt.c.role == MONITOR_ROLE,
                tt.c.asserted == 1):
            if (scope, key, day) in acc:
                acc[(scope, key, day)].types[etype] += n
        for qscope, key, day, n in rows(qd, (qd.c.scope, qd.c.key, qd.c.day, qd.c.quotes),
                                        qd.c.scope.in_(list(scope_of))):
            scope = scope_of[qscope]
            if _valid_day(day, since) and _monitored(scope, key):
                acc[(scope, key, day)].quotes += n
        actor_country = dict(conn.execute(select(actors.c.id, actors.c.country)).all())
    first = first_seen(engine)
    for aid, day in first.items():
        if not _valid_day(day, since):
            continue
        acc[("actor", aid, day)].new_actors += 1
        country = actor_country.get(aid)
        if _is_country(country):
            acc[("country", country.upper(), day)].new_actors += 1
    for (pair, day), ids in _pair_actors(engine, since).items():
        n = sum(1 for aid in ids if first.get(aid) == day)
        if n:
            acc[("pair", pair, day)].new_actors += n
    daily, types = [], []
    for (scope, key, day) in sorted(acc):
        a = acc[(scope, key, day)]
        daily.append(a.row(scope, key, day))
        types.extend(dict(scope=scope, key=key, day=day, type=t, events=n) for t, n in sorted(a.types.items()) if n)
    return daily, types


def _monitored(scope: str, key: str | None) -> bool:
    """Whether a roll-up key is one of the monitor's series: any actor, a country (not IGO/NGO/MNC),
    a pair of two countries."""
    if not key:
        return False
    if scope == "country":
        return _is_country(key)
    if scope == "pair":
        parts = key.split("-")
        return len(parts) == 2 and all(_is_country(p) for p in parts)
    return scope == "actor"


def _pair_actors(engine: Engine, since: str | None) -> dict[tuple[str, str], set[str]]:
    """(pair, day) -> the actor ids of that pair's events that day (for the pair's new actors)."""
    day_col = _event_day()
    conds = [asserted()]
    if since:
        conds.append(day_col >= since)
    roles: dict[int, list] = defaultdict(list)
    days: dict[int, str] = {}
    with engine.connect() as conn:
        for eid, day, role, aid, country in conn.execute(
                select(event_actors.c.event_id, day_col, event_actors.c.role, event_actors.c.actor_id,
                       event_actors.c.country)
                .select_from(event_actors.join(events, events.c.id == event_actors.c.event_id)
                             .join(articles, articles.c.id == events.c.article_id))
                .where(*conds)):
            roles[eid].append((role, aid, country))
            days[eid] = day
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for eid, rs in roles.items():
        if not _valid_day(days[eid], since):
            continue
        pairs = [k for s, k in event_keys(rs, None) if s == "pair"]
        ids = {aid for _, aid, _ in rs if aid}
        for p in pairs:
            out[(p, days[eid])] |= ids
    return out


def refresh(engine: Engine, since: str | None = None, *, ingested_after: str | None = None) -> dict[str, Any]:
    """Recompute the materialised series for the days >= ``since`` (all days when None).

    ``ingested_after`` (an ISO timestamp): refresh only from the earliest day touched by the
    articles stored at or after it (nothing to do when there are none); this is what the
    ``ingest`` command uses. Idempotent: one transaction deletes the days and writes them anew.
    """
    if ingested_after is not None:
        touched = changed_since(engine, ingested_after)
        if touched is None:
            return {"since": None, "rows": 0, "type_rows": 0, "skipped": True}
        since = touched if since is None else min(since, touched)
    daily, types = compute(engine, since)
    with write_transaction(engine) as conn:
        for t in (monitor_daily, monitor_daily_types):
            stmt = delete(t)
            if since:
                stmt = stmt.where(t.c.day >= since)
            conn.execute(stmt)
        for t, rows in ((monitor_daily, daily), (monitor_daily_types, types)):
            for i in range(0, len(rows), 500):
                conn.execute(insert(t), rows[i:i + 500])
    return {"since": since, "rows": len(daily), "type_rows": len(types), "skipped": False}


def refresh_after_ingest(engine: Engine, started: str) -> dict[str, Any] | None:
    """The ingest's last step (``newsgraph.ingest``, every surface): bring the series up to date with
    the articles stored at or after ``started`` (an ISO timestamp taken before the ingest began).

    A failure is logged, not raised: the articles are stored, and ``refresh`` (or ``newsgraph alerts
    --refresh``) rebuilds the series later. Returns ``refresh``'s counts, or None after a failure."""
    try:
        return refresh(engine, ingested_after=started)
    except Exception as exc:  # noqa: BLE001 - see the docstring
        logger.warning("monitor series not refreshed: %s", exc)
        return None


def missing(engine: Engine) -> bool:
    """Whether the database has articles but no series (ingested before the monitor existed)."""
    with engine.connect() as conn:
        has_series = conn.execute(select(monitor_daily.c.day).limit(1)).first() is not None
        has_data = conn.execute(select(articles.c.id).limit(1)).first() is not None
    return has_data and not has_series


def ensure(engine: Engine, *, force: bool = False) -> bool:
    """Build the series when they are missing (a database ingested before the monitor) or
    when ``force``; True when a refresh ran."""
    if not force and not missing(engine):
        return False
    refresh(engine)
    return True


def changed_since(engine: Engine, ingested_after: str) -> str | None:
    """The earliest series day touched by articles ingested at or after ``ingested_after``."""
    with engine.connect() as conn:
        new = select(articles.c.id).where(articles.c.ingested_at >= ingested_after)
        days = [conn.execute(select(func.min(articles.c.published)).where(articles.c.id.in_(new))).scalar()]
        days.append(conn.execute(
            select(func.min(_event_day())).join(articles, articles.c.id == events.c.article_id)
            .where(events.c.article_id.in_(new))
        ).scalar())
        any_new = conn.execute(select(func.count()).where(articles.c.id.in_(new))).scalar()
    if not any_new:
        return None
    days = [d for d in days if d and _DAY.match(d)]
    return min(days) if days else "0000-00-00"


def latest_day(engine: Engine) -> str | None:
    """The latest publication date in the database (relative periods count back from it)."""
    with engine.connect() as conn:
        d = conn.execute(select(func.max(articles.c.published))).scalar()
        if not d:
            d = conn.execute(select(func.max(monitor_daily.c.day))).scalar()
    return d


def load(engine: Engine, *, scope: str | None = None, key: str | None = None, start: str | None = None,
         end: str | None = None, keys: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Rows of ``monitor_daily`` ordered by scope, key, day."""
    t = monitor_daily
    conds = []
    if scope:
        conds.append(t.c.scope == scope)
    if key:
        conds.append(t.c.key == key)
    if keys is not None:
        conds.append(t.c.key.in_(list(keys)))
    if start:
        conds.append(t.c.day >= start)
    if end:
        conds.append(t.c.day <= end)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(
            select(t).where(and_(literal(True), *conds)).order_by(t.c.scope, t.c.key, t.c.day)).mappings()]


def load_types(engine: Engine, *, scope: str, key: str, start: str | None = None,
               end: str | None = None) -> list[dict[str, Any]]:
    t = monitor_daily_types
    conds = [t.c.scope == scope, t.c.key == key]
    if start:
        conds.append(t.c.day >= start)
    if end:
        conds.append(t.c.day <= end)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(t).where(*conds).order_by(t.c.day, t.c.type)).mappings()]


def days_between(start: str, end: str) -> list[str]:
    a, b = date.fromisoformat(start), date.fromisoformat(end)
    return [(a + timedelta(days=i)).isoformat() for i in range((b - a).days + 1)]


def members(engine: Engine, scope: str, key: str, start: str, end: str, *, conflict_only: bool = False,
            limit: int = 10, with_actors: bool = False) -> dict[str, Any]:
    """The events and quotes of one series between two days (inclusive): what drove an alert.

    Events come with their evidence sentence and article; the strongest (|Goldstein|) first.
    ``source``/``target`` are the actors' names; ``with_actors`` keeps their records too
    (``source_actors``/``target_actors``: the event's actor JSON, for reports that judge them).
    """
    day_col = _event_day()
    conds = [asserted(), day_col >= start, day_col <= end]
    if conflict_only:
        conds.append(events.c.quad_class.in_([3, 4]))
    ea = event_actors
    if scope == "actor":
        conds.append(events.c.id.in_(select(ea.c.event_id).where(ea.c.actor_id == key)))
    elif scope == "country":
        conds.append(or_(events.c.id.in_(select(ea.c.event_id).where(ea.c.country == key)),
                         events.c.location_country == key))
    else:
        a, b = key.split("-", 1)
        src_a = select(ea.c.event_id).where(ea.c.role == "source", ea.c.country == a)
        tgt_b = select(ea.c.event_id).where(ea.c.role == "target", ea.c.country == b)
        src_b = select(ea.c.event_id).where(ea.c.role == "source", ea.c.country == b)
        tgt_a = select(ea.c.event_id).where(ea.c.role == "target", ea.c.country == a)
        conds.append(or_(and_(events.c.id.in_(src_a), events.c.id.in_(tgt_b)),
                         and_(events.c.id.in_(src_b), events.c.id.in_(tgt_a))))
    ev_stmt = (
        select(events.c.id, day_col.label("date"), events.c.type, events.c.cameo, events.c.quad_class,
               events.c.goldstein, events.c.trigger, events.c.source, events.c.target,
               articles.c.key.label("article"), articles.c.title.label("article_title"), articles.c.url,
               func.substr(articles.c.text, events.c.sentence_start + 1,
                           events.c.sentence_end - events.c.sentence_start).label("evidence"))
        .join(articles, articles.c.id == events.c.article_id).where(*conds)
        .order_by(func.abs(func.coalesce(events.c.goldstein, 0)).desc(), events.c.id)
    )
    qconds = [articles.c.published >= start, articles.c.published <= end]
    if scope == "actor":
        qconds.append(quotes.c.speaker_actor_id == key)
    elif scope == "country":
        qconds.append(quotes.c.speaker_country == key)
    else:
        qconds.append(literal(False))
    q_stmt = (
        select(quotes.c.id, quotes.c.kind, quotes.c.content, quotes.c.speaker_name, quotes.c.speaker_country,
               articles.c.published.label("date"), articles.c.key.label("article"),
               articles.c.title.label("article_title"), articles.c.url)
        .join(articles, articles.c.id == quotes.c.article_id).where(*qconds)
        .order_by(articles.c.published, quotes.c.id)
    )
    with engine.connect() as conn:
        evs = [dict(r) for r in conn.execute(ev_stmt).mappings()]
        qs = [dict(r) for r in conn.execute(q_stmt).mappings()]

    for e in evs:
        for side in ("source", "target"):
            recs = json.loads(e[side] or "[]")
            e[side] = [x.get("name") or x.get("text") for x in recs]
            if with_actors:
                e[f"{side}_actors"] = recs
    return {"events": evs[:limit], "n_events": len(evs), "quotes": qs[:limit], "n_quotes": len(qs)}

