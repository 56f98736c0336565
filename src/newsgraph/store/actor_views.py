"""Actors in the read layer: the ranked list (``list_actors``), one actor's profile (``get_actor``)
and the profile with its latest quotes and events (``actor_profile``: the API's ``/actors/{id}`` and
``newsgraph actor``), and ``find_actor`` (the best match for a name).
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import and_, func, or_, select, true
from sqlalchemy.engine import Engine

from ..errors import ViewError
from .cache import _data_stamp, cached
from .mentions import split_mentions
from .tables import actors, articles, entities, event_actors, quotes
from .filters import check_country
from .views import Page, _check_limit, _sort, decode_cursor, encode_cursor, list_events, list_quotes


_ACTOR_STATS: dict[str, tuple[tuple, dict[str, int], dict[str, set[str]]]] = {}
_ACTOR_LOCK = threading.Lock()


def actor_stats(engine: Engine) -> tuple[dict[str, int], dict[str, set[str]]]:
    """Mentions per actor (entities + quotes spoken + event roles) and each actor's surface forms
    (casefolded), computed once per change of the data and kept per process."""
    with engine.connect() as conn:
        stamp = _data_stamp(conn)
        cached = _ACTOR_STATS.get(engine.url.render_as_string())
        if cached and cached[0] == stamp:
            return cached[1], cached[2]
        with _ACTOR_LOCK:
            ment = select(entities.c.actor_id.label("aid")).where(entities.c.actor_id.is_not(None))
            qs = select(quotes.c.speaker_actor_id.label("aid")).where(quotes.c.speaker_actor_id.is_not(None))
            evs = select(event_actors.c.actor_id.label("aid")).where(event_actors.c.actor_id.is_not(None))
            allm = ment.union_all(qs, evs).subquery()
            counts = dict(conn.execute(select(allm.c.aid, func.count()).group_by(allm.c.aid)).all())
            aliases: dict[str, set[str]] = {}
            for aid, t in conn.execute(select(entities.c.actor_id, entities.c.text).distinct()
                                       .where(entities.c.actor_id.is_not(None))):
                aliases.setdefault(aid, set()).add(" ".join(t.split()).casefold())
            _ACTOR_STATS[engine.url.render_as_string()] = (stamp, counts, aliases)
    return counts, aliases


@cached
def list_actors(engine: Engine, *, q: str | None = None, country: str | None = None, sector: str | None = None,
                kind: str | None = None, limit: int = 50, cursor: str | None = None,
                sort: str = "-mentions") -> Page:
    """Actors, most mentioned first (or by ``name``); ``q`` matches names, ids and surface forms."""
    limit = _check_limit(limit)
    name, desc = _sort(sort, ("mentions", "name"))
    counts, aliases = actor_stats(engine)
    conds = []
    if country := check_country(country):
        conds.append(actors.c.country == country)
    if sector:
        conds.append(actors.c.sector == sector.upper())
    if kind:
        conds.append(actors.c.kind == kind)
    if q:
        needle = " ".join(q.split()).casefold()
        by_alias = sorted(aid for aid, forms in aliases.items() if any(needle in f for f in forms))
        like = f"%{q}%"
        conds.append(or_(actors.c.name.ilike(like), actors.c.id.ilike(like), actors.c.id.in_(by_alias)))
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(actors).where(and_(true(), *conds))).mappings()]
    for r in rows:
        r["mentions"] = counts.get(r["id"], 0)

    def key(r: dict[str, Any]) -> tuple:
        return (r["mentions"] if name == "mentions" else (r["name"] or ""), r["id"])

    rows.sort(key=key, reverse=desc)
    if cursor:
        ck, cid = decode_cursor(cursor, sort)
        if not isinstance(cid, str) or (name == "mentions") != isinstance(ck, int):
            raise ViewError("invalid cursor", code="E402")
        rows = [r for r in rows if (key(r) < (ck, cid) if desc else key(r) > (ck, cid))]
    items = rows[:limit]
    nxt = encode_cursor(sort, key(items[-1])[0], items[-1]["id"]) if len(rows) > limit else None
    return Page(items=items, next_cursor=nxt, limit=limit)


@cached
def get_actor(engine: Engine, actor_id: str) -> dict[str, Any] | None:
    """An actor's profile: record, aliases, offices, counts, date range."""
    with engine.connect() as conn:
        row = conn.execute(select(actors).where(actors.c.id == actor_id)).mappings().first()
        if row is None:
            return None
        a = dict(row)
        aliases: dict[str, int] = {}
        named: set[str] = set()
        for t, label, n in conn.execute(select(entities.c.text, entities.c.label, func.count())
                                        .where(entities.c.actor_id == actor_id)
                                        .group_by(entities.c.text, entities.c.label)):
            t = " ".join(t.split())
            aliases[t] = aliases.get(t, 0) + n
            if label != "AGENT":
                named.add(t)
        for t, n in conn.execute(select(quotes.c.speaker_mention, func.count())
                                 .where(quotes.c.speaker_actor_id == actor_id).group_by(quotes.c.speaker_mention)):
            if t:
                t = " ".join(t.split())
                aliases[t] = aliases.get(t, 0) + n
        for t, n in conn.execute(select(event_actors.c.text, func.count())
                                 .where(event_actors.c.actor_id == actor_id).group_by(event_actors.c.text)):
            t = " ".join(t.split())
            aliases[t] = aliases.get(t, 0) + n
        aliases, referred = split_mentions(a, aliases, named)
        offices: dict[str, int] = {}
        for title, aff, n in conn.execute(
                select(quotes.c.speaker_title, quotes.c.speaker_affiliation, func.count())
                .where(quotes.c.speaker_actor_id == actor_id, quotes.c.speaker_title.is_not(None))
                .group_by(quotes.c.speaker_title, quotes.c.speaker_affiliation)):
            label = f"{title} ({aff})" if aff else title
            offices[label] = offices.get(label, 0) + n
        if a.get("title") and a["title"] not in offices:
            offices[a["title"]] = 0
        n_quotes = conn.execute(select(func.count()).where(quotes.c.speaker_actor_id == actor_id)).scalar_one()
        roles = dict(conn.execute(select(event_actors.c.role, func.count(func.distinct(event_actors.c.event_id)))
                                  .where(event_actors.c.actor_id == actor_id).group_by(event_actors.c.role)).all())
        arts = select(entities.c.article_id).where(entities.c.actor_id == actor_id).union(
            select(quotes.c.article_id).where(quotes.c.speaker_actor_id == actor_id)).subquery()
        n_articles = conn.execute(select(func.count()).select_from(arts)).scalar_one()
        first, last = conn.execute(
            select(func.min(articles.c.published), func.max(articles.c.published))
            .where(articles.c.id.in_(select(arts.c.article_id)))).one()
    a.update(
        aliases=[{"text": t, "count": n} for t, n in sorted(aliases.items(), key=lambda x: (-x[1], x[0]))][:30],
        referred_as=[{"text": t, "count": n} for t, n in sorted(referred.items(), key=lambda x: (-x[1], x[0]))][:30],
        offices=[{"title": t, "count": n} for t, n in sorted(offices.items(), key=lambda x: (-x[1], x[0]))],
        quotes=n_quotes, events_as_source=roles.get("source", 0), events_as_target=roles.get("target", 0),
        articles=n_articles, first_seen=first, last_seen=last,
    )
    return a


