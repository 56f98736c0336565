"""Search across articles, quotes, actors and places (``GET /api/v1/search``, the dashboard's search
box): full text for articles and quotes (best first), names and surface forms for actors and places.

Above ``views`` and ``geo_views`` (it uses both), so neither needs the other.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import literal, or_, select, text
from sqlalchemy.engine import Engine

from ..errors import ViewError
from ..languages import bundle
from .cache import cached
from .geo_views import list_places
from .queries import _fts_query
from .tables import articles, quotes
from .actor_views import list_actors
from .views import _check_limit, quotes_select


@cached
def search_all(engine: Engine, q: str, *, limit: int = 10) -> dict[str, Any]:
    """Articles and quotes (full text, best first), actors and places (name or surface form)."""
    limit = _check_limit(limit)
    if not q or not q.strip():
        raise ViewError("q must not be empty")
    out: dict[str, Any] = {"q": q}
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            fq = _fts_query(q)
            if not fq:
                raise ViewError("the search query has no words")
            out["articles"] = [dict(r) for r in conn.execute(text(
                "SELECT a.key, a.title, a.published, snippet(articles_fts, 1, '\x02', '\x03', '…', 16) AS snippet "
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                "WHERE articles_fts MATCH :q ORDER BY bm25(articles_fts), a.id LIMIT :n"),
                {"q": fq, "n": limit}).mappings()]
            ids = [r[0] for r in conn.execute(text(
                "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :q ORDER BY bm25(quotes_fts), rowid LIMIT :n"),
                {"q": fq, "n": limit})]
        elif engine.dialect.name == "postgresql":
            if not _fts_query(q):
                raise ViewError("the search query has no words")
            # tsvector columns with GIN indexes (migration 3), best first; snippet marks as in SQLite
            opts = "StartSel=\x02, StopSel=\x03, MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=…"
            ts = bundle().text_search  # the language bundle's configuration (a checked name)
            out["articles"] = [dict(r) for r in conn.execute(text(
                f"SELECT a.key, a.title, a.published, ts_headline('{ts}', left(a.text, 200000), query, :opts) "
                f"AS snippet FROM articles a, websearch_to_tsquery('{ts}', :q) query "
                "WHERE a.tsv @@ query ORDER BY ts_rank_cd(a.tsv, query) DESC, a.id LIMIT :n"),
                {"q": q, "n": limit, "opts": opts}).mappings()]
            ids = [r[0] for r in conn.execute(text(
                f"SELECT q.id FROM quotes q, websearch_to_tsquery('{ts}', :q) query "
                "WHERE q.tsv @@ query ORDER BY ts_rank_cd(q.tsv, query) DESC, q.id LIMIT :n"), {"q": q, "n": limit})]
        else:
            like = f"%{q}%"
            out["articles"] = [dict(r) for r in conn.execute(
                select(articles.c.key, articles.c.title, articles.c.published, literal(None).label("snippet"))
                .where(or_(articles.c.title.ilike(like), articles.c.text.ilike(like)))
                .order_by(articles.c.published.desc().nulls_last(), articles.c.id).limit(limit)).mappings()]
            ids = [r[0] for r in conn.execute(select(quotes.c.id).where(quotes.c.content.ilike(like))
                                              .order_by(quotes.c.id).limit(limit))]
        if ids:
            order = {i: n for n, i in enumerate(ids)}
            qrows = [dict(r) for r in conn.execute(quotes_select([quotes.c.id.in_(ids)])).mappings()]
            out["quotes"] = sorted(qrows, key=lambda r: order[r["id"]])
        else:
            out["quotes"] = []
    for a in out["articles"]:
        snip = a.get("snippet")
        if snip:  # marks as offsets-free segments: [{"text", "match"}], so no HTML ever crosses the wire
            parts = re.split("(\x02[^\x03]*\x03)", snip)
            a["snippet"] = [{"text": p.strip("\x02\x03"), "match": p.startswith("\x02")} for p in parts if p]
    out["actors"] = list_actors(engine, q=q, limit=limit).items
    out["places"] = list_places(engine, q=q, limit=limit).items
    return out


__all__ = ["search_all"]
