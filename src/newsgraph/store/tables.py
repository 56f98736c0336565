"""The tables (SQLAlchemy Core): what every module of the store reads and writes.

``schema.py`` creates and changes them through numbered migrations; the columns a migration adds
are declared here too, so the Core tables always describe the latest schema. A new table or
column: declare it here, create it in a new migration there.
"""

from __future__ import annotations

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
    text,
)

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
    # migration 10: None, or "article" when ``country`` is the page's one clear country given to an
    # actor nothing else places (``Actor.country_basis``; docs/actors.md)
    Column("country_basis", String(16)),
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


# migration 5: the publication date copied onto quotes (a quote's date is its article's; the copy lets
# a speaker's or a country's quotes be counted per day from one index). Filled by the writer.
quotes.append_column(Column("published", String(10)))

# migration 8: false when no one could be found for the speaker mention (``Speaker.resolved``: the
# name is null, the mention kept); null for a quote without a speaker
quotes.append_column(Column("speaker_resolved", Boolean))

# migration 9: how exactly a place is known (``Place.precision``): city | region | country (a village
# GeoNames lacks is placed at its region or country); null when not recorded (rows stored before)
entities.append_column(Column("place_precision", String(16)))
events.append_column(Column("location_precision", String(16)))


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


__all__ = ["metadata", "articles", "actors", "entities", "quotes", "events", "event_actors", "schema_migrations", "article_stories", "article_minhash", "lsh_buckets", "monitor_daily", "monitor_daily_types", "timeline_daily", "timeline_daily_types", "edge_daily", "edge_monthly", "quote_daily"]
