"""The FastAPI application: REST API under ``/api/v1`` and the dashboard, in one process.

    >>> from newsgraph.api import create_app
    >>> app = create_app("news.db")                      # doctest: +SKIP
    >>> app = create_app("news.db", token="s3cret")      # enables POST /api/v1/ingest  # doctest: +SKIP

Read-only by default. Write endpoints need a token, given here or in the
environment (``NEWSGRAPH_API_TOKEN``); requests send it as
``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import logging
import os

from fastapi import FastAPI, Request
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import TimeoutError as PoolTimeout
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from .. import __version__
from .limits import CSP, SECURITY_HEADERS, HardeningMiddleware, Limits  # noqa: F401  (CSP, headers re-exported)
from ..store.db import Store, StoreError, open_store
from ..store.filters import message_for
from ..errors import NewsgraphError, http_status
from ..options import StageOptions
from ..settings import load as load_settings
from . import docs
from .routes import router
from .web import error_page, install

logger = logging.getLogger(__name__)

TOKEN_ENV = "NEWSGRAPH_API_TOKEN"
DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024

# the security headers, the size and rate limits and the write guard: limits.py (one ASGI middleware)


def create_app(db, *, token: str | None = None, max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
               dashboard: bool = True, create: bool = False, max_body_bytes: int | None = None,
               rate_limit: float | None = None, rate_burst: float | None = None,
               rate_state: str | None = None, options: StageOptions | None = None) -> FastAPI:
    """Build the app over the database ``db`` (a path, a URL or an open ``Store``).

    ``token``: enables the write endpoints (default: ``$NEWSGRAPH_API_TOKEN``; empty = read-only).
    ``create``: create the database when missing (default: it must exist).
    ``max_body_bytes``: larger request bodies get 413 (default ``$NEWSGRAPH_MAX_BODY_BYTES`` or
    100 MiB; 0 = no limit). ``rate_limit``/``rate_burst``: requests per second per client IP and
    the burst allowed (default ``$NEWSGRAPH_RATE_LIMIT``/``$NEWSGRAPH_RATE_BURST``; 0 = off).
    ``rate_state``: a file where the rate limit's buckets live, shared by processes (``serve``
    sets it when it runs several workers); in memory when None. ``options``: the stages' data and
    models for uploads (default: the settings' ``[stages]``, ``newsgraph.options``).
    """
    store = db if isinstance(db, Store) else open_store(db, create=create)
    if token is None:
        token = load_settings().api_token  # $NEWSGRAPH_API_TOKEN or the config file
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        summary="Quotes, events, actors and places extracted from news, each linked to its evidence.",
        description=("Read-only unless a token is configured. Lists use keyset pagination: pass the "
                     "`next_cursor` of a page as `cursor` to get the next one. See docs/api.md."),
        docs_url=None, redoc_url=None,  # FastAPI's own /docs loads from a CDN: ours is in docs.py
        openapi_url="/openapi.json",
    )
    app.state.store = store  # migrations and writes (ingest)
    app.state.read_engine = read_engine(store)  # every read
    app.state.token = token
    app.state.max_upload_bytes = max_upload_bytes
    app.state.stage_options = options if options is not None else load_settings().stages

    limits = Limits.from_env(max_body_bytes, rate_limit, rate_burst, rate_state)
    app.state.limits = limits
    app.add_middleware(HardeningMiddleware, limits=limits, state=app.state)

    @app.exception_handler(NewsgraphError)
    async def _coded_error(request: Request, exc: NewsgraphError):
        # every coded error (a bad parameter: E4xx; the store: E3xx …) gets its status here, in one
        # place (newsgraph.errors.http_status); the API answers {"detail", "code"}, a page its error page
        status = http_status(exc)
        if request.url.path.startswith("/api/") or not dashboard:
            return JSONResponse({"detail": str(exc), "code": exc.code}, status_code=status)
        return error_page(request, status, str(exc))

    @app.exception_handler(PoolTimeout)
    async def _busy(request: Request, exc: PoolTimeout):
        # every read connection stayed busy for the pool's timeout (30 s): overload, not a bug
        # (found by benchmarks/bench_load.py: 200 clients on the 1M-row database gave 500s)
        detail = "the server is busy: try again shortly"
        if request.url.path.startswith("/api/") or not dashboard:
            return JSONResponse({"detail": detail}, status_code=503, headers={"Retry-After": "5"})
        page = error_page(request, 503, detail)
        page.headers["Retry-After"] = "5"
        return page

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errors = []
        for e in exc.errors():
            loc = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
            # a filter value the read layer checks too gets the read layer's message: the one the CLI
            # prints for the same value (newsgraph.store.filters)
            ours = message_for(loc, e.get("input")) if e.get("loc", ("",))[0] == "query" else None
            errors.append({"parameter": loc, "message": ours or e.get("msg"), "type": e.get("type")})
        msg = "; ".join(x["message"] if x["message"].startswith(x["parameter"] + " ") else
                        f"{x['parameter']}: {x['message']}" for x in errors) or "invalid request"
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": msg, "errors": errors}, status_code=422)
        return error_page(request, 422, msg)

    app.state.engine = app.state.read_engine  # what other routers (newsgraph.monitor.web) read through
    app.include_router(router)
    docs.install(app)
    if dashboard:
        install(app)
        monitor = _monitor_router()
        if monitor is not None:  # the crisis monitor's pages and JSON (/alerts, /narratives, /api/alerts …)
            app.include_router(monitor)
        app.state.has_monitor = monitor is not None

    return app


def _monitor_router():
    try:
        from ..monitor.web import router
    except ImportError:  # the monitor is optional
        return None
    return router


def read_engine(store) -> Engine:
    """An engine for the API's reads.

    The store's SQLite engine starts every transaction with ``BEGIN IMMEDIATE`` (so that writers
    queue), which would make concurrent *readers* queue too. Reads here run in autocommit mode on
    their own connections (``query_only``): WAL lets any number of them run beside one writer.
    Other databases use the store's engine as it is.
    """
    eng = store.engine
    if eng.dialect.name != "sqlite" or eng.url.database in (None, "", ":memory:"):
        return eng
    ro = create_engine(eng.url, connect_args={"timeout": 30, "check_same_thread": False},
                       pool_size=8, max_overflow=8)

    @event.listens_for(ro, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - exercised by every request
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA query_only=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache per connection
        cur.execute("PRAGMA mmap_size=1073741824")
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()

    return ro


_SERVE_ENV = "NEWSGRAPH_SERVE_CONFIG"
# uvicorn closes idle keep-alive connections after 5 s by default; a client reusing one just as it
# closes gets a connection error (seen under bench_load.py). Browsers and proxies keep them longer.
KEEP_ALIVE_S = 30


def _app_from_env() -> FastAPI:
    """The app of one worker process of ``serve(workers=N)`` (uvicorn imports it by name)."""
    import json

    cfg = json.loads(os.environ[_SERVE_ENV])
    if cfg.get("options") is not None:  # the stage options travel as their fields
        cfg["options"] = StageOptions.from_mapping(cfg["options"], "serve")
    return create_app(cfg.pop("db"), **cfg)


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          log_level: str = "info", max_body_bytes: int | None = None, rate_limit: float | None = None,
          rate_burst: float | None = None, workers: int = 1, options: StageOptions | None = None) -> None:
    """Run the API and dashboard with uvicorn (used by ``newsgraph serve``); ``workers`` > 1
    runs that many processes on the same port (each with its own read connections and cache).
    ``options``: the stage options of uploads (default: the settings')."""
    import json

    import uvicorn

    kwargs = dict(token=token, max_body_bytes=max_body_bytes, rate_limit=rate_limit, rate_burst=rate_burst,
                  options=options)
    if workers > 1:
        import tempfile

        # the workers share one set of rate-limit buckets (a SQLite file), so --workers N does not
        # let N times the burst through
        state_dir = tempfile.mkdtemp(prefix="newsgraph-rate-")
        kwargs["rate_state"] = os.path.join(state_dir, "buckets.sqlite")
        app = create_app(db, **kwargs)  # migrate once, and fail here on a bad database
        url = store_url(app)
        app.state.store.close()
        os.environ[_SERVE_ENV] = json.dumps({"db": url, **kwargs,
                                             "options": None if options is None else options.to_dict()})
        logger.info("serving %s on http://%s:%d/ with %d worker processes", url, host, port, workers)
        uvicorn.run("newsgraph.api.app:_app_from_env", factory=True, workers=workers, host=host, port=port,
                    log_level=log_level, proxy_headers=False, server_header=False,
                    timeout_keep_alive=KEEP_ALIVE_S)
        return
    app = create_app(db, **kwargs)
    logger.info("serving %s on http://%s:%d/ (%s)", store_url(app), host, port,
                "writes enabled" if app.state.token else "read-only")
    uvicorn.run(app, host=host, port=port, log_level=log_level, proxy_headers=False, server_header=False,
                timeout_keep_alive=KEEP_ALIVE_S)


def store_url(app: FastAPI) -> str:
    return app.state.store.url


__all__ = ["create_app", "serve", "StoreError", "TOKEN_ENV"]
