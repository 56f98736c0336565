from newsgraph.monitor import series as S

from monitor_records import SPIKE_DAY


def _snapshot(engine):
    from sqlalchemy import select

    from newsgraph.store.schema import monitor_daily, monitor_daily_types

    with engine.connect() as conn:
        return (sorted(tuple(r) for r in conn.execute(select(monitor_daily))),
                sorted(tuple(r) for r in conn.execute(select(monitor_daily_types))))


def test_counts_for_a_known_day(store):
    rows = S.load(store.engine, scope="country", key="KAZ", start=SPIKE_DAY, end=SPIKE_DAY)
    assert len(rows) == 1
    r = rows[0]
    assert r["events"] == 12 and r["quad4"] == 12 and r["conflict_share"] == 1.0
    assert r["goldstein_sum"] == -108.0 and r["goldstein_mean"] == -9.0
    types = S.load_types(store.engine, scope="country", key="KAZ", start=SPIKE_DAY, end=SPIKE_DAY)
    assert [(t["type"], t["events"]) for t in types] == [("ASSAULT", 12)]


def test_pairs_actors_quotes_and_new_actors(store):
    pair = S.load(store.engine, scope="pair", key="KAZ-UZB")
    assert pair and all(r["events"] == 1 for r in pair)  # UZB -> KAZ talks every third day
    first = S.load(store.engine, scope="country", key="KAZ", start="2025-01-01", end="2025-01-01")[0]
    assert first["new_actors"] == 2  # the government and the protesters appear on day one
    tokayev = S.load(store.engine, scope="actor", key="person:kassym_jomart_tokayev")
    assert sum(r["quotes"] for r in tokayev) == 6  # claims 0 and 2 of each of the three
    assert sum(r["new_actors"] for r in tokayev) == 1


def test_refresh_is_idempotent_and_incremental_matches_full(store):
    before = _snapshot(store.engine)
    S.refresh(store.engine)
    assert _snapshot(store.engine) == before
    S.refresh(store.engine, since="2025-02-01")
    assert _snapshot(store.engine) == before
    res = S.refresh(store.engine, ingested_after="9999-01-01")
    assert res["skipped"] and _snapshot(store.engine) == before


def test_members_link_back_to_events_and_quotes(store):
    m = S.members(store.engine, "country", "KAZ", SPIKE_DAY, SPIKE_DAY, limit=50)
    assert m["n_events"] == 12 and all(e["type"] == "ASSAULT" for e in m["events"])
    assert all(e["evidence"].startswith(f"Report {SPIKE_DAY}") for e in m["events"])


def test_ensure_builds_missing_series(tmp_path):
    from monitor_records import build_records
    from newsgraph.store import open_store

    s = open_store(tmp_path / "fresh.db")
    s.write(build_records()[:5])
    assert S.ensure(s.engine) is True
    assert S.ensure(s.engine) is False
    assert S.load(s.engine, scope="country", key="KAZ")
    s.close()


def test_one_rebuild_gives_both_families_what_the_ingest_wrote(store):
    """``store.series.rebuild`` recomputes the roll-ups and the monitor series from the rows: the
    same tables as the writer's per-batch roll-ups and the post-ingest refresh left."""
    from sqlalchemy import select

    from newsgraph.store import rollups, series

    assert rollups is series.rollups and S is series  # one system under its old names too

    def everything():
        with store.engine.connect() as conn:
            return {t.name: sorted(tuple(r) for r in conn.execute(select(t))) for t in series.ROLLUPS}

    rolled, monitored = everything(), _snapshot(store.engine)
    assert sum(len(v) for v in rolled.values()) > 0
    res = series.rebuild(store.engine)
    assert everything() == rolled and _snapshot(store.engine) == monitored
    assert res["monitor"]["rows"] == len(monitored[0]) and res["timeline_daily"] == len(rolled["timeline_daily"])
