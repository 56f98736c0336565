"""Per-day roll-ups behind the API's timelines and actor networks (migration 6); one family of the
store's daily-series system (``newsgraph.store.series``).

Counting every event of a country over five years, or every edge of a month, from the raw
``events``/``event_actors`` rows takes seconds on a database of a million events. These tables
hold the same counts per day, so a timeline or a network reads thousands of rows instead of
millions:

- ``timeline_daily_types``: events per (scope, key, role, day, asserted, type, quad class) with
  the sum and count of Goldstein scores. ``scope`` is ``all`` (key ``''``) or ``country`` (key:
  the ISO code as stored). An event counts once for a country with role ``any`` when one of its
  actors (any role) or its location is in that country, and with role ``source``/``target`` when
  one of its actors on that side is: the rules of the events filters ``country``,
  ``source_country`` and ``target_country`` (``store/views.py``).
- ``timeline_daily``: the same summed over types, with the four quad-class counts as columns
  (what a timeline by quad class reads).
- ``edge_daily``: directed actor pairs per day: events with the first actor as a source and the
  second as a target (counted once per event), the Goldstein sum and count, and quotes whose
  speaker is the first actor and that name the second (counted once per quote; a quote's day is
  its article's date).
- ``edge_monthly``: ``edge_daily``'s rows with a full date summed per month, with ``weight`` =
  events + quotes indexed, so the network of a calendar month is its strongest rows.
- ``quote_daily``: quotes per day (the article's date) in all, per speaker's country and per
  speaker's actor id (every piece of a quotation broken by its cue counts, as in the quotes list).

The crisis monitor's series (``monitor.py``) are derived from rows of the same tables kept on the
monitor's terms (migration 11), so no second system counts events or quotes:

- ``timeline_daily(_types)`` rows with role ``monitor``: scope ``country`` (the code upper-cased;
  an actor's or the location's), ``actor`` (actor id, any role) or ``pair`` (a source country and a
  target country, sorted, ``KGZ-UZB``), each event once per key, on its *monitor day*: the event's
  date, else its article's publication date (``''`` when neither);
- ``quote_daily`` rows with scope ``monitor_country`` / ``monitor_actor``: quotations per speaker's
  country (upper-cased) or actor and article date, the pieces of one quotation broken by a cue
  counted once.

``day`` is the event's date as stored (it may be partial, ``2025-03``) or ``''`` when there is
none; ``asserted`` is 1 for events with modality ``asserted`` and not negated (the default of
the events lists), else 0; quote edges count on ``asserted = 1`` rows.

The writer adds each batch's counts in the same transaction as its rows (``update(conn, ids)``),
so the roll-ups are always consistent with the data, also after a crash; migration 6 fills them
for rows stored before it, and ``rebuild(engine)`` recomputes them from scratch (for databases
loaded by other means, such as the benchmark generator).
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from sqlalchemy import bindparam, delete, func, select, text
from sqlalchemy.engine import Connection, Engine

from ..tables import edge_daily, edge_monthly, quote_daily, timeline_daily, timeline_daily_types
from ..tx import write_transaction

ASSERTED = "CASE WHEN {e}.modality = 'asserted' AND NOT {e}.negated THEN 1 ELSE 0 END"

# (event, scope, key, role) once each: what each event counts for
_MEMBERS = """
SELECT e0.id AS event_id, 'all' AS scope, '' AS key, 'any' AS role FROM events e0 WHERE {f0}
UNION SELECT ea.event_id, 'country', ea.country, 'any' FROM event_actors ea JOIN events e1 ON e1.id = ea.event_id
  WHERE ea.country IS NOT NULL AND {f1}
UNION SELECT e2.id, 'country', e2.location_country, 'any' FROM events e2
  WHERE e2.location_country IS NOT NULL AND {f2}
UNION SELECT eb.event_id, 'country', eb.country, eb.role FROM event_actors eb JOIN events e3 ON e3.id = eb.event_id
  WHERE eb.role IN ('source', 'target') AND eb.country IS NOT NULL AND {f3}
"""

_TYPES = """
SELECT m.scope, m.key, m.role, COALESCE(e.date, '') AS day, {asserted} AS asserted,
       COALESCE(e.type, '') AS type, COALESCE(e.quad_class, 0) AS quad,
       COUNT(*) AS events, COALESCE(SUM(e.goldstein), CAST(0 AS FLOAT)) AS gsum, COUNT(e.goldstein) AS gn
