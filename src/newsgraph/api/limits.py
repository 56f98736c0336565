"""Security headers, request-size limit, per-client rate limit and the write guard: one ASGI middleware.

Pure ASGI (no ``BaseHTTPMiddleware``), so that it sees every response, streamed
ones included, and can refuse a request before the application reads its body:

* **headers**: the strict Content-Security-Policy and the usual security headers on
  every response (``Cache-Control: no-store`` under ``/api/`` unless the route set one);
* **size**: a request whose ``Content-Length`` is over ``max_body_bytes`` gets ``413`` at
  once; a request without one (chunked) is counted as it is read and cut off with
  ``413`` as soon as it passes the limit;
* **rate**: a token bucket per client IP (``rate`` requests per second, ``burst`` at
  once); an empty bucket gets ``429`` with ``Retry-After``. Off unless configured;
* **errors**: an unhandled exception still gets a JSON ``500`` with the headers (then is logged);
* **writes**: a write route (``POST /api/v1/ingest``) without the right token is refused
  (``403``/``401``) before a byte of its body is read.

Configured by :func:`newsgraph.api.create_app`'s arguments or the environment:
``NEWSGRAPH_MAX_BODY_BYTES`` (default 100 MiB; ``0`` = no limit), ``NEWSGRAPH_RATE_LIMIT``
(requests per second per client IP; default ``0`` = off) and ``NEWSGRAPH_RATE_BURST``
(default: twice the rate, at least 10). The client IP is the peer address of the
connection (``newsgraph serve`` does not trust ``X-Forwarded-For``).
"""

from __future__ import annotations

import hmac
import json
import math
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable

from starlette.exceptions import HTTPException as StarletteHTTPException

from ..settings import load as load_settings

MAX_BODY_ENV = "NEWSGRAPH_MAX_BODY_BYTES"  # read by newsgraph.settings
RATE_ENV = "NEWSGRAPH_RATE_LIMIT"
BURST_ENV = "NEWSGRAPH_RATE_BURST"
DEFAULT_MAX_BODY = 100 * 1024 * 1024

# No inline script or style anywhere: every script and stylesheet is a file served by this process.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=(), payment=()",
}
_RAW_HEADERS = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]

# routes that change the database: the token is checked before their body is read
WRITE_PATHS = ("/api/v1/ingest",)


@dataclass(frozen=True)
class Limits:
    """``max_body_bytes``: 0 = unlimited; ``rate``: requests/s per client IP, 0 = off."""

    max_body_bytes: int = DEFAULT_MAX_BODY
    rate: float = 0.0
    burst: float = 0.0
    rate_state: str | None = None  # a SQLite file shared by worker processes (serve --workers N)

    @classmethod
    def from_env(cls, max_body_bytes: int | None = None, rate: float | None = None,
                 burst: float | None = None, rate_state: str | None = None) -> "Limits":
        s = load_settings()  # $NEWSGRAPH_MAX_BODY_BYTES, $NEWSGRAPH_RATE_LIMIT, $NEWSGRAPH_RATE_BURST, config file
        if max_body_bytes is None:
            max_body_bytes = DEFAULT_MAX_BODY if s.max_body_bytes is None else s.max_body_bytes
        if rate is None:
            rate = s.rate_limit or 0.0
        if burst is None:
            burst = s.rate_burst or 0.0
        if rate and not burst:
            burst = max(10.0, 2 * rate)
        return cls(max_body_bytes=int(max_body_bytes), rate=float(rate), burst=float(burst), rate_state=rate_state)


class TokenBuckets:
    """One token bucket per key (client IP); the least recently seen keys are forgotten first."""

    def __init__(self, rate: float, burst: float, *, max_keys: int = 65536,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate, self.burst, self.max_keys, self.clock = rate, max(burst, 1.0), max_keys, clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str) -> float:
        """Take one token: 0.0 when allowed, else the seconds until a token is back."""
        now = self.clock()
        tokens, last = self._buckets.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        wait = 0.0
        if tokens >= 1.0:
            tokens -= 1.0
        else:
            wait = (1.0 - tokens) / self.rate
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return wait


