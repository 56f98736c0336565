"""Benchmark: ingest N synthetic articles (--no-nlp) into SQLite and PostgreSQL: rate and memory.

    python benchmarks/bench_ingest.py [--n 100000] [--batch-size 500] [--pg URL] [--no-dedup]
                                      [--detect-language] [--backends sqlite,postgresql] [--json]

Articles (about 1.3 kB of text each, all distinct) are written to a JSON Lines
file first (not timed), then streamed from it as stdin into ``pipeline.ingest``
(the path of ``newsgraph ingest - --no-nlp < file``); the resident memory (RSS) is sampled every
10% of the way, so a flat series shows memory does not grow with the corpus.
PostgreSQL: ``--pg`` (default postgresql://postgres@127.0.0.1:5432/test, in a
throw-away schema); skipped when unreachable. The records declare ``"language": "en"``;
``--detect-language`` leaves it out, so each text goes through language identification
(as HTML, text files and JSON Lines without the field do). ``cpu_s`` (this process's CPU
time) is steadier than the wall-clock rate on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

WORDS = ("minister river dam water talks border farmers canal summit treaty reservoir valley protest police "
         "government agreement delegation harvest irrigation season officials region capital meeting said "
         "the of and to in on for with by from at").split()


def synthetic(n: int, seed: int = 7, language: bool = True):
    rnd = random.Random(seed)
    for i in range(n):
        words = [rnd.choice(WORDS) for _ in range(200)]
        text = f"Report {i}. " + " ".join(words) + "."
        rec = {"id": f"s{i}", "text": text, "title": f"Report {i}",
               "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"}
        if language:
            rec["language"] = "en"
        yield json.dumps(rec) + "\n"


def rss_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:  # not Linux
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_file(n: int, language: bool = True) -> Path:
    path = Path(tempfile.gettempdir()) / f"ng-synthetic-{n}{'' if language else '-nolang'}.jsonl"
    if not path.exists() or sum(1 for _ in open(path, "rb")) != n:
        with open(path, "w", encoding="utf-8") as fh:
            fh.writelines(synthetic(n, language=language))
    return path


def run(db: str, n: int, batch: int, dedup: bool, language: bool = True) -> dict:
    from newsgraph.pipeline import ingest
    from newsgraph.store import open_store

    store = open_store(db, dedup=dedup)
    samples = []
    step = max(1, n // 10)
    count = 0

    def tick(_item):
        nonlocal count
        count += 1
        if count % step == 0:
            samples.append(round(rss_mb(), 1))

    src = corpus_file(n, language)
    t0, c0 = time.perf_counter(), time.process_time()
    with open(src, encoding="utf-8") as stdin:
        s = ingest(["-"], store, nlp=False, batch_size=batch, stdin=stdin, on_article=tick)
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    store.close()
    assert s.inserted == n, s.to_dict()
    return {"articles": n, "seconds": round(took, 1), "articles_per_s": round(n / took, 1),
            "cpu_s": round(cpu, 1), "articles_per_cpu_s": round(n / cpu, 1),
            "rss_mb_every_10pct": samples, "rss_growth_mb": round(samples[-1] - samples[0], 1) if samples else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--no-dedup", action="store_true")
    ap.add_argument("--detect-language", action="store_true", help="records without a declared language")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    lang = not args.detect_language
    out = {"n": args.n, "batch_size": args.batch_size, "dedup": not args.no_dedup, "detect_language": not lang}
    if "sqlite" in args.backends:
        db = Path(tempfile.mkdtemp(prefix="ng-ingest-")) / "bench.db"
        out["sqlite"] = run(str(db), args.n, args.batch_size, not args.no_dedup, lang)
        out["sqlite"]["db_mb"] = round(db.stat().st_size / 2**20, 1)
        if not args.json:
            print("sqlite    ", out["sqlite"])
    if "postgresql" in args.backends:
        from sqlalchemy import create_engine, text

        schema = f"ng_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.pg.replace("postgresql://", "postgresql+psycopg://", 1))
        try:
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        except Exception as exc:  # noqa: BLE001
            out["postgresql"] = {"skipped": f"unreachable: {str(exc).splitlines()[0]}"}
        else:
            sep = "&" if "?" in args.pg else "?"
            try:
                out["postgresql"] = run(f"{args.pg}{sep}options={quote(f'-csearch_path={schema}')}", args.n,
                                        args.batch_size, not args.no_dedup, lang)
            finally:
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        if not args.json:
            print("postgresql", out["postgresql"])
    if args.json:
        print(json.dumps(out))


if __name__ == "__main__":
    main()
