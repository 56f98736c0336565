"""Evaluate the HTML reader on the article-extraction benchmark (AEB).

The benchmark directory holds ``html/<id>.html.gz`` (real article pages) and
``ground-truth.json`` (``{id: {"articleBody": ..., "url": ...}}``). Each page is
read with :func:`newsgraph.readers.html.read_html` -- exactly what
``newsgraph extract --no-nlp`` does for an HTML file -- and its ``text`` is
scored against ``articleBody`` with the benchmark's own metric (see the
benchmark's ``SCORING.md``):

1. tokens are the matches of ``\\w+``;
2. each token list becomes a multiset of overlapping 4-token shingles (fewer
   than 4 tokens give one shorter shingle, no tokens give none);
3. per page, TP counts shingles in both (with multiplicity), FP those only
   extracted, FN those only in gold; precision = TP/(TP+FP), recall =
   TP/(TP+FN), both 1 when FP = FN = 0;
4. corpus precision and recall are the means of the per-page values, F1 their
   harmonic mean; "accuracy" is the share of pages whose token sequence equals
   the gold's.

A page that fails to read counts as an empty extraction (precision and recall
0), so failures lower the score instead of vanishing from it.

Titles, dates and page types are scored against our own gold,
``gold/aeb_meta.json`` (the benchmark has only body and URL): per page the
title's length and SHA-1 of :func:`title_key` (whitespace collapsed,
typographic quotes and dashes made plain; case and words exact), the
publication date (``date``, plus ``date_also`` where the page gives the same
instant on two calendar days), and the ``page_type``. Pages are split by
:func:`split_of`: the held-out split is never used to tune the reader; every
figure is reported for both splits and for all pages.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..readers.base import ReaderError
from ..readers.html import read_html
from .pages import page_list
from .progress import track

TOKEN_RE = re.compile(r"\w+")
NGRAM = 4


def tokenize(text: str | None) -> list[str]:
    return TOKEN_RE.findall(text or "")


def shingles(tokens: list[str], n: int = NGRAM) -> Counter[tuple[str, ...]]:
    """Multiset of overlapping ``n``-token shingles."""
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_counts(gold: str | None, pred: str | None, n: int = NGRAM) -> tuple[int, int, int]:
    """(TP, FP, FN) of ``pred`` against ``gold`` over ``n``-token shingles."""
    g = shingles(tokenize(gold), n)
    p = shingles(tokenize(pred), n)
    tp = sum((g & p).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    return tp, fp, fn


def precision_recall(tp: int, fp: int, fn: int) -> tuple[float, float]:
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_page(gold: str | None, pred: str | None) -> dict[str, Any]:
    tp, fp, fn = shingle_counts(gold, pred)
    p, r = precision_recall(tp, fp, fn)
    return {
        "precision": p,
        "recall": r,
        "f1": f1(p, r),
        "exact": tokenize(gold) == tokenize(pred),
    }


META_GOLD = Path(__file__).resolve().parent / "gold" / "aeb_meta.json"
HELDOUT_DIGITS = "cdef"  # ids whose first hex digit is one of these are held out
_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                             "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
                             "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                             "\u2015": "-", "\u2212": "-"})


def title_key(title: str | None) -> str:
    """A title as compared for exact match: NFC, whitespace collapsed, curly quotes and
    dashes made plain, the ellipsis character as three dots. Case and wording must match."""
    text = unicodedata.normalize("NFC", title or "").translate(_TYPOGRAPHY).replace("\u2026", "...")
    return " ".join(text.split())


def title_sha1(title: str | None) -> str:
    return hashlib.sha1(title_key(title).encode("utf-8")).hexdigest()


def split_of(page_id: str) -> str:
    """``heldout`` for pages never used to tune the reader: ids whose first hex digit is
    c-f, and the pages held out of the team's page gold (gold/pages/pages.yaml)."""
    if page_id[:1].lower() in HELDOUT_DIGITS:
        return "heldout"
    held = {p["id"] for p in page_list("heldout")}
    return "heldout" if page_id in held else "dev"


