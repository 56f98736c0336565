"""Near-duplicate articles: syndicated and republished copies linked to one story.

Exact re-ingests are no-ops already (content hash). This module catches the
*same story with small edits* — a wire report carried by several outlets with
a new headline, a trimmed last paragraph, a local intro — with MinHash
signatures over word shingles and locality-sensitive hashing (``datasketch``):

* each article's text (normalised as for the content hash) is cut into
  overlapping word ``SHINGLE``-grams and summarised by a ``NUM_PERM``-value
  MinHash signature;
* the signature is split into bands (``datasketch``'s optimal banding for the
  threshold); two articles sharing a band bucket are candidates, and a
  candidate whose estimated Jaccard similarity reaches ``THRESHOLD`` is a
  near-duplicate;
* a new article joins the story of its most similar stored near-duplicate,
  else it starts a story of its own (the story id is the id of its first article).

Signatures and band buckets are stored (``article_minhash``, ``lsh_buckets``,
migration 2), so the index lives in the database: it survives restarts, is
shared by concurrent ingesters and needs no memory per stored article. Linking
runs inside the writer's transaction (``store/writer.py``); on PostgreSQL an
advisory lock makes concurrent writers link one after the other, so a copy is
never missed because its original was still being written.

Counting like GDELT: ``story_events`` groups the events of all copies of a
story into one row with ``num_articles`` (copies mentioning it) and
``num_sources`` (distinct sites), and ``story_stats`` reports articles against
stories, instead of inflating counts with every copy.
"""

from __future__ import annotations

import importlib.util
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

import numpy as np
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Connection, Engine

from ..model import Article, normalise_for_hash
from .queries import decode_event_actors
from .tables import article_minhash, article_stories, articles, events, lsh_buckets, quotes
from .tx import write_transaction

# without datasketch the writer links nothing (each article is its own story) and warns once
AVAILABLE = importlib.util.find_spec("datasketch") is not None
# datasketch itself (and the scipy it imports, ~1 s) is loaded only by ``signature`` and
# ``find_near_duplicates``: linking in the store computes the same MinHash values with numpy.

__all__ = ["THRESHOLD", "signature", "signatures", "find_near_duplicates", "link_articles", "story_stats",
           "list_stories", "story_articles", "story_events", "relink"]

THRESHOLD = 0.7  # estimated Jaccard similarity of shingle sets for "same story"
NUM_PERM = 128
SHINGLE = 5  # words per shingle
MIN_WORDS = 25  # shorter texts are never linked (too little evidence)
SEED = 1
STORY_LOCK = 0x73746F72  # PostgreSQL advisory lock key for linking
_WORD = re.compile(r"\w+")
_FNV_PRIME = np.uint64(0x100000001B3)


@dataclass(frozen=True)
class Params:
    threshold: float = THRESHOLD
    num_perm: int = NUM_PERM
    shingle: int = SHINGLE

    @property
    def bands(self) -> tuple[int, int]:
        return _bands(self.threshold, self.num_perm)


