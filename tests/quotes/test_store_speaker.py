"""Speaker.resolved in the database (migration 8), the API rows and the desk's quote views."""

import pytest
from sqlalchemy import text

from newsgraph.model import AnalyzedArticle, Article, Quote, Span, Speaker
from newsgraph.store import open_store
from newsgraph.store.schema import migrate


def _article() -> AnalyzedArticle:
    body = ('"The ferry will run again in May," Harbour Master Ilse Varga said. '
            '"Nobody asked us," they complained.')
    q1 = body.index("The ferry")
    s1 = body.index("Harbour Master Ilse Varga")
    q2 = body.index("Nobody")
    s2 = body.index("they")
    return AnalyzedArticle(article=Article(text=body, title="Ferry back", published="2026-04-02"), quotes=[
        Quote(kind="direct", content="The ferry will run again in May,", start=q1, end=q1 + 32,
              cue=Span("said", body.index("said"), body.index("said") + 4),
              speaker=Speaker(name="Ilse Varga", mention="Harbour Master Ilse Varga", start=s1, end=s1 + 25)),
        Quote(kind="direct", content="Nobody asked us,", start=q2, end=q2 + 16,
              cue=Span("complained", body.index("complained"), body.index("complained") + 10),
              speaker=Speaker(name=None, mention="they", start=s2, end=s2 + 4, resolved_from="pronoun",
                              resolved=False)),
        Quote(kind="indirect", content="the ferry runs again", start=q1 + 4, end=q1 + 24, group=9),
    ])


def _stored(store) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT speaker_mention, speaker_resolved FROM quotes ORDER BY id"))]


def test_writer_stores_whether_the_speaker_was_resolved(tmp_path):
    store = open_store(tmp_path / "q.db")
    try:
        store.write([_article()])
        assert _stored(store) == [("Harbour Master Ilse Varga", True), ("they", False), (None, None)]
    finally:
        store.close()


def test_migration_fills_rows_stored_before_it(tmp_path):
    store = open_store(tmp_path / "q.db")
    try:
        store.write([_article()])
        with store.engine.begin() as conn:  # back to a version-7 database
            conn.exec_driver_sql("ALTER TABLE quotes DROP COLUMN speaker_resolved")
            conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version = 8")
        assert migrate(store.engine) == [8]
        assert _stored(store) == [("Harbour Master Ilse Varga", True), ("they", False), (None, None)]
        assert migrate(store.engine) == []
    finally:
        store.close()


def test_views_and_desk_mark_unresolved_speakers(tmp_path):
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app
    from newsgraph.store import views

    store = open_store(tmp_path / "q.db")
    try:
        store.write([_article()])
        rows = {r["speaker_mention"]: r["speaker_resolved"] for r in views.list_quotes(store.engine).items}
        assert rows == {"Harbour Master Ilse Varga": True, "they": False, None: None}
        with TestClient(create_app(store, token="")) as client:
            page = client.get("/quotes").text
            assert page.count("(unresolved)") == 1
            cell = page[page.index("they"):]
            assert cell.index("(unresolved)") < cell.index("</td>")
            assert "Ilse Varga" in page
    finally:
        store.close()
