"""Fuzz harness: many generated adversarial inputs through the readers, ``newsgraph.analyze``,
the feed parser and the store; reports inputs tried, failures, max time per document, peak memory.

    python benchmarks/fuzz_inputs.py [--examples 500] [--seed 1] [--budget 20] [--json]

Input kinds (chosen at random, seeded): plain text and raw strings with every quote-mark
pattern, control characters, bidi marks, mixed scripts and giant lines; malformed and deeply
nested HTML in several encodings; malformed JSON Lines; truncated/corrupt gzip of each; damaged
WARC files; gzip bombs (every 100th input); huge and malformed RSS/Atom feeds (through
``feeds.poll`` with a mock HTTP transport). A *failure* is any of: an exception escaping a
reader, ``analyze`` or the store; a document over the per-document time budget (enforced with
SIGALRM); an offset pair that does not slice the text (docs/output.md); a ReaderError whose
reason is not one line, or that comes from the readers' safety net ("unexpected …").
Generators and the offset checker live in ``tests/hardening/fuzzlib.py`` (shared with the tests).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hardening"))

import fuzzlib  # noqa: E402


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_now_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            return next(int(x.split()[1]) for x in fh if x.startswith("VmRSS:")) / 1024
    except (OSError, StopIteration):
        return 0.0


def make_input(rng: random.Random, i: int, tmp: Path) -> tuple[str, object]:
    """(kind, path or raw string) for input number ``i``."""
    if i % 100 == 99:
        p = tmp / f"{i}.txt.gz"
        p.write_bytes(fuzzlib.gzip_bomb(rng.choice([64, 256]) * 1024 * 1024))
        return "gzip-bomb", p
    k = rng.choices(["raw", "text", "html", "jsonl", "gzip", "warc", "feed"], [3, 2, 3, 2, 1, 1, 1])[0]
    if k == "raw":
        return k, fuzzlib.adversarial_text(rng)
    if k == "text":
        p = tmp / f"{i}.txt"
        p.write_bytes(fuzzlib.adversarial_text(rng).encode("utf-8", errors="surrogatepass"))
    elif k == "html":
        p = tmp / f"{i}.html"
        p.write_bytes(fuzzlib.adversarial_html(rng))
    elif k == "jsonl":
        p = tmp / f"{i}.jsonl"
        p.write_bytes(fuzzlib.adversarial_jsonl(rng))
    elif k == "gzip":
        inner = rng.choice(["txt", "html", "jsonl"])
        payload = {"txt": lambda: fuzzlib.quote_text(rng).encode(), "html": lambda: fuzzlib.adversarial_html(rng),
                   "jsonl": lambda: fuzzlib.adversarial_jsonl(rng)}[inner]()
        p = tmp / f"{i}.{inner}.gz"
        p.write_bytes(fuzzlib.corrupt_gzip(rng, payload) if rng.random() < 0.7 else gzip.compress(payload))
    elif k == "warc":
        p = tmp / f"{i}.warc{'.gz' if rng.random() < 0.5 else ''}"
        fuzzlib.warc_bytes(rng, p)
    else:
        p = tmp / f"{i}.xml"
        p.write_bytes(fuzzlib.adversarial_feed(rng, items=rng.choice([50, 2000, 20000])))
    return k, p


def _page_transport():
    import httpx

    body = ("<html><body><article><p>\u201cWe will not accept this,\u201d the minister said on Monday.</p>"
            "<p>Troops from Russia met officials from Kazakhstan.</p></article></body></html>")
    return httpx.MockTransport(lambda req: httpx.Response(200, text=body, headers={"content-type": "text/html"}))


def run_one(kind: str, src, *, store, budget: float, per_kb: float, max_bytes: int) -> tuple[list[str], int]:
    """Failures of one input (empty when it passed) and the number of articles analysed."""
    from newsgraph import analyze
    from newsgraph.readers import Article, ReaderError, iter_articles

    fails: list[str] = []
    n = 0
    feed_kb = src.stat().st_size / 1000 if kind == "feed" else 0
    with fuzzlib.budget(budget + 0.02 * feed_kb):  # feedparser: ~10 ms per KB on a busy machine
        if kind == "feed":
            from newsgraph.feeds import FetchSettings, Fetcher, poll

            settings = FetchSettings(per_host_delay=0, retries=0, timeout=5, max_items=20)
            with Fetcher(settings, transport=_page_transport()) as f:
                summary, arts = poll(f, [str(src)], store)
            for e in summary.failures:
                if "\n" in e.reason:
                    fails.append(f"feed failure reason is not one line: {e.reason[:200]!r}")
            items = arts
        elif kind == "raw":
            # every other raw text goes to analyze() as a string (path check, language detection),
            # the others as an Article with the NLP forced (English)
            items = ([src] if len(src) % 2 else [Article(text=src, language="en")]) if src.strip() else []
        else:
            items = list(iter_articles([src], max_bytes=max_bytes))
        arts = []
        for it in items:
            if isinstance(it, ReaderError):
                if "\n" in it.reason or not it.path:
                    fails.append(f"reader error not one line / no path: {it!r}"[:300])
                if it.reason.startswith("unexpected "):
                    fails.append(f"reader safety net caught a bug: {it.reason[:300]}")
            elif isinstance(it, (Article, str)):
                arts.append(it)
    results = []
    for a in arts:  # parse time grows with the token count: the budget is per document and per KB
        with fuzzlib.budget(budget + per_kb * len(getattr(a, "text", a)) / 1000):
            results.append(analyze(a))
    with fuzzlib.budget(budget):
        for r in results:
            n += 1
            fails += fuzzlib.check_result(r)
        if results and store is not None:
            store.write(results)
    return fails, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--examples", type=int, default=300, help="number of inputs (default 300)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--budget", type=float, default=20.0, help="seconds allowed per input (default 20)")
    ap.add_argument("--budget-per-kb", type=float, default=1.5,
                    help="extra seconds per KB of article text for the NLP (default 1.5)")
    ap.add_argument("--max-bytes", type=int, default=20 * 1024 * 1024)
    ap.add_argument("--max-rss-mb", type=float, default=3000.0, help="fail above this peak RSS")
    ap.add_argument("--no-store", action="store_true", help="do not write the results to a SQLite store")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (always kept after a failure)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    from newsgraph.nlp import load_nlp
    from newsgraph.store import open_store

    load_nlp(None)  # the object analyze() uses (lru_cache keys on the arguments)
    rss_start = _rss_mb()
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="ng-fuzz-"))
    store = None if args.no_store else open_store(tmp / "fuzz.db")
    feed_store = store or open_store(tmp / "feeds.db")  # feeds.poll looks up the links it knows
    failures: list[dict] = []
    by_kind: dict[str, int] = {}
    max_t, max_kind, docs = 0.0, None, 0
    t_all = time.perf_counter()
    rss_samples: list[float] = []
    for i in range(args.examples):
        if i == args.examples // 10 or i == args.examples - 1:
            rss_samples.append(round(_rss_now_mb(), 1))  # current RSS: a leak grows between the two
        kind, src = make_input(rng, i, tmp)
        by_kind[kind] = by_kind.get(kind, 0) + 1
        t0 = time.perf_counter()
        try:
            fails, n = run_one(kind, src, store=feed_store if kind == "feed" else store, budget=args.budget,
                               per_kb=args.budget_per_kb, max_bytes=args.max_bytes)
            docs += n
        except fuzzlib.Overtime as exc:
            fails = [str(exc)]
        except Exception as exc:  # noqa: BLE001 - that is what we are looking for
            fails = [f"{type(exc).__name__}: {exc}"[:300] + " | " + traceback.format_exc().splitlines()[-3].strip()]
        took = time.perf_counter() - t0
        if took > max_t:
            max_t, max_kind = took, kind
        if fails:
            saved = None
            if isinstance(src, Path):
                saved = str(src)
            else:
                saved = str(tmp / f"{i}.raw.txt")
                Path(saved).write_text(src, encoding="utf-8", errors="surrogatepass")
            failures.append({"input": i, "kind": kind, "file": saved, "problems": fails[:5]})
            if args.verbose:
                print(f"FAIL {i} {kind} {saved}: {fails[:3]}", file=sys.stderr)
        elif isinstance(src, Path) and kind != "gzip-bomb":
            src.unlink(missing_ok=True)
        elif kind == "gzip-bomb":
            src.unlink(missing_ok=True)
    peak = _rss_mb()
    out = {
        "inputs": args.examples, "seed": args.seed, "by_kind": by_kind, "articles_analysed": docs,
        "failures": len(failures), "max_seconds_per_input": round(max_t, 2), "slowest_kind": max_kind,
        "budget_seconds": f"{args.budget:g} + {args.budget_per_kb:g}/KB of text",
        "total_seconds": round(time.perf_counter() - t_all, 1),
        "peak_rss_mb": round(peak, 1), "rss_growth_after_model_mb": round(peak - rss_start, 1),
        "rss_now_at_10pct_and_end_mb": rss_samples,
        "failed_inputs": failures[:20], "kept_in": str(tmp),
    }
    if peak > args.max_rss_mb:
        out["failures"] += 1
        out["memory"] = f"peak RSS {peak:.0f} MB over {args.max_rss_mb:.0f} MB"
    if store is not None:
        from newsgraph.store.queries import stats

        out["stored"] = stats(store.engine)["articles"]
        store.close()
    if not failures and not args.keep:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        out["kept_in"] = None
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        for k, v in out.items():
            print(f"{k}: {v}")
    return 1 if out["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