_KNOWN_BANDS = {(THRESHOLD, NUM_PERM): (14, 9)}  # datasketch's choice, checked by the tests
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@lru_cache(maxsize=8)
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising false positives + negatives (datasketch's own choice)."""
    if (threshold, num_perm) in _KNOWN_BANDS:
        return _KNOWN_BANDS[(threshold, num_perm)]
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> np.ndarray:
    """The (a, b) pairs of datasketch's "affine32" MinHash for ``SEED``, drawn as it draws them."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return np.array([a, b])


def shingle_hashes(text: str, size: int = SHINGLE) -> np.ndarray:
    """32-bit hashes of the text's distinct word ``size``-grams (empty when too short).

    Each word is hashed once (crc32: stable across processes; ``map`` keeps the loop in C),
    and the n-grams are combined with numpy."""
    words = _WORD.findall(normalise_for_hash(text))
    if len(words) < max(MIN_WORDS, size):
        return np.empty(0, dtype=np.uint32)
    w = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    n = len(words) - size + 1
    h = w[:n] * _FNV_PRIME  # (0 ^ w) * p, then the same for the next words, in place
    for j in range(1, size):
        h ^= w[j:j + n]
        h *= _FNV_PRIME
    h ^= h >> np.uint64(29)
    return np.unique(((h >> np.uint64(32)) ^ h).astype(np.uint32))


def _minhash(shingles: list[np.ndarray], num_perm: int) -> list[np.ndarray]:
    """MinHash values of several shingle sets: what datasketch's ``MinHash(scheme="affine32",
    hashfunc=int).update_batch`` gives (MurmurHash3 pre-mix, then ``a·h + b`` mod 2³², the
    minimum per permutation), without its per-value Python work. One small matrix per text
    (it stays in the CPU cache; one large matrix for many texts is slower)."""
    a, b = _permutations(num_perm)
    s1, m1, s2, m2, s3 = _FMIX32
    out: list[np.ndarray] = []
    for hv in shingles:
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        hv = hv ^ (hv >> s3)
        out.append((hv[:, None] * a + b).min(axis=0))
    return out


def signatures(texts: Sequence[str], params: Params = Params()) -> list[np.ndarray | None]:
    """MinHash values (uint32, ``num_perm`` of them) of each text; None for a text too short."""
    shingles = [shingle_hashes(t, params.shingle) for t in texts]
    values = iter(_minhash([x for x in shingles if len(x)], params.num_perm))
    return [next(values) if len(x) else None for x in shingles]


def signature(text: str, params: Params = Params()):
    """The ``datasketch.MinHash`` of a text's shingles; None for a text too short to compare."""
    from datasketch import MinHash

    hv = signatures([text], params)[0]
    if hv is None:
        return None
    # the shingles arrive hashed already: datasketch's hash function is the identity
    return MinHash(num_perm=params.num_perm, seed=SEED, hashfunc=int, hashvalues=hv,
                   permutations=_permutations(params.num_perm), scheme="affine32")


def _bucket_keys_many(hv: np.ndarray, params: Params) -> np.ndarray:
    """One signed 64-bit key per band and signature (rows of ``hv``): a hash of (band
    number, the band's values)."""
    b, r = params.bands
    m = hv[:, : b * r].astype(np.uint64).reshape(len(hv), b, r)
    h = np.broadcast_to(np.uint64(0xCBF29CE484222325) ^ np.arange(b, dtype=np.uint64), (len(hv), b)).copy()
    for j in range(r):
        h = (h ^ m[:, :, j]) * _FNV_PRIME
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    return h.view(np.int64)


def _bucket_keys(hv: np.ndarray, params: Params) -> list[int]:
    return _bucket_keys_many(hv[None, :], params)[0].tolist()


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


# ------------------------------------------------------------------ in memory

def find_near_duplicates(items: Iterable[tuple[Any, str]], *, threshold: float = THRESHOLD
                         ) -> dict[Any, Any]:
    """Group texts in memory: ``{key: story_key}`` where the story key is the key of
    the first text of each group. ``items`` are ``(key, text)`` pairs, in order."""
    from datasketch import MinHashLSH

    params = Params(threshold=threshold)
    lsh = MinHashLSH(threshold=threshold, num_perm=params.num_perm, params=params.bands)
    story: dict[Any, Any] = {}
    sigs: dict[Any, Any] = {}
    for key, txt in items:
        m = signature(txt, params)
        story[key] = key
        if m is None:
            continue
        best, best_sim = None, threshold
        for cand in lsh.query(m):
            sim = m.jaccard(sigs[cand])
            if sim >= best_sim:
                best, best_sim = cand, sim
        if best is not None:
            story[key] = story[best]
        sigs[key] = m
        lsh.insert(key, m)
    return story


# ------------------------------------------------------------------ in the store

