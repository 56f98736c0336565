"""Narratives: recurring claims across articles.

Statements are the stored quotes (direct, indirect and mixed; the pieces of one quotation joined).
Each is a TF-IDF vector of word uni/bigrams and of character 3–5-grams (so "external forces" and
"forces from outside" or "terrorists"/"terrorist" still meet), and the statements are clustered by
average-linkage agglomeration on cosine distance (scipy), cut at ``1 - threshold``. A narrative is
a cluster whose statements come from at least ``min_articles`` articles (stories, when near-duplicate
copies are linked). For each: the most central statement, its distinctive terms, who pushed it
(speakers by count), when and where it first appeared and how it spread (articles, sources, days).

A lexical method, on purpose: no model download, CPU only, deterministic. It finds claims worded
alike, not paraphrases with no words in common.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any
from urllib.parse import urlparse

import numpy as np
from sqlalchemy import and_, literal, select
from sqlalchemy.engine import Engine

from ..languages import bundle
from ..store.schema import article_stories, articles, quotes

MIN_WORDS = 4
WORD_WEIGHT = 0.6
THRESHOLD = 0.25  # least average cosine similarity inside a narrative


def load_statements(engine: Engine, *, since: str | None = None, until: str | None = None,
                    country: str | None = None, limit: int = 4000) -> list[dict[str, Any]]:
    """Quotes as statements (pieces of one quotation joined), oldest first."""
    conds = []
    if since:
        conds.append(articles.c.published >= since)
    if until:
        conds.append(articles.c.published <= until)
    if country:
        conds.append(quotes.c.speaker_country == country.upper())
    stmt = (
        select(quotes.c.id, quotes.c.article_id, quotes.c.grp, quotes.c.kind, quotes.c.content,
               quotes.c.speaker_name, quotes.c.speaker_actor_id, quotes.c.speaker_country,
               articles.c.key.label("article"), articles.c.title.label("article_title"), articles.c.url,
               articles.c.site, articles.c.source_path, articles.c.published,
               article_stories.c.story_id)
        .join(articles, articles.c.id == quotes.c.article_id)
        .outerjoin(article_stories, article_stories.c.article_id == articles.c.id)
        .where(and_(literal(True), *conds))
        .order_by(articles.c.published, quotes.c.article_id, quotes.c.start)
    )
    groups: dict[tuple, dict[str, Any]] = {}
    with engine.connect() as conn:
        for r in conn.execute(stmt).mappings():
            g = (r["article_id"], r["grp"] if r["grp"] is not None else -r["id"])
            if g in groups:
                s = groups[g]
                s["content"] += " … " + r["content"]
                s["quote_ids"].append(r["id"])
                s["speaker"] = s["speaker"] or r["speaker_name"]
                continue
            groups[g] = dict(
                quote_ids=[r["id"]], content=r["content"], kind=r["kind"], speaker=r["speaker_name"],
                speaker_actor_id=r["speaker_actor_id"], speaker_country=r["speaker_country"],
                article=r["article"], article_title=r["article_title"], url=r["url"], date=r["published"],
                story=r["story_id"] or r["article_id"], article_id=r["article_id"],
                source=_source(r["site"], r["url"], r["source_path"]),
            )
    out = [s for s in groups.values() if len(s["content"].split()) >= MIN_WORDS]
    return out[-limit:] if limit else out


def _source(site: str | None, url: str | None, path: str | None) -> str:
    if site:
        return site
    if url:
        host = urlparse(url).netloc
        if host:
            return host.removeprefix("www.")
    return "unknown"


def vectorise(texts: list[str]):
    """TF-IDF of word 1–2-grams and of character 3–5-grams, each L2-normalised, then joined with
    weights ``WORD_WEIGHT`` and ``1 - WORD_WEIGHT`` (cosine = the weighted mean of the two cosines)."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    stop = bundle().stop_words  # the language bundle's (languages/data/en.toml: scikit-learn's English list)
    words = TfidfVectorizer(ngram_range=(1, 2), stop_words=stop if isinstance(stop, str) else list(stop) or None,
                            sublinear_tf=True,
                            token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b")
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1)
    try:
        w = words.fit_transform(texts)
    except ValueError:  # nothing but stop words
        w = None
    c = normalize(chars.fit_transform(texts))
    m = c if w is None else hstack([normalize(w) * WORD_WEIGHT ** 0.5, c * (1 - WORD_WEIGHT) ** 0.5]).tocsr()
    return normalize(m), (words if w is not None else None), w


