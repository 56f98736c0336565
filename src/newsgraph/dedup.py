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

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Connection, Engine

from .model import Article, normalise_for_hash
from .store.schema import article_minhash, article_stories, articles, events, lsh_buckets, quotes
from .store.db import write_transaction
from .store.queries import decode_event_actors

__all__ = ["THRESHOLD", "signature", "find_near_duplicates", "link_articles", "story_stats", "list_stories",
           "story_events", "relink"]

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


@lru_cache(maxsize=8)
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising false positives + negatives (datasketch's own choice)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


@lru_cache(maxsize=8)
def _permutations(num_perm: int):
    return MinHash(num_perm=num_perm, seed=SEED).permutations


def shingle_hashes(text: str, size: int = SHINGLE) -> np.ndarray:
    """32-bit hashes of the text's distinct word ``size``-grams (empty when too short).

    Each word is hashed once (crc32: stable across processes), and the n-grams are
    combined with numpy, so a 1,000-word article costs well under a millisecond."""
    words = _WORD.findall(normalise_for_hash(text))
    if len(words) < max(MIN_WORDS, size):
        return np.empty(0, dtype=np.uint32)
    w = np.fromiter((zlib.crc32(x.encode("utf-8")) for x in words), dtype=np.uint64, count=len(words))
    n = len(words) - size + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(size):
        h = (h ^ w[j:j + n]) * _FNV_PRIME
    h ^= h >> np.uint64(29)
    return np.unique(((h >> np.uint64(32)) ^ (h & np.uint64(0xFFFFFFFF))).astype(np.uint32))


def signature(text: str, params: Params = Params()) -> MinHash | None:
    """The MinHash of a text's shingles; None for a text too short to compare."""
    hashes = shingle_hashes(text, params.shingle)
    if not len(hashes):
        return None
    # the shingles arrive hashed already: datasketch's hash function is the identity
    m = MinHash(num_perm=params.num_perm, seed=SEED, hashfunc=int,
                permutations=_permutations(params.num_perm), scheme="affine32")
    m.update_batch(hashes.tolist())
    return m


def _bucket_keys(hv: np.ndarray, params: Params) -> list[int]:
    """One signed 64-bit key per band: a hash of (band number, the band's values)."""
    b, r = params.bands
    m = hv[: b * r].astype(np.uint64).reshape(b, r)
    h = np.uint64(0xCBF29CE484222325) ^ np.arange(b, dtype=np.uint64)
    for j in range(r):
        h = (h ^ m[:, j]) * _FNV_PRIME
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    return h.view(np.int64).tolist()


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


# ------------------------------------------------------------------ in memory

def find_near_duplicates(items: Iterable[tuple[Any, str]], *, threshold: float = THRESHOLD
                         ) -> dict[Any, Any]:
    """Group texts in memory: ``{key: story_key}`` where the story key is the key of
    the first text of each group. ``items`` are ``(key, text)`` pairs, in order."""
    params = Params(threshold=threshold)
    lsh = MinHashLSH(threshold=threshold, num_perm=params.num_perm, params=params.bands)
    story: dict[Any, Any] = {}
    sigs: dict[Any, MinHash] = {}
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
    for art_id, art in new:
        m = signature(art.text, params)
        if m is not None:
            sigs[art_id] = m.hashvalues.astype(np.uint32)
            keys[art_id] = _bucket_keys(sigs[art_id], params)
    # candidates already stored: one query for all the batch's buckets
    buckets: dict[int, list[int]] = {}
    all_keys = sorted({k for ks in keys.values() for k in ks})
    for i in range(0, len(all_keys), 500):
        for bucket, aid in conn.execute(select(lsh_buckets.c.bucket, lsh_buckets.c.article_id)
                                        .where(lsh_buckets.c.bucket.in_(all_keys[i:i + 500]))):
            buckets.setdefault(bucket, []).append(aid)
    stored = sorted({a for ids in buckets.values() for a in ids})
    known_sig: dict[int, np.ndarray] = {}
    known_story: dict[int, int] = {}
    for i in range(0, len(stored), 500):
        chunk = stored[i:i + 500]
        for aid, blob in conn.execute(select(article_minhash.c.article_id, article_minhash.c.signature)
                                      .where(article_minhash.c.article_id.in_(chunk))):
            known_sig[aid] = np.frombuffer(bytes(blob), dtype="<u4")
        for aid, sid in conn.execute(select(article_stories.c.article_id, article_stories.c.story_id)
                                     .where(article_stories.c.article_id.in_(chunk))):
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
                bucket_rows.append(dict(bucket=k, article_id=art_id))
            sig_rows.append(dict(article_id=art_id, signature=hv.astype("<u4").tobytes()))
        known_story[art_id] = story_id
        story_rows.append(dict(article_id=art_id, story_id=story_id, similarity=sim))
        out.append(story_id)
    if story_rows:
        conn.execute(insert(article_stories), story_rows)
    if sig_rows:
        conn.execute(insert(article_minhash), sig_rows)
    if bucket_rows:
        conn.execute(insert(lsh_buckets), bucket_rows)
    return out


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


def list_stories(engine: Engine, *, min_articles: int = 1, limit: int = 20) -> list[dict[str, Any]]:
    """Stories with their NumArticles / NumSources, the largest first."""
    root = articles.alias("root")
    counts = (select(article_stories.c.story_id, func.count().label("num_articles"),
                     func.count(func.distinct(_source_expr())).label("num_sources"),
                     func.min(articles.c.published).label("first_published"),
                     func.max(articles.c.published).label("last_published"))
              .join(articles, articles.c.id == article_stories.c.article_id)
              .group_by(article_stories.c.story_id).subquery())
    stmt = (select(counts, root.c.key, root.c.title, root.c.url)
            .join(root, root.c.id == counts.c.story_id)
            .where(counts.c.num_articles >= min_articles)
            .order_by(counts.c.num_articles.desc(), counts.c.story_id).limit(limit))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def story_articles(engine: Engine, story_id: int) -> list[dict[str, Any]]:
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
