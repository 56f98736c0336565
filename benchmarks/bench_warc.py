"""Benchmark: read a WARC.gz of at least 1,000 records built here: records/s and articles/s.

    python benchmarks/bench_warc.py [--pages 400] [--json]

Builds a CC-NEWS-like archive (warcinfo, then for each page a request and a
response record; one response in ten is an image, so skipped) with
``newsgraph.readers.warc.write_warc`` and streams it through ``iter_warc``
(HTML extraction included), reporting records/s, articles/s and peak RSS, and
the rate of a bare FastWARC pass over the same file (every payload read, no HTML).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

WORDS = ("minister river dam water talks border farmers canal summit treaty reservoir valley protest police "
         "government agreement delegation harvest irrigation season officials region capital").split()


def page(i: int, rnd: random.Random) -> str:
    paras = "".join("<p>" + " ".join(rnd.choice(WORDS) for _ in range(60)).capitalize() + ".</p>" for _ in range(8))
    return (f"<!doctype html><html><head><title>Story {i}</title>"
            f'<meta property="article:published_time" content="2024-01-{1 + i % 28:02d}T08:00:00Z"></head>'
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Story {i}</h1>"
            f"{paras}</article><aside>Most read</aside><footer>Copyright</footer></body></html>")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from newsgraph.readers.warc import WarcStats, iter_warc, write_warc

    rnd = random.Random(1)
    path = Path(tempfile.mkdtemp(prefix="ng-warc-")) / "bench.warc.gz"

    def pages():
        for i in range(args.pages):
            if i % 10 == 9:
                yield {"url": f"https://news.example/img/{i}.jpg", "body": bytes(rnd.randrange(256) for _ in range(20000)),
                       "content_type": "image/jpeg"}
            else:
                yield {"url": f"https://news.example/{i}", "body": page(i, rnd)}

    records = write_warc(path, pages())
    stats = WarcStats()
    t0 = time.perf_counter()
    arts = sum(1 for x in iter_warc(path, stats=stats) if not isinstance(x, Exception))
    took = time.perf_counter() - t0
    t1 = time.perf_counter()
    from fastwarc.warc import ArchiveIterator

    with open(path, "rb") as fh:
        scanned = sum(1 for r in ArchiveIterator(fh, parse_http=False, fsspec_args=False) if r.reader.read() is not None)
    scan = time.perf_counter() - t1
    out = {"records": records, "scan_only_records_per_s": round(scanned / scan, 1), "file_mb": round(path.stat().st_size / 2**20, 2), "seconds": round(took, 2),
           "records_per_s": round(records / took, 1), "articles": arts, "articles_per_s": round(arts / took, 1),
           "skipped": dict(stats.skipped), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    assert records >= 1000, "the archive must hold at least 1,000 records"
    print(json.dumps(out) if args.json else "\n".join(f"{k}: {v}" for k, v in out.items()))


if __name__ == "__main__":
    main()
