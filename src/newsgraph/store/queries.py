"""Reads: every surface (CLI, API, reports) reads the store through these."""

from __future__ import annotations

import json
import re
from typing import Any, Iterable

from sqlalchemy import and_, func, or_, select, text, true
from sqlalchemy.engine import Engine

from ..languages import bundle
from .cache import cached
from .mentions import split_mentions
from .schema import actors, articles, entities, event_actors, events, quotes


def known_hashes(engine: Engine, hashes: Iterable[str]) -> set[str]:
    hashes = list(hashes)
    if not hashes:
        return set()
    with engine.connect() as conn:
        return {r[0] for r in conn.execute(select(articles.c.hash).where(articles.c.hash.in_(hashes)))}


UNKNOWN_LANGUAGE = "unknown"  # stats()' key for articles stored with no language


@cached
def stats(engine: Engine) -> dict[str, Any]:
    """Counts per table, languages, the date range and the top speakers and event types."""
    out: dict[str, Any] = {}
    with engine.connect() as conn:
        for t in (articles, entities, actors, quotes, events):
            out[t.name] = conn.execute(select(func.count()).select_from(t)).scalar_one()
        # articles whose language is not known are counted under "unknown" (not None: a None key
        # is "null" to json.dumps and "None" to FastAPI's encoder, so the CLI and the API differed)
        out["languages"] = {}
        for lang, n in conn.execute(
            select(articles.c.language, func.count()).group_by(articles.c.language)
            .order_by(func.count().desc())
        ):
            key = lang or UNKNOWN_LANGUAGE
            out["languages"][key] = out["languages"].get(key, 0) + n
        lo, hi = conn.execute(select(func.min(articles.c.published), func.max(articles.c.published))).one()
        out["published_range"] = [lo, hi]
        out["quote_kinds"] = dict(conn.execute(select(quotes.c.kind, func.count()).group_by(quotes.c.kind)).all())
        out["event_types"] = dict(conn.execute(
            select(events.c.type, func.count()).group_by(events.c.type).order_by(func.count().desc())
        ).all())
        out["top_speakers"] = [
            {"speaker": n, "quotes": c} for n, c in conn.execute(
                select(quotes.c.speaker_name, func.count()).where(quotes.c.speaker_name.is_not(None))
                .group_by(quotes.c.speaker_name).order_by(func.count().desc()).limit(10)
            )
        ]
    return out


def _fts_query(q: str) -> str:
    """A user's words as a safe FTS5 query: each word quoted, all required."""
    words = re.findall(r"\w[\w'-]*", q)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def search_articles(engine: Engine, q: str | None = None, *, limit: int = 20) -> list[dict[str, Any]]:
    """Articles matching ``q`` (full text; best first), or the latest ones."""
    cols = "a.id, a.key, a.title, a.published, a.url, a.source_path, a.language"
    with engine.connect() as conn:
        if q and engine.dialect.name == "sqlite":
            fq = _fts_query(q)
            if not fq:
                return []
            rows = conn.execute(text(
                f"SELECT {cols}, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet "
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                "WHERE articles_fts MATCH :q ORDER BY bm25(articles_fts) LIMIT :n"
            ), {"q": fq, "n": limit}).mappings().all()
        elif q and engine.dialect.name == "postgresql":
            # tsvector column + GIN index (migration 3); the user's words are plain text to
            # websearch_to_tsquery ("quoted phrases", -not, or), which never fails to parse
            ts = bundle().text_search  # the language bundle's configuration (a checked name)
            rows = conn.execute(text(
                f"SELECT {cols}, ts_headline('{ts}', a.text, query, "
                "'StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=…') AS snippet "
                f"FROM articles a, websearch_to_tsquery('{ts}', :q) query "
                "WHERE a.tsv @@ query ORDER BY ts_rank_cd(a.tsv, query) DESC, a.id LIMIT :n"
            ), {"q": q, "n": limit}).mappings().all()
        elif q:
            like = f"%{q}%"
            rows = conn.execute(
                select(articles.c.id, articles.c.key, articles.c.title, articles.c.published, articles.c.url,
                       articles.c.source_path, articles.c.language)
                .where(or_(articles.c.text.ilike(like), articles.c.title.ilike(like)))
                .order_by(articles.c.published.desc(), articles.c.id).limit(limit)
            ).mappings().all()
        else:
            rows = conn.execute(
                select(articles.c.id, articles.c.key, articles.c.title, articles.c.published, articles.c.url,
                       articles.c.source_path, articles.c.language)
                .order_by(articles.c.published.desc(), articles.c.id).limit(limit)
            ).mappings().all()
    return [dict(r) for r in rows]