class SharedTokenBuckets:
    """:class:`TokenBuckets` kept in a small SQLite file, so that every worker process of
    ``serve --workers N`` takes from the same buckets (a client gets ``burst`` requests in all, not
    ``burst`` per process). Each take is one short ``BEGIN IMMEDIATE`` transaction; the clock is the
    wall clock, which all processes share. Keys not seen for an hour are dropped now and then."""

    def __init__(self, path: str, rate: float, burst: float, *, clock: Callable[[], float] = time.time) -> None:
        import sqlite3

        self.rate, self.burst, self.clock, self.path = rate, max(burst, 1.0), clock, path
        self._conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=OFF")  # losing a bucket on a crash costs nothing
        self._conn.execute("CREATE TABLE IF NOT EXISTS buckets (key TEXT PRIMARY KEY, tokens REAL, last REAL)")
        self._lock = __import__("threading").Lock()
        self._takes = 0

    def take(self, key: str) -> float:
        """Take one token: 0.0 when allowed, else the seconds until a token is back."""
        with self._lock:
            c = self._conn
            c.execute("BEGIN IMMEDIATE")
            try:
                now = self.clock()
                row = c.execute("SELECT tokens, last FROM buckets WHERE key = ?", (key,)).fetchone()
                tokens, last = row if row else (self.burst, now)
                tokens = min(self.burst, tokens + max(0.0, now - last) * self.rate)
                wait = 0.0
                if tokens >= 1.0:
                    tokens -= 1.0
                else:
                    wait = (1.0 - tokens) / self.rate
                c.execute("INSERT INTO buckets (key, tokens, last) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE "
                          "SET tokens = excluded.tokens, last = excluded.last", (key, tokens, now))
                self._takes += 1
                if self._takes % 10_000 == 0:
                    c.execute("DELETE FROM buckets WHERE last < ?", (now - 3600,))
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
            return wait


class BodyTooLarge(StarletteHTTPException):
    """Raised by ``receive`` when the body passes the limit (an HTTPException, so FastAPI's body
    parsing lets it through as a 413 instead of turning it into a 400)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit} bytes", headers={"Connection": "close"})


def token_problem(headers: dict[str, str], expected: str | None) -> tuple[int, str] | None:
    """Why a write request is refused (status, detail), or None when it carries the right token."""
    if not expected:
        return 403, ("write endpoints are disabled: start the server with --token or NEWSGRAPH_API_TOKEN "
                     "to enable them")
    auth = headers.get("authorization", "")
    given = auth[7:].strip() if auth.lower().startswith("bearer ") else headers.get("x-api-token", "")
    if not given or not hmac.compare_digest(given.encode("utf-8", "surrogateescape"),
                                            expected.encode("utf-8", "surrogateescape")):
        return 401, "missing or wrong API token"
    return None


class HardeningMiddleware:
    """See the module docstring. ``token`` is read from ``app.state.token`` at request time."""

    def __init__(self, app: Any, limits: Limits, state: Any = None) -> None:
        self.app = app
        self.limits = limits
        self.state = state
        self.buckets = None
        if limits.rate > 0:
            self.buckets = (SharedTokenBuckets(limits.rate_state, limits.rate, limits.burst) if limits.rate_state
                            else TokenBuckets(limits.rate, limits.burst))

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        api = path.startswith("/api/")
        started = False

        async def send_with_headers(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                have = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in _RAW_HEADERS if k not in have]
                if api and b"cache-control" not in have:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        if self.buckets is not None:
            client = scope.get("client")
            wait = self.buckets.take(client[0] if client else "-")
            if wait > 0:
                retry = str(max(1, math.ceil(wait)))
                await _reply(send_with_headers, 429, "too many requests: slow down", [(b"retry-after", retry.encode())])
                return

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if path.rstrip("/") in WRITE_PATHS and scope.get("method") not in ("GET", "HEAD", "OPTIONS"):
            problem = token_problem(headers, getattr(self.state, "token", None) if self.state is not None else None)
            if problem is not None:
                extra = [(b"www-authenticate", b"Bearer")] if problem[0] == 401 else []
                await _reply(send_with_headers, problem[0], problem[1], extra, close=True)
                return

        limit = self.limits.max_body_bytes
        if limit:
            length = headers.get("content-length")
            if length is not None:
                try:
                    too_big = int(length) > limit
                except ValueError:
                    await _reply(send_with_headers, 400, "bad Content-Length", close=True)
                    return
                if too_big:
                    await _reply(send_with_headers, 413, f"request body larger than {limit} bytes", close=True)
                    return
            received = 0
            inner_receive = receive

            async def receive():  # noqa: F811 - counts what the app reads
                nonlocal received
                message = await inner_receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > limit:
                        raise BodyTooLarge(limit)
                return message

        try:
            await self.app(scope, receive, send_with_headers)
        except BodyTooLarge:
            if started:
                raise
            await _reply(send_with_headers, 413, f"request body larger than {limit} bytes", close=True)
        except Exception:
            # an unhandled error: answer 500 here, with the headers (Starlette's own 500 comes from
            # the outermost middleware, outside this one), then let it propagate to be logged
            if not started:
                await _reply(send_with_headers, 500, "internal server error", close=True)
            raise


async def _reply(send, status: int, detail: str, extra: list[tuple[bytes, bytes]] = (), *,
                 close: bool = False) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *extra]
    if close:  # the client may still be sending a body we will not read
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
