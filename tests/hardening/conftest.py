"""Fixtures for the hardening suite: a PostgreSQL URL isolated in a fresh schema per test
(the same server and candidates as tests/scale: ``$NEWSGRAPH_TEST_PG``, else
postgresql://postgres@127.0.0.1:5432/test, else user root); skipped, saying why, when no
server answers."""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest

PG_CANDIDATES = [os.environ.get("NEWSGRAPH_TEST_PG", ""), "postgresql://postgres@127.0.0.1:5432/test",
                 "postgresql://root@127.0.0.1:5432/test"]
_found: list = []


def _driver(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def pg_server() -> str:
    if not _found:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            _found.append(("PostgreSQL tests need psycopg",))
        else:
            from sqlalchemy import create_engine, text

            reasons = []
            for url in filter(None, PG_CANDIDATES):
                eng = create_engine(_driver(url), connect_args={"connect_timeout": 3})
                try:
                    with eng.connect() as conn:
                        conn.execute(text("SELECT 1"))
                    _found.append(url)
                    break
                except Exception as exc:  # noqa: BLE001
                    reasons.append(f"{url}: {str(exc).splitlines()[0]}")
                finally:
                    eng.dispose()
            else:
                _found.append(("no PostgreSQL server reachable (" + "; ".join(reasons) + ")",))
    if isinstance(_found[0], tuple):
        pytest.skip(_found[0][0])
    return _found[0]


@pytest.fixture
def pg_url():
    """A URL whose connections live in a fresh schema (unique per test run), dropped afterwards."""
    base = pg_server()
    from sqlalchemy import create_engine, text

    schema = f"ng_hard_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(_driver(base))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def nlp():
    """The very pipeline ``pipeline.analyze_articles`` uses: ``load_nlp`` is an lru_cache keyed
    on its arguments, so ``load_nlp()`` and ``load_nlp(None)`` would load two pipelines."""
    from newsgraph.nlp import load_nlp

    return load_nlp(None)
