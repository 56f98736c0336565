"""Benchmark: newsgraph end to end against spaCy ``nlp.pipe`` alone, same texts, same model.

    python benchmarks/bench_throughput.py [--polnear DIR] [--batch-size 16] [--repeat 2] [--json]

Writes the PolNeAR dev texts (``../shared/eval/polnear/dev/text/*.txt``) as JSON Lines,
then, in one process and alternating (best of ``--repeat``):

* spaCy alone: ``nlp.pipe(texts, batch_size=B)`` with the model newsgraph loads;
* newsgraph: ``pipeline.ingest(jsonl)`` into a new SQLite file — reading, language
  detection, parse, actors, quotes, events, near-duplicate linking and the store;
* for attribution, ``analyze_articles`` alone (parse + stages, texts read already).

Target (issue 7): newsgraph takes at most 1.2x spaCy's time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
DEFAULT = SHARED / "eval" / "polnear" / "dev" / "text"


def write_jsonl(src: Path, out: Path, copies: int = 1) -> int:
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for c in range(copies):
            for p in sorted(src.glob("*.txt")):
                text = p.read_text(encoding="utf-8")
                if c:
                    text += f"\n\n(Republished, copy {c}.)"
                fh.write(json.dumps({"id": f"{p.stem}-{c}", "text": text}) + "\n")
                n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--polnear", type=Path, default=DEFAULT, help="folder of .txt files")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.polnear.is_dir():
        sys.exit(f"no texts at {args.polnear}")

    from newsgraph.nlp import load_nlp, model_name
    from newsgraph.pipeline import ingest
    from newsgraph.readers import iter_articles
    from newsgraph.store import open_store

    tmp = Path(tempfile.mkdtemp(prefix="ng-bench-"))
    jsonl = tmp / "polnear.jsonl"
    n = write_jsonl(args.polnear, jsonl)
    texts = [a.text for a in iter_articles([jsonl])]  # exactly the texts newsgraph parses
    chars = sum(len(t) for t in texts)
    nlp = load_nlp()
    for _ in nlp.pipe(texts[:4]):  # warm up both paths
        pass
    from newsgraph.pipeline import analyze_articles

    arts = [a for a in iter_articles([jsonl])]
    spacy_t, ng_t, an_t = [], [], []
    for r in range(args.repeat):
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        spacy_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _ in analyze_articles(arts, batch_size=args.batch_size):
            pass
        an_t.append(time.perf_counter() - t0)
        store = open_store(tmp / f"run{r}.db")
        t0 = time.perf_counter()
        summary = ingest([jsonl], store, batch_size=args.batch_size)
        ng_t.append(time.perf_counter() - t0)
        store.close()
        assert summary.inserted == n, summary.to_dict()
    s, g, an = min(spacy_t), min(ng_t), min(an_t)
    result = {"articles": n, "chars": chars, "model": model_name(nlp), "batch_size": args.batch_size,
              "spacy_s": round(s, 2), "newsgraph_s": round(g, 2), "ratio": round(g / s, 3),
              "analyze_only_s": round(an, 2), "stages_ratio": round(an / s, 3),
              "spacy_articles_per_s": round(n / s, 1), "newsgraph_articles_per_s": round(n / g, 1),
              "target_ratio": 1.2, "met": g / s <= 1.2}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{n} articles ({chars:,} chars), model {result['model']}, batch {args.batch_size}")
        print(f"spaCy nlp.pipe alone : {s:7.2f} s  {n / s:6.1f} articles/s")
        print(f"parse + stages only  : {an:7.2f} s  {n / an:6.1f} articles/s")
        print(f"newsgraph end to end : {g:7.2f} s  {n / g:6.1f} articles/s")
        print(f"ratio {g / s:.2f} (target <= 1.2: {'met' if result['met'] else 'NOT met'})")


if __name__ == "__main__":
    main()
