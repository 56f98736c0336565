"""Article-extraction benchmark: the HTML reader against plain trafilatura settings.

    python benchmarks/bench_extraction.py [--aeb ../shared/eval/aeb] [--limit N] [--compare]

Prints the report of ``newsgraph.eval.extraction.evaluate`` (what
``newsgraph eval extraction --aeb DIR`` prints). With ``--compare`` it also
scores ``trafilatura.extract`` in a few standard settings with the same metric,
which is how the reader's settings were chosen (see docs/readers-html.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
from pathlib import Path

from newsgraph.eval.extraction import evaluate, f1, format_report, score_page

DEFAULT_AEB = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "aeb"

SETTINGS = {
    "trafilatura defaults": {},
    "no comments": {"include_comments": False},
    "no comments, fast": {"include_comments": False, "fast": True},
    "no comments, favor_recall": {"include_comments": False, "favor_recall": True},
    "no comments, favor_precision": {"include_comments": False, "favor_precision": True},
}


def compare(aeb: Path, limit: int | None) -> None:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    gold = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    pages = {i: gzip.decompress((aeb / "html" / f"{i}.html.gz").read_bytes()) for i in ids}
    print(f"\n{'setting':32s} {'P':>6s} {'R':>6s} {'F1':>6s} {'s':>6s}")
    for name, options in SETTINGS.items():
        started = time.perf_counter()
        rows = [score_page(gold[i]["articleBody"], trafilatura.extract(pages[i], **options) or "") for i in ids]
        p = sum(r["precision"] for r in rows) / len(rows)
        r = sum(r["recall"] for r in rows) / len(rows)
        print(f"{name:32s} {p:6.3f} {r:6.3f} {f1(p, r):6.3f} {time.perf_counter() - started:6.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aeb", type=Path, default=DEFAULT_AEB, help="benchmark directory")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--compare", action="store_true", help="also score plain trafilatura settings")
    args = parser.parse_args(argv)
    if not (args.aeb / "ground-truth.json").is_file():
        print(f"benchmark not found: {args.aeb}", file=sys.stderr)
        return 2
    print(format_report(evaluate(args.aeb, limit=args.limit)))
    if args.compare:
        compare(args.aeb, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
