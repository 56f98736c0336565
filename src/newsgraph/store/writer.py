"""Idempotent, transactional batch writes.

One batch = one transaction: either every article of the batch is stored with
all its entities, quotes and events, or none is. An article whose normalised
text is already stored (same content hash) is skipped, so re-running an
interrupted ingest finishes the job without duplicates.

Concurrent writers: on SQLite, ``BEGIN IMMEDIATE`` makes them queue. On
PostgreSQL, articles and actors are inserted with ``ON CONFLICT DO NOTHING``
so two ingesters racing on the same text store it once (the loser counts a
duplicate), and a batch that loses a deadlock is retried whole.

With ``dedup`` (the default), the batch's new articles are linked to stories
(near-duplicate copies share one; ``newsgraph.dedup``) in the same transaction.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from ..model import Actor, AnalyzedArticle, actor_id
from .dedup import AVAILABLE as DEDUP_AVAILABLE, link_articles
from .series import update as update_rollups
from .tables import actors, article_stories, articles, entities, event_actors, events, quotes
from .tx import write_transaction

logger = logging.getLogger(__name__)
RETRY_SQLSTATES = {"40P01", "40001"}  # deadlock detected, serialization failure
MAX_TRIES = 5


@dataclass
class WriteResult:
    inserted: int = 0
    duplicates: int = 0
    keys: list[str] = field(default_factory=list)  # keys of the inserted articles


def _dumps(v) -> str:
    return json.dumps(v, ensure_ascii=False)


class _ActorCache:
    """Upserts actors once per transaction."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.seen: set[str] = set()

    def ensure(self, actor: Actor | None) -> str | None:
        aid = actor_id(actor)
        if aid is None or aid in self.seen:
            return aid
        self.seen.add(aid)
        if self.conn.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            self.conn.execute(
                pg_insert(actors).values(
                    id=aid, name=actor.name or actor.text, code=actor.code, country=actor.country,
                    sector=actor.sector, kind=actor.kind, title=actor.title, country_basis=actor.country_basis,
                ).on_conflict_do_nothing(index_elements=["id"])
            )
            return aid
        exists = self.conn.execute(select(actors.c.id).where(actors.c.id == aid)).first()
        if not exists:
            self.conn.execute(
                insert(actors).values(
                    id=aid, name=actor.name or actor.text, code=actor.code, country=actor.country,
                    sector=actor.sector, kind=actor.kind, title=actor.title, country_basis=actor.country_basis,
                )
            )
        return aid


def write_batch(engine: Engine, batch: Iterable[AnalyzedArticle], *, nlp: bool = True,
                dedup: bool = True) -> WriteResult:
    batch = list(batch)
    if not batch:
        return WriteResult()
    for attempt in range(1, MAX_TRIES + 1):
        try:
            return _write_batch_once(engine, batch, nlp=nlp, dedup=dedup)
        except DBAPIError as exc:
            code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
            if code not in RETRY_SQLSTATES or attempt == MAX_TRIES:
                raise
            logger.info("batch lost a deadlock (%s); retrying (%d)", code, attempt)
            time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def _insert_article_pg(conn: Connection, values: dict, digest: str) -> int | None:
    """INSERT … ON CONFLICT DO NOTHING: the id, or None when the text is stored already
    (possibly by a concurrent writer). A clash on ``key`` alone gets the suffixed key."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    for key in (values["key"], f"{values['key']}~{digest[:10]}", f"{values['key']}~{digest[:24]}"):
        row = conn.execute(
            pg_insert(articles).values(**{**values, "key": key}).on_conflict_do_nothing().returning(articles.c.id)
        ).first()
        if row is not None:
            values["key"] = key
            return row[0]
        if conn.execute(select(articles.c.id).where(articles.c.hash == digest)).first():
            return None
    raise RuntimeError(f"cannot store article {values['key']!r}: its key is taken")


def _chunked(items: list, n: int = 500):
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _write_batch_once(engine: Engine, batch: list[AnalyzedArticle], *, nlp: bool, dedup: bool) -> WriteResult:
    result = WriteResult()
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    postgres = engine.dialect.name == "postgresql"
    with write_transaction(engine) as conn:
        hashes = [item.article.hash for item in batch]
        existing: set[str] = set()
        for part in _chunked(hashes):
            existing |= {row[0] for row in conn.execute(select(articles.c.hash).where(articles.c.hash.in_(part)))}
        todo: list[tuple[AnalyzedArticle, str, dict]] = []
        for item, digest in zip(batch, hashes):
            if digest in existing:
                result.duplicates += 1
                continue
            existing.add(digest)
            a = item.article
            todo.append((item, digest, dict(
                key=a.id, hash=digest, source_path=a.source_path, url=a.url, title=a.title,
                published=a.published, authors=_dumps(a.authors), site=a.site, language=a.language,
                notes=_dumps(a.notes), page_type=a.page_type, topic=a.topic, nlp=nlp, text=a.text,
                ingested_at=now,
            )))
        if not todo:
            return result
        # keys: one look-up for the batch; a key taken (stored, or earlier in the batch) gets a suffix
        wanted = [v["key"] for _, _, v in todo]
        taken: set[str] = set()
        for part in _chunked(wanted):
            taken |= {row[0] for row in conn.execute(select(articles.c.key).where(articles.c.key.in_(part)))}
        for _, digest, v in todo:
            if v["key"] in taken:
                v["key"] = f"{v['key']}~{digest[:10]}"
            taken.add(v["key"])
        ids = _insert_articles_pg(conn, todo) if postgres else _insert_articles(conn, todo)
        cache = _ActorCache(conn)
        new_ids: list[tuple[int, AnalyzedArticle]] = []
        for (item, digest, v), art_id in zip(todo, ids):
            if art_id is None:  # a concurrent writer stored the same text first
                result.duplicates += 1
                continue
            _write_children(conn, cache, art_id, item)
            new_ids.append((art_id, item))
            result.inserted += 1
            result.keys.append(v["key"])
        if new_ids:
            _link(conn, new_ids, dedup)
            counted = [i for i, item in new_ids if item.events or item.quotes]
            if counted:  # the API's per-day counts, in the same transaction as the rows (migration 6)
                update_rollups(conn, counted)
    return result


def _insert_articles(conn: Connection, todo: list) -> list[int]:
    """One multi-row INSERT … RETURNING for the batch (SQLite serialises writers itself)."""
    stmt = insert(articles).returning(articles.c.id, sort_by_parameter_order=True)
    ids: list[int] = []
    for part in _chunked([v for _, _, v in todo], 200):
        ids += [row[0] for row in conn.execute(stmt, part)]
    return ids


def _insert_articles_pg(conn: Connection, todo: list) -> list[int | None]:
    """INSERT … ON CONFLICT DO NOTHING RETURNING for the batch; a row that did not go in
    is a duplicate (its hash is stored now) or lost its key to a concurrent writer."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    stmt = pg_insert(articles).on_conflict_do_nothing().returning(articles.c.id, articles.c.hash)
    got: dict[str, int] = {}
    for part in _chunked([v for _, _, v in todo], 200):
        got.update({h: i for i, h in conn.execute(stmt, part)})
    ids: list[int | None] = []
    for _, digest, v in todo:
        ids.append(got[digest] if digest in got else _insert_article_pg(conn, v, digest))
    return ids


