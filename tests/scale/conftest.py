"""Fixtures for the at-scale features: a real PostgreSQL server (an isolated schema per
test), a local HTTP server on 127.0.0.1 serving feeds and pages, and synthetic articles.

PostgreSQL: ``$NEWSGRAPH_TEST_PG`` if set, else postgresql://postgres@127.0.0.1:5432/test,
else the same as user root. Tests needing it skip, saying why, only where no server answers.
Tests marked ``slow`` run with ``NEWSGRAPH_RUNSLOW=1``.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"
PG_CANDIDATES = [
    os.environ.get("NEWSGRAPH_TEST_PG", ""),
    "postgresql://postgres@127.0.0.1:5432/test",
    "postgresql://root@127.0.0.1:5432/test",
]


def pytest_collection_modifyitems(config, items):
    if os.environ.get("NEWSGRAPH_RUNSLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow: run with NEWSGRAPH_RUNSLOW=1")
    for item in items:
        if "slow" in item.keywords and "scale" in str(item.fspath):
            item.add_marker(skip)


# ---------------------------------------------------------------- PostgreSQL

_pg_base: list = []


def _pg_server() -> str:
    """The first PostgreSQL URL that answers, or a skip with the reasons."""
    if _pg_base:
        if isinstance(_pg_base[0], str):
            return _pg_base[0]
        pytest.skip(_pg_base[0][0])
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _pg_base.append(("PostgreSQL tests need psycopg: pip install 'psycopg[binary]'",))
        pytest.skip(_pg_base[0][0])
    from sqlalchemy import create_engine, text

    reasons = []
    for url in filter(None, PG_CANDIDATES):
        eng = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1),
                            connect_args={"connect_timeout": 3})
        try:
            with eng.connect() as conn:
                conn.execute(text("SELECT 1"))
            _pg_base.append(url)
            return url
        except Exception as exc:  # noqa: BLE001
            reasons.append(f"{url}: {str(exc).splitlines()[0]}")
        finally:
            eng.dispose()
    _pg_base.append(("no PostgreSQL server reachable (" + "; ".join(reasons) + ")",))
    pytest.skip(_pg_base[0][0])


@pytest.fixture
def pg_url():
    """A URL whose connections live in a fresh schema, dropped after the test."""
    base = _pg_server()
    from sqlalchemy import create_engine, text

    schema = f"ng_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


from scale_helpers import page_html, story_text  # noqa: E402


# ---------------------------------------------------------------- HTTP server

class Site:
    """What the local server serves and what it saw."""

    def __init__(self):
        self.pages: dict[str, tuple[int, str, bytes, dict]] = {}
        self.requests: list[tuple[float, str, dict]] = []
        self.fail_first: dict[str, int] = {}  # path -> how many 503s before success
        self.delay: dict[str, float] = {}
        self.lock = threading.Lock()
        self.base = ""

    def add(self, path: str, body: str | bytes, ctype: str = "text/html; charset=utf-8", status: int = 200,
            headers: dict | None = None) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.pages[path] = (status, ctype, data, headers or {})
        return self.base + path

    def add_article(self, path: str, title: str, seed: int, text: str | None = None) -> str:
        return self.add(path, page_html(title, text or story_text(seed)))

    def add_feed(self, path: str, links: list[tuple[str, str]], etag: str | None = None) -> str:
        items = "".join(
            f"<item><title>{t}</title><link>{u}</link><guid>{u}</guid>"
            f"<pubDate>{formatdate(1741161600 + i * 3600, usegmt=True)}</pubDate></item>"
            for i, (t, u) in enumerate(links))
        rss = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test feed</title>'
               f"<link>{self.base}/</link><description>t</description>{items}</channel></rss>")
        return self.add(path, rss, "application/rss+xml", headers={"ETag": etag} if etag else None)

    def hits(self, path: str) -> list[tuple[float, str, dict]]:
        return [r for r in self.requests if r[1] == path]


@pytest.fixture
def site():
    s = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):  # noqa: N802
            path = self.path.split("?")[0]
            with s.lock:
                s.requests.append((time.monotonic(), path, dict(self.headers)))
                left = s.fail_first.get(path, 0)
                if left:
                    s.fail_first[path] = left - 1
            if path in s.delay:
                time.sleep(s.delay[path])
            if left:
                self.send_response(503)
                self.send_header("Retry-After", "0")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if path not in s.pages:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, ctype, data, headers = s.pages[path]
            etag = headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield s
    server.shutdown()
    server.server_close()