def load_meta_gold(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """``{page id: {title_len, title_sha1, date, date_also?, page_type}}``."""
    path = path or META_GOLD
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["pages"]


def _norm_url(url: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    url = re.sub(r"^https?://(www\.)?", "", url, flags=re.I)
    url = url.split("#", 1)[0]
    return url.rstrip("/").lower()


def _norm_title(title: str | None) -> str:
    return " ".join(tokenize(title)).casefold()


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _aggregate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    precision = _mean(r["precision"] for r in rows)
    recall = _mean(r["recall"] for r in rows)
    out: dict[str, Any] = {
        "pages": len(rows),
        "precision": precision,
        "recall": recall,
        "f1": f1(precision, recall),
        "accuracy": _mean(1.0 if r["exact"] else 0.0 for r in rows),
    }
    for key, field in (("title_accuracy", "title_ok"), ("date_accuracy", "date_ok"),
                       ("page_type_accuracy", "page_type_ok")):
        scored = [r[field] for r in rows if field in r]
        out[key] = _mean(scored) if scored else None
    return out


def evaluate(path: str | Path, *, limit: int | None = None) -> dict[str, Any]:
    """Run the HTML reader over an AEB directory and score it.

    Returns a dict with ``pages``, ``failures`` (list of ``{"id", "error"}``),
    ``precision``, ``recall``, ``f1``, ``accuracy``, title/date/page-type accuracy
    (from ``gold/aeb_meta.json``; None where there is no gold), the same figures per
    split in ``splits`` (``dev``, ``heldout``), ``seconds`` and ``per_page``.
    """
    root = Path(path)
    gt_path = root / "ground-truth.json"
    html_dir = root / "html"
    if not gt_path.is_file() or not html_dir.is_dir():
        raise FileNotFoundError(f"{root}: expected ground-truth.json and html/ (an AEB directory)")
    gold: dict[str, dict[str, Any]] = json.loads(gt_path.read_text(encoding="utf-8"))
    meta_gold = load_meta_gold()
    ids = sorted(gold)
    if limit is not None:
        ids = ids[: max(0, limit)]

    per_page: list[dict[str, Any]] = []
    failures: list[dict[str, str]] = []
    has_url = any(gold[i].get("url") for i in ids)
    started = time.perf_counter()
    for page_id in track(ids, len(ids), "pages"):
        g = gold[page_id]
        page_path = html_dir / f"{page_id}.html.gz"
        t0 = time.perf_counter()
        article = None
        try:
            data = gzip.decompress(page_path.read_bytes())
            article = read_html(data, source_path=str(page_path))
        except (ReaderError, OSError, EOFError) as exc:
            reason = exc.reason if isinstance(exc, ReaderError) else str(exc)
            failures.append({"id": page_id, "error": reason})
        row = score_page(g.get("articleBody"), article.text if article else "")
        row["id"] = page_id
        row["split"] = split_of(page_id)
        row["seconds"] = time.perf_counter() - t0
        m = meta_gold.get(page_id)
        if m is not None:
            title = article.title if article else None
            row["title_ok"] = bool(title) and title_sha1(title) == m["title_sha1"]
            published = article.published if article else None
            row["date_ok"] = published in {m["date"], *m.get("date_also", [])}
            row["page_type_ok"] = (article.page_type if article else None) == m["page_type"]
            row["page_type"] = article.page_type if article else None
            row["page_type_gold"] = m["page_type"]
        if has_url:
            row["url_ok"] = bool(article) and _norm_url(article.url) == _norm_url(g.get("url"))
            row["url_found"] = bool(article and article.url)
        per_page.append(row)
    seconds = time.perf_counter() - started

    result: dict[str, Any] = {"benchmark": str(root), "failures": failures, **_aggregate(per_page)}
    result["splits"] = {
        split: _aggregate([r for r in per_page if r["split"] == split]) for split in ("dev", "heldout")
    }
    result["url_accuracy"] = _mean(r["url_ok"] for r in per_page) if has_url else None
    result["url_found"] = _mean(r["url_found"] for r in per_page) if has_url else None
    result["seconds"] = seconds
    result["per_page"] = per_page
    return result


def format_report(result: dict[str, Any]) -> str:
    """A short human-readable report of :func:`evaluate`'s result."""
    pages = result["pages"]
    failures = result["failures"]
    lines = [
        f"Article-extraction benchmark: {result.get('benchmark', '')}",
        f"pages: {pages}   failures: {len(failures)}",
        "body text (4-token shingles, mean over pages):",
        f"  precision {result['precision']:.3f}   recall {result['recall']:.3f}   F1 {result['f1']:.3f}"
        f"   exact {result['accuracy']:.3f}",
    ]
    def fmt(value: float | None) -> str:
        return "  n/a" if value is None else f"{value:.3f}"

    lines.append("split     pages  body P  body R  body F1  title exact  date   page type")
    rows = [(name, result["splits"][name]) for name in ("dev", "heldout") if "splits" in result]
    for name, agg in rows + [("all", result)]:
        lines.append(
            f"{name:<8} {agg['pages']:>6}  {agg['precision']:.3f}   {agg['recall']:.3f}   {agg['f1']:.3f}"
            f"    {fmt(agg.get('title_accuracy'))}       {fmt(agg.get('date_accuracy'))}  "
            f"{fmt(agg.get('page_type_accuracy'))}"
        )
    if result.get("url_accuracy") is not None:
        lines.append(
            f"url accuracy: {result['url_accuracy']:.3f} (url found on {result['url_found']:.3f} of pages)"
        )
    secs = result["seconds"]
    per = secs / pages if pages else 0.0
    lines.append(f"time: {secs:.1f} s ({per * 1000:.0f} ms/page)")
    worst = sorted(result.get("per_page", []), key=lambda r: r["f1"])[:5]
    if worst and pages:
        lines.append("lowest F1: " + ", ".join(f"{r['id'][:12]} {r['f1']:.2f}" for r in worst))
    for fail in failures[:10]:
        lines.append(f"failed: {fail['id']}: {fail['error']}")
    if len(failures) > 10:
        lines.append(f"... and {len(failures) - 10} more failures")
    return "\n".join(lines)
