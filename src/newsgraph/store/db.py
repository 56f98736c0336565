"""Opening a database: URL handling, SQLite settings, migrations."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from ..errors import StoreError  # noqa: F401  (codes E3xx, newsgraph.errors)
from .schema import current_version, migrate
from .tx import WRITE_OPTION, write_transaction  # noqa: F401  (write_transaction re-exported)
from .writer import write_batch

logger = logging.getLogger(__name__)


def engine_url(db: str | Path) -> str:
    """``news.db`` → ``sqlite:///news.db``; URLs (``postgresql://…``) pass through."""
    s = str(db)
    if "://" in s:
        return s
    return f"sqlite:///{Path(s).expanduser()}"


def _postgres_url(url: str) -> str:
    """``postgresql://`` → the installed driver: psycopg (3) first, else psycopg2."""
    import importlib.util

    scheme, rest = url.split("://", 1)
    if scheme not in ("postgresql", "postgres"):
        return url  # an explicit driver (postgresql+psycopg2://…) is kept
    for mod, driver in (("psycopg", "psycopg"), ("psycopg2", "psycopg2")):
        if importlib.util.find_spec(mod) is not None:
            return f"postgresql+{driver}://{rest}"
    raise StoreError("PostgreSQL needs a driver: pip install 'psycopg[binary]'", code="E303")


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - exercised by every test
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover
        # writers (see write_transaction) take the write lock at the start with
        # IMMEDIATE, so two writers queue instead of failing half-way with
        # "database is locked"; readers use a plain (deferred) BEGIN and never queue
        if conn.get_execution_options().get(WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


@dataclass
class Store:
    engine: Engine
    url: str
    dedup: bool = True  # link near-duplicate articles to one story on write (newsgraph.dedup)
    # called after each batch is written with (articles in the batch, WriteResult): a progress bar's hook
    on_write: Optional[Callable[[int, Any], None]] = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def schema_version(self) -> int:
        return current_version(self.engine)

    def write(self, batch, **kwargs):
        kwargs.setdefault("dedup", self.dedup)
        if self.on_write is None:
            return write_batch(self.engine, batch, **kwargs)
        batch = list(batch)
        result = write_batch(self.engine, batch, **kwargs)
        self.on_write(len(batch), result)
        return result

    def close(self) -> None:
        self.engine.dispose()


def open_store(db: str | Path, *, create: bool = True, dedup: bool = True) -> Store:
    """Open (and create/migrate when ``create``) the database at ``db``.

    ``dedup``: link near-duplicate (syndicated) articles to one story as they are
    written (needs ``datasketch``; skipped with a warning when it is missing)."""
    url = engine_url(db)
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if path and path != ":memory:":
            p = Path(path)
            if not create and not p.exists():
                raise StoreError(f"database {p} does not exist (create it with `newsgraph ingest`)", code="E302")
            if create:
                p.parent.mkdir(parents=True, exist_ok=True)
        engine = _sqlite_engine(url)
    else:
        try:
            if url.split("://", 1)[0].startswith("postgres"):
                url = _postgres_url(url)
                engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
            else:
                engine = create_engine(url, pool_pre_ping=True)
        except Exception as exc:  # missing driver, bad URL
            raise StoreError(f"cannot open database {url!r}: {exc}", code="E301") from exc
    try:
        applied = migrate(engine)
    except Exception as exc:
        raise StoreError(f"cannot open or migrate database {url!r}: {exc}", code="E301") from exc
    if applied:
        logger.info("applied migrations %s to %s", applied, url)
    return Store(engine=engine, url=url, dedup=dedup)
