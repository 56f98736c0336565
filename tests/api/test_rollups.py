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


PERIODS = [(None, None), ("2022-01-06", None), (None, "2022-01-12"), ("2025-03", "2025-03"),
           ("2025-03-15", "2025-04-15"), ("2022-01", "2022-01"), ("2022-01-01", "2022-01-31"),
           ("2025-03-01", "2025-04-30"), ("2022", "2022"), ("2025-02", "2025-04-30"),
           # several whole months, with partial months at one end, the other or both, and open ends
           ("2021-11", "2022-02"), ("2021-11-01", "2022-02-28"), ("2021-11-30", "2022-03-01"),
           ("2021-12-02", "2022-02-28"), ("2021-12-01", "2022-02-27"), ("2021-12-31", "2022-02-01"),
           ("2021", "2022-01"), ("2022-02", None), ("2022-01-15", None), (None, "2022-01-31"), (None, "2021-12-20"),
           ("2021-12", "2022")]


def _networks_agree(engine) -> int:
    checked = 0
    for since, until in PERIODS:
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
    assert _networks_agree(store.engine) == len(PERIODS) * 4
    # the whole calendar months inside a period (read from edge_monthly)
    span = aggregates._month_span
    assert span(store.engine, "2022-01-01", "2022-01-31") == ("2022-01", "2022-01")
    assert span(store.engine, "2021-12", "2022-02-28") == ("2021-12", "2022-02")
    assert span(store.engine, "2021", "2022") == ("2021-01", "2022-12")
    assert span(store.engine, "2021-11-30", "2022-03-30") == ("2021-12", "2022-02")
    assert span(store.engine, "2024-02-01", "2024-02-29") == ("2024-02", "2024-02")  # a leap year
    assert span(store.engine, "2022-01-02", "2022-01-31") is None
    assert span(store.engine, "2022-01-01", "2022-01-30") is None
    assert span(store.engine, None, None) == ("2022-01", "2022-01")  # open ends: the months stored
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
    assert _networks_agree(engine) == len(PERIODS) * 4
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
        assert _networks_agree(store.engine) == len(PERIODS) * 4
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


# ---------------------------------------------------------------- networks over several months

MONTH_PERIODS = [("2021-11", "2022-03"), ("2021-11-01", "2022-03-31"), ("2021-11-15", "2022-03-10"),
                 ("2021-12-01", "2022-02-28"), ("2021-12-31", "2022-02-01"), ("2021-12-02", "2022-01-31"),
                 ("2022-01", "2022-01"), ("2022-01-10", "2022-02-20"), ("2021", "2022"), ("2022", None),
                 ("2021-12-20", None), (None, "2022-01"), (None, "2022-02-14"), (None, None), ("2021-12", "2021-12-31"),
                 ("2021-12-01", "2022-01-30"), ("2021-11-05", "2021-12-30"),
                 ("2021-12-01", "2021-12-31"), ("2022-02-01", "2022-02-28")]  # one month, from edge_monthly alone
PARTIAL_DAYS = ["2021", "2021-11", "2021-12", "2022-01", "2022-02", "2022-03", "2022"]


def _load_months(engine, seed: int = 11) -> None:
    """Raw rows over five months (2021-11 to 2022-03) among a few actors, so that pairs recur with
    many weights and ties: events dated to a day, to a month or a year only, or not at all, some
    not asserted; quotes naming actors inside and outside them. Then the roll-ups, from scratch."""
    import random
    from datetime import date, timedelta

    rnd = random.Random(seed)
    acts = [(f"person:m{i}", ["AAA", "BBB", "CCC", None][i % 4]) for i in range(7)]
    day = lambda: (date(2021, 11, 1) + timedelta(days=rnd.randrange(151))).isoformat()  # noqa: E731
    arts = [dict(id=i, key=f"m{i}", hash=f"{i:064x}", title=f"T{i}", published=day() if i % 17 else None,
                 authors="[]", language="en", notes="[]", nlp=True, text="x", ingested_at="2026-01-01T00:00:00")
            for i in range(1, 121)]
    evs, roles, qs, ens = [], [], [], []
    for i in range(1, 601):
        art = rnd.choice(arts)
        r = rnd.random()
        when = day() if r < 0.75 else rnd.choice(PARTIAL_DAYS) if r < 0.9 else None if r < 0.95 else art["published"]
        evs.append(dict(id=i, article_id=art["id"], type="CONSULT", cameo="040", quad_class=rnd.choice([1, 2, 3, 4, None]),
                        goldstein=rnd.choice([-10.0, -4.4, 1.0, 3.4, 7.0, None]), trigger="met", trigger_start=0,
                        trigger_end=3, sentence_start=0, sentence_end=9, date=when,
                        negated=rnd.random() < 0.08, modality="asserted" if rnd.random() < 0.85 else "hypothetical"))
        for role, n in (("source", rnd.choice([1, 1, 2])), ("target", rnd.choice([1, 1, 2]))):
            for a, c in rnd.sample(acts, n):
                roles.append(dict(event_id=i, role=role, text=a, actor_id=a if rnd.random() < 0.95 else None,
                                  code=None, country=c, sector=None))
    n_in: dict[int, int] = {}
    for i in range(1, 401):
        art = rnd.choice(arts)
        k = n_in[art["id"]] = n_in.get(art["id"], -1) + 1
        lo, hi = 240 * k + 20, 240 * k + 120
        spk, c = rnd.choice(acts) if rnd.random() < 0.9 else (None, None)
        qs.append(dict(id=i, article_id=art["id"], kind="direct", content="q", start=lo, end=hi, speaker_name="S",
                       speaker_actor_id=spk, speaker_country=c, published=art["published"]))
        for _ in range(rnd.choice([0, 1, 2, 3])):
            p = rnd.randrange(lo - 15, hi)  # now and then outside the quote
            ens.append(dict(id=len(ens) + 1, article_id=art["id"], text="A", label="PERSON", start=p, end=p + 8,
                            actor_id=rnd.choice(acts)[0] if rnd.random() < 0.9 else None))
    with engine.begin() as conn:
        conn.execute(actors.insert(), [dict(id=a, name=a, country=c, kind="person") for a, c in acts])
        conn.execute(articles.insert(), arts)
        conn.execute(events.insert(), evs)
        conn.execute(event_actors.insert(), roles)
        conn.execute(quotes.insert(), qs)
        conn.execute(entities.insert(), ens)
    rebuild(engine)


