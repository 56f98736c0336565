"""The rate limit holds across worker processes: ``serve --workers 2`` shares one set of buckets,
so a client gets the burst once, not once per process."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from newsgraph.api.limits import SharedTokenBuckets
from newsgraph.model import AnalyzedArticle, Article
from newsgraph.store import open_store


def test_shared_buckets_are_shared_between_instances(tmp_path):
    now = [1000.0]
    path = str(tmp_path / "b.sqlite")
    a = SharedTokenBuckets(path, rate=1.0, burst=3, clock=lambda: now[0])
    b = SharedTokenBuckets(path, rate=1.0, burst=3, clock=lambda: now[0])  # a second process's view
    assert [a.take("1.2.3.4"), b.take("1.2.3.4"), a.take("1.2.3.4")] == [0.0, 0.0, 0.0]
    assert b.take("1.2.3.4") > 0  # the burst is spent, whichever instance asks
    assert a.take("5.6.7.8") == 0.0  # other clients have their own bucket
    now[0] += 1.0
    assert b.take("1.2.3.4") == 0.0  # one token back after a second


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_workers_let_the_burst_through_once(tmp_path):
    db = tmp_path / "w.db"
    store = open_store(db)
    store.write([AnalyzedArticle(article=Article(text="A short note for the rate test.", id="a1", language="en"))])
    store.close()
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port),
                             "--workers", "2", "--rate-limit", "0.2", "--rate-burst", "6"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/api/v1/stats"
        deadline = time.time() + 60
        while True:  # wait for the workers (these requests are not counted below)
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail("the server did not start")
                time.sleep(0.3)
        time.sleep(6)  # the probe above took one token: 0.2 tokens/s give it back in 5 s
        codes = []
        for _ in range(20):  # a new connection each time: the requests spread over both processes
            try:
                with urllib.request.urlopen(url, timeout=10) as r:
                    codes.append(r.status)
            except urllib.error.HTTPError as e:
                codes.append(e.code)
        ok = codes.count(200)
        assert 5 <= ok <= 7, codes  # the burst once (each process alone would let 6 through)
        assert codes.count(429) == len(codes) - ok
    finally:
        proc.terminate()
        proc.wait(timeout=30)
