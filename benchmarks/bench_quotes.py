"""Benchmark: quote extraction against PolNeAR, next to textacy's baseline, and its cost.

    python benchmarks/bench_quotes.py [--polnear DIR] [--limit N] [--repeat R] [--json]

Parses the PolNeAR texts (``../shared/eval/polnear/dev`` by default) once with
``nlp.pipe``, then

* scores :func:`newsgraph.quotes.extract_quotes` and textacy's
  ``direct_quotations`` (direct quotes only; skipped when textacy is not
  installed) with the same scorer as ``newsgraph eval quotes``;
* times the quote stage (best of ``--repeat`` passes) against the parse.
  Target: the quote stage adds at most 15% to the spaCy parse.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

DEFAULT = Path(os.environ.get("NEWSGRAPH_SHARED", Path(__file__).resolve().parents[1].parent / "shared")) / "eval" / "polnear" / "dev"


def _textacy_quotes(doc):
    """textacy's direct quotations as newsgraph Quote records (for scoring)."""
    from textacy.extract.triples import direct_quotations

    from newsgraph.model import Quote, Speaker

    out = []
    try:
        found = list(direct_quotations(doc))
    except ValueError:  # textacy gives up on an odd number of quote marks
        return None
    for n, dq in enumerate(found):
        content = dq.content
        s, e = content.start_char, content.end_char
        text = doc.text
        if e - s >= 2 and text[s] in "\"“'‘" and text[e - 1] in "\"”'’":
            s, e = s + 1, e - 1
        speaker = None
        if dq.speaker:
            a, b = dq.speaker[0].idx, dq.speaker[-1].idx + len(dq.speaker[-1].text)
            speaker = Speaker(name=text[a:b], mention=text[a:b], start=a, end=b)
        out.append(Quote(kind="direct", content=text[s:e], start=s, end=e, speaker=speaker, group=n))
    return out


def _summary(tallies) -> dict:
    from newsgraph.eval.quotes import THRESHOLDS, _prf

    res = {"thresholds": {}, "kinds": {}}
    for t in THRESHOLDS:
        res["thresholds"][str(t)] = _prf(tallies["tp_p", t, "all"], tallies["pred", t, "all"],
                                         tallies["tp_r", t, "all"], tallies["gold", t, "all"])
    for k in ("direct", "indirect", "mixed"):
        res["kinds"][k] = _prf(tallies["tp_p", 0.5, k], tallies["pred", 0.5, k], tallies["tp_r", 0.5, k],
                               tallies["gold", 0.5, k])
        n = tallies["spk_n", k]
        res["kinds"][k]["speaker_accuracy"] = round(tallies["spk_ok", k] / n, 4) if n else None
    n = tallies["spk_n"]
    res["speaker"] = {"accuracy": round(tallies["spk_ok"] / n, 4) if n else None, "evaluated": n,
                      "no_speaker": tallies["spk_none"]}
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from newsgraph.eval.quotes import format_report, load_polnear, score_article
    from newsgraph.nlp import load_nlp
    from newsgraph.quotes import extract_quotes

    data = load_polnear(args.polnear, limit=args.limit)
    if not data:
        print(f"no PolNeAR articles under {args.polnear}", file=sys.stderr)
        return 2
    nlp = load_nlp()
    texts = [text for _, text, _ in data]
    nlp("warm up")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    t_parse = time.perf_counter() - t0

    t_quotes = float("inf")
    ours = None
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        preds = [extract_quotes(doc) for doc in docs]
        t_quotes = min(t_quotes, time.perf_counter() - t0)
        ours = preds
    tallies: dict = defaultdict(int)
    for (_, _, gold), qs in zip(data, ours):
        score_article(gold, qs, tallies)
    result = {"articles": len(data), "path": str(args.polnear), **_summary(tallies),
              "seconds": {"parse": round(t_parse, 3), "quotes": round(t_quotes, 3)}}
    result["quote_share_of_parse"] = round(t_quotes / t_parse, 4) if t_parse else None

    baseline = None
    try:
        import textacy  # noqa: F401
    except ImportError:
        baseline = {"skipped": "textacy is not installed (pip install textacy)"}
    if baseline is None:
        tallies = defaultdict(int)
        t0 = time.perf_counter()
        base_preds = [_textacy_quotes(doc) for doc in docs]
        t_base = time.perf_counter() - t0
        bailed = sum(1 for qs in base_preds if qs is None)
        base_preds = [qs or [] for qs in base_preds]
        for (_, _, gold), qs in zip(data, base_preds):
            score_article(gold, qs, tallies)
        baseline = {"name": "textacy.extract.triples.direct_quotations", **_summary(tallies),
                    "seconds": round(t_base, 3), "articles_given_up": bailed}
    result["baseline"] = baseline

    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print("== newsgraph quotes ==")
    print(format_report(result))
    print(f"quote stage: {t_quotes:.2f}s vs spaCy parse {t_parse:.2f}s -> adds {t_quotes / t_parse:.1%} "
          f"(target <= 15%)")
    print()
    print("== baseline: textacy direct_quotations ==")
    if "skipped" in baseline:
        print(baseline["skipped"])
    else:
        b = {"articles": len(data), "path": str(args.polnear), **baseline}
        b.pop("seconds")
        b.pop("articles_given_up")
        print(format_report(b))
        print(f"baseline time: {baseline['seconds']:.2f}s; gave up (odd quote marks) on "
              f"{baseline['articles_given_up']} of {len(data)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
