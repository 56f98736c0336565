"""The monitor's daily series are derived from the store's roll-ups (issue 18: one daily-series
system). ``count_from_rows`` below is the monitor's former counting over the event and quote rows,
kept here as the reference: the derived series must give the same figures, for the hand-built
monitor database, for invented records with the awkward cases (undated and partially dated events,
lower-case and group codes, quotations broken by a cue, negated and future events, a location-only
country), written in one batch or one article per batch, after ``refresh(since=...)``, and for a
database that gets the monitor's roll-up rows from migration 11."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from monitor_records import build_records
from newsgraph.model import Actor, AnalyzedArticle, Article, Event, Place, Quote, Span, Speaker
from newsgraph.store import open_store
from newsgraph.store import series as S
from newsgraph.store.schema import migrate, schema_migrations
from newsgraph.store.series import monitor as M
from newsgraph.store.tables import (
    actors, articles, event_actors, events, quote_daily, quotes, timeline_daily, timeline_daily_types)


def count_from_rows(engine, since=None):
    """The series counted straight from the rows (the monitor's own counting before the roll-ups)."""
    acc = defaultdict(M._Acc)
    pair_actors = defaultdict(set)
    day_col = M._event_day()
    with engine.connect() as conn:
        conds = [M.asserted()] + ([day_col >= since] if since else [])
        ev_rows = conn.execute(
            select(events.c.id, day_col, events.c.type, events.c.quad_class, events.c.goldstein,
                   events.c.location_country)
            .join(articles, articles.c.id == events.c.article_id).where(*conds).order_by(events.c.id)).all()
        roles = defaultdict(list)
        for eid, role, aid, country in conn.execute(
                select(event_actors.c.event_id, event_actors.c.role, event_actors.c.actor_id, event_actors.c.country)
                .select_from(event_actors.join(events, events.c.id == event_actors.c.event_id)
                             .join(articles, articles.c.id == events.c.article_id)).where(*conds)):
            roles[eid].append((role, aid, country))
        qconds = [articles.c.published.is_not(None)] + ([articles.c.published >= since] if since else [])
        q_rows = conn.execute(
            select(quotes.c.article_id, func.coalesce(quotes.c.grp, -quotes.c.id), articles.c.published,
                   quotes.c.speaker_actor_id, quotes.c.speaker_country)
            .join(articles, articles.c.id == quotes.c.article_id).where(*qconds).distinct()).all()
        actor_country = dict(conn.execute(select(actors.c.id, actors.c.country)).all())
    for eid, day, etype, quad, gold, loc in ev_rows:
        if not M._valid_day(day, since):
            continue
        keys = M.event_keys(roles.get(eid, ()), loc)
        for scope, key in keys:
            acc[(scope, key, day)].add_event(etype, quad, gold)
        for p in [k for s, k in keys if s == "pair"]:
            pair_actors[(p, day)] |= {aid for _, aid, _ in roles.get(eid, ()) if aid}
    seen = set()
    for art, g, day, aid, country in q_rows:
        if not M._valid_day(day, since):
            continue
        for scope, key in ((("actor", aid),) if aid else ()) + (
                (("country", country.upper()),) if M._is_country(country) else ()):
            if (scope, key, art, g) not in seen:
                seen.add((scope, key, art, g))
                acc[(scope, key, day)].quotes += 1
    first = M.first_seen(engine)
    for aid, day in first.items():
        if M._valid_day(day, since):
            acc[("actor", aid, day)].new_actors += 1
            if M._is_country(actor_country.get(aid)):
                acc[("country", actor_country[aid].upper(), day)].new_actors += 1
    for (pair, day), ids in pair_actors.items():
        n = sum(1 for aid in ids if first.get(aid) == day)
        if n:
            acc[("pair", pair, day)].new_actors += n
    daily = [acc[k].row(*k) for k in sorted(acc)]
    types = [dict(scope=k[0], key=k[1], day=k[2], type=t, events=n)
             for k in sorted(acc) for t, n in sorted(acc[k].types.items())]
    return daily, types


# invented records with the cases the two ways of counting could disagree on
A = Actor(text="Bishkek", code="KGZGOV", country="kgz", sector="GOV", name="Government of Kyrgyzstan",
          kind="organisation", id="gov:KGZ")
B = Actor(text="Dushanbe", code="TJKGOV", country="TJK", sector="GOV", name="Government of Tajikistan",
          kind="organisation", id="gov:TJK")
UN = Actor(text="the envoy", code="IGOUNO", country="IGO", sector="IGO", name="United Nations", kind="organisation",
           id="org:united_nations")
NOBODY = Actor(text="herders", name="herders", kind="group")  # no country: an actor id, no country
VILLAGE = Place(text="Ak-Suu", geonameid=1, name="Ak-Suu", country="KGZ", latitude=42.0, longitude=75.0,
                precision="region")


def _awkward() -> list[AnalyzedArticle]:
    items = []
    for i, (published, date, negated, modality, loc) in enumerate([
            ("2025-03-01", None, False, "asserted", None),          # undated: the article's day
            ("2025-03-01", "2025-02-27", False, "asserted", None),  # its own, earlier day
            ("2025-03-02", "2025-03", False, "asserted", None),     # a month only: no series day
            ("2025-03-02", "2025-03-02", True, "asserted", None),   # negated: not counted
            ("2025-03-03", "2025-03-03", False, "future", None),    # not asserted: not counted
            ("2025-03-03", None, False, "asserted", VILLAGE),       # location only for KGZ
            (None, None, False, "asserted", None),                  # no day at all
            ("2025-03-04", "2025-03-04", False, "asserted", None)]):
        text = f"Item {i}: Bishkek and Dushanbe argued, the envoy and herders watched. “We will talk,” Bishkek said."
        src, tgt = ([A, UN], [B, NOBODY]) if i % 2 == 0 else ([B], [A, UN])
        if loc is not None:
            src, tgt = [NOBODY], []
        ev = Event(type="ACCUSE" if i % 3 else "ASSAULT", trigger=Span(text[8:15], 8, 15),
                   sentence=Span(text, 0, len(text)), quad_class=3 if i % 3 else 4,
                   goldstein=None if i == 5 else -2.5 - i, source=src, target=tgt, date=date, negated=negated,
                   modality=modality, location=loc)
        q1 = text.index("We will")
        sp = Speaker(name=A.name, mention="Bishkek", start=text.rindex("Bishkek"), end=text.rindex("Bishkek") + 7,
                     actor=A)
        qs = [Quote(kind="direct", content="We will", start=q1, end=q1 + 7, speaker=sp, group=0),
              Quote(kind="direct", content="talk", start=q1 + 8, end=q1 + 12, speaker=sp, group=0),  # one quotation
              Quote(kind="direct", content="talk", start=q1 + 8, end=q1 + 12, speaker=sp, group=None)]
        items.append(AnalyzedArticle(
            article=Article(text=text, id=f"awk-{i}", title=f"Item {i}", published=published),
            events=[ev], quotes=qs, actors=[A, B, UN, NOBODY]))
    return items


def _same(engine, since=None) -> int:
    got, want = M.compute(engine, since), count_from_rows(engine, since)
    assert got == want
    return len(got[0])


def test_derived_series_equal_the_counts_from_rows(tmp_path):
    store = open_store(tmp_path / "m.db")
    try:
        store.write(build_records() + _awkward())
        assert _same(store.engine) > 200
        for since in ("2025-02-10", "2025-02-27", "2025-03-02", "2099-01-01"):
            _same(store.engine, since)
        daily, _ = M.compute(store.engine)
        keys = {(r["scope"], r["key"]) for r in daily}
        assert ("country", "KGZ") in keys and ("pair", "KGZ-TJK") in keys  # lower case read as KGZ
        assert not any("IGO" in k for s, k in keys if s != "actor")  # a group code is no country
        kgz = {r["day"]: r for r in daily if r["key"] == "KGZ"}
        assert kgz["2025-03-01"]["events"] == 1 and kgz["2025-02-27"]["events"] == 1  # undated: article day
        assert kgz["2025-03-03"]["events"] == 1  # the location-only event
        assert kgz["2025-03-01"]["quotes"] == 4  # two articles: 'We will … talk' once, the lone piece once
    finally:
        store.close()


def test_one_article_per_batch_gives_the_same_series(tmp_path):
    one = open_store(tmp_path / "one.db")
    many = open_store(tmp_path / "many.db")
    try:
        records = _awkward() + build_records()[:30]
        one.write(records)
        for r in records:
            many.write([r])
        assert M.compute(one.engine) == M.compute(many.engine) == count_from_rows(one.engine)
    finally:
        one.close()
        many.close()


def test_migration_11_fills_the_monitors_rollup_rows(tmp_path):
    store = open_store(tmp_path / "old.db")
    try:
        store.write(_awkward())
        want = M.compute(store.engine)
        with store.engine.begin() as conn:  # back to a version-10 database: no monitor roll-up rows
            for t in (timeline_daily, timeline_daily_types):
                conn.execute(t.delete().where(t.c.role == "monitor"))
            conn.execute(quote_daily.delete().where(quote_daily.c.scope.like("monitor_%")))
            conn.execute(schema_migrations.delete().where(schema_migrations.c.version == 11))
        assert M.compute(store.engine)[0] != want[0]
        assert migrate(store.engine) == [11]
        assert M.compute(store.engine) == want
        S.rebuild(store.engine)  # a rebuild writes the same rows
        assert M.compute(store.engine) == want
    finally:
        store.close()


def test_api_readers_do_not_see_the_monitor_rows(tmp_path, monkeypatch):
    """The API's timelines and country list read roles any/source/target and the quote scopes
    all/country/actor only: the monitor's rows change none of their figures."""
    from newsgraph.store import aggregates, read

    store = open_store(tmp_path / "api.db")
    try:
        store.write(_awkward())
        kgz = {c["country"]: c for c in read.list_countries(store.engine)}
        assert kgz["kgz"]["events"] == 7 and kgz["kgz"]["quotes"] == 24  # as stored: every event, every piece
        assert kgz["KGZ"]["events"] == 1  # the location-only event, under the code as stored
        timeline = aggregates.timeline.__wrapped__  # uncached: the two plans must both run
        for country in (None, "TJK", "kgz"):
            rolled = timeline(store.engine, country=country, interval="day")
            monkeypatch.setattr(aggregates, "USE_ROLLUPS", False)
            raw = timeline(store.engine, country=country, interval="day")
            monkeypatch.setattr(aggregates, "USE_ROLLUPS", True)
            assert rolled == raw
        assert timeline(store.engine, country="TJK", interval="day")["series"]
    finally:
        store.close()
