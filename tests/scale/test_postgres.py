"""PostgreSQL backend: same schema and migrations, full-text search with tsvector/GIN,
concurrent ingesters never duplicate an article. Runs against the real server."""

import threading

import pytest
from sqlalchemy import text

from newsgraph.model import Actor, AnalyzedArticle, Article, Entity
from newsgraph.store import SCHEMA_VERSION, open_store
from newsgraph.store.queries import list_actors, list_events, list_quotes, search_articles, stats
from newsgraph.store.schema import migrate

from scale_helpers import story_text

pytest.importorskip("psycopg")


def _analyzed(i: int, extra: str = "") -> AnalyzedArticle:
    import importlib.util
    import sys
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "store_tests", Path(__file__).resolve().parents[1] / "store" / "test_store.py")
    mod = sys.modules.get("store_tests") or importlib.util.module_from_spec(spec)
    if "store_tests" not in sys.modules:
        spec.loader.exec_module(mod)
        sys.modules["store_tests"] = mod
    return mod._analyzed(i, extra)


@pytest.fixture
def pg(pg_url):
    s = open_store(pg_url)
    yield s
    s.close()


def test_same_schema_and_migrations(pg, tmp_path):
    assert pg.dialect == "postgresql"
    assert pg.schema_version == SCHEMA_VERSION
    assert migrate(pg.engine) == []
    lite = open_store(tmp_path / "x.db")
    from sqlalchemy import inspect

    pg_tables = set(inspect(pg.engine).get_table_names())
    lite_tables = {t for t in inspect(lite.engine).get_table_names() if "_fts" not in t}
    assert lite_tables <= pg_tables
    for t in lite_tables:
        cols = {c["name"] for c in inspect(lite.engine).get_columns(t)}
        assert cols <= {c["name"] for c in inspect(pg.engine).get_columns(t)}, t
    with pg.engine.connect() as conn:
        idx = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_articles_tsv'")).scalar()
    assert "gin" in idx.lower()


def test_writes_and_queries(pg):
    r1 = pg.write([_analyzed(i) for i in range(4)])
    r2 = pg.write([_analyzed(i) for i in range(4)])
    assert (r1.inserted, r2.inserted, r2.duplicates) == (4, 0, 4)
    s = stats(pg.engine)
    assert s["articles"] == 4 and s["quotes"] == 4 and s["events"] == 4 and s["actors"] == 2
    assert len(list_quotes(pg.engine, speaker="putin")) == 4
    evs = list_events(pg.engine, country="IGO", type="consult")
    assert len(evs) == 4 and evs[0]["evidence"].startswith("Article")
    assert {a["id"] for a in list_actors(pg.engine)} == {"person:vladimir_putin", "org:csto"}


def test_full_text_search_uses_postgres(pg):
    pg.write([_analyzed(1, " Tokayev spoke of bandits."), _analyzed(2)])
    hits = search_articles(pg.engine, "tokayev bandits")
    assert [h["title"] for h in hits] == ["Title 1"]
    assert "[Tokayev]" in hits[0]["snippet"] or "[bandits]" in hits[0]["snippet"]
    assert search_articles(pg.engine, "bandit") != []  # stemming: bandit ~ bandits
    assert search_articles(pg.engine, 'CSTO"(*') != []  # user input cannot break the query
    assert search_articles(pg.engine, "nothing-like-this") == []
    with pg.engine.begin() as conn:
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(r[0] for r in conn.execute(text(
            "EXPLAIN SELECT id FROM articles WHERE tsv @@ websearch_to_tsquery('english', 'tokayev')")))
    assert "ix_articles_tsv" in plan


def test_key_collision_gets_a_suffix(pg):
    a, b = _analyzed(1), _analyzed(2)
    a.article.id = b.article.id = "same"
    pg.write([a])
    res = pg.write([b])
    assert res.inserted == 1 and res.keys[0].startswith("same~")


def test_batch_is_one_transaction(pg):
    good, bad = _analyzed(1), _analyzed(2)
    bad.quotes[0].content = None
    with pytest.raises(Exception):
        pg.write([good, bad])
    assert stats(pg.engine)["articles"] == 0
    assert pg.write([good]).inserted == 1


def _shared_actor_batch(seeds):
    out = []
    for s in seeds:
        t = story_text(s, 40) + f" Putin spoke {s}."
        i = t.index("Putin")
        actor = Actor(text="Putin", code="RUSGOV", country="RUS", name="Vladimir Putin", kind="person",
                      id="person:vladimir_putin")
        extra = Actor(text=f"Org{s % 5}", code="IGO", name=f"Org {s % 5}", kind="organisation", id=f"org:{s % 5}")
        out.append(AnalyzedArticle(article=Article(text=t, id=f"k{s % 7}"), actors=[actor, extra],
                                   entities=[Entity("Putin", "PERSON", i, i + 5, actor=actor)]))
    return out


def test_concurrent_ingesters_never_duplicate(pg_url):
    """Four writers store overlapping batches (same texts, same keys, same actors) at once."""
    stores = [open_store(pg_url) for _ in range(4)]
    barrier = threading.Barrier(4)
    errors, results = [], []

    def work(n):
        try:
            barrier.wait()
            for rnd in range(6):
                seeds = [(rnd * 7 + j * (n + 1)) % 30 for j in range(8)]
                results.append(stores[n].write(_shared_actor_batch(seeds)))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    with stores[0].engine.connect() as conn:
        n_art, n_hash = conn.execute(text("SELECT count(*), count(DISTINCT hash) FROM articles")).one()
        n_key = conn.execute(text("SELECT count(DISTINCT key) FROM articles")).scalar()
        n_actors = conn.execute(text("SELECT count(*) FROM actors")).scalar()
        n_links = conn.execute(text("SELECT count(*) FROM article_stories")).scalar()
    assert n_art == n_hash == n_key == n_links
    assert n_art == sum(r.inserted for r in results)
    assert n_art <= 30 and n_actors == 1 + 5
    for s in stores:
        s.close()


def test_cli_against_postgres(pg_url, tmp_path):
    import json

    from typer.testing import CliRunner

    from newsgraph.cli import app

    d = tmp_path / "in"
    d.mkdir()
    for i in range(3):
        (d / f"{i}.txt").write_text(f"Monday, March {i + 3}, 2025\n\nHeadline {i}\n\n{story_text(i, 60)}")
    r = CliRunner().invoke(app, ["ingest", str(d), "--db", pg_url, "--no-nlp", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["inserted"] == 3
    r = CliRunner().invoke(app, ["stats", "--db", pg_url, "--json"])
    assert json.loads(r.stdout)["articles"] == 3


def test_unreachable_server_is_a_clear_fatal_error():
    from typer.testing import CliRunner

    from newsgraph.cli import app

    r = CliRunner().invoke(app, ["stats", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert r.exit_code == 3 and "cannot open" in r.output
