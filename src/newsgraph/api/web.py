"""The dashboard: server-rendered pages (Jinja2, autoescaped) plus one script file.

Pages render their tables on the server; ``static/app.js`` draws the charts
(timeline, network, map) with plotly.js from the installed ``plotly`` package,
fetching JSON from the API. No page has inline script or style, and article
text only ever reaches the page as escaped text.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote as urlquote, urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import __version__
from .. import geo
from ..store import read as views
from ..store.filters import DATE_PATTERN
from . import highlight

HERE = Path(__file__).parent / "data"
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

# third-party browser code, served from the installed Python packages (never copied, never a CDN)
VENDOR = {
    "plotly.min.js": ("plotly", ("package_data", "plotly.min.js"), "application/javascript"),
}

env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"], default=True),
                  trim_blocks=True, lstrip_blocks=True)


_JS_STR = r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\''
_RULE = re.compile(rf"({_JS_STR})\s*:\s*({_JS_STR})")


@lru_cache(maxsize=1)
def _plotly_source() -> str | None:
    """The installed ``plotly.min.js`` (about 4.7 MB), read once for the stylesheet and the maplibre id."""
    path = geo.package_file(*VENDOR["plotly.min.js"][:1], *VENDOR["plotly.min.js"][1])
    return None if path is None else path.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def plotly_css() -> str | None:
    """plotly.js's own stylesheet, as a file.

    plotly.js injects its styles from script at run time, which a strict
    Content-Security-Policy (no inline style) blocks. The rules are a literal
    object inside the installed ``plotly.min.js``; we read them from there and
    serve them as a stylesheet, so the page needs no ``'unsafe-inline'``.
    """
    src = _plotly_source()
    if src is None:
        return None
    start = src.find('{"X,X div":')
    if start < 0:
        return "/* plotly.js styles not found in this plotly version */\n"
    rules = []
    pos = start + 1
    while True:
        m = _RULE.match(src, pos)
        if not m:
            break
        sel = json.loads('"' + m.group(1)[1:-1].replace('\\\'', "'").replace('"', '\\"') + '"') \
            if m.group(1)[0] == "'" else json.loads(m.group(1))
        body = m.group(2)
        body = json.loads('"' + body[1:-1].replace("\\'", "'").replace('"', '\\"') + '"') \
            if body[0] == "'" else json.loads(body)
        sel = re.sub(r"^,", " ,", sel).replace("X", ".js-plotly-plot .plotly").replace("Y", ".plotly-notifier")
        rules.append(f"{sel} {{{body}}}")
        pos = m.end()
        if src.startswith(",", pos):
            pos += 1
        else:
            break
    return "/* generated from the installed plotly.min.js */\n" + "\n".join(rules) + "\n"


_MAPLIBRE_STYLE = re.compile(r'document\.getElementById\("([0-9a-f]{16,64})"\)\)\{var \w+=document\.createElement\("style"\)')


@lru_cache(maxsize=1)
def maplibre_style_id() -> str:
    """The element id that maplibre (bundled inside plotly.min.js) checks before it injects its
    ``<style>`` element when the script loads. The dashboard never draws maplibre maps; a page that
    already holds an element with this id makes maplibre skip the injection, which the strict
    Content-Security-Policy would block and report as a console error. '' when not found."""
    src = _plotly_source()
    m = _MAPLIBRE_STYLE.search(src) if src else None
    return m.group(1) if m else ""


def plural(n: Any, word: str, many: str | None = None) -> str:
    """``1 event``, ``3 events``, ``2 countries`` (the ``many`` form when the plural is not +s)."""
    if n is None:
        n = 0
    shown = f"{n:,}" if isinstance(n, int) else str(n)
    return f"{shown} {word if n == 1 else (many or word + 's')}"


def actor_url(actor_id: str | None) -> str:
    return "/actors/" + urlquote(actor_id or "", safe=":")


def article_url(key: str | None, quote: int | None = None, event: int | None = None) -> str:
    url = "/articles/" + urlquote(key or "", safe="")
    params = {k: v for k, v in (("quote", quote), ("event", event)) if v is not None}
    if params:
        url += "?" + urlencode(params)
    anchor = f"#q-{quote}" if quote is not None else f"#e-{event}" if event is not None else ""
    return url + anchor


def country_url(code: str | None) -> str:
    return "/countries/" + urlquote((code or "").upper(), safe="")


def with_params(path: str, params: dict[str, Any], **changes: Any) -> str:
    merged = {**{k: v for k, v in params.items() if v not in (None, "", False)}, **changes}
    merged = {k: v for k, v in merged.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(merged) if merged else "")


env.globals.update(
    actor_url=actor_url, article_url=article_url, country_url=country_url, with_params=with_params,
    country_name=views.country_name, quad_names=views.QUAD_CLASSES, version=__version__,
    maplibre_style_id=maplibre_style_id,
)
env.filters["plural"] = plural


def render(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    ctx.setdefault("q", "")
    ctx.setdefault("has_monitor", getattr(request.app.state, "has_monitor", False))
    html = env.get_template(template).render(request=request, path=request.url.path, **ctx)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message, title="Error")


def _eng(request: Request):
    return request.app.state.read_engine


def _generic(actor: dict[str, Any]) -> bool:
    """A generic agent ("people", "officials", a country's unnamed agents ``agent:KGZ:GOV``) is no
    top actor (``read.is_generic``)."""
    return views.is_generic(actor)


def _filters(request: Request, names: tuple[str, ...]) -> dict[str, Any]:
    return {k: request.query_params.get(k) or None for k in names}


PAGE = dict(methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)


def install(app: FastAPI) -> None:
    """Add the dashboard routes, the static files and the vendored-package routes to ``app``."""

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/") or request.url.path in ("/openapi.json",):
            from fastapi.exception_handlers import http_exception_handler

            return await http_exception_handler(request, exc)
        return error_page(request, exc.status_code, str(exc.detail))

    # a bad parameter (ViewError) on a page gets its error page from the app's one handler of coded
    # errors (api/app.py, newsgraph.errors.http_status)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        path = STATIC / name
        if "/" in name or name.startswith(".") or not path.is_file():
            raise HTTPException(404, "no such file")
        media = {"js": "application/javascript", "css": "text/css", "svg": "image/svg+xml"}.get(
            name.rsplit(".", 1)[-1], "application/octet-stream")
        return FileResponse(path, media_type=media, headers={"Cache-Control": "public, max-age=300"})

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> Response:
        if name == "plotly.css":
            return vendor_plotly_css()
        if name not in VENDOR:
            raise HTTPException(404, "no such file")
        package, parts, media = VENDOR[name]
        path = geo.package_file(package, *parts)
        if path is None:
            raise HTTPException(404, f"{name} comes from the {package!r} package, which is not installed")
        return FileResponse(path, media_type=media, headers={"Cache-Control": "public, max-age=86400"})

    def vendor_plotly_css() -> Response:
        css = plotly_css()
        if css is None:
            raise HTTPException(404, "plotly.css is made from the 'plotly' package, which is not installed")
        return Response(css, media_type="text/css", headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    # ------------------------------------------------------------------- pages

    @app.api_route("/", **PAGE)
    def home(request: Request):
        eng = _eng(request)
        return render(request, "home.html", title="newsgraph", stats=views.stats(eng),
                      actors=[a for a in views.list_actors(eng, limit=60).items if not _generic(a)][:12],
                      quotes=views.list_quotes(eng, limit=8).items,
                      countries=[c for c in views.list_countries(eng) if c.get("events") or c.get("quotes")][:12],
                      articles=views.list_articles(eng, limit=8).items)

    @app.api_route("/search", **PAGE)
    def search(request: Request, q: Annotated[str, Query(max_length=500)] = ""):
        results = views.search_all(_eng(request), q, limit=20) if q.strip() else None
        return render(request, "search.html", title=f"Search: {q}" if q else "Search", q=q, results=results)

    @app.api_route("/quotes", **PAGE)
    def quotes_page(request: Request, cursor: str | None = None):
        names = ("speaker", "actor", "country", "since", "until", "q", "kind", "about")
        f = _filters(request, names)
        page = views.list_quotes(_eng(request), limit=50, cursor=cursor, **f)
        return render(request, "quotes.html", title="Quotes", f=f, page=page,
                      export=with_params("/api/v1/export/quotes", f))

    @app.api_route("/events", **PAGE)
    def events_page(request: Request, cursor: str | None = None, include_unasserted: bool = False):
        names = ("type", "quad_class", "actor", "country", "source_country", "target_country", "location",
                 "since", "until")
        f = _filters(request, names)
        page = views.list_events(_eng(request), limit=50, cursor=cursor, include_unasserted=include_unasserted, **f)
        fx = {**f, "include_unasserted": include_unasserted or None}
        return render(request, "events.html", title="Events", f=fx, page=page,
                      export=with_params("/api/v1/export/events", fx))

    @app.api_route("/actors", **PAGE)
    def actors_page(request: Request, cursor: str | None = None):
        f = _filters(request, ("q", "country", "sector", "kind"))
        page = views.list_actors(_eng(request), limit=50, cursor=cursor, **f)
        return render(request, "actors.html", title="Actors", f=f, page=page)

    @app.api_route("/actors/{actor_id:path}", **PAGE)
    def actor_page(request: Request, actor_id: str):
        eng = _eng(request)
        a = views.get_actor(eng, actor_id)
        if a is None:
            raise HTTPException(404, f"no actor {actor_id!r}")
        return render(request, "actor.html", title=a.get("name") or actor_id, a=a,
                      quotes=views.list_quotes(eng, actor=actor_id, limit=30).items,
                      about=views.list_quotes(eng, about=actor_id, limit=10).items,
                      did=views.list_events(eng, source_actor=actor_id, include_unasserted=True, limit=30).items,
                      done_to=views.list_events(eng, target_actor=actor_id, include_unasserted=True, limit=30).items)

    @app.api_route("/countries", **PAGE)
    def countries_page(request: Request):
        return render(request, "countries.html", title="Countries", countries=views.list_countries(_eng(request)))

    @app.api_route("/countries/{code}", **PAGE)
    def country_page(request: Request, code: Annotated[str, PathParam(pattern=r"^[A-Za-z]{3}$")],
                     since: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
                     until: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None):
        eng = _eng(request)
        code = code.upper()
        return render(request, "country.html", title=views.country_name(code) or code, code=code,
                      since=since, until=until,
                      actors=[a for a in views.list_actors(eng, country=code, limit=60).items
                              if not _generic(a)][:15],
                      quotes=views.list_quotes(eng, country=code, since=since, until=until, limit=15).items,
                      events=views.list_events(eng, country=code, since=since, until=until, limit=15).items)

    @app.api_route("/network", **PAGE)
    def network_page(request: Request):
        f = _filters(request, ("since", "until", "country", "actor", "min_weight"))
        for k in ("since", "until"):
            views.check_date(f[k], k)
        show = request.query_params.get("show") or "all"
        if show not in ("all", "events", "quotes"):
            return error_page(request, 400, "show must be all, events or quotes")
        return render(request, "network.html", title="Actor network", f=f, show=show,
                      generic=request.query_params.get("generic") == "1",
                      api=with_params("/api/v1/network", f, include_quotes="false" if show == "events" else None))

    @app.api_route("/map", **PAGE)
    def map_page(request: Request):
        f = _filters(request, ("since", "until", "type", "quad_class", "country", "actor"))
        for k in ("since", "until"):
            views.check_date(f[k], k)
        return render(request, "map.html", title="Map of events", f=f, api=with_params("/api/v1/map/events", f))

    @app.api_route("/articles", **PAGE)
    def articles_page(request: Request, cursor: str | None = None):
        f = _filters(request, ("q", "since", "until", "language"))
        page = views.list_articles(_eng(request), limit=50, cursor=cursor, **f)
        return render(request, "articles.html", title="Articles", f=f, page=page)

    @app.api_route("/articles/{key:path}", **PAGE)
    def article_page(request: Request, key: str, quote: int | None = None, event: int | None = None):
        art = views.get_article(_eng(request), key)
        if art is None:
            raise HTTPException(404, f"no article {key!r}")
        segs = highlight.segments(art["text"], art, focus_quote=quote, focus_event=event)
        names = {a["id"]: a.get("name") for a in art["actors"]}
        return render(request, "article.html", title=art.get("title") or art["key"], art=art, segments=segs,
                      focus_quote=quote, focus_event=event, actor_names=names)

    @app.api_route("/places/{geonameid}", **PAGE)
    def place_page(request: Request, geonameid: Annotated[int, PathParam(ge=0, le=2**31 - 1)]):
        eng = _eng(request)
        p = views.get_place(eng, geonameid)
        if p is None:
            raise HTTPException(404, f"no place {geonameid}")
        evs = views.list_events(eng, geonameid=geonameid, include_unasserted=True, limit=50).items
        return render(request, "place.html", title=p.get("name") or str(geonameid), p=p, events=evs)