def _months_networks_agree(engine, monkeypatch) -> int:
    """Every network over MONTH_PERIODS: its edges are the counts over the raw rows, and the whole
    answer (order, ties, truncation, Goldstein means, nodes) is what edge_daily's rows alone give."""
    from newsgraph.store.schema import edge_monthly

    # the plan reads whole months from edge_monthly, the rest (and partial dates) from edge_daily
    parts, _ = aggregates._edge_parts(engine, since="2021-11-15", until="2022-03-10", actor=None, country=None,
                                      include_unasserted=False)
    assert parts[0][0] is edge_monthly and len(parts) == 4  # whole months, both ends, partial dates between
    assert aggregates._edge_parts(engine, since="2021-12-01", until="2021-12-31", actor=None, country=None,
                                  include_unasserted=False)[1]  # one month: its rows are the pairs
    with engine.connect() as conn:
        country_of = dict(conn.execute(select(actors.c.id, actors.c.country)).all())
    checked = 0
    for since, until in MONTH_PERIODS:
        for unasserted, with_quotes in itertools.product((False, True), (False, True)):
            net = aggregates.network(engine, since=since, until=until, include_unasserted=unasserted,
                                     include_quotes=with_quotes, max_edges=2000)
            got = {(x["source"], x["target"]): (x["events"], x["quotes"]) for x in net["edges"]}
            live = _network_live(engine, since=since, until=until, include_unasserted=unasserted,
                                 include_quotes=with_quotes)
            assert got == live, (since, until, unasserted, with_quotes)
            assert len(got) > 3
            # the strongest first, ties by source then target: the order of the raw counts
            ranked = sorted(((-(n + q), a, b) for (a, b), (n, q) in live.items()))
            for country, min_weight, max_edges in itertools.product((None, "aaa", "CCC"), (1, 3), (1, 5, 2000)):
                kw = dict(since=since, until=until, include_unasserted=unasserted, include_quotes=with_quotes,
                          country=country, min_weight=min_weight, max_edges=max_edges)
                fast = aggregates.network(engine, **kw)
                want = [(a, b, -w) for w, a, b in ranked if -w >= min_weight
                        and (not country or country.upper() in (country_of.get(a), country_of.get(b)))]
                assert [(x["source"], x["target"], x["weight"]) for x in fast["edges"]] == want[:max_edges], kw
                assert fast["truncated"] == (len(want) > max_edges), kw
                monkeypatch.setattr(aggregates, "NETWORK_MONTHS", False)
                slow = aggregates.network(engine, **kw)
                monkeypatch.setattr(aggregates, "NETWORK_MONTHS", True)
                assert fast == slow, kw
                checked += 1
    return checked


def test_networks_over_months_match_raw_rows(tmp_path, monkeypatch):
    store = open_store(tmp_path / "m.db")
    _load_months(store.engine)
    assert _months_networks_agree(store.engine, monkeypatch) == len(MONTH_PERIODS) * 4 * 18
    store.close()


def test_postgres_networks_over_months_match_raw_rows(monkeypatch):
    from sqlalchemy import text

    admin, schema, url = pg_schema_url()
    try:
        store = open_store(url)
        _load_months(store.engine)
        assert _months_networks_agree(store.engine, monkeypatch) == len(MONTH_PERIODS) * 4 * 18
        store.close()
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