def list_quotes(engine: Engine, *, speaker: str | None = None, search: str | None = None,
                country: str | None = None, since: str | None = None, until: str | None = None,
                kind: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    conds = []
    if speaker:
        like = f"%{speaker}%"
        conds.append(or_(quotes.c.speaker_name.ilike(like), quotes.c.speaker_mention.ilike(like)))
    if search:
        conds.append(quotes.c.content.ilike(f"%{search}%"))
    if country:
        conds.append(quotes.c.speaker_country == country.upper())
    if kind:
        conds.append(quotes.c.kind == kind)
    if since:
        conds.append(articles.c.published >= since)
    if until:
        conds.append(articles.c.published <= until)
    stmt = (
        select(quotes.c.id, quotes.c.kind, quotes.c.content, quotes.c.start, quotes.c.end, quotes.c.cue,
               quotes.c.speaker_name, quotes.c.speaker_mention, quotes.c.speaker_title,
               quotes.c.speaker_affiliation, articles.c.key.label("article"), articles.c.title.label("article_title"),
               articles.c.published)
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(and_(true(), *conds)).order_by(articles.c.published.desc(), quotes.c.article_id, quotes.c.start)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def list_events(engine: Engine, *, country: str | None = None, type: str | None = None,  # noqa: A002
                since: str | None = None, until: str | None = None, actor: str | None = None,
                include_unasserted: bool = False, limit: int = 50) -> list[dict[str, Any]]:
    conds = []
    if type:
        conds.append(events.c.type == type.upper())
    if since:
        conds.append(events.c.date >= since)
    if until:
        conds.append(events.c.date <= until)
    if not include_unasserted:
        conds.append(and_(events.c.modality == "asserted", events.c.negated.is_(False)))
    if country:
        sub = select(event_actors.c.event_id).where(event_actors.c.country == country.upper())
        conds.append(or_(events.c.id.in_(sub), events.c.location_country == country.upper()))
    if actor:
        like = f"%{actor}%"
        sub = (select(event_actors.c.event_id).outerjoin(actors, actors.c.id == event_actors.c.actor_id)
               .where(or_(event_actors.c.text.ilike(like), actors.c.name.ilike(like))))
        conds.append(events.c.id.in_(sub))
    stmt = (
        select(events, articles.c.key.label("article"), articles.c.title.label("article_title"),
               func.substr(articles.c.text, events.c.sentence_start + 1,
                           events.c.sentence_end - events.c.sentence_start).label("evidence"))
        .join(articles, articles.c.id == events.c.article_id)
        .where(and_(true(), *conds)).order_by(events.c.date.desc(), events.c.article_id, events.c.trigger_start)
        .limit(limit)
    )
    with engine.connect() as conn:
        return decode_event_actors([dict(r) for r in conn.execute(stmt).mappings()])


def decode_event_actors(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event rows as read from the events table: their JSON ``source``/``target`` become lists."""
    for r in rows:
        r["source"] = json.loads(r["source"] or "[]")
        r["target"] = json.loads(r["target"] or "[]")
    return rows


def list_actors(engine: Engine, *, country: str | None = None, sector: str | None = None,
                search: str | None = None, limit: int = 30) -> list[dict[str, Any]]:
    """Actors ranked by mentions (entities + quotes + event roles)."""
    ment = select(entities.c.actor_id.label("aid")).where(entities.c.actor_id.is_not(None))
    qs = select(quotes.c.speaker_actor_id.label("aid")).where(quotes.c.speaker_actor_id.is_not(None))
    evs = select(event_actors.c.actor_id.label("aid")).where(event_actors.c.actor_id.is_not(None))
    allm = ment.union_all(qs, evs).subquery()
    counts = select(allm.c.aid, func.count().label("mentions")).group_by(allm.c.aid).subquery()
    conds = []
    if country:
        conds.append(actors.c.country == country.upper())
    if sector:
        conds.append(actors.c.sector == sector.upper())
    if search:
        conds.append(actors.c.name.ilike(f"%{search}%"))
    stmt = (
        select(actors, func.coalesce(counts.c.mentions, 0).label("mentions"))
        .outerjoin(counts, counts.c.aid == actors.c.id).where(and_(true(), *conds))
        .order_by(func.coalesce(counts.c.mentions, 0).desc(), actors.c.id).limit(limit)
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def actor_profile(engine: Engine, name: str) -> dict[str, Any] | None:
    """One actor: record, aliases (surface forms), quote and event counts, latest quotes."""
    found = list_actors(engine, search=name, limit=1)
    if not found:
        return None
    a = found[0]
    aid = a["id"]
    with engine.connect() as conn:
        named = [r[0] for r in conn.execute(
            select(entities.c.text, func.count()).where(entities.c.actor_id == aid, entities.c.label != "AGENT")
            .group_by(entities.c.text).order_by(func.count().desc()).limit(20))]
        forms = dict.fromkeys(named, 1)
        forms.update((r[0], 1) for r in conn.execute(
            select(quotes.c.speaker_mention).where(quotes.c.speaker_actor_id == aid).distinct().limit(20))
            if r[0] and r[0] not in forms)
        own, _referred = split_mentions(a, forms, set(named))
        aliases = list(own)  # own named mentions only: no pronouns, no role nouns (store.mentions)
        titles = [r[0] for r in conn.execute(
            select(quotes.c.speaker_title).where(quotes.c.speaker_actor_id == aid,
                                                 quotes.c.speaker_title.is_not(None)).distinct())]
        n_quotes = conn.execute(select(func.count()).where(quotes.c.speaker_actor_id == aid)).scalar_one()
        roles = dict(conn.execute(select(event_actors.c.role, func.count())
                                  .where(event_actors.c.actor_id == aid).group_by(event_actors.c.role)).all())
        articles_n = conn.execute(select(func.count(func.distinct(entities.c.article_id)))
                                  .where(entities.c.actor_id == aid)).scalar_one()
    a.update(aliases=aliases, titles=titles, quotes=n_quotes, events_as_source=roles.get("source", 0),
             events_as_target=roles.get("target", 0), articles=articles_n,
             latest_quotes=list_quotes(engine, speaker=a["name"], limit=5) if a.get("name") else [])
    return a
