"""Versioned migrations (SQLAlchemy Core; SQLite by default); the tables are in ``tables.py``
(re-exported here).

The schema version is recorded in ``schema_migrations``; ``migrate(engine)``
applies, in order and each in its own transaction, the migrations not yet
recorded. A new migration is a function appended to ``MIGRATIONS``: never edit
one that has shipped.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from ..languages import bundle
from .series import update
from .series.rollups import fill_monitor
from .tx import write_transaction
from .tables import (  # noqa: F401  (re-exported: ``from newsgraph.store.schema import articles`` still works)
    metadata,
    articles,
    actors,
    entities,
    quotes,
    events,
    event_actors,
    schema_migrations,
    article_stories,
    article_minhash,
    lsh_buckets,
    monitor_daily,
    monitor_daily_types,
    timeline_daily,
    timeline_daily_types,
    edge_daily,
    edge_monthly,
    quote_daily,
)


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


def _m2_stories(conn: Connection) -> None:
    metadata.create_all(conn, tables=[article_stories, article_minhash, lsh_buckets])
    # feeds look items up by URL (newsgraph.feeds); a hash index on PostgreSQL has no key-size limit
    using = "USING hash " if conn.dialect.name == "postgresql" else ""
    conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_articles_url ON articles {using}(url)")
    conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_articles_source_path ON articles {using}(source_path)")
    # articles stored before this migration are their own story until `newsgraph.dedup.link_stories` runs
    conn.execute(text(
        "INSERT INTO article_stories (article_id, story_id) SELECT id, id FROM articles "
        "WHERE id NOT IN (SELECT article_id FROM article_stories)"
    ))


def _m3_postgres_fts(conn: Connection) -> None:
    """PostgreSQL only: generated tsvector columns with GIN indexes (SQLite has FTS5 since migration 1).
    The text-search configuration is the language bundle's (``english`` for the English bundle, the
    literal this migration shipped with), the one the queries use (``views._pg_match``)."""
    if conn.dialect.name != "postgresql":
        return
    ts = bundle().text_search  # a checked configuration name (languages.bundle)
    # to_tsvector is capped (1 MB per tsvector): index the first 200,000 characters of long texts
    conn.exec_driver_sql(
        "ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS ("
        f"setweight(to_tsvector('{ts}'::regconfig, coalesce(title, '')), 'A') || "
        f"setweight(to_tsvector('{ts}'::regconfig, left(text, 200000)), 'B')) STORED"
    )
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_articles_tsv ON articles USING GIN (tsv)")
    conn.exec_driver_sql(
        "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS ("
        f"to_tsvector('{ts}'::regconfig, coalesce(content, '') || ' ' || coalesce(speaker_name, ''))) STORED"
    )
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_quotes_tsv ON quotes USING GIN (tsv)")


def _m4_monitor_series(conn: Connection) -> None:
    """Crisis-monitor daily aggregates (filled by ``newsgraph.monitor.series.refresh``)."""
    metadata.create_all(conn, tables=[monitor_daily, monitor_daily_types])


# --- migration 5: indexes for the API's aggregates; the publication date copied onto quotes
# (a quote's date is its article's; the copy lets a speaker's or a country's quotes be counted per
# day from one index, without a join per quote). Filled by the writer for new quotes.

_M5_INDEXES = (
    # covering: the events of a country / an actor, by role, without reading event_actors rows
    ("ix_event_actors_country_role_event", "event_actors", "country, role, event_id"),
    ("ix_event_actors_actor_role_event", "event_actors", "actor_id, role, event_id"),
    # covering: the actors of an event (networks read both sides of every event of a period)
    ("ix_event_actors_event_role_actor", "event_actors", "event_id, role, actor_id, country"),
    ("ix_events_location_country_date", "events", "location_country, date"),
    # covering for the network of a period: events by date, and the actors named inside a quote
    ("ix_events_date_network", "events", "date, modality, negated, goldstein"),
    ("ix_entities_article_span_actor", "entities", 'article_id, start, "end", actor_id'),
    ("ix_quotes_speaker_published", "quotes", "speaker_actor_id, published"),
    ("ix_quotes_country_published", "quotes", "speaker_country, published"),
)


def _m5_aggregate_indexes(conn: Connection) -> None:
    if "published" not in {c["name"] for c in inspect(conn).get_columns("quotes")}:
        conn.exec_driver_sql("ALTER TABLE quotes ADD COLUMN published VARCHAR(10)")
    if conn.dialect.name == "sqlite":
        # the full-text trigger of migration 1 fired on an update of any column, rewriting the
        # quote's FTS row; only the indexed columns need it (and the fill below touches neither)
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS quotes_au")
        conn.exec_driver_sql(
            "CREATE TRIGGER quotes_au AFTER UPDATE OF content, speaker_name ON quotes BEGIN "
            "INSERT INTO quotes_fts(quotes_fts, rowid, content, speaker_name) "
            "VALUES ('delete', old.id, old.content, old.speaker_name); "
            "INSERT INTO quotes_fts(rowid, content, speaker_name) VALUES (new.id, new.content, new.speaker_name); END"
        )
    conn.execute(text(
        "UPDATE quotes SET published = (SELECT a.published FROM articles a WHERE a.id = quotes.article_id) "
        "WHERE published IS NULL"
    ))
    for name, table, cols in _M5_INDEXES:
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({cols})")
    if conn.dialect.name == "sqlite" and conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        conn.exec_driver_sql("ANALYZE")  # an analysed database: let the planner see the new indexes



def _m6_rollups(conn: Connection) -> None:
    metadata.create_all(conn, tables=[timeline_daily, timeline_daily_types, edge_daily, edge_monthly, quote_daily])
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_edge_daily_source ON edge_daily (source, day)")
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_edge_daily_target ON edge_daily (target, day)")
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_edge_monthly_weight ON edge_monthly (month, asserted, weight)")
    update(conn)  # the rows already stored

def _m7_page_type_topic(conn: Connection) -> None:
    cols = {c["name"] for c in inspect(conn).get_columns("articles")}
    if "page_type" not in cols:
        conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN page_type VARCHAR(16)")
    if "topic" not in cols:
        conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN topic VARCHAR(32)")


def _m8_speaker_resolved(conn: Connection) -> None:
    if "speaker_resolved" not in {c["name"] for c in inspect(conn).get_columns("quotes")}:
        conn.exec_driver_sql("ALTER TABLE quotes ADD COLUMN speaker_resolved BOOLEAN")
    # rows stored before: an unresolved speaker is exactly a mention without a name
    conn.exec_driver_sql(
        "UPDATE quotes SET speaker_resolved = CASE WHEN speaker_name IS NULL THEN FALSE ELSE TRUE END "
        "WHERE speaker_mention IS NOT NULL AND speaker_resolved IS NULL")


def _m9_place_precision(conn: Connection) -> None:
    for table, col in (("entities", "place_precision"), ("events", "location_precision")):
        if col not in {c["name"] for c in inspect(conn).get_columns(table)}:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {col} VARCHAR(16)")


def _m10_actor_country_basis(conn: Connection) -> None:
    # actors stored before keep NULL: where their country came from was not recorded
    if "country_basis" not in {c["name"] for c in inspect(conn).get_columns("actors")}:
        conn.exec_driver_sql("ALTER TABLE actors ADD COLUMN country_basis VARCHAR(16)")


def _m11_monitor_rollups(conn: Connection) -> None:
    """The roll-up rows the monitor's series are derived from (role ``monitor`` in
    ``timeline_daily(_types)``, scopes ``monitor_country``/``monitor_actor`` in ``quote_daily``),
    for the rows stored before; no table changes."""
    fill_monitor(conn)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial: articles, actors, entities, quotes, events, full-text search", _m1_initial),
    (2, "stories: near-duplicate links, MinHash signatures and LSH buckets; indexes on articles.url and source_path",
     _m2_stories),
    (3, "postgresql full-text search: tsvector columns with GIN indexes", _m3_postgres_fts),
    (4, "crisis monitor: daily series per country, actor and country pair (monitor_daily, monitor_daily_types)",
     _m4_monitor_series),
    (5, ("API aggregates: quotes.published (the article's date); indexes for timelines and networks on "
         "event_actors, events, entities and quotes(speaker_actor_id | speaker_country, published)"),
     _m5_aggregate_indexes),
    (6, "API roll-ups: timeline_daily, timeline_daily_types, edge_daily, edge_monthly and quote_daily, kept by the writer",
     _m6_rollups),
    (7, "articles.page_type (what kind of page was read) and articles.topic (the section, for the event gate)",
     _m7_page_type_topic),
    (8, "quotes.speaker_resolved (false: no one could be found for the speaker mention)", _m8_speaker_resolved),
    (9, "entities.place_precision and events.location_precision (city | region | country)", _m9_place_precision),
    (10, "actors.country_basis (\"article\": the country is the page's, not the dictionaries')",
     _m10_actor_country_basis),
    (11, "monitor series derived from the roll-ups: role 'monitor' rows in timeline_daily(_types), "
         "scopes monitor_country and monitor_actor in quote_daily", _m11_monitor_rollups),
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


MIGRATION_LOCK = 0x6E657773  # PostgreSQL advisory lock key: one migrating process at a time


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":  # SQLite: BEGIN IMMEDIATE serialises already
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})


def migrate(engine: Engine) -> list[int]:
    """Apply pending migrations; returns the versions applied now. Safe when several
    processes open a new database at once (PostgreSQL: an advisory lock)."""
    done: list[int] = []
    with write_transaction(engine) as conn:
        _lock(conn)
        metadata.create_all(conn, tables=[schema_migrations])
    for version, name, fn in MIGRATIONS:
        with write_transaction(engine) as conn:
            _lock(conn)
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