_warned_no_dedup = False


def _link(conn: Connection, new: list[tuple[int, AnalyzedArticle]], dedup: bool) -> None:
    """Each new article joins a story: its near-duplicate's (dedup), else its own."""
    global _warned_no_dedup
    if dedup:
        if DEDUP_AVAILABLE:
            link_articles(conn, [(i, item.article) for i, item in new])
            return
        if not _warned_no_dedup:
            logger.warning("near-duplicate detection is off: no module named 'datasketch' (pip install datasketch)")
            _warned_no_dedup = True
    conn.execute(insert(article_stories), [dict(article_id=i, story_id=i) for i, _ in new])


def _write_children(conn: Connection, cache: _ActorCache, art_id: int, item: AnalyzedArticle) -> None:
    for actor in item.actors:
        cache.ensure(actor)
    rows = []
    for e in item.entities:
        rows.append(dict(
            article_id=art_id, text=e.text, label=e.label, start=e.start, end=e.end,
            actor_id=cache.ensure(e.actor), actor_code=e.actor.code if e.actor else None,
            place_geonameid=e.place.geonameid if e.place else None,
            place_name=e.place.name if e.place else None,
            place_country=e.place.country if e.place else None,
            place_precision=e.place.precision if e.place else None,
        ))
    if rows:
        conn.execute(insert(entities), rows)
    rows = []
    for q in item.quotes:
        sp = q.speaker
        rows.append(dict(
            article_id=art_id, kind=q.kind, content=q.content, start=q.start, end=q.end, grp=q.group,
            cue=q.cue.text if q.cue else None, cue_start=q.cue.start if q.cue else None,
            cue_end=q.cue.end if q.cue else None,
            speaker_name=sp.name if sp else None, speaker_mention=sp.mention if sp else None,
            speaker_start=sp.start if sp else None, speaker_end=sp.end if sp else None,
            speaker_title=sp.title if sp else None, speaker_affiliation=sp.affiliation if sp else None,
            speaker_actor_id=cache.ensure(sp.actor) if sp else None,
            speaker_country=sp.actor.country if sp and sp.actor else None,
            speaker_resolved=sp.resolved if sp else None,
            published=item.article.published,  # a copy of the article's date (migration 5)
        ))
    if rows:
        conn.execute(insert(quotes), rows)
    for ev in item.events:
        loc = ev.location
        ev_id = conn.execute(
            insert(events).values(
                article_id=art_id, type=ev.type, mode=ev.mode, cameo=ev.cameo, quad_class=ev.quad_class,
                goldstein=ev.goldstein, trigger=ev.trigger.text, trigger_start=ev.trigger.start,
                trigger_end=ev.trigger.end, sentence_start=ev.sentence.start, sentence_end=ev.sentence.end,
                date=ev.date, location_name=loc.name if loc else None,
                location_geonameid=loc.geonameid if loc else None,
                location_country=loc.country if loc else None,
                location_precision=loc.precision if loc else None,
                latitude=loc.latitude if loc else None, longitude=loc.longitude if loc else None,
                negated=ev.negated, modality=ev.modality,
                claimed_by=(ev.claimed_by.name or ev.claimed_by.mention) if ev.claimed_by else None,
                source=_dumps([x.to_dict() for x in ev.source]),
                target=_dumps([x.to_dict() for x in ev.target]),
            )
        ).inserted_primary_key[0]
        roles = [("source", x) for x in ev.source] + [("target", x) for x in ev.target]
        if roles:
            conn.execute(insert(event_actors), [
                dict(event_id=ev_id, role=role, text=x.text, actor_id=cache.ensure(x), code=x.code,
                     country=x.country, sector=x.sector)
                for role, x in roles
            ])
