"""Idempotent, transactional batch writes.

One batch = one transaction: either every article of the batch is stored with
all its entities, quotes and events, or none is. An article whose normalised
text is already stored (same content hash) is skipped, so re-running an
interrupted ingest finishes the job without duplicates.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection, Engine

from ..model import Actor, AnalyzedArticle
from .schema import actors, articles, entities, event_actors, events, quotes


@dataclass
class WriteResult:
    inserted: int = 0
    duplicates: int = 0
    keys: list[str] = field(default_factory=list)  # keys of the inserted articles


def actor_id(actor: Actor | None) -> str | None:
    """The stable id an actor is stored under; None for unresolved mentions."""
    if actor is None:
        return None
    if actor.id:
        return actor.id
    if actor.name and (actor.code or actor.country or actor.kind):
        slug = re.sub(r"[^a-z0-9]+", "_", actor.name.casefold()).strip("_")
        return f"{actor.kind or 'actor'}:{slug}"
    if actor.code:
        return f"code:{actor.code}"
    return None


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
        exists = self.conn.execute(select(actors.c.id).where(actors.c.id == aid)).first()
        if not exists:
            self.conn.execute(
                insert(actors).values(
                    id=aid, name=actor.name or actor.text, code=actor.code, country=actor.country,
                    sector=actor.sector, kind=actor.kind, title=actor.title,
                )
            )
        return aid


def _unique_key(conn: Connection, key: str, digest: str, taken: set[str]) -> str:
    if key not in taken and not conn.execute(select(articles.c.id).where(articles.c.key == key)).first():
        return key
    return f"{key}~{digest[:10]}"


def write_batch(engine: Engine, batch: Iterable[AnalyzedArticle], *, nlp: bool = True) -> WriteResult:
    batch = list(batch)
    result = WriteResult()
    if not batch:
        return result
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with engine.begin() as conn:
        hashes = [item.article.hash for item in batch]
        existing = {
            row[0] for row in conn.execute(select(articles.c.hash).where(articles.c.hash.in_(hashes)))
        }
        cache = _ActorCache(conn)
        taken: set[str] = set()
        for item, digest in zip(batch, hashes):
            if digest in existing:
                result.duplicates += 1
                continue
            existing.add(digest)
            a = item.article
            key = _unique_key(conn, a.id, digest, taken)
            taken.add(key)
            art_id = conn.execute(
                insert(articles).values(
                    key=key, hash=digest, source_path=a.source_path, url=a.url, title=a.title,
                    published=a.published, authors=_dumps(a.authors), site=a.site, language=a.language,
                    notes=_dumps(a.notes), nlp=nlp, text=a.text, ingested_at=now,
                )
            ).inserted_primary_key[0]
            _write_children(conn, cache, art_id, item)
            result.inserted += 1
            result.keys.append(key)
    return result


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