def cluster(matrix, threshold: float) -> np.ndarray:
    """Cluster labels (0..k-1, in order of first member) by average linkage on cosine distance."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = matrix.shape[0]
    if n == 1:
        return np.zeros(1, dtype=int)
    sim = (matrix @ matrix.T).toarray()
    dist = np.clip(1.0 - sim, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(dist, checks=False), method="average")
    raw = fcluster(z, t=1.0 - threshold, criterion="distance")
    order: dict[int, int] = {}
    return np.array([order.setdefault(x, len(order)) for x in raw])


def find_narratives(engine: Engine, *, since: str | None = None, until: str | None = None,
                    country: str | None = None, threshold: float = THRESHOLD, min_articles: int = 2,
                    limit: int | None = 30, max_statements: int = 4000, examples: int = 8) -> list[dict[str, Any]]:
    """Recurring claims, the most widely carried first (see the module docstring).

    ``threshold``: the least average cosine similarity inside a cluster (0–1; higher = tighter).
    """
    stmts = load_statements(engine, since=since, until=until, country=country, limit=max_statements)
    if len(stmts) < 2:
        return []
    matrix, words, wmat = vectorise([s["content"] for s in stmts])
    labels = cluster(matrix, threshold)
    members: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        members[int(lab)].append(i)
    vocab = np.array(words.get_feature_names_out()) if words is not None else None
    out = []
    for idx in members.values():
        group = [stmts[i] for i in idx]
        stories = {s["story"] for s in group}
        if len(idx) < 2 or len(stories) < min_articles:
            continue
        sub = matrix[idx]
        central = idx[int(np.asarray((sub @ sub.T).sum(axis=1)).ravel().argmax())]
        terms: list[str] = []
        if vocab is not None:
            weights = np.asarray(wmat[idx].sum(axis=0)).ravel()
            terms = [str(vocab[j]) for j in np.argsort(-weights, kind="stable")[:6] if weights[j] > 0]
        first = min(group, key=lambda s: (s["date"] or "9999", s["article_id"], s["quote_ids"][0]))
        pushers = Counter(s["speaker"] for s in group if s["speaker"])
        timeline = Counter(s["date"] for s in group if s["date"])
        sources = Counter(s["source"] for s in group)
        dates = sorted(timeline)
        out.append({
            "id": f"n{min(s['quote_ids'][0] for s in group)}",
            "claim": stmts[central]["content"],
            "terms": terms,
            "statements": len(group),
            "articles": len({s["article"] for s in group}),
            "stories": len(stories),
            "sources": dict(sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))),
            "pushed_by": [{"speaker": k, "statements": v,
                           "country": next((s["speaker_country"] for s in group if s["speaker"] == k), None)}
                          for k, v in sorted(pushers.items(), key=lambda kv: (-kv[1], kv[0]))],
            "first": {"date": first["date"], "article": first["article"], "article_title": first["article_title"],
                      "url": first["url"], "speaker": first["speaker"], "content": first["content"],
                      "source": first["source"]},
            "last_date": dates[-1] if dates else None,
            "days": len(dates),
            "timeline": [{"day": d, "statements": timeline[d]} for d in dates],
            "examples": [{k: s.get(k) for k in ("content", "kind", "speaker", "date", "article", "article_title",
                                                 "url", "source", "quote_ids")} for s in group[:examples]],
        })
    out.sort(key=lambda n: (-n["stories"], -len(n["sources"]), -n["statements"], n["first"]["date"] or "", n["id"]))
    return out[:limit] if limit else out
