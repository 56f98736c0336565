"""Fuzz the whole REST API from its OpenAPI schema with schemathesis: no request may get a 5xx.

    pip install schemathesis                      # not a dependency of newsgraph, nor of its tests
    python benchmarks/fuzz_api.py --db news.db    # or without --db: a temp database of examples/corpus
    python benchmarks/fuzz_api.py --max-examples 200 --workers 2

Starts ``newsgraph serve`` on a free loopback port (read-only: the ingest endpoint answers
403, as documented; with ``--token`` writes are on and ingest is fuzzed too, on a copy of the
database), runs ``schemathesis run`` against ``/openapi.json`` with the ``not_a_server_error``
check (positive and negative data; examples, coverage and fuzzing phases), prints
schemathesis's summary and the number of test cases, and exits non-zero on any 5xx.

Measured 2026-11-29 with ``--token fuzz`` (100 examples per operation and phase): 3,683 cases on
the demo database and 3,683 on the XSS corpus database of tests/api/xss_corpus.py, no 5xx.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def demo_db(folder: Path) -> Path:
    from newsgraph.pipeline import ingest
    from newsgraph.store import open_store

    path = folder / "demo.db"
    store = open_store(path)
    try:
        try:
            ingest([str(ROOT / "examples" / "corpus")], store)
        except Exception:  # no NLP model: text only
            ingest([str(ROOT / "examples" / "corpus")], store, nlp=False)
    finally:
        store.close()
    return path


def schemathesis_cli() -> list[str]:
    exe = shutil.which("schemathesis") or str(Path(sys.executable).with_name("schemathesis"))
    if not Path(exe).exists():
        sys.exit("schemathesis is not installed: pip install schemathesis")
    return [exe]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="database to serve (default: a temp database of examples/corpus)")
    ap.add_argument("--max-examples", type=int, default=100, help="test cases per operation and phase (default 100)")
    ap.add_argument("--workers", default="2", help="schemathesis workers (default 2)")
    ap.add_argument("--mode", default="all", choices=["positive", "negative", "all"])
    ap.add_argument("--phases", default="examples,coverage,fuzzing")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    ap.add_argument("--token", help="enable writes with this token and fuzz POST /api/v1/ingest too "
                    "(on a copy of --db)")
    args, extra = ap.parse_known_args()
    cli = schemathesis_cli()
    tmp = Path(tempfile.mkdtemp(prefix="newsgraph-fuzz-"))
    db = Path(args.db) if args.db else demo_db(tmp)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSGRAPH_API_TOKEN", "NEWSGRAPH_RATE_LIMIT")}
    if args.token:  # the fuzzer writes: never to the database given
        if args.db:
            shutil.copy(db, tmp / "copy.db")
            db = tmp / "copy.db"
        env["NEWSGRAPH_API_TOKEN"] = args.token
        extra = ["-H", f"Authorization: Bearer {args.token}", *extra]
    server = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--host", "127.0.0.1",
                               "--port", str(port), "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/v1/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("the server did not start")
        cmd = [*cli, "run", base + "/openapi.json", "--checks", "not_a_server_error", "--mode", args.mode,
               "--phases", args.phases, "--max-examples", str(args.max_examples), "--workers", args.workers,
               "--seed", str(args.seed), "--request-timeout", str(args.timeout), "--generation-database", "none",
               "--no-color", *extra]
        print("$", " ".join(cmd), flush=True)
        t0 = time.time()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        out = proc.stdout + proc.stderr
        print(out[-6000:])
        cases = re.search(r"(\d[\d,]*) generated", out)
        n = int(cases.group(1).replace(",", "")) if cases else None
        print(f"fuzz_api: {n if n is not None else '?'} test cases in {time.time() - t0:.0f} s against {db}, "
              f"schemathesis exit code {proc.returncode}")
        if server.poll() is not None:
            sys.exit("the server died during the run")
        sys.exit(proc.returncode)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