FROM ({members}) m JOIN events e ON e.id = m.event_id
WHERE 1 = 1
GROUP BY m.scope, m.key, m.role, COALESCE(e.date, ''), {asserted}, COALESCE(e.type, ''), COALESCE(e.quad_class, 0)
"""

_EDGE_EVENTS = """
SELECT COALESCE(e.date, '') AS day, p.a AS source, p.b AS target, {asserted} AS asserted,
       COUNT(*) AS events, COALESCE(SUM(e.goldstein), CAST(0 AS FLOAT)) AS gsum, COUNT(e.goldstein) AS gn, 0 AS quotes
FROM (SELECT DISTINCT s.event_id, s.actor_id AS a, t.actor_id AS b
      FROM event_actors s JOIN event_actors t ON t.event_id = s.event_id JOIN events e0 ON e0.id = s.event_id
      WHERE s.role = 'source' AND t.role = 'target' AND s.actor_id IS NOT NULL AND t.actor_id IS NOT NULL
        AND s.actor_id <> t.actor_id AND {f0}) p
JOIN events e ON e.id = p.event_id
WHERE 1 = 1
GROUP BY COALESCE(e.date, ''), p.a, p.b, {asserted}
"""

_EDGE_QUOTES = """
SELECT COALESCE(ar.published, '') AS day, q.speaker_actor_id AS source, en.actor_id AS target, 1 AS asserted,
       0 AS events, CAST(0 AS FLOAT) AS gsum, 0 AS gn, COUNT(DISTINCT q.id) AS quotes
FROM quotes q JOIN articles ar ON ar.id = q.article_id
JOIN entities en ON en.article_id = q.article_id AND en.start >= q.start AND en."end" <= q."end"
WHERE q.speaker_actor_id IS NOT NULL AND en.actor_id IS NOT NULL AND en.actor_id <> q.speaker_actor_id AND {fq}
GROUP BY COALESCE(ar.published, ''), q.speaker_actor_id, en.actor_id
"""

_QUOTES = """
SELECT 'all' AS scope, '' AS key, COALESCE(q.published, '') AS day, COUNT(*) AS quotes FROM quotes q
  WHERE {fq} GROUP BY COALESCE(q.published, '')
UNION ALL SELECT 'country', q.speaker_country, COALESCE(q.published, ''), COUNT(*) FROM quotes q
  WHERE q.speaker_country IS NOT NULL AND {fq} GROUP BY q.speaker_country, COALESCE(q.published, '')
UNION ALL SELECT 'actor', q.speaker_actor_id, COALESCE(q.published, ''), COUNT(*) FROM quotes q
  WHERE q.speaker_actor_id IS NOT NULL AND {fq} GROUP BY q.speaker_actor_id, COALESCE(q.published, '')
"""

# the monitor's keys (role 'monitor'): each event once per (scope, key); codes upper-cased as the
# monitor compares them; which codes are countries is the monitor's to decide (``monitor.py``)
_MONITOR_MEMBERS = """
SELECT e1.event_id, 'actor' AS scope, e1.actor_id AS key FROM event_actors e1 JOIN events e0 ON e0.id = e1.event_id
  WHERE e1.actor_id IS NOT NULL AND {f0}
UNION SELECT e2.event_id, 'country', UPPER(e2.country) FROM event_actors e2 JOIN events e3 ON e3.id = e2.event_id
  WHERE e2.country IS NOT NULL AND {f3}
UNION SELECT e4.id, 'country', UPPER(e4.location_country) FROM events e4
  WHERE e4.location_country IS NOT NULL AND {f4}
UNION SELECT s.event_id, 'pair', CASE WHEN UPPER(s.country) < UPPER(t.country)
    THEN UPPER(s.country) || '-' || UPPER(t.country) ELSE UPPER(t.country) || '-' || UPPER(s.country) END
  FROM event_actors s JOIN event_actors t ON t.event_id = s.event_id JOIN events e5 ON e5.id = s.event_id
  WHERE s.role = 'source' AND t.role = 'target' AND s.country IS NOT NULL AND t.country IS NOT NULL
    AND UPPER(s.country) <> UPPER(t.country) AND {f5}
"""

# the monitor's day: the event's date, else its article's publication date
_MONITOR_TYPES = """
SELECT m.scope, m.key, 'monitor' AS role, COALESCE(e.date, ar.published, '') AS day, {asserted} AS asserted,
       COALESCE(e.type, '') AS type, COALESCE(e.quad_class, 0) AS quad,
       COUNT(*) AS events, COALESCE(SUM(e.goldstein), CAST(0 AS FLOAT)) AS gsum, COUNT(e.goldstein) AS gn