def link_articles(conn: Connection, new: Sequence[tuple[int, Article]], params: Params = Params()) -> list[int]:
    """Link newly inserted articles (``(row id, Article)``, in insertion order) to
    stories, inside the caller's transaction. Returns their story ids."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": STORY_LOCK})
    sigs: dict[int, np.ndarray] = {}
    keys: dict[int, list[int]] = {}
    values = signatures([art.text for _, art in new], params)
    found = [(art_id, hv) for (art_id, _), hv in zip(new, values) if hv is not None]
    if found:
        all_bucket_keys = _bucket_keys_many(np.stack([hv for _, hv in found]), params).tolist()
        for (art_id, hv), ks in zip(found, all_bucket_keys):
            sigs[art_id] = hv
            keys[art_id] = ks
    # candidates already stored: one query per 500 of the batch's buckets
    buckets: dict[int, list[int]] = {}
    all_keys = sorted({k for ks in keys.values() for k in ks})
    for bucket, aid in _select_in(conn, lsh_buckets, ("bucket", "article_id"), all_keys):
        buckets.setdefault(bucket, []).append(aid)
    stored = sorted({a for ids in buckets.values() for a in ids})
    known_sig: dict[int, np.ndarray] = {}
    known_story: dict[int, int] = {}
    for aid, blob in _select_in(conn, article_minhash, ("article_id", "signature"), stored):
        known_sig[aid] = np.frombuffer(bytes(blob), dtype="<u4")
    for aid, sid in _select_in(conn, article_stories, ("article_id", "story_id"), stored):
        known_story[aid] = sid
    story_rows, sig_rows, bucket_rows, out = [], [], [], []
    for art_id, _art in new:
        story_id, sim = art_id, None
        if art_id in sigs:
            hv = sigs[art_id]
            best, best_sim = None, params.threshold
            for cand in sorted({c for k in keys[art_id] for c in buckets.get(k, ())}):
                if cand == art_id or cand not in known_sig or cand not in known_story:
                    continue
                s = _jaccard(hv, known_sig[cand])
                if s > best_sim or (s == best_sim and best is None):
                    best, best_sim = cand, s
            if best is not None:
                story_id, sim = known_story[best], round(best_sim, 4)
            # visible to the rest of this batch
            known_sig[art_id] = hv
            for k in keys[art_id]:
                buckets.setdefault(k, []).append(art_id)
                bucket_rows.append((k, art_id))
            sig_rows.append((art_id, hv.astype("<u4").tobytes()))
        known_story[art_id] = story_id
        story_rows.append((art_id, story_id, sim))
        out.append(story_id)
    _insert(conn, article_stories, ("article_id", "story_id", "similarity"), story_rows)
    _insert(conn, article_minhash, ("article_id", "signature"), sig_rows)
    _insert(conn, lsh_buckets, ("bucket", "article_id"), bucket_rows)
    return out


def _select_in(conn: Connection, table, columns: tuple[str, str], values: list, chunk: int = 500):
    """Rows ``columns`` of ``table`` whose first column is in ``values``, 500 values a query. On
    SQLite through the driver (building SQLAlchemy's ``IN`` for 7,000 bucket keys a batch cost
    four times the look-ups)."""
    for i in range(0, len(values), chunk):
        part = values[i:i + chunk]
        if conn.dialect.name == "sqlite":
            yield from conn.exec_driver_sql(f"SELECT {columns[0]}, {columns[1]} FROM {table.name} WHERE "
                                            f"{columns[0]} IN ({', '.join('?' * len(part))})", tuple(part))
        else:
            yield from conn.execute(select(table.c[columns[0]], table.c[columns[1]])
                                    .where(table.c[columns[0]].in_(part)))


def _insert(conn: Connection, table, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Many rows at once. On SQLite straight through the driver's ``executemany`` (the 14
    bucket rows per article cost more through SQLAlchemy's per-row parameter handling than
    the inserts themselves); elsewhere with SQLAlchemy Core."""
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(columns)}) "
                             f"VALUES ({', '.join('?' * len(columns))})", rows)
    else:
        conn.execute(insert(table), [dict(zip(columns, r)) for r in rows])


def relink(engine: Engine, params: Params = Params(), *, batch: int = 500) -> int:
    """Recompute every story from the stored texts (e.g. after changing the
    threshold), in article id order. Returns the number of stories."""
    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": STORY_LOCK})
        for t in (lsh_buckets, article_minhash, article_stories):
            conn.execute(t.delete())
        last = 0
        while True:
            rows = conn.execute(select(articles.c.id, articles.c.text).where(articles.c.id > last)
                                .order_by(articles.c.id).limit(batch)).all()
            if not rows:
                break
            link_articles(conn, [(r[0], Article(text=r[1], id=str(r[0]))) for r in rows], params)
            last = rows[-1][0]
    return story_stats(engine)["stories"]


def _source_expr():
    """What counts as one source: the site, else the URL's host, else the file."""
    return func.coalesce(articles.c.site, articles.c.url, articles.c.source_path, articles.c.key)


