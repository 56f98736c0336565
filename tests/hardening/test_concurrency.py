"""Readers during a large ingest, and ingesters racing on one PostgreSQL database.

* A writer process stores generated articles (known children, one transaction per batch)
  while this process reads through ``newsgraph.store`` queries, plain SQL snapshots and the
  API (FastAPI TestClient): counts never go down, a snapshot never holds half a batch (its
  quotes are exactly those of its articles), every quote returned has its article.
* Several ``newsgraph ingest`` processes over overlapping inputs on one PostgreSQL schema
  never store an article twice and end with exactly one row per text (tests/scale has the
  thread version through ``Store.write``).
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

import crash_writer

HERE = Path(__file__).resolve().parent


def _snapshot(conn) -> tuple[int, int, list[str]]:
    keys = [r[0] for r in conn.execute(text("SELECT key FROM articles"))]
    n_quotes = conn.execute(text("SELECT count(*) FROM quotes")).scalar()
    return len(keys), n_quotes, keys


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_readers_see_whole_batches_during_ingest(backend, tmp_path, request):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app
    from newsgraph.store import open_store
    from newsgraph.store.queries import list_quotes, stats

    db = str(tmp_path / "live.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    store = open_store(db)  # created (migrated) before the writer starts
    n, batch = 500, 10
    writer = subprocess.Popen([sys.executable, str(HERE / "crash_writer.py"), db, str(n), str(batch)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    last_api = last_stats = last_snap = 0
    polls = 0
    try:
        with TestClient(create_app(store, token="")) as client:
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline:
                done = writer.poll() is not None
                # one read transaction: whole batches only, so quotes match the articles exactly
                with store.engine.begin() as conn:
                    if store.dialect == "postgresql":
                        conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
                    n_art, n_quotes, keys = _snapshot(conn)
                want = sum(crash_writer.children(int(k[1:]))["quotes"] for k in keys)
                assert n_quotes == want, f"a reader saw half a batch: {n_quotes} quotes for {n_art} articles"
                assert n_art >= last_snap
                last_snap = n_art
                s = stats(store.engine)
                assert s["articles"] >= last_stats
                last_stats = s["articles"]
                r = client.get("/api/v1/stats")
                assert r.status_code == 200
                assert r.json()["articles"] >= last_api
                last_api = r.json()["articles"]
                page = client.get("/api/v1/quotes", params={"sort": "-id", "limit": 20})
                assert page.status_code == 200
                for q in page.json()["items"]:
                    assert client.get(f"/api/v1/articles/{q['article']}").status_code == 200
                for q in list_quotes(store.engine, limit=20):
                    assert q.get("article") or q.get("article_id")
                polls += 1
                if done:
                    break
                time.sleep(random.uniform(0, 0.05))
        assert writer.wait(timeout=60) == 0, writer.stderr.read().decode()[-2000:]
        assert last_snap == n and polls >= 3
    finally:
        if writer.poll() is None:
            writer.kill()
        store.close()


def test_ingest_processes_racing_on_postgres_never_duplicate(pg_url, tmp_path):
    """Three CLI ingesters, overlapping inputs (each file is in two of the three), same schema."""
    from newsgraph.store import open_store

    rng = random.Random(4)
    dirs = [tmp_path / f"in{j}" for j in range(3)]
    for d in dirs:
        d.mkdir()
    n = 150
    for i in range(n):
        body = " ".join(rng.choice(crash_writer.NAMES + ["met", "talks", "water"]) for _ in range(10))
        for j in rng.sample(range(3), 2):
            (dirs[j] / f"{i:04d}.txt").write_text(f"Shared story {i}: {body}.\n\nSecond paragraph {i}.\n")
    open_store(pg_url).close()  # migrate once, first
    procs = [subprocess.Popen([sys.executable, "-m", "newsgraph", "ingest", str(d), "--db", pg_url, "--no-nlp",
                               "--batch-size", str(b)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for d, b in zip(dirs, (3, 8, 16))]
    for p in procs:
        assert p.wait(timeout=300) == 0, p.stderr.read().decode()[-2000:]
    store = open_store(pg_url)
    with store.engine.connect() as conn:
        n_art, n_hash, n_key = conn.execute(text(
            "SELECT count(*), count(DISTINCT hash), count(DISTINCT key) FROM articles")).one()
        n_links = conn.execute(text("SELECT count(DISTINCT article_id) FROM article_stories")).scalar()
    store.close()
    assert n_art == n_hash == n_key == n_links == n
