"""The per-day roll-ups (migration 6) give the same timelines and networks as counting the
events, quotes and entities themselves; the writer keeps them in step, and a rebuild from
scratch gives the same rows."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import and_, func, select

from api_records import all_small
from pg_helpers import pg_schema_url
from newsgraph.store import aggregates, open_store
from newsgraph.store.rollups import rebuild
from newsgraph.store.schema import (
    actors, articles, edge_daily, edge_monthly, entities, event_actors, events, quote_daily, quotes, timeline_daily,
    timeline_daily_types)
from newsgraph.store.views import _date_conds


@pytest.fixture(autouse=True)
def no_cache(monkeypatch):
    from newsgraph.store import cache

    monkeypatch.setattr(cache, "SIZE", 0)


def _countries(engine) -> list[str]:
    with engine.connect() as conn:
        cs = {c for (c,) in conn.execute(select(event_actors.c.country).distinct()) if c}
        cs |= {c for (c,) in conn.execute(select(events.c.location_country).distinct()) if c}
    return sorted(cs)


def _timelines_agree(engine, monkeypatch) -> int:
    checked = 0
    countries = [None] + _countries(engine) + ["ZZZ"]
    periods = [(None, None), ("2022-01-06", None), (None, "2022-01"), ("2022-01-01", "2022-01-12"),
               ("2025", "2025-03"), ("2025-03-10", "2025-04-20")]
    for country, role, by, (since, until), unasserted, typ in itertools.product(
            countries, ("any", "source", "target"), ("quad_class", "type"), periods, (False, True),
            (None, "ASSAULT,CONSULT")):
        if country is None and role != "any":
            continue
        kw = dict(country=country, role=role, by=by, since=since, until=until, include_unasserted=unasserted,
                  type=typ, interval="day")
        monkeypatch.setattr(aggregates, "USE_ROLLUPS", True)
        fast = aggregates.timeline(engine, **kw)
        monkeypatch.setattr(aggregates, "USE_ROLLUPS", False)
        slow = aggregates.timeline(engine, **kw)
        assert fast == slow, kw
        checked += 1
    with engine.connect() as conn:  # an actor's events are counted from the rows, its quotes from quote_daily
        speakers = sorted({a for (a,) in conn.execute(select(quotes.c.speaker_actor_id).distinct()) if a})
    for actor, (since, until) in itertools.product(speakers[:6] + ["person:nobody"], periods):
        kw = dict(actor=actor, since=since, until=until, interval="week")
        monkeypatch.setattr(aggregates, "USE_ROLLUPS", True)
        fast = aggregates.timeline(engine, **kw)
        monkeypatch.setattr(aggregates, "USE_ROLLUPS", False)
        assert fast == aggregates.timeline(engine, **kw), kw
        checked += 1
    return checked


def _network_live(engine, *, since=None, until=None, include_unasserted=False, include_quotes=True):
    """The network's edges counted from the rows themselves (the query before migration 6)."""
    s, t = event_actors.alias("s"), event_actors.alias("t")
    econds = [s.c.role == "source", t.c.role == "target", s.c.actor_id.is_not(None), t.c.actor_id.is_not(None),
              s.c.actor_id != t.c.actor_id] + _date_conds(events.c.date, since, until)
    if not include_unasserted:
        econds.append(and_(events.c.modality == "asserted", events.c.negated.is_(False)))
    estmt = (select(s.c.actor_id, t.c.actor_id, func.count(func.distinct(events.c.id)))
             .select_from(s).join(t, t.c.event_id == s.c.event_id).join(events, events.c.id == s.c.event_id)
             .where(*econds).group_by(s.c.actor_id, t.c.actor_id))
    e = entities.alias("e")
    qstmt = (select(quotes.c.speaker_actor_id, e.c.actor_id, func.count(func.distinct(quotes.c.id)))
             .select_from(quotes).join(articles, articles.c.id == quotes.c.article_id)
             .join(e, and_(e.c.article_id == quotes.c.article_id, e.c.start >= quotes.c.start,
                           e.c.end <= quotes.c.end))
             .where(quotes.c.speaker_actor_id.is_not(None), e.c.actor_id.is_not(None),
                    e.c.actor_id != quotes.c.speaker_actor_id, *_date_conds(articles.c.published, since, until))
             .group_by(quotes.c.speaker_actor_id, e.c.actor_id))
    edges: dict[tuple, list[int]] = {}
    with engine.connect() as conn:
        for a, b, n in conn.execute(estmt):
            edges[(a, b)] = [n, 0]
        if include_quotes:
            for a, b, n in conn.execute(qstmt):
                edges.setdefault((a, b), [0, 0])[1] = n
    return {k: tuple(v) for k, v in edges.items()}


def _networks_agree(engine) -> int:
    checked = 0
    for since, until in [(None, None), ("2022-01-06", None), (None, "2022-01-12"), ("2025-03", "2025-03"),
                         ("2025-03-15", "2025-04-15"), ("2022-01", "2022-01"), ("2022-01-01", "2022-01-31"),
                         ("2025-03-01", "2025-04-30"), ("2022", "2022"), ("2025-02", "2025-04-30")]:
        for unasserted, with_quotes in itertools.product((False, True), (False, True)):
            net = aggregates.network(engine, since=since, until=until, include_unasserted=unasserted,
                                     include_quotes=with_quotes, max_edges=2000)
            got = {(x["source"], x["target"]): (x["events"], x["quotes"]) for x in net["edges"]}
            assert got == _network_live(engine, since=since, until=until, include_unasserted=unasserted,
                                        include_quotes=with_quotes), (since, until, unasserted, with_quotes)
            weights = [x["weight"] for x in net["edges"]]
            assert weights == sorted(weights, reverse=True)
            checked += 1
    return checked