def story_stats(engine: Engine) -> dict[str, Any]:
    """Articles vs stories, and the events/quotes counted once per story."""
    with engine.connect() as conn:
        n_articles = conn.execute(select(func.count()).select_from(article_stories)).scalar_one()
        n_stories = conn.execute(select(func.count(func.distinct(article_stories.c.story_id)))).scalar_one()
        ev_all = conn.execute(select(func.count()).select_from(events)).scalar_one()
        ev_unique = conn.execute(select(func.count()).select_from(
            select(article_stories.c.story_id, events.c.type, events.c.trigger, events.c.source, events.c.target)
            .join(events, events.c.article_id == article_stories.c.article_id).distinct().subquery()
        )).scalar_one()
        q_all = conn.execute(select(func.count()).select_from(quotes)).scalar_one()
        q_unique = conn.execute(select(func.count()).select_from(
            select(article_stories.c.story_id, quotes.c.content, quotes.c.speaker_name)
            .join(quotes, quotes.c.article_id == article_stories.c.article_id).distinct().subquery()
        )).scalar_one()
    return {"articles": n_articles, "stories": n_stories, "duplicates": n_articles - n_stories,
            "events": ev_all, "events_unique": ev_unique, "quotes": q_all, "quotes_unique": q_unique}


def list_stories(engine: Engine, *, min_articles: int = 1, limit: int = 20, since: str | None = None
                 ) -> list[dict[str, Any]]:
    """Stories with their NumArticles / NumSources and first/last publication dates, the
    largest first; ``key``, ``title`` and ``url`` are those of the story's earliest article
    (by publication date, then storage order). ``since``: stories with an article published
    on or after this day (YYYY-MM-DD)."""
    counts = story_counts()
    top = select(counts).where(counts.c.num_articles >= min_articles)
    if since:
        top = top.where(counts.c.last_published >= since)
    top = top.order_by(counts.c.num_articles.desc(), counts.c.story_id).limit(limit).subquery()
    stmt = (select(top, *_earliest(top.c.story_id))
            .order_by(top.c.num_articles.desc(), top.c.story_id))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def story_counts():
    """One row per story: ``story_id``, ``num_articles``, ``num_sources`` (distinct sites, else
    hosts or files), ``first_published``, ``last_published`` (a sub-query)."""
    return (select(article_stories.c.story_id, func.count().label("num_articles"),
                   func.count(func.distinct(_source_expr())).label("num_sources"),
                   func.min(articles.c.published).label("first_published"),
                   func.max(articles.c.published).label("last_published"))
            .join(articles, articles.c.id == article_stories.c.article_id)
            .group_by(article_stories.c.story_id).subquery())


def _earliest(story_id) -> list:
    """Key, title and URL of a story's earliest article (correlated sub-queries)."""
    first = articles.alias("first")
    link = article_stories.alias("link")
    return [select(getattr(first.c, c)).join(link, link.c.article_id == first.c.id)
            .where(link.c.story_id == story_id)
            .order_by(first.c.published.is_(None), first.c.published, first.c.id).limit(1)
            .scalar_subquery().label(c) for c in ("key", "title", "url")]


def story_articles(engine: Engine, story_id: int) -> list[dict[str, Any]]:
    """The articles of a story in storage order (the first is the story's own article;
    ``similarity`` is each copy's estimated Jaccard similarity to the copy it joined)."""
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(
            select(articles.c.id, articles.c.key, articles.c.title, articles.c.site, articles.c.url,
                   articles.c.published, article_stories.c.similarity)
            .join(article_stories, article_stories.c.article_id == articles.c.id)
            .where(article_stories.c.story_id == story_id).order_by(articles.c.id)).mappings()]


def story_events(engine: Engine, *, type: str | None = None, limit: int = 50) -> list[dict[str, Any]]:  # noqa: A002
    """Events counted once per story, GDELT-style: ``num_articles`` (copies that
    report it), ``num_sources`` (distinct sites) and ``num_mentions`` (rows)."""
    stmt = (select(article_stories.c.story_id, events.c.type, events.c.cameo, events.c.quad_class,
                   events.c.goldstein, events.c.source, events.c.target, func.min(events.c.date).label("date"),
                   func.count(func.distinct(events.c.article_id)).label("num_articles"),
                   func.count(func.distinct(_source_expr())).label("num_sources"),
                   func.count().label("num_mentions"))
            .join(article_stories, article_stories.c.article_id == events.c.article_id)
            .join(articles, articles.c.id == events.c.article_id)
            .group_by(article_stories.c.story_id, events.c.type, events.c.cameo, events.c.quad_class,
                      events.c.goldstein, events.c.source, events.c.target)
            .order_by(func.count(func.distinct(events.c.article_id)).desc(), article_stories.c.story_id)
            .limit(limit))
    if type:
        stmt = stmt.where(events.c.type == type.upper())
    with engine.connect() as conn:
        return decode_event_actors([dict(r) for r in conn.execute(stmt).mappings()])
