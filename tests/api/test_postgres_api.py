"""The API on PostgreSQL: full-text search uses the tsvector columns (migration 3), not ILIKE."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from api_records import all_small
from newsgraph.store import open_store
from pg_helpers import pg_schema_url

pytest.importorskip("fastapi")


@pytest.fixture
def pg_client():
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    admin, schema, url = pg_schema_url()
    store = open_store(url)
    store.write(all_small())
    try:
        with TestClient(create_app(store, token="")) as c:
            yield c, store
    finally:
        store.close()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_search_uses_tsvector_with_stemming(pg_client):
    client, store = pg_client
    sql: list[str] = []
    from sqlalchemy import event

    @event.listens_for(store.engine, "before_cursor_execute")
    def seen(conn, cursor, statement, *args):
        sql.append(statement)

    # "leaving" is not in the text; its stem is ("would leave soon"): ILIKE could not find it
    r = client.get("/api/v1/quotes", params={"q": "leaving"})
    assert r.status_code == 200
    items = r.json()["items"]
    assert [q["content"] for q in items] == ["the CSTO troops would leave soon"]
    assert any("@@" in s and "websearch_to_tsquery" in s for s in sql)
    assert not any("ILIKE" in s.upper() for s in sql)
    r = client.get("/api/v1/articles", params={"q": "leaving"})
    assert r.status_code == 200 and [a["key"] for a in r.json()["items"]] == ["a1"]
    r = client.get("/api/v1/search", params={"q": "leaving troops"})
    body = r.json()
    assert r.status_code == 200 and body["articles"] and body["quotes"]
    assert any(part["match"] for part in body["articles"][0]["snippet"])
    assert client.get("/api/v1/quotes", params={"q": "leaving -troops"}).json()["items"] == []


def test_search_without_words_is_a_400(pg_client):
    client, _ = pg_client
    for path in ("/api/v1/quotes", "/api/v1/articles", "/api/v1/search"):
        r = client.get(path, params={"q": "!!! ???"})
        assert r.status_code == 400, path
