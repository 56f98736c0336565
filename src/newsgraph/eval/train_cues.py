"""Build ``quotes/data/cue_model.json`` (the model of :mod:`newsgraph.quotes.learned`)
from the PolNeAR *train* split. A training script: it lives with the evaluation, above the
quotes stage it trains for.

    python -m newsgraph.eval.train_cues --polnear ../shared/eval/polnear/train

Every candidate the rules leave over (see :func:`newsgraph.quotes.learned.candidates`)
is labelled positive when its word lies in a gold cue and its candidate content
lies at least half inside that attribution's gold content.  A logistic
regression (scikit-learn) is fitted on the string features; the acceptance
threshold is the lowest at which held-out candidates (two folds by article)
reach ``--precision``.  Only weights of features seen ``--min-count`` times are
kept, so the file stays small.  Never train on the dev split: it is the one
the figures in docs/quotes.md are reported on.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..languages import bundle
from ..nlp import load_nlp
from ..quotes.extract import extract_quotes
from .quotes import load_polnear


class _Collector:
    """Stands in for the model while extracting: records every candidate, accepts none."""

    def __init__(self) -> None:
        self.rows: list[tuple[list[str], Any]] = []

    def accept(self, feats: list[str], cand: Any) -> bool:
        self.rows.append((feats, cand))
        return False


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def collect(docs_and_gold) -> list[tuple[int, list[str], int]]:
    """(article number, features, label) for each candidate."""
    out = []
    for n, (doc, gold) in enumerate(docs_and_gold):
        col = _Collector()
        extract_quotes(doc, learned_model=col)
        for feats, (tok, s, e) in col.rows:
            label = 0
            for g in gold:
                if any(a <= tok.idx < b for a, b in g.cues) and _overlap([(s, e)], g.content) * 2 >= e - s:
                    label = 1
                    break
            out.append((n, feats, label))
    return out


def _fit(rows, min_count: int, c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for _, feats, _ in rows for f in set(feats))
    keep = {f for f, k in counts.items() if k >= min_count}
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in feats if f in keep} for _, feats, _ in rows])
    y = [label for _, _, label in rows]
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, y)
    return vec, clf


def _threshold(rows, min_count: int, c: float, precision: float) -> float:
    """Lowest threshold whose held-out precision (two folds by article) reaches ``precision``."""
    scored = []
    for fold in (0, 1):
        train = [r for r in rows if r[0] % 2 != fold]
        test = [r for r in rows if r[0] % 2 == fold]
        vec, clf = _fit(train, min_count, c)
        probs = clf.predict_proba(vec.transform([{f: 1 for f in feats} for _, feats, _ in test]))[:, 1]
        scored += [(p, label) for p, (_, _, label) in zip(probs, test)]
    scored.sort(reverse=True)
    best = 0.99
    tp = 0
    for k, (p, label) in enumerate(scored, 1):
        tp += label
        if tp / k >= precision and k >= 20:
            best = p
    return round(float(best), 4)


def build(rows, *, min_count: int = 3, c: float = 1.0, precision: float = 0.42, prune: float = 0.05) -> dict:
    threshold = _threshold(rows, min_count, c, precision)
    vec, clf = _fit(rows, min_count, c)
    weights = {f: round(float(w), 4) for f, w in zip(vec.get_feature_names_out(), clf.coef_[0]) if abs(w) >= prune}
    return {"about": "newsgraph.quotes.learned cue model, built by newsgraph.eval.train_cues from PolNeAR train",
            "bias": round(float(clf.intercept_[0]), 4), "threshold": threshold,
            "candidates": len(rows), "positives": sum(r[2] for r in rows),
            "weights": dict(sorted(weights.items()))}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--polnear", required=True, help="PolNeAR train folder")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--precision", type=float, default=0.42,
                    help="held-out precision the accepted candidates must reach (adding predictions "
                         "at precision p raises F1 while p > F1/2)")
    ap.add_argument("--out", default=str(bundle().folder("quotes") / "cue_model.json"))
    args = ap.parse_args(argv)
    if Path(args.polnear).name == "dev":
        raise SystemExit("refusing to train on the dev split")
    data = load_polnear(args.polnear, limit=args.limit)
    nlp = load_nlp()
    docs = nlp.pipe((text for _, text, _ in data), batch_size=16)
    rows = collect((doc, gold) for doc, (_, _, gold) in zip(docs, data))
    model = build(rows, min_count=args.min_count, c=args.C, precision=args.precision)
    Path(args.out).write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(rows)} candidates, {model['positives']} positive, {len(model['weights'])} weights, "
          f"threshold {model['threshold']} -> {args.out}")


if __name__ == "__main__":
    main()
