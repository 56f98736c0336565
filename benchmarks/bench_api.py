"""Benchmark: latency of the main REST API queries on a large synthetic database.

    python benchmarks/bench_api.py generate --db /tmp/bench.db            # 1M quotes, 1M events (minutes)
    python benchmarks/bench_api.py migrate  --db /tmp/bench.db            # apply pending migrations
    python benchmarks/bench_api.py run      --db /tmp/bench.db [--requests 20] [--concurrency 1]

``generate`` builds the database through the real schema (``newsgraph.store.open_store``: all
migrations, full-text tables and their triggers), then bulk-loads synthetic rows with plain
``sqlite3`` (the writer's per-article path would take hours for a million rows): 100,000 articles
over five years, 5,000 actors in 150 countries (a few big ones), 1,000,000 quotes (half by a
Pareto-distributed few speakers, so one speaker has hundreds of thousands), 1,000,000 events with
a source and a target actor each (2,000,000 event roles, 30% with a location), 1,000,000 entity
mentions (an article's quotes never overlap, and about 0.4 actor mentions fall inside each quote); then the API's roll-ups (``newsgraph.store.rollups.rebuild``, as the writer would have
kept them) and ``ANALYZE``. ``migrate`` on a database made before migration 6 fills them too. ``--monitor`` also fills the monitor's daily roll-up
(``newsgraph.monitor.series.refresh``, as ingest does; minutes more, and no API query reads it).

``run`` starts ``newsgraph serve`` on a free loopback port (127.0.0.1 only) with the aggregate
cache off (``NEWSGRAPH_AGGREGATE_CACHE=0``, so every request is computed, as a first request
is), sends each query once (``first``), then ``--requests`` more with an httpx async client at
``--concurrency`` requests in flight, and prints p50/p95 per query. Every query is bounded by
``--max-seconds``. Target: p95 < 100 ms each on SQLite.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta

QUERIES = {
    "quote search, one word": "/api/v1/quotes?q=ceasefire&limit=50",
    "quote search, two words": "/api/v1/quotes?q=ceasefire%20memorandum&limit=50",
    "speaker timeline, typical speaker": "/api/v1/timeline?actor=person:a1234&interval=week",
    "speaker timeline, top speaker": "/api/v1/timeline?actor=person:a0&interval=week",
    "country timeline KGZ": "/api/v1/timeline?country=KGZ&interval=week",
    "country timeline KGZ, one year": "/api/v1/timeline?country=KGZ&interval=week&since=2023-01-01&until=2023-12-31",
    "network, one month": "/api/v1/network?since=2023-03-01&until=2023-03-31",
    # beyond the four: other shapes the dashboard asks for
    "country timeline KGZ by type": "/api/v1/timeline?country=KGZ&interval=week&by=type",
    "network, one month, KGZ": "/api/v1/network?since=2023-03-01&until=2023-03-31&country=KGZ",
    "network, one year": "/api/v1/network?since=2023-01-01&until=2023-12-31",
    # several whole months, partial months at both ends, and a year filtered to a country
    "network, one quarter": "/api/v1/network?since=2023-04-01&until=2023-06-30",
    "network, 2023-01-15 to 2023-06-20": "/api/v1/network?since=2023-01-15&until=2023-06-20",
    "network, one year, KGZ": "/api/v1/network?since=2023-01-01&until=2023-12-31&country=KGZ",
}

COUNTRIES = ["KGZ", "UZB", "KAZ", "RUS", "USA", "CHN", "TJK", "TKM", "AFG", "IRN"] + [f"X{i:02d}" for i in range(140)]
WEIGHTS = [30, 25, 20, 15, 10, 10, 5, 5, 4, 4] + [1] * 140
WORDS = ["water", "dam", "reservoir", "border", "troops", "talks", "agreement", "farmers", "protest", "minister", "president", "sanctions", "trade", "ceasefire", "memorandum", "ambassador", "villages", "evacuated", "aid", "spring", "planting", "electricity", "energy", "army", "police", "deal", "commission", "release", "trucks", "tariffs", "canal", "river", "valley", "dispute", "crisis"]
FILLER = ["the", "of", "and", "to", "in", "that", "we", "our", "will", "not", "be", "is", "are", "for", "on", "with", "this", "they", "have", "it"]
TYPES = [("CONSULT", 1, "040", 1.0), ("AGREE", 1, "030", 3.0), ("AID", 2, "070", 7.0), ("ASSAULT", 4, "190", -10.0),
         ("PROTEST", 3, "140", -6.5), ("THREATEN", 3, "130", -4.4), ("REQUEST", 1, "020", 3.0),
         ("COERCE", 4, "170", -7.0)]


def generate(path: str, *, n_articles: int, n_quotes: int, n_events: int, n_actors: int, seed: int,
             monitor: bool) -> None:
    from newsgraph.store import open_store

    if os.path.exists(path):
        sys.exit(f"{path} exists; remove it first")
    open_store(path).close()  # the real schema, all migrations
    rnd = random.Random(seed)
    t0 = time.time()

    def say(what: str) -> None:
        print(f"{time.time() - t0:7.1f}s {what}", flush=True)

    def words(n: int) -> str:
        return " ".join(rnd.choice(WORDS) if rnd.random() < 0.25 else rnd.choice(FILLER) for _ in range(n))

    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-262144")
    acts = []
    for i in range(n_actors):
        c = rnd.choices(COUNTRIES, WEIGHTS)[0]
        acts.append((f"person:a{i}", f"Actor {i}", c + "GOV", c, "GOV", "person", None))
    con.executemany("INSERT INTO actors (id,name,code,country,sector,kind,title) VALUES (?,?,?,?,?,?,?)", acts)
    first = date(2021, 1, 1)
    published = [None] + [(first + timedelta(days=rnd.randrange(5 * 365))).isoformat() for _ in range(n_articles)]
    con.executemany(
        "INSERT INTO articles (id,key,hash,title,published,authors,language,notes,nlp,text,ingested_at) "
        "VALUES (?,?,?,?,?,'[]','en','[]',1,?,'2026-01-01T00:00:00')",
        ((i, f"k{i}", f"{i:064x}", f"Title {i} " + words(6), published[i], words(120))
         for i in range(1, n_articles + 1)))
    con.execute("INSERT INTO article_stories (article_id, story_id) SELECT id, id FROM articles")
    con.commit()
    say(f"{n_articles:,} articles")

    n_in: dict[int, int] = {}

    def quote_span(a: int) -> tuple[int, int]:
        """The k-th quote of an article spans [240k + 20, 240k + 120): quotes never overlap."""
        k = n_in[a] = n_in.get(a, -1) + 1
        return 240 * k + 20, 240 * k + 120

    def speaker() -> tuple:
        if rnd.random() < 0.5:  # a few very prolific speakers
            return acts[min(int(rnd.paretovariate(1.2)) - 1, n_actors - 1)]
        return acts[rnd.randrange(n_actors)]

    con.executemany(
        "INSERT INTO quotes (id,article_id,kind,content,start,end,cue,cue_start,cue_end,speaker_name,"
        "speaker_mention,speaker_start,speaker_end,speaker_actor_id,speaker_country,published) "
        "VALUES (?,?,?,?,?,?,'said',0,4,?,?,0,5,?,?,?)",
        ((i, a, rnd.choice(("direct", "indirect", "mixed")), words(18), *quote_span(a), s[1], s[1], s[0], s[3],
          published[a]) for i in range(1, n_quotes + 1) for s, a in ((speaker(), rnd.randrange(1, n_articles + 1)),)))
    con.commit()
    say(f"{n_quotes:,} quotes")

    roles: list[tuple] = []

    def event_rows():
        for i in range(1, n_events + 1):
            a = rnd.randrange(1, n_articles + 1)
            etype, quad, cameo, gold = rnd.choice(TYPES)
            src, tgt = acts[rnd.randrange(n_actors)], acts[rnd.randrange(n_actors)]
            loc = rnd.choices(COUNTRIES, WEIGHTS)[0] if rnd.random() < 0.3 else None
            roles.append((i, "source", src[1], src[0], src[2], src[3], src[4]))
            roles.append((i, "target", tgt[1], tgt[0], tgt[2], tgt[3], tgt[4]))
            rec = lambda x: json.dumps([{"text": x[1], "id": x[0], "code": x[2], "country": x[3]}])
            yield (i, a, etype, cameo, quad, gold, published[a], "Place" if loc else None,
                   1000 + rnd.randrange(500) if loc else None, loc,
                   40 + rnd.random() * 10 if loc else None, 60 + rnd.random() * 20 if loc else None,
                   rec(src), rec(tgt))

    con.executemany(
        "INSERT INTO events (id,article_id,type,cameo,quad_class,goldstein,trigger,trigger_start,trigger_end,"
        "sentence_start,sentence_end,date,location_name,location_geonameid,location_country,latitude,longitude,"
        "negated,modality,source,target) VALUES (?,?,?,?,?,?,'met',0,3,0,50,?,?,?,?,?,?,0,'asserted',?,?)",
        event_rows())
    con.executemany("INSERT INTO event_actors (event_id,role,text,actor_id,code,country,sector) "
                    "VALUES (?,?,?,?,?,?,?)", roles)
    con.commit()
    say(f"{n_events:,} events, {len(roles):,} event roles")
    con.executemany(
        "INSERT INTO entities (article_id,text,label,start,end,actor_id,actor_code) VALUES (?,?,'PERSON',?,?,?,?)",
        ((rnd.randrange(1, n_articles + 1), x[1], p, p + 10, x[0], x[2])
         for _ in range(n_quotes) for x, p in ((acts[rnd.randrange(n_actors)], rnd.randrange(2400)),)))
    con.commit()
    say(f"{n_quotes:,} entities")
    con.close()
    rebuild_rollups(path)  # the rows went in behind the writer's back: fill its roll-ups (migration 6)
    say("roll-ups")
    con = sqlite3.connect(path)
    con.execute("ANALYZE")
    con.commit()
    con.close()
    say("ANALYZE")
    if monitor:
        refresh_monitor(path)
        say("monitor roll-up")


def rebuild_rollups(path: str) -> None:
    from newsgraph.store import open_store
    from newsgraph.store.rollups import rebuild

    store = open_store(path)
    try:
        print(rebuild(store.engine), flush=True)
    finally:
        store.close()


def refresh_monitor(path: str) -> None:
    from newsgraph.monitor.series import refresh
    from newsgraph.store import open_store

    store = open_store(path)
    try:
        refresh(store.engine)
    finally:
        store.close()


def migrate(path: str) -> None:
    from newsgraph.store import open_store

    t = time.perf_counter()
    open_store(path).close()  # open_store applies pending migrations
    print(f"migrated in {time.perf_counter() - t:.1f}s")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p * (len(xs) - 1)))]


async def _measure(base: str, names: list[str], requests: int, concurrency: int, max_seconds: float) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        async def timed(url: str) -> float:
            t = time.perf_counter()
            r = await client.get(url)
            ms = (time.perf_counter() - t) * 1000
            if r.status_code != 200:
                raise SystemExit(f"{url}: HTTP {r.status_code} {r.text[:200]}")
            return ms

        print(f"{'query':36} {'first':>8} {'p50 ms':>8} {'p95 ms':>8} {'n':>4}", flush=True)
        for name in names:
            url = QUERIES[name]
            first = await timed(url)
            times: list[float] = []
            deadline = time.perf_counter() + max_seconds
            sem = asyncio.Semaphore(concurrency)

            async def one(url: str, sem: asyncio.Semaphore, deadline: float, times: list[float]) -> None:
                async with sem:
                    if time.perf_counter() < deadline:
                        times.append(await timed(url))

            await asyncio.gather(*(one(url, sem, deadline, times) for _ in range(requests)))
            print(f"{name:36} {first:8.1f} {_pct(times, .5):8.1f} {_pct(times, .95):8.1f} {len(times):4d}",
                  flush=True)


def run(path: str, *, requests: int, concurrency: int, max_seconds: float, only: list[str] | None) -> None:
    import httpx

    port = _free_port()
    env = dict(os.environ, NEWSGRAPH_AGGREGATE_CACHE="0")
    cmd = [sys.executable, "-m", "newsgraph", "serve", "--db", path, "--host", "127.0.0.1", "--port", str(port),
           "--log-level", "warning"]
    server = subprocess.Popen(cmd, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/v1/", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None:
                sys.exit("the server exited")
            time.sleep(0.2)
        else:
            sys.exit("the server did not start")
        names = [n for n in QUERIES if not only or any(o in n for o in only)]
        print(f"{sys.argv[0]} run: {requests} requests per query, {concurrency} in flight, aggregate cache off")
        asyncio.run(_measure(base, names, requests, concurrency, max_seconds))
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate", help="build the synthetic database")
    g.add_argument("--db", required=True)
    g.add_argument("--articles", type=int, default=100_000)
    g.add_argument("--quotes", type=int, default=1_000_000)
    g.add_argument("--events", type=int, default=1_000_000)
    g.add_argument("--actors", type=int, default=5_000)
    g.add_argument("--seed", type=int, default=7)
    g.add_argument("--monitor", action="store_true", help="also fill the monitor's daily roll-up")
    m = sub.add_parser("migrate", help="apply pending migrations to the database")
    m.add_argument("--db", required=True)
    mo = sub.add_parser("monitor", help="refresh the monitor's daily roll-up")
    mo.add_argument("--db", required=True)
    r = sub.add_parser("run", help="measure the queries through newsgraph serve on loopback")
    r.add_argument("--db", required=True)
    r.add_argument("--requests", type=int, default=20)
    r.add_argument("--concurrency", type=int, default=1)
    r.add_argument("--max-seconds", type=float, default=60.0, help="stop sending a query's requests after this")
    r.add_argument("--only", help="comma-separated substrings of query names")
    a = ap.parse_args()
    if a.cmd == "generate":
        generate(a.db, n_articles=a.articles, n_quotes=a.quotes, n_events=a.events, n_actors=a.actors,
                 seed=a.seed, monitor=a.monitor)
    elif a.cmd == "migrate":
        migrate(a.db)
    elif a.cmd == "monitor":
        refresh_monitor(a.db)
    else:
        run(a.db, requests=a.requests, concurrency=a.concurrency, max_seconds=a.max_seconds,
            only=a.only.split(",") if a.only else None)


if __name__ == "__main__":
    main()
