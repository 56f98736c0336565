"""A fresh schema on the test PostgreSQL server, for the API tests that run on both databases."""

from __future__ import annotations

import pytest


def pg_schema_url():
    """A fresh schema on the test PostgreSQL server (as tests/scale/conftest.py finds it), or a skip."""
    import os
    import uuid
    from urllib.parse import quote

    pytest.importorskip("psycopg")
    from sqlalchemy import create_engine, text

    for base in filter(None, (os.environ.get("NEWSGRAPH_TEST_PG"), "postgresql://postgres@127.0.0.1:5432/test",
                              "postgresql://root@127.0.0.1:5432/test")):
        admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1),
                              connect_args={"connect_timeout": 3})
        try:
            schema = f"ng_test_{uuid.uuid4().hex[:12]}"
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            return admin, schema, f"{base}?options={quote(f'-csearch_path={schema}')}"
        except Exception:  # noqa: BLE001
            admin.dispose()
    pytest.skip("no PostgreSQL server reachable")

