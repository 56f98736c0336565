"""kill -9 at random points, many times, on SQLite and PostgreSQL.

* A writer process (``crash_writer.py``: known children per article, one transaction per
  batch) is killed at random moments; after each kill the database is intact (SQLite
  ``PRAGMA integrity_check`` and ``foreign_key_check``), every stored article has exactly its
  children and its story link (no article half-stored), and a final re-run ends with exactly
  the right counts.
* ``newsgraph ingest --no-nlp`` over a directory of many small generated files is killed the
  same way on PostgreSQL (tests/test_crash.py does it on SQLite).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import crash_writer

HERE = Path(__file__).resolve().parent
KILLS = int(os.environ.get("NEWSGRAPH_CRASH_KILLS", "8"))


def _engine(db: str):
    from newsgraph.store.db import _postgres_url, engine_url

    url = engine_url(db)
    return create_engine(_postgres_url(url) if url.startswith("postgres") else url)


def _count(db: str, table: str = "articles") -> int:
    eng = _engine(db)
    try:
        with eng.connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
    except Exception:  # noqa: BLE001 - not created yet
        return 0
    finally:
        eng.dispose()


def _kill_at_random(proc: subprocess.Popen, db: str, rng: random.Random, *, most: int, timeout: float = 120) -> bool:
    """SIGKILL once the store holds a random number of new articles, or earlier at a random moment
    (which may fall while it starts). Returns whether the process was killed before it finished.
    The article count bounds both: a writer that starts fast must not be left to finish the run."""
    target = _count(db) + rng.randint(1, most)
    delay = rng.choice([None, None, rng.uniform(0.2, 2.0)])
    t0 = time.monotonic()
    while proc.poll() is None and time.monotonic() - t0 < timeout:
        if (delay is not None and time.monotonic() - t0 >= delay) or _count(db) >= target:
            break
        time.sleep(rng.uniform(0.0, 0.05))
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return killed


def check_store(db: str, *, expect_children: bool = True) -> int:
    """Integrity, no half-stored article, no duplicate; returns the number of articles."""
    from sqlalchemy import inspect

    eng = _engine(db)
    try:
        if not inspect(eng).has_table("articles"):  # killed while it was creating the schema
            return 0
        with eng.connect() as conn:
            if eng.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
                n_fts = conn.execute(text("SELECT count(*) FROM articles_fts")).scalar()
                assert n_fts == conn.execute(text("SELECT count(*) FROM articles")).scalar()
            n, n_hash, n_key = conn.execute(text(
                "SELECT count(*), count(DISTINCT hash), count(DISTINCT key) FROM articles")).one()
            assert n == n_hash == n_key
            unlinked = conn.execute(text("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                                         "(SELECT 1 FROM article_stories s WHERE s.article_id = a.id)")).scalar()
            assert unlinked == 0, f"{unlinked} articles without their story link"
            for table in ("quotes", "entities", "events"):
                orphans = conn.execute(text(f"SELECT count(*) FROM {table} x WHERE NOT EXISTS "
                                            "(SELECT 1 FROM articles a WHERE a.id = x.article_id)")).scalar()
                assert orphans == 0, table
            if expect_children:
                rows = conn.execute(text(
                    "SELECT a.key, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id), "
                    "(SELECT count(*) FROM entities e WHERE e.article_id = a.id), "
                    "(SELECT count(*) FROM events v WHERE v.article_id = a.id), "
                    "(SELECT count(*) FROM event_actors x JOIN events v ON v.id = x.event_id "
                    " WHERE v.article_id = a.id) FROM articles a")).all()
                for key, nq, ne, nv, nx in rows:
                    want = crash_writer.children(int(key[1:]))
                    assert (nq, ne, nv, nx) == (want["quotes"], want["entities"], want["events"],
                                                want["event_actors"]), f"article {key} half-stored"
            return n
    finally:
        eng.dispose()


def _writer(db: str, n: int, batch: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(HERE / "crash_writer.py"), db, str(n), str(batch)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "crash.db")
    return request.getfixturevalue("pg_url")


def test_writer_killed_at_random_points(db):
    n, batch = max(1600, 200 * KILLS), 9  # enough articles left for every kill to land mid-run, on a fast machine too
    rng = random.Random(hash(db) & 0xFFFF)
    killed = 0
    for _ in range(KILLS):
        killed += _kill_at_random(_writer(db, n, batch), db, rng, most=60)
        check_store(db)
    proc = _writer(db, n, batch)
    assert proc.wait(timeout=300) == 0, proc.stderr.read().decode()[-2000:]
    assert check_store(db) == n
    want = sum(crash_writer.children(i)["quotes"] for i in range(n))
    assert _count(db, "quotes") == want and _count(db, "events") == n and _count(db, "entities") == 2 * n
    print(f"[{'postgresql' if '://' in db else 'sqlite'}] writer killed mid-run {killed} of {KILLS} times")
    assert killed >= KILLS // 2, f"only {killed} of {KILLS} runs were killed before they finished"


def _small_files(d: Path, n: int) -> None:
    rng = random.Random(3)
    d.mkdir()
    for i in range(n):
        words = " ".join(rng.choice(crash_writer.NAMES + ["met", "talks", "border", "water", "said"])
                         for _ in range(12))
        sub = d / f"part{i % 4}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:04d}.txt").write_text(f"Story number {i} about {words}.\n\nA second paragraph {i}.\n")


def test_cli_ingest_killed_at_random_points_on_postgres(pg_url, tmp_path):
    src, n = tmp_path / "in", max(300, 40 * KILLS)
    _small_files(src, n)
    rng = random.Random(17)
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(src), "--db", pg_url, "--no-nlp", "--batch-size", "7"]
    killed = 0
    for _ in range(KILLS):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        killed += _kill_at_random(proc, pg_url, rng, most=50)
        check_store(pg_url, expect_children=False)
    print(f"[postgresql] newsgraph ingest killed mid-run {killed} of {KILLS} times")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.wait(timeout=300) == 0, proc.stderr.read().decode()[-2000:]
    assert check_store(pg_url, expect_children=False) == n
