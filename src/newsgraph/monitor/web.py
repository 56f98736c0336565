"""Dashboard pages and JSON endpoints of the crisis monitor, as one FastAPI ``APIRouter``.

    from newsgraph.monitor.web import router
    app.include_router(router)   # needs app.state.engine (or app.state.store.engine)

``GET /api/alerts`` and ``GET /api/narratives`` return JSON; ``GET /alerts`` and ``GET /narratives``
render server-side HTML (Jinja2, autoescaped; no inline script or style, so the dashboard's
Content-Security-Policy holds). Every alert and narrative links to the articles it came from
(``/articles/KEY``, the dashboard's article page).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote as urlquote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import __version__
from ..api.web import plural
from ..store.tables import articles, monitor_daily
from .alerts import (DEFAULT, AlertSettings, check_query, check_window, coverage, describe, explain_alerts, explain_lines,
                     find_alerts, parse_since)
from .narratives import find_narratives

TEMPLATES = Path(__file__).parent / "templates"
# the dashboard's templates (base.html: navigation, search, footer) come second, read as files:
# the monitor's pages extend the same frame without importing the API's modules
DASHBOARD_TEMPLATES = Path(__file__).resolve().parents[1] / "api" / "data" / "templates"
env = Environment(loader=FileSystemLoader([str(TEMPLATES), str(DASHBOARD_TEMPLATES)]),
                  autoescape=select_autoescape(["html"], default=True), trim_blocks=True, lstrip_blocks=True)
env.globals["article_url"] = lambda key: "/articles/" + urlquote(key or "", safe="")
env.globals["version"] = __version__
env.filters["plural"] = plural

router = APIRouter()
_cache: dict[tuple, Any] = {}
_lock = threading.Lock()


def _engine(request: Request):
    state = request.app.state
    eng = getattr(state, "engine", None)
    if eng is None and getattr(state, "store", None) is not None:
        eng = state.store.engine
    if eng is None:
        raise HTTPException(500, "no database engine configured (app.state.engine)")
    return eng


def _version(engine) -> tuple:
    """Changes whenever articles are added or series refreshed: the cache key."""
    from sqlalchemy import func, select

    with engine.connect() as conn:
        return (tuple(conn.execute(select(func.count(), func.max(articles.c.id))).one())
                + tuple(conn.execute(select(func.count(), func.sum(monitor_daily.c.events),
                                            func.sum(monitor_daily.c.quotes))).one()))


def _cached(engine, name: str, args: tuple, fn):
    key = (id(engine), name, args, _version(engine))
    with _lock:
        if key in _cache:
            return _cache[key]
    value = fn()
    with _lock:
        if len(_cache) > 64:
            _cache.clear()
        _cache[key] = value
    return value


def _alerts(request: Request, since: str, until: str | None, country: str | None, scope: str | None,
            limit: int, threshold: float | None) -> dict[str, Any]:
    eng = _engine(request)
    # the CLI's checks and messages: a bad value is a ViewError (E401), answered 400 with its code
    f = check_query(since=since, until=until, scope=scope, country=country)
    since, until, scope, country = f["since"] or "7d", f["until"], f["scope"], f["country"]
    _, latest = coverage(eng)
    start = parse_since(since, latest)
    settings = DEFAULT if threshold is None else AlertSettings(threshold=threshold)

    def run():
        found = find_alerts(eng, since=since, until=until, settings=settings, scope=scope, country=country,
                            limit=None)
        info = explain_alerts(eng, since=since, until=until, settings=settings, scope=scope, country=country,
                              found=found)
        info["lines"] = explain_lines(info)
        return [dict(a.to_dict(), summary=describe(a)) for a in found[:limit]], info

    items, info = _cached(eng, "alerts", (since, until, country, scope, limit, threshold), run)
    return {"since": start, "until": until or latest, "threshold": settings.threshold, "count": len(items),
            "alerts": items, "explain": info}


def _narratives(request: Request, since: str | None, until: str | None, country: str | None, limit: int,
                threshold: float) -> dict[str, Any]:
    eng = _engine(request)
    since, until = check_window(since, "since"), check_window(until, "until")  # both may be durations here
    country = check_query(country=country)["country"]
    _, latest = coverage(eng)
    start = parse_since(since, latest) if since else None
    end = parse_since(until, latest) if until else None
    items = _cached(eng, "narratives", (start, end, country, limit, threshold),
                    lambda: find_narratives(eng, since=start, until=end, country=country, limit=limit,
                                            threshold=threshold))
    return {"since": start, "until": end, "threshold": threshold, "count": len(items), "narratives": items}


Since = Annotated[str, Query(max_length=20, description="A date (YYYY-MM-DD) or a duration back from the "
                                                        "latest day in the database (7d, 2w)")]
Until = Annotated[str | None, Query(max_length=20)]
Country = Annotated[str | None, Query(max_length=8, description="ISO alpha-3")]
Scope = Annotated[str | None, Query(pattern="^(country|actor|pair)$")]


@router.get("/api/alerts", summary="Early-warning alerts: spikes and shifts against each series' baseline")
def api_alerts(request: Request, since: Since = "7d", until: Until = None, country: Country = None,
               scope: Scope = None, limit: Annotated[int, Query(ge=1, le=500)] = 50,
               threshold: Annotated[float | None, Query(ge=0, le=50)] = None) -> dict[str, Any]:
    return _alerts(request, since, until, country, scope, limit, threshold)


@router.get("/api/narratives", summary="Recurring claims across articles, who pushed them and how they spread")
def api_narratives(request: Request, since: Until = None, until: Until = None, country: Country = None,
                   limit: Annotated[int, Query(ge=1, le=200)] = 30,
                   threshold: Annotated[float, Query(gt=0, lt=1)] = 0.25) -> dict[str, Any]:
    return _narratives(request, since, until, country, limit, threshold)


def _page(request: Request, template: str, **ctx) -> HTMLResponse:
    ctx.setdefault("q", "")
    ctx.setdefault("has_monitor", True)
    html = env.get_template(template).render(request=request, path=request.url.path, **ctx)
    return HTMLResponse(html)


@router.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
def alerts_page(request: Request, since: Since = "7d", until: Until = None, country: Country = None,
                scope: Scope = None, limit: Annotated[int, Query(ge=1, le=500)] = 50):
    data = _alerts(request, since, until, country, scope, limit, None)
    return _page(request, "monitor_alerts.html", title="Alerts", data=data,
                 params={"since": since, "until": until or "", "country": country or "", "scope": scope or ""})


@router.get("/narratives", response_class=HTMLResponse, include_in_schema=False)
def narratives_page(request: Request, since: Until = None, until: Until = None, country: Country = None,
                    limit: Annotated[int, Query(ge=1, le=200)] = 30):
    data = _narratives(request, since, until, country, limit, 0.25)
    return _page(request, "monitor_narratives.html", title="Narratives", data=data,
                 params={"since": since or "", "until": until or "", "country": country or ""})