FROM ({members}) m JOIN events e ON e.id = m.event_id JOIN articles ar ON ar.id = e.article_id
WHERE 1 = 1
GROUP BY m.scope, m.key, COALESCE(e.date, ar.published, ''), {asserted}, COALESCE(e.type, ''),
         COALESCE(e.quad_class, 0)
"""

# quotations (the pieces of one, broken by a cue, share ``grp``) per speaker's country and actor
_MONITOR_QUOTES = """
SELECT 'monitor_country' AS scope, x.key, x.day, COUNT(*) AS quotes
FROM (SELECT DISTINCT UPPER(q.speaker_country) AS key, COALESCE(ar.published, '') AS day, q.article_id,
             COALESCE(q.grp, -q.id) AS g
      FROM quotes q JOIN articles ar ON ar.id = q.article_id WHERE q.speaker_country IS NOT NULL AND {fq}) x
GROUP BY x.key, x.day
UNION ALL SELECT 'monitor_actor', y.key, y.day, COUNT(*)
FROM (SELECT DISTINCT q.speaker_actor_id AS key, COALESCE(ar.published, '') AS day, q.article_id,
             COALESCE(q.grp, -q.id) AS g
      FROM quotes q JOIN articles ar ON ar.id = q.article_id WHERE q.speaker_actor_id IS NOT NULL AND {fq}) y
GROUP BY y.key, y.day
"""
MONITOR_ROLE = "monitor"
MONITOR_QUOTE_SCOPES = {"country": "monitor_country", "actor": "monitor_actor"}

_SUMS_T = ("events", "gsum", "gn")
ROLLUPS = (timeline_daily, timeline_daily_types, edge_daily, edge_monthly, quote_daily)
_SUMS_E = ("events", "gsum", "gn", "quotes")


def _sql(template: str, ids: Sequence[int] | None, **extra: str):
    """The statement for all rows (ids None) or for the rows of the articles ``ids``."""
    def f(alias: str) -> str:
        return "1 = 1" if ids is None else f"{alias}.article_id IN :ids"
    members = (_MONITOR_MEMBERS.format(f0=f("e0"), f3=f("e3"), f4=f("e4"), f5=f("e5"))
               if template is _MONITOR_TYPES else _MEMBERS.format(f0=f("e0"), f1=f("e1"), f2=f("e2"), f3=f("e3")))
    sql = template.format(members=members, asserted=ASSERTED.format(e="e"), f0=f("e0"), fq=f("q"), **extra)
    stmt = text(sql)
    if ids is not None:
        stmt = stmt.bindparams(bindparam("ids", expanding=True))
    return stmt


def _upsert(conn: Connection, table, rows: list[dict[str, Any]], sums: Sequence[str]) -> None:
    """Add ``rows`` to ``table``: insert new keys, add the sums to keys already there. Rows go in
    key order, so concurrent writers on PostgreSQL take row locks in the same order."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    keys = [c.name for c in table.primary_key.columns]
    rows.sort(key=lambda r: tuple(r[k] for k in keys))
    stmt = dialect_insert(table)
    stmt = stmt.on_conflict_do_update(index_elements=keys,
                                      set_={c: table.c[c] + stmt.excluded[c] for c in sums})
    for i in range(0, len(rows), 500):
        conn.execute(stmt, rows[i:i + 500])


