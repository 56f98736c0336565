"""Sustained load on ``newsgraph serve`` over loopback: many concurrent clients, a mix of the main queries.

    python benchmarks/bench_load.py --db /tmp/demo.db --clients 200 --seconds 60
    python benchmarks/bench_load.py --url http://127.0.0.1:8000 --clients 50 --seconds 20   # a running server

Starts ``newsgraph serve`` on a free port (unless ``--url``), picks real parameters from the
database through the API (top actors, countries, words from quotes, the date range), then runs
``--clients`` httpx async clients (split over ``--procs`` processes) that each send one request
after another, drawn from a weighted mix (lists, full-text search, actor and country timelines,
the network of a month, the map layer, search, an actor profile, two dashboard pages; on the
benchmark database of bench_api.py also its QUERIES), for ``--seconds``. Reports requests/s,
errors (non-2xx, timeouts, connection errors) and p50/p95/p99 latency overall and per query.
The aggregate cache is on, as in production (``--no-cache`` turns it off).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import random
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(base: str, path: str):
    with urllib.request.urlopen(base + path, timeout=120) as r:
        return json.loads(r.read())


def build_mix(base: str) -> list[tuple[str, str, int]]:
    """(name, url, weight) from what the database holds."""
    q = urllib.parse.quote
    actors = [a["id"] for a in _get(base, "/api/v1/actors?limit=20")["items"]] or ["person:nobody"]
    countries = [c.get("country") or c.get("code") for c in _get(base, "/api/v1/countries")["items"]]
    countries = [c for c in countries if c and c.isalpha()][:10] or ["KGZ"]
    stats = _get(base, "/api/v1/stats")
    words = set()
    for item in _get(base, "/api/v1/quotes?limit=100")["items"]:
        words.update(w.strip(".,;:!?\"'“”").lower() for w in item["content"].split() if len(w) > 5)
    words = sorted(w for w in words if w.isalpha())[:30] or ["water"]
    rng = stats.get("published_range") or []
    month = str(rng[-1] if rng and rng[-1] else "2025-03")[:7]
    mix = [
        ("quotes, newest", "/api/v1/quotes?limit=50", 10),
        ("quotes, full text", [f"/api/v1/quotes?q={q(w)}&limit=50" for w in words], 10),
        ("quotes by speaker", [f"/api/v1/quotes?actor={q(a, safe=':')}&limit=50" for a in actors], 8),
        ("events, country", [f"/api/v1/events?country={c}&limit=50" for c in countries], 8),
        ("timeline, actor", [f"/api/v1/timeline?actor={q(a, safe=':')}&interval=week" for a in actors], 8),
        ("timeline, country", [f"/api/v1/timeline?country={c}&interval=week" for c in countries], 8),
        ("network, month", f"/api/v1/network?since={month}&until={month}", 4),
        ("map layer", "/api/v1/map/events", 4),
        ("search", [f"/api/v1/search?q={q(w)}&limit=10" for w in words], 6),
        ("actor profile", [f"/api/v1/actors/{q(a, safe=':')}" for a in actors], 6),
        ("articles", "/api/v1/articles?limit=20", 6),
        ("page: home", "/", 3),
        ("page: quotes", "/quotes", 3),
    ]
    if "person:a0" in actors:  # the 1M-row benchmark database (bench_api.py generate)
        from bench_api import QUERIES

        mix += [(f"bench: {k}", v, 3) for k, v in QUERIES.items()]
    return mix


async def _clients(base: str, mix, n: int, seconds: float, timeout: float, seed: int) -> dict:
    import httpx

    rnd = random.Random(seed)
    names = [m[0] for m in mix]
    weights = [m[2] for m in mix]
    lat: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
        async def one_client() -> None:
            while time.perf_counter() < deadline:
                i = rnd.choices(range(len(mix)), weights)[0]
                urls = mix[i][1]
                url = rnd.choice(urls) if isinstance(urls, list) else urls
                t0 = time.perf_counter()
                try:
                    r = await client.get(url)
                    await r.aread()
                    ok = 200 <= r.status_code < 300
                    key = names[i] if ok else f"{names[i]}: HTTP {r.status_code}"
                except (httpx.HTTPError, OSError) as exc:
                    ok, key = False, f"{names[i]}: {type(exc).__name__}"
                dt = (time.perf_counter() - t0) * 1000
                if ok:
                    lat[names[i]].append(dt)
                else:
                    errors[key] += 1
                    lat["_errors"].append(dt)
        await asyncio.gather(*(one_client() for _ in range(n)))
    return {"lat": dict(lat), "errors": dict(errors)}


def _proc(args) -> dict:
    return asyncio.run(_clients(*args))


def pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def report(results: list[dict], seconds: float, clients: int, db: str | None) -> dict:
    lat: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    for r in results:
        for k, v in r["lat"].items():
            lat[k] += v
        for k, v in r["errors"].items():
            errors[k] += v
    ok = [x for k, v in lat.items() if k != "_errors" for x in v]
    n_err = sum(errors.values())
    total = len(ok) + n_err
    print(f"\n{clients} clients, {seconds:.0f} s, db={db}")
    print(f"requests {total}  ({total / seconds:.1f} req/s)   ok {len(ok)}   errors {n_err}")
    print(f"latency ms: p50 {pct(ok, .5):.1f}   p95 {pct(ok, .95):.1f}   p99 {pct(ok, .99):.1f}   "
          f"max {max(ok or [0]):.1f}")
    print(f"\n{'query':40} {'n':>7} {'p50':>8} {'p95':>8} {'p99':>8}")
    for k in sorted(k for k in lat if k != "_errors"):
        v = lat[k]
        print(f"{k:40} {len(v):7d} {pct(v, .5):8.1f} {pct(v, .95):8.1f} {pct(v, .99):8.1f}")
    for k, v in sorted(errors.items()):
        print(f"error  {k}: {v}")
    return {"requests": total, "rps": total / seconds, "errors": n_err, "p50": pct(ok, .5), "p95": pct(ok, .95),
            "p99": pct(ok, .99)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="database to serve")
    ap.add_argument("--url", help="load an already running server instead")
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--procs", type=int, default=1, help="client processes (the clients are split over them)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per request before it counts as an error")
    ap.add_argument("--server-workers", type=int, default=1, help="newsgraph serve --workers N")
    ap.add_argument("--no-cache", action="store_true", help="NEWSGRAPH_AGGREGATE_CACHE=0 on the server")
    ap.add_argument("--json", help="also write the summary here")
    args = ap.parse_args()
    if not (args.db or args.url):
        ap.error("give --db or --url")
    server = None
    base = args.url
    if not base:
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if k != "NEWSGRAPH_RATE_LIMIT"}
        if args.no_cache:
            env["NEWSGRAPH_AGGREGATE_CACHE"] = "0"
        server = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", args.db, "--host", "127.0.0.1",
                                   "--port", str(port), "--log-level", "warning",
                                   "--workers", str(args.server_workers)], env=env)
        base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                _get(base, "/api/v1/stats")
                break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("the server did not answer")
        mix = build_mix(base)
        print(f"mix: {', '.join(f'{m[0]} ×{m[2]}' for m in mix)}", flush=True)
        per = [args.clients // args.procs + (1 if i < args.clients % args.procs else 0) for i in range(args.procs)]
        jobs = [(base, mix, n, args.seconds, args.timeout, i) for i, n in enumerate(per)]
        t0 = time.perf_counter()
        if args.procs == 1:
            results = [_proc(jobs[0])]
        else:
            with mp.get_context("spawn").Pool(args.procs) as pool:
                results = pool.map(_proc, jobs)
        elapsed = time.perf_counter() - t0
        summary = report(results, elapsed, args.clients, args.db or args.url)
        if server is not None and server.poll() is not None:
            print("the server died during the run")
            summary["server_died"] = True
        if args.json:
            Path(args.json).write_text(json.dumps({**summary, "clients": args.clients, "seconds": elapsed,
                                                   "db": args.db or args.url}, indent=2))
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
