"""Near-duplicate stories as the read layer gives them (``newsgraph stories`` and
``/api/v1/stories`` alike): a page of stories, the largest first, and one story with its articles.

A story is the set of articles the writer linked as copies of one text (``store/dedup.py``); its
id is the id of its first stored article. A list row: ``story_id``, ``num_articles``,
``num_sources`` (distinct sites, else hosts or files), ``first_published``, ``last_published`` and
the ``key``, ``title`` and ``url`` of its earliest article. Pages follow the order (most articles
first, then ``story_id``) with a keyset cursor like every other list.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.engine import Engine

from ..errors import ViewError
from .dedup import _earliest, story_articles, story_counts
from .filters import check_date
from .views import Page, _check_limit, _until_bound, decode_cursor, encode_cursor

SORT = "-articles"  # the one order: most articles first, then the story id


def check_min_articles(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1_000_000:
        raise ViewError(f"min_articles must be a whole number of at least 1: {value!r}")
    return value


def list_stories(engine: Engine, *, min_articles: int = 2, since: str | None = None, until: str | None = None,
                 limit: int = 50, cursor: str | None = None) -> Page:
    """Stories of at least ``min_articles`` articles (1: every article's story), the largest first.
    ``since``: with an article published on or after that day; ``until``: with one published on or
    before it (dates YYYY-MM-DD, YYYY-MM or YYYY, as in every list)."""
    limit = _check_limit(limit)
    min_articles = check_min_articles(min_articles)
    since, until = check_date(since, "since"), check_date(until, "until")
    counts = story_counts()
    conds = [counts.c.num_articles >= min_articles]
    if since:
        conds.append(counts.c.last_published >= since)
    if until:
        conds.append(counts.c.first_published <= _until_bound(until))
    if cursor:
        n, sid = decode_cursor(cursor, SORT)
        if not isinstance(n, int) or not isinstance(sid, int):
            raise ViewError("invalid cursor", code="E402")
        conds.append(or_(counts.c.num_articles < n, and_(counts.c.num_articles == n, counts.c.story_id > sid)))
    top = (select(counts).where(and_(*conds)).order_by(counts.c.num_articles.desc(), counts.c.story_id)
           .limit(limit + 1).subquery())
    stmt = select(top, *_earliest(top.c.story_id)).order_by(top.c.num_articles.desc(), top.c.story_id)
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(stmt).mappings()]
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = encode_cursor(SORT, rows[-1]["num_articles"], rows[-1]["story_id"]) if more and rows else None
    return Page(items=rows, next_cursor=nxt, limit=limit)


def get_story(engine: Engine, story_id: int) -> dict[str, Any] | None:
    """One story: its list row and ``articles`` (storage order; the first is the story's own
    article, ``similarity`` each copy's estimated Jaccard similarity to the copy it joined)."""
    members = story_articles(engine, story_id)
    if not members:
        return None
    counts = story_counts()
    stmt = select(counts, *_earliest(counts.c.story_id)).where(counts.c.story_id == story_id)
    with engine.connect() as conn:
        row = dict(conn.execute(stmt).mappings().one())
    row["articles"] = members
    return row


__all__ = ["list_stories", "get_story", "check_min_articles"]
