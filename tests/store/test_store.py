"""Schema, migrations, idempotent and transactional writes, full-text search."""

import sqlite3

import pytest
from sqlalchemy import text

from newsgraph.model import Actor, AnalyzedArticle, Article, Entity, Event, Quote, Span, Speaker
from newsgraph.store import SCHEMA_VERSION, open_store
from newsgraph.store.queries import list_actors, list_events, list_quotes, search_articles, stats
from newsgraph.store.schema import migrate


def _analyzed(i: int, extra: str = "") -> AnalyzedArticle:
    body = f"Article {i}: the CSTO met in Astana.{extra} \"We are ready,\" Putin said."
    art = Article(text=body, title=f"Title {i}", published=f"2025-03-{i % 28 + 1:02d}")
    start = body.index("Putin")
    putin = Actor(text="Putin", code="RUSGOV", country="RUS", sector="GOV", name="Vladimir Putin",
                  kind="person", id="person:vladimir_putin", start=start, end=start + 5)
    csto_s = body.index("CSTO")
    csto = Actor(text="CSTO", code="IGO", country="IGO", name="CSTO", kind="organisation", id="org:csto",
                 start=csto_s, end=csto_s + 4)
    q_s = body.index("We are")
    q = Quote(kind="direct", content="We are ready,", start=q_s, end=q_s + 13,
              cue=Span("said", body.index("said"), body.index("said") + 4),
              speaker=Speaker(name="Vladimir Putin", mention="Putin", start=start, end=start + 5, actor=putin))
    t = body.index("met")
    ev = Event(type="CONSULT", trigger=Span("met", t, t + 3), sentence=Span(body[:t], 0, len(body)),
               mode="multilateral", cameo="040", quad_class=1, goldstein=1.0, source=[csto], date="2025-03-01")
    return AnalyzedArticle(article=art, entities=[Entity("Putin", "PERSON", start, start + 5, actor=putin)],
                           quotes=[q], events=[ev], actors=[putin, csto])


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "news.db")
    yield s
    s.close()


def test_migrations_recorded_and_not_reapplied(store):
    assert store.schema_version == SCHEMA_VERSION
    assert migrate(store.engine) == []
    with store.engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert mode == "wal"


def test_write_is_idempotent(store):
    batch = [_analyzed(i) for i in range(3)]
    r1 = store.write(batch)
    r2 = store.write([_analyzed(i) for i in range(3)])
    assert (r1.inserted, r1.duplicates) == (3, 0)
    assert (r2.inserted, r2.duplicates) == (0, 3)
    s = stats(store.engine)
    assert s["articles"] == 3 and s["quotes"] == 3 and s["events"] == 3 and s["actors"] == 2


def test_same_text_different_whitespace_is_a_duplicate(store):
    store.write([_analyzed(1)])
    a = _analyzed(1)
    a.article.text = "  " + a.article.text.replace(" ", "  ") + "\n"
    assert store.write([a]).duplicates == 1


def test_key_collision_gets_a_suffix(store):
    a, b = _analyzed(1), _analyzed(2)
    a.article.id = b.article.id = "same"
    store.write([a])
    res = store.write([b])
    assert res.inserted == 1 and res.keys[0].startswith("same~")


def test_batch_is_one_transaction(store):
    good = _analyzed(1)
    bad = _analyzed(2)
    bad.quotes[0].content = None  # NOT NULL violation half-way through the batch
    with pytest.raises(Exception):
        store.write([good, bad])
    assert stats(store.engine)["articles"] == 0  # nothing of the batch is left
    assert store.write([good]).inserted == 1


def test_full_text_search(store):
    store.write([_analyzed(1, " Tokayev spoke of bandits."), _analyzed(2)])
    hits = search_articles(store.engine, "tokayev bandits")
    assert [h["title"] for h in hits] == ["Title 1"]
    assert "[" in hits[0]["snippet"]
    assert search_articles(store.engine, 'CSTO"(*') != []  # user input cannot break the FTS query
    assert len(search_articles(store.engine, None)) == 2


def test_queries(store):
    store.write([_analyzed(i) for i in range(4)])
    assert len(list_quotes(store.engine, speaker="putin")) == 4
    assert list_quotes(store.engine, speaker="nobody") == []
    evs = list_events(store.engine, country="IGO", type="consult")
    assert len(evs) == 4 and evs[0]["source"][0]["name"] == "CSTO"
    assert evs[0]["evidence"].startswith("Article")
    top = list_actors(store.engine)
    assert {a["id"] for a in top} == {"person:vladimir_putin", "org:csto"}


def test_database_opens_in_plain_sqlite_with_fts(store, tmp_path):
    store.write([_analyzed(1)])
    con = sqlite3.connect(tmp_path / "news.db")
    n = con.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'CSTO'").fetchone()[0]
    assert n == 1
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'ready'").fetchone()[0] == 1


def test_open_missing_without_create(tmp_path):
    from newsgraph.store.db import StoreError

    with pytest.raises(StoreError):
        open_store(tmp_path / "missing.db", create=False)


def test_readers_do_not_wait_for_a_writer(store):
    """A read during an open write transaction sees the last committed state at once."""
    import threading

    from sqlalchemy import insert

    from newsgraph.store.db import write_transaction
    from newsgraph.store.schema import articles

    store.write([_analyzed(1)])
    seen = []
    with write_transaction(store.engine) as conn:
        conn.execute(insert(articles).values(key="k", hash="h" * 64, text="uncommitted", ingested_at="now",
                                             nlp=False))

        def read():
            seen.append(stats(store.engine)["articles"])

        t = threading.Thread(target=read)
        t.start()
        t.join(20)
        assert not t.is_alive(), "the reader was blocked by the writer"
    assert seen == [1]
    assert stats(store.engine)["articles"] == 2