def is_generic(actor: dict[str, Any]) -> bool:
    """A generic agent, never a top actor or a network node: no id, a country's unnamed agents
    (``agent:KGZ:GOV``, "Kyrgyz officials"), an actor known only by its code (``code:KGZ``, "a man"),
    or a group noun with no country ("people", "officials") or with one ("authorities" of Kazakhstan)."""
    aid = actor.get("id") or ""
    return (not aid or aid.startswith(("agent:", "code:"))
            or (actor.get("kind") == "group" and (not actor.get("country") or _group_noun(aid, actor.get("name")))))


def _group_noun(aid: str, name: str | None) -> bool:
    """A group named by a common noun only ("authorities", "police", "people", "ministry", "Airports"
    at a sentence's start), whatever country it carries: an event's actor, no top actor or node.
    A group with its own name ("Kyrgyz protesters" kept under its name) is not one."""
    if not aid.startswith("group:"):
        return False
    if not name:  # the id's slug is folded to lower case: only a one-word slug tells
        return "_" not in aid.split(":", 1)[1]
    words = name.split()
    return bool(words) and (all(w == w.lower() for w in words) or (len(words) == 1 and not words[0].isupper()))


def find_actor(engine: Engine, name: str) -> str | None:
    """The id of the actor that best matches ``name`` (the most mentioned whose name, id or a
    surface form contains it), or None."""
    found = list_actors(engine, q=name, limit=1).items
    return found[0]["id"] if found else None


def actor_profile(engine: Engine, actor_id: str, *, limit: int = 10) -> dict[str, Any] | None:
    """``get_actor`` with the actor's ``limit`` latest quotes and events as source and as target."""
    a = get_actor(engine, actor_id)
    if a is None:
        return None
    if limit:
        a["recent_quotes"] = list_quotes(engine, actor=actor_id, limit=limit).items
        a["recent_events_as_source"] = list_events(engine, source_actor=actor_id, limit=limit,
                                                   include_unasserted=True).items
        a["recent_events_as_target"] = list_events(engine, target_actor=actor_id, limit=limit,
                                                   include_unasserted=True).items
    return a


__all__ = ["actor_stats", "list_actors", "get_actor", "find_actor", "actor_profile", "is_generic"]
