"""Benchmark: 1 vs 2 workers, with processes (--workers) and a local Dask cluster.

    python benchmarks/bench_scaling.py [--polnear DIR] [--copies 2] [--modes pool,dask] [--json]

The corpus is the PolNeAR dev texts as JSON Lines (``--copies`` times, each copy
made distinct so nothing is skipped as already stored). For each mode, the same
corpus is ingested with NLP into a new SQLite file by 1 and by 2 workers; each
worker loads its own spaCy pipeline. Wall times include starting the workers and
loading the models; ``efficiency = t1 / (2 * t2)``. Target (issue 7): >= 0.8.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_throughput import DEFAULT, write_jsonl  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--polnear", type=Path, default=DEFAULT)
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--modes", default="pool,dask")
    ap.add_argument("--records-per-unit", type=int, default=16)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from newsgraph.parallel import ingest_parallel

    tmp = Path(tempfile.mkdtemp(prefix="ng-scale-"))
    jsonl = tmp / "corpus.jsonl"
    n = write_jsonl(args.polnear, jsonl, copies=args.copies)
    out = {"articles": n}
    for mode in args.modes.split(","):
        times = {}
        for w in (1, 2):
            db = tmp / f"{mode}-{w}.db"
            t0 = time.perf_counter()
            s = ingest_parallel([jsonl], str(db), workers=w, dask="local" if mode == "dask" else None,
                                records_per_unit=args.records_per_unit)
            times[w] = time.perf_counter() - t0
            assert s.inserted == n, s.to_dict()
        eff = times[1] / (2 * times[2])
        out[mode] = {"t1_s": round(times[1], 2), "t2_s": round(times[2], 2), "speedup": round(times[1] / times[2], 2),
                     "efficiency": round(eff, 3)}
        if not args.json:
            print(f"{mode:5s}: 1 worker {times[1]:7.2f} s, 2 workers {times[2]:7.2f} s, "
                  f"speedup {times[1] / times[2]:.2f}, efficiency {eff:.2f} (target >= 0.8)")
    if args.json:
        print(json.dumps(out))


if __name__ == "__main__":
    main()
