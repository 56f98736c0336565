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
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
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
    Column("page_type", String(16)),  # migration 7: article | live | listing | guide | product | wall | ...
    Column("topic", String(32)),  # migration 7: politics | sports | entertainment | ... (the article gate)
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

# --- migration 2: near-duplicate stories (see newsgraph/dedup.py)
article_stories = Table(
    "article_stories",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", Integer, nullable=False, index=True),  # the id of the story's first article
    Column("similarity", Float),  # estimated Jaccard with the article it was matched to; NULL for a root
)
article_minhash = Table(
    "article_minhash",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),  # num_perm little-endian uint32
)
lsh_buckets = Table(
    "lsh_buckets",
    metadata,
    Column("bucket", BigInteger, nullable=False, index=True),  # hash of (band number, band values)
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
)

# --- migration 4: crisis-monitor daily series (see newsgraph/monitor/series.py)
monitor_daily = Table(
    "monitor_daily",
    metadata,
    Column("scope", String(16), primary_key=True),  # country | actor | pair
    Column("key", String(200), primary_key=True),  # KGZ | person:aibek_tokonov | KGZ-UZB
    Column("day", String(10), primary_key=True, index=True),
    Column("events", Integer, nullable=False, default=0),
    Column("quad1", Integer, nullable=False, default=0),
    Column("quad2", Integer, nullable=False, default=0),
    Column("quad3", Integer, nullable=False, default=0),
    Column("quad4", Integer, nullable=False, default=0),
    Column("goldstein_sum", Float, nullable=False, default=0.0),
    Column("goldstein_n", Integer, nullable=False, default=0),
    Column("goldstein_mean", Float),
    Column("quotes", Integer, nullable=False, default=0),
    Column("new_actors", Integer, nullable=False, default=0),
    Column("conflict_share", Float),
)
monitor_daily_types = Table(
    "monitor_daily_types",
    metadata,
    Column("scope", String(16), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("day", String(10), primary_key=True, index=True),
    Column("type", String(16), primary_key=True),
    Column("events", Integer, nullable=False),
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
    """PostgreSQL only: generated tsvector columns with GIN indexes (SQLite has FTS5 since migration 1)."""
    if conn.dialect.name != "postgresql":
        return
    # to_tsvector is capped (1 MB per tsvector): index the first 200,000 characters of long texts
    conn.exec_driver_sql(
        "ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('english'::regconfig, left(text, 200000)), 'B')) STORED"
    )
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_articles_tsv ON articles USING GIN (tsv)")
    conn.exec_driver_sql(
        "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS ("
        "to_tsvector('english'::regconfig, coalesce(content, '') || ' ' || coalesce(speaker_name, ''))) STORED"
    )
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_quotes_tsv ON quotes USING GIN (tsv)")


def _m4_monitor_series(conn: Connection) -> None:
    """Crisis-monitor daily aggregates (filled by ``newsgraph.monitor.series.refresh``)."""
    metadata.create_all(conn, tables=[monitor_daily, monitor_daily_types])


# --- migration 5: indexes for the API's aggregates; the publication date copied onto quotes
# (a quote's date is its article's; the copy lets a speaker's or a country's quotes be counted per
# day from one index, without a join per quote). Filled by the writer for new quotes.
quotes.append_column(Column("published", String(10)))

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



# --- migration 6: per-day roll-ups for the API's timelines and networks (newsgraph/store/rollups.py),
# kept by the writer in the same transaction as the rows they count
timeline_daily = Table(
    "timeline_daily",
    metadata,
    Column("scope", String(16), primary_key=True),  # all | country
    Column("key", String(200), primary_key=True),  # '' for all; ISO alpha-3 (as stored) for country
    Column("role", String(8), primary_key=True),  # any | source | target
    Column("day", String(10), primary_key=True),  # the event's date as stored ('' when it has none)
    Column("asserted", Integer, primary_key=True),  # 1: modality asserted and not negated
    Column("events", Integer, nullable=False),
    Column("q1", Integer, nullable=False),
    Column("q2", Integer, nullable=False),
    Column("q3", Integer, nullable=False),
    Column("q4", Integer, nullable=False),
    Column("gsum", Float, nullable=False),
    Column("gn", Integer, nullable=False),
    sqlite_with_rowid=False,
)
timeline_daily_types = Table(
    "timeline_daily_types",
    metadata,
    Column("scope", String(16), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("role", String(8), primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("asserted", Integer, primary_key=True),
    Column("type", String(16), primary_key=True),  # '' when none
    Column("quad", Integer, primary_key=True),  # 0 when none
    Column("events", Integer, nullable=False),
    Column("gsum", Float, nullable=False),
    Column("gn", Integer, nullable=False),
    sqlite_with_rowid=False,
)
edge_daily = Table(
    "edge_daily",
    metadata,
    Column("day", String(10), primary_key=True),  # event date / quote's article date ('' when none)
    Column("source", String(200), primary_key=True),  # actor id (event source, or quote speaker)
    Column("target", String(200), primary_key=True),  # actor id (event target, or actor named in the quote)
    Column("asserted", Integer, primary_key=True),  # quotes count on asserted = 1 rows
    Column("events", Integer, nullable=False),
    Column("gsum", Float, nullable=False),
    Column("gn", Integer, nullable=False),
    Column("quotes", Integer, nullable=False),
    sqlite_with_rowid=False,
)
edge_monthly = Table(  # edge_daily's rows with a full date, summed per month
    "edge_monthly",
    metadata,
    Column("month", String(7), primary_key=True),
    Column("source", String(200), primary_key=True),
    Column("target", String(200), primary_key=True),
    Column("asserted", Integer, primary_key=True),
    Column("events", Integer, nullable=False),
    Column("gsum", Float, nullable=False),
    Column("gn", Integer, nullable=False),
    Column("quotes", Integer, nullable=False),
    Column("weight", Integer, nullable=False),  # events + quotes: the strongest edges of a month first
    sqlite_with_rowid=False,
)
quote_daily = Table(
    "quote_daily",
    metadata,
    Column("scope", String(16), primary_key=True),  # all | country (speaker's) | actor (speaker's)
    Column("key", String(200), primary_key=True),  # '' for all; the code or actor id as stored
    Column("day", String(10), primary_key=True),  # the article's date ('' when none)
    Column("quotes", Integer, nullable=False),
    sqlite_with_rowid=False,
)


def _m6_rollups(conn: Connection) -> None:
    from .rollups import update

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
    from .db import write_transaction

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
