"""Migration 5: quotes.published (filled for old rows and by the writer) and the API's indexes."""

from sqlalchemy import inspect, text

from newsgraph.model import Actor, AnalyzedArticle, Article, Quote, Span, Speaker
from newsgraph.store import SCHEMA_VERSION, open_store
from newsgraph.store.schema import _M5_INDEXES, migrate
from newsgraph.store.read import timeline


def _article(i: int, published: str | None) -> AnalyzedArticle:
    body = f"Story {i}. \"The canal is open,\" Dilnoza Rakhimova said."
    s = body.index("Dilnoza")
    actor = Actor(text="Dilnoza Rakhimova", code="KGZGOV", country="KGZ", sector="GOV", name="Dilnoza Rakhimova",
                  kind="person", id="person:dilnoza_rakhimova", start=s, end=s + 17)
    q = body.index("The canal")
    quote = Quote(kind="direct", content="The canal is open,", start=q, end=q + 18,
                  cue=Span("said", body.index("said"), body.index("said") + 4),
                  speaker=Speaker(name="Dilnoza Rakhimova", mention="Dilnoza Rakhimova", start=s, end=s + 17,
                                  actor=actor))
    return AnalyzedArticle(article=Article(text=body, title=f"T{i}", published=published), quotes=[quote],
                           actors=[actor])


def test_new_database_has_the_column_and_indexes(tmp_path):
    store = open_store(tmp_path / "news.db")
    try:
        assert SCHEMA_VERSION >= 5
        insp = inspect(store.engine)
        assert "published" in {c["name"] for c in insp.get_columns("quotes")}
        names = {ix["name"] for t in ("quotes", "events", "event_actors", "entities") for ix in insp.get_indexes(t)}
        assert {name for name, _, _ in _M5_INDEXES} <= names
    finally:
        store.close()


def test_writer_fills_published_and_timeline_counts_it(tmp_path):
    store = open_store(tmp_path / "news.db")
    try:
        store.write([_article(1, "2025-03-04"), _article(2, None), _article(3, "2025-03-12")])
        with store.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT a.published, q.published FROM quotes q JOIN articles a ON a.id = q.article_id")).all()
        assert sorted(rows, key=str) == sorted([("2025-03-04", "2025-03-04"), (None, None),
                                                ("2025-03-12", "2025-03-12")], key=str)
        t = timeline(store.engine, actor="person:dilnoza_rakhimova", interval="week")
        assert [(s["period"], s["quotes"]) for s in t["series"]] == [("2025-03-03", 1), ("2025-03-10", 1)]
        assert t["undated_quotes"] == 1
        t = timeline(store.engine, country="kgz", interval="month", since="2025-03-10")
        assert [(s["period"], s["quotes"]) for s in t["series"]] == [("2025-03", 1)]
    finally:
        store.close()


def test_upgrade_fills_existing_quotes_and_keeps_fts(tmp_path):
    path = tmp_path / "news.db"
    store = open_store(path)
    try:
        store.write([_article(1, "2025-03-04")])
        with store.engine.begin() as conn:  # back to a version-4 database: no column, no indexes
            for name, _, _ in _M5_INDEXES:
                conn.exec_driver_sql(f"DROP INDEX {name}")
            conn.exec_driver_sql("ALTER TABLE quotes DROP COLUMN published")
            conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version = 5")
        assert migrate(store.engine) == [5]
        with store.engine.begin() as conn:
            assert conn.exec_driver_sql("SELECT published FROM quotes").scalar_one() == "2025-03-04"
            # the full-text trigger still follows edits of the indexed columns
            conn.exec_driver_sql("UPDATE quotes SET content = 'The dam is closed'")
            hits = conn.exec_driver_sql("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'dam'").all()
            assert len(hits) == 1
            assert not conn.exec_driver_sql("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'canal'").all()
        assert migrate(store.engine) == []
    finally:
        store.close()