def _rollup_rows(engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {t.name: sorted(tuple(r) for r in conn.execute(select(t)))
                for t in (timeline_daily, timeline_daily_types, edge_daily, edge_monthly, quote_daily)}


def test_small_store_rollups_match_raw_counts(tmp_path, monkeypatch):
    store = open_store(tmp_path / "r.db")
    for item in all_small():  # one article per batch: the upserts add to rows already there
        store.write([item])
    assert _timelines_agree(store.engine, monkeypatch) > 100
    assert _networks_agree(store.engine) == 40
    # whole months read edge_monthly (the daily rows when an edge dated only "2022-01" falls in them)
    assert aggregates._whole_months(store.engine, "2022-01-01", "2022-01-31", False) == ["2022-01"]
    assert aggregates._whole_months(store.engine, "2021-12", "2022-02-28", True) == ["2021-12", "2022-01", "2022-02"]
    assert aggregates._whole_months(store.engine, "2022-01-02", "2022-01-31", False) is None
    assert aggregates._whole_months(store.engine, "2022-01-01", "2022-01-30", False) is None
    before = _rollup_rows(store.engine)
    assert before["timeline_daily"] and before["edge_daily"]
    counts = rebuild(store.engine)
    assert _rollup_rows(store.engine) == before
    assert counts == {k: len(v) for k, v in before.items()}
    store.close()


def test_demo_corpus_rollups_match_raw_counts(demo_db, monkeypatch):
    store = open_store(demo_db["path"], create=False)
    engine = store.engine
    assert _timelines_agree(engine, monkeypatch) > 100
    assert _networks_agree(engine) == 40
    with engine.connect() as conn:
        n = conn.execute(select(func.sum(edge_daily.c.quotes))).scalar()
    if demo_db["nlp"]:
        assert n and n > 0  # the demo corpus has quotes naming other actors
    store.close()


def test_network_filters_rank_in_sql(tmp_path):
    store = open_store(tmp_path / "n.db")
    store.write(all_small())
    full = aggregates.network(store.engine, max_edges=2000)
    assert full["edges"] and not full["truncated"]
    one = aggregates.network(store.engine, max_edges=1)
    assert one["truncated"] and one["edges"] == full["edges"][:1]
    with store.engine.connect() as conn:
        country_of = dict(conn.execute(select(actors.c.id, actors.c.country)).all())
    for c in {v for v in country_of.values() if v}:
        got = aggregates.network(store.engine, country=c.lower(), max_edges=2000)["edges"]
        assert got == [x for x in full["edges"]
                       if c in (country_of.get(x["source"]), country_of.get(x["target"]))]
    a = full["edges"][0]["source"]
    got = aggregates.network(store.engine, actor=a, max_edges=2000)["edges"]
    assert got == [x for x in full["edges"] if a in (x["source"], x["target"])]
    heavy = aggregates.network(store.engine, min_weight=2, max_edges=2000)["edges"]
    assert heavy == [x for x in full["edges"] if x["weight"] >= 2]
    store.close()


def test_migration_6_fills_rollups_for_rows_stored_before(tmp_path):
    """A database at schema 5 with data gets its roll-ups when migration 6 runs."""
    from newsgraph.store import schema

    path = tmp_path / "old.db"
    store = open_store(path)
    store.write(all_small())
    expected = _rollup_rows(store.engine)
    with store.engine.begin() as conn:
        for t in (timeline_daily, timeline_daily_types, edge_daily, edge_monthly, quote_daily):
            conn.execute(t.delete())
        conn.execute(schema.schema_migrations.delete().where(schema.schema_migrations.c.version == 6))
        for t in ("timeline_daily", "timeline_daily_types", "edge_daily", "edge_monthly", "quote_daily"):
            conn.exec_driver_sql(f"DROP TABLE {t}")
    store.close()
    store = open_store(path)  # applies migration 6 again
    assert _rollup_rows(store.engine) == expected
    store.close()


def test_postgres_rollups_match_raw_counts(monkeypatch):
    from sqlalchemy import text

    admin, schema, url = pg_schema_url()
    try:
        store = open_store(url)
        for item in all_small():
            store.write([item])
        assert _timelines_agree(store.engine, monkeypatch) > 100
        assert _networks_agree(store.engine) == 40
        before = _rollup_rows(store.engine)
        rebuild(store.engine)
        assert _rollup_rows(store.engine) == before
        store.close()
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_countries_counted_from_rollups_match_raw_counts(tmp_path):
    from newsgraph.store.geo_views import list_countries

    store = open_store(tmp_path / "c.db")
    store.write(all_small())
    with store.engine.connect() as conn:
        quotes_by = dict(conn.execute(select(quotes.c.speaker_country, func.count())
                                      .where(quotes.c.speaker_country.is_not(None))
                                      .group_by(quotes.c.speaker_country)).all())
        ev = select(event_actors.c.event_id.label("eid"), event_actors.c.country.label("c")).where(
            event_actors.c.country.is_not(None)).union(
            select(events.c.id, events.c.location_country).where(events.c.location_country.is_not(None))).subquery()
        events_by = dict(conn.execute(select(ev.c.c, func.count()).group_by(ev.c.c)).all())
    got = list_countries(store.engine)
    assert got and {c["country"]: c["quotes"] for c in got if c["quotes"]} == quotes_by
    assert {c["country"]: c["events"] for c in got if c["events"]} == events_by
    store.close()