def _quad_totals(type_rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    out: dict[tuple, dict[str, Any]] = {}
    for r in type_rows:
        k = (r["scope"], r["key"], r["role"], r["day"], r["asserted"])
        o = out.setdefault(k, dict(zip(("scope", "key", "role", "day", "asserted"), k),
                                   events=0, q1=0, q2=0, q3=0, q4=0, gsum=0.0, gn=0))
        o["events"] += r["events"]
        if r["quad"] in (1, 2, 3, 4):
            o[f"q{r['quad']}"] += r["events"]
        o["gsum"] += r["gsum"]
        o["gn"] += r["gn"]
    return list(out.values())


def _monthly(edges: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """``edge_daily`` rows with a full date, summed per month (``edge_monthly``)."""
    out: dict[tuple, dict[str, Any]] = {}
    for r in edges:
        if len(r["day"]) != 10:
            continue
        k = (r["day"][:7], r["source"], r["target"], r["asserted"])
        o = out.setdefault(k, dict(zip(("month", "source", "target", "asserted"), k),
                                   events=0, gsum=0.0, gn=0, quotes=0, weight=0))
        for c in _SUMS_E:
            o[c] += r[c]
        o["weight"] += r["events"] + r["quotes"]
    return list(out.values())


def update(conn: Connection, article_ids: Sequence[int] | None = None) -> None:
    """Add the counts of the articles ``article_ids`` (just stored, in this transaction) to the
    roll-ups; with None, fill them from every row (the tables must be empty)."""
    if article_ids is not None:
        ids = list(article_ids)
        if not ids:
            return
        for i in range(0, len(ids), 500):
            part = {"ids": ids[i:i + 500]}
            types = [dict(r) for tpl in (_TYPES, _MONITOR_TYPES)
                     for r in conn.execute(_sql(tpl, part["ids"]), part).mappings()]
            _upsert(conn, timeline_daily_types, types, _SUMS_T)
            _upsert(conn, timeline_daily, _quad_totals(types), _SUMS_T + ("q1", "q2", "q3", "q4"))
            edges: dict[tuple, dict[str, Any]] = {}
            for tpl in (_EDGE_EVENTS, _EDGE_QUOTES):
                for r in conn.execute(_sql(tpl, part["ids"]), part).mappings():
                    k = (r["day"], r["source"], r["target"], r["asserted"])
                    if k in edges:
                        for c in _SUMS_E:
                            edges[k][c] += r[c]
                    else:
                        edges[k] = dict(r)
            _upsert(conn, edge_daily, list(edges.values()), _SUMS_E)
            _upsert(conn, edge_monthly, _monthly(edges.values()), _SUMS_E + ("weight",))
            rows = [dict(r) for tpl in (_QUOTES, _MONITOR_QUOTES)
                    for r in conn.execute(_sql(tpl, part["ids"]), part).mappings()]
            _upsert(conn, quote_daily, rows, ("quotes",))
        return
    _fill_types(conn, _TYPES, "role <> 'monitor'")
    cols_e = "day, source, target, asserted, events, gsum, gn, quotes"
    conn.execute(text(f"INSERT INTO edge_daily ({cols_e}) " + _sql(_EDGE_EVENTS, None).text))
    conn.execute(text(
        f"INSERT INTO edge_daily ({cols_e}) " + _sql(_EDGE_QUOTES, None).text
        + " ON CONFLICT (day, source, target, asserted) DO UPDATE SET quotes = edge_daily.quotes + excluded.quotes"))
    conn.execute(text(
        "INSERT INTO edge_monthly (month, source, target, asserted, events, gsum, gn, quotes, weight) "
        "SELECT substr(day, 1, 7), source, target, asserted, SUM(events), SUM(gsum), SUM(gn), SUM(quotes), "
        "SUM(events + quotes) FROM edge_daily WHERE length(day) = 10 GROUP BY substr(day, 1, 7), source, target, asserted"))
    conn.execute(text("INSERT INTO quote_daily (scope, key, day, quotes) " + _sql(_QUOTES, None).text))
    fill_monitor(conn)


def _fill_types(conn: Connection, template: str, which: str) -> None:
    """``timeline_daily_types`` from every row by ``template``, then ``timeline_daily`` from the
    rows of ``which`` (a condition on ``role``)."""
    cols_t = "scope, key, role, day, asserted, type, quad, events, gsum, gn"
    conn.execute(text(f"INSERT INTO timeline_daily_types ({cols_t}) " + _sql(template, None).text))
    conn.execute(text(
        "INSERT INTO timeline_daily (scope, key, role, day, asserted, events, q1, q2, q3, q4, gsum, gn) "
        "SELECT scope, key, role, day, asserted, SUM(events), "
        + ", ".join(f"SUM(CASE WHEN quad = {q} THEN events ELSE 0 END)" for q in (1, 2, 3, 4))
        + f", SUM(gsum), SUM(gn) FROM timeline_daily_types WHERE {which} GROUP BY scope, key, role, day, asserted"))


def fill_monitor(conn: Connection) -> None:
    """(Re)write the monitor's roll-up rows (role ``monitor``, quote scopes ``monitor_*``) from every
    stored row: what migration 11 runs on a database that had the other roll-ups already."""
    for t in (timeline_daily, timeline_daily_types):
        conn.execute(delete(t).where(t.c.role == MONITOR_ROLE))
    conn.execute(delete(quote_daily).where(quote_daily.c.scope.in_(list(MONITOR_QUOTE_SCOPES.values()))))
    _fill_types(conn, _MONITOR_TYPES, "role = 'monitor'")
    conn.execute(text("INSERT INTO quote_daily (scope, key, day, quotes) " + _sql(_MONITOR_QUOTES, None).text))


def rebuild(engine: Engine) -> dict[str, int]:
    """Recompute the roll-ups from the stored rows, in one transaction; the row counts."""
    with write_transaction(engine) as conn:
        for t in ROLLUPS:
            conn.execute(delete(t))
        update(conn)
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar() or 0
                for t in ROLLUPS}
