"""Tables and versioned migrations (SQLAlchemy Core; SQLite by default).

The schema version is recorded in ``schema_migrations``; ``migrate(engine)``
applies, in order and each in its own transaction, the migrations not yet
recorded. A new migration is a function appended to ``MIGRATIONS``: never edit
one that has shipped.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    text,
)
from sqlalchemy.engine import Connection, Engine

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(128), nullable=False, unique=True),  # the Article.id of the contract
    Column("hash", String(64), nullable=False, unique=True),  # sha256 of the normalised text
    Column("source_path", Text),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(10), index=True),
    Column("authors", Text),  # JSON list
    Column("site", Text),
    Column("language", String(8)),
    Column("notes", Text),  # JSON list
    Column("nlp", Boolean, nullable=False, default=False),  # were the NLP stages run?
    Column("text", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(200), primary_key=True),  # stable actor id
    Column("name", Text),
    Column("code", String(32), index=True),
    Column("country", String(8), index=True),
    Column("sector", String(16)),
    Column("kind", String(32)),
    Column("title", Text),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("label", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("actor_id", String(200), ForeignKey("actors.id"), index=True),
    Column("actor_code", String(32)),
    Column("place_geonameid", Integer),
    Column("place_name", Text),
    Column("place_country", String(8)),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("content", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("grp", Integer),
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("speaker_name", Text, index=True),
    Column("speaker_mention", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_title", Text),
    Column("speaker_affiliation", Text),
    Column("speaker_actor_id", String(200), ForeignKey("actors.id"), index=True),
    Column("speaker_country", String(8)),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("type", String(16), nullable=False, index=True),
    Column("mode", String(32)),
    Column("cameo", String(8)),
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("trigger", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("date", String(10), index=True),
    Column("location_name", Text),
    Column("location_geonameid", Integer),
    Column("location_country", String(8)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("negated", Boolean, nullable=False, default=False),
    Column("modality", String(16), nullable=False, default="asserted"),
    Column("claimed_by", Text),
    Column("source", Text),  # JSON list of actor records, as in the extract output
    Column("target", Text),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("role", String(8), nullable=False),  # source | target
    Column("text", Text, nullable=False),
    Column("actor_id", String(200), ForeignKey("actors.id"), index=True),
    Column("code", String(32)),
    Column("country", String(8), index=True),
    Column("sector", String(16)),
)

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("applied_at", String(32), nullable=False),
)

Index("ix_events_type_date", events.c.type, events.c.date)


def _m1_initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=[articles, actors, entities, quotes, events, event_actors])
    if conn.dialect.name == "sqlite":
        # external-content FTS5 tables kept in sync by triggers (Datasette finds them by name)
        for table, cols in (("articles", ("title", "text")), ("quotes", ("content", "speaker_name"))):
            collist = ", ".join(cols)
            new = ", ".join(f"new.{c}" for c in cols)
            old = ", ".join(f"old.{c}" for c in cols)
            conn.exec_driver_sql(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {table}_fts USING fts5({collist}, "
                f"content='{table}', content_rowid='id')"
            )
            conn.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS {table}_ai AFTER INSERT ON {table} BEGIN "
                f"INSERT INTO {table}_fts(rowid, {collist}) VALUES (new.id, {new}); END"
            )
            conn.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS {table}_ad AFTER DELETE ON {table} BEGIN "
                f"INSERT INTO {table}_fts({table}_fts, rowid, {collist}) VALUES ('delete', old.id, {old}); END"
            )
            conn.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS {table}_au AFTER UPDATE ON {table} BEGIN "
                f"INSERT INTO {table}_fts({table}_fts, rowid, {collist}) VALUES ('delete', old.id, {old}); "
                f"INSERT INTO {table}_fts(rowid, {collist}) VALUES (new.id, {new}); END"
            )


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial: articles, actors, entities, quotes, events, full-text search", _m1_initial),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def applied_versions(conn: Connection) -> set[int]:
    if not inspect(conn).has_table("schema_migrations"):
        return set()
    return {row[0] for row in conn.execute(text("SELECT version FROM schema_migrations"))}


def current_version(engine: Engine) -> int:
    with engine.connect() as conn:
        versions = applied_versions(conn)
    return max(versions, default=0)


def migrate(engine: Engine) -> list[int]:
    """Apply pending migrations; returns the versions applied now."""
    done: list[int] = []
    with engine.begin() as conn:
        metadata.create_all(conn, tables=[schema_migrations])
    for version, name, fn in MIGRATIONS:
        with engine.begin() as conn:
            if version in applied_versions(conn):
                continue
            fn(conn)
            conn.execute(
                schema_migrations.insert().values(
                    version=version, name=name, applied_at=datetime.now(timezone.utc).isoformat()
                )
            )
            done.append(version)
    return done
