"""The REST API (``/api/v1``): resources, aggregates, exports and the token-guarded ingest."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, StreamingResponse

from .. import __version__, geo
from ..ingestion import ingest as run_ingest
from ..store import read as views
from ..store.filters import DATE_PATTERN
from . import exports
from .limits import token_problem

router = APIRouter(prefix="/api/v1")

DATE_RE = DATE_PATTERN
COUNTRY_RE = r"^[A-Za-z]{3}$"

Limit = Annotated[int, Query(ge=1, le=views.MAX_LIMIT, description=f"Page size (1–{views.MAX_LIMIT}).")]
Cursor = Annotated[str | None, Query(max_length=2000, description="`next_cursor` of the previous page.")]
Since = Annotated[str | None, Query(pattern=DATE_RE, description="From this date (YYYY-MM-DD, YYYY-MM or YYYY).")]
Until = Annotated[str | None, Query(pattern=DATE_RE, description="Up to this date, inclusive.")]
Country = Annotated[str | None, Query(pattern=COUNTRY_RE, description="ISO 3166 alpha-3 (or IGO/NGO/MNC).")]
Text = Annotated[str | None, Query(max_length=500)]


def store(request: Request):
    return request.app.state.store


def engine(request: Request):
    return request.app.state.read_engine


# --------------------------------------------------------------------------- filters


def quote_filters(
    speaker: Annotated[str | None, Query(max_length=200, description="Speaker name or mention contains.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Speaker's actor id (exact).")] = None,
    country: Country = None,
    since: Since = None,
    until: Until = None,
    q: Annotated[str | None, Query(max_length=500, description="Full-text query on quote text and speaker.")] = None,
    kind: Annotated[str | None, Query(pattern=r"^(direct|indirect|mixed)(,(direct|indirect|mixed))*$",
                                      description="direct, indirect, mixed (comma-separated).")] = None,
    article: Annotated[str | None, Query(max_length=200, description="Article key.")] = None,
    about: Annotated[str | None, Query(max_length=200, description="An actor id named inside the quote.")] = None,
) -> dict[str, Any]:
    return dict(speaker=speaker, actor=actor, country=country, since=since, until=until, q=q, kind=kind,
                article=article, about=about)


def event_filters(
    type: Annotated[str | None, Query(pattern=r"^[A-Za-z_]+(,[A-Za-z_]+)*$",  # noqa: A002
                                      description="PLOVER event type(s), comma-separated.")] = None,
    quad_class: Annotated[str | None, Query(pattern=r"^[1-4](,[1-4])*$",
                                            description="Quad class(es) 1–4, comma-separated.")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$", description="CAMEO code prefix.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor id as source or target.")] = None,
    source_actor: Annotated[str | None, Query(max_length=200)] = None,
    target_actor: Annotated[str | None, Query(max_length=200)] = None,
    actor_name: Annotated[str | None, Query(max_length=200, description="A source or target whose name "
                                            "contains this.")] = None,
    country: Annotated[str | None, Query(pattern=COUNTRY_RE,
                                         description="Any actor's country or the location's country.")] = None,
    source_country: Country = None,
    target_country: Country = None,
    location: Annotated[str | None, Query(max_length=200, description="Location name contains.")] = None,
    geonameid: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
    has_location: bool | None = None,
    since: Since = None,
    until: Until = None,
    modality: Annotated[str | None, Query(
        pattern=r"^(asserted|future|hypothetical|requested)(,(asserted|future|hypothetical|requested))*$")] = None,
    include_unasserted: Annotated[bool, Query(
        description="Include negated, future, hypothetical and requested events.")] = False,
    article: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    return dict(type=type, quad_class=quad_class, cameo=cameo, actor=actor, source_actor=source_actor,
                target_actor=target_actor, actor_name=actor_name, country=country, source_country=source_country,
                target_country=target_country, location=location, geonameid=geonameid, has_location=has_location,
                since=since, until=until, modality=modality, include_unasserted=include_unasserted, article=article)


QuoteFilters = Annotated[dict, Depends(quote_filters)]
EventFilters = Annotated[dict, Depends(event_filters)]


def _not_found(what: str, key: Any) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} {key!r}")


# --------------------------------------------------------------------------- meta


@router.get("/", summary="API index: version, schema, counts, whether writes are enabled")
def index(request: Request, store=Depends(store)) -> dict[str, Any]:
    return {"name": "newsgraph", "version": __version__, "schema_version": store.schema_version,
            "writes_enabled": bool(request.app.state.token), "max_limit": views.MAX_LIMIT,
            "stats": views.stats(request.app.state.read_engine)}


@router.get("/stats", summary="Counts, date range, top speakers and event types")
def get_stats(eng=Depends(engine)) -> dict[str, Any]:
    return views.stats(eng)


# --------------------------------------------------------------------------- articles


@router.get("/articles", summary="Articles (newest first), full-text search with q")
def list_articles(eng=Depends(engine), q: Text = None, since: Since = None, until: Until = None,
                  language: Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$")] = None,
                  site: Annotated[str | None, Query(max_length=200)] = None,
                  sort: Literal["-date", "date", "-id", "id"] = "-date", limit: Limit = 50,
                  cursor: Cursor = None) -> dict[str, Any]:
    return views.list_articles(eng, q=q, since=since, until=until, language=language, site=site, sort=sort,
                               limit=limit, cursor=cursor).to_dict()


@router.get("/articles/{key:path}", summary="One article: text, entities, quotes, events, actors, places")
def get_article(key: str, eng=Depends(engine)) -> dict[str, Any]:
    art = views.get_article(eng, key)
    if art is None:
        raise _not_found("article", key)
    return art


# --------------------------------------------------------------------------- quotes


@router.get("/quotes", summary="Quotes: filter by speaker, actor, country, dates, full text")
def list_quotes(f: QuoteFilters, eng=Depends(engine), sort: Literal["-date", "date", "-id", "id"] = "-date",
                limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    return views.list_quotes(eng, sort=sort, limit=limit, cursor=cursor, **f).to_dict()


@router.get("/quotes/{quote_id}", summary="One quote")
def get_quote(quote_id: Annotated[int, PathParam(ge=1, le=2**62)], eng=Depends(engine)) -> dict[str, Any]:
    q = views.get_quote(eng, quote_id)
    if q is None:
        raise _not_found("quote", quote_id)
    return q


# --------------------------------------------------------------------------- events


@router.get("/events", summary="Events: filter by type, quad class, actors, countries, dates, location")
def list_events(f: EventFilters, eng=Depends(engine),
                sort: Literal["-date", "date", "-id", "id", "-goldstein", "goldstein"] = "-date",
                limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    return views.list_events(eng, sort=sort, limit=limit, cursor=cursor, **f).to_dict()


@router.get("/events/{event_id}", summary="One event")
def get_event(event_id: Annotated[int, PathParam(ge=1, le=2**62)], eng=Depends(engine)) -> dict[str, Any]:
    e = views.get_event(eng, event_id)
    if e is None:
        raise _not_found("event", event_id)
    return e


# --------------------------------------------------------------------------- actors


@router.get("/actors", summary="Actors, most mentioned first; q searches names and surface forms")
def list_actors(eng=Depends(engine), q: Text = None, country: Country = None,
                sector: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,6}$")] = None,
                kind: Annotated[str | None, Query(max_length=32)] = None,
                sort: Literal["-mentions", "mentions", "name", "-name"] = "-mentions", limit: Limit = 50,
                cursor: Cursor = None) -> dict[str, Any]:
    return views.list_actors(eng, q=q, country=country, sector=sector, kind=kind, sort=sort, limit=limit,
                             cursor=cursor).to_dict()


@router.get("/actors/{actor_id:path}", summary="An actor's profile: aliases, offices, quotes, events both ways")
def get_actor(actor_id: str, eng=Depends(engine),
              limit: Annotated[int, Query(ge=0, le=100, description="Quotes/events shown in the profile.")] = 10
              ) -> dict[str, Any]:
    a = views.actor_profile(eng, actor_id, limit=limit)
    if a is None:
        raise _not_found("actor", actor_id)
    return a


# --------------------------------------------------------------------------- stories


@router.get("/stories", summary="Near-duplicate stories (syndicated copies), the most articles first")
def list_stories(eng=Depends(engine),
                 min_articles: Annotated[int, Query(ge=1, le=1_000_000, description="Only stories with at least "
                                                    "this many articles (1: every article's story).")] = 2,
                 since: Since = None, until: Until = None, limit: Limit = 50, cursor: Cursor = None
                 ) -> dict[str, Any]:
    return views.list_stories(eng, min_articles=min_articles, since=since, until=until, limit=limit,
                              cursor=cursor).to_dict()


@router.get("/stories/{story_id}", summary="One story: counts, dates and its articles (storage order)")
def get_story(story_id: Annotated[int, PathParam(ge=1, le=2**62)], eng=Depends(engine)) -> dict[str, Any]:
    story = views.get_story(eng, story_id)
    if story is None:
        raise _not_found("story", story_id)
    return story


# --------------------------------------------------------------------------- places and countries


@router.get("/places", summary="Places mentioned or where events happened, most frequent first")
def list_places(eng=Depends(engine), q: Text = None, country: Country = None, limit: Limit = 50,
                cursor: Cursor = None) -> dict[str, Any]:
    return views.list_places(eng, q=q, country=country, limit=limit, cursor=cursor).to_dict()


@router.get("/places/{geonameid}", summary="One place (GeoNames id): counts, coordinates, articles")
def get_place(geonameid: Annotated[int, PathParam(ge=0, le=2**31 - 1)], eng=Depends(engine)) -> dict[str, Any]:
    p = views.get_place(eng, geonameid)
    if p is None:
        raise _not_found("place", geonameid)
    return p


@router.get("/countries", summary="Countries with actor, quote and event counts")
def list_countries(eng=Depends(engine)) -> dict[str, Any]:
    return {"items": views.list_countries(eng)}


# --------------------------------------------------------------------------- search and aggregates


@router.get("/search", summary="Search across articles, quotes, actors and places")
def search(q: Annotated[str, Query(min_length=1, max_length=500)], eng=Depends(engine),
           limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    return views.search_all(eng, q, limit=limit)


@router.get("/timeline", summary="Events per day/week/month by quad class or type, mean Goldstein, quote volume")
def timeline(eng=Depends(engine), country: Country = None,
             actor: Annotated[str | None, Query(max_length=200)] = None,
             role: Literal["any", "source", "target"] = "any",
             interval: Literal["day", "week", "month"] = "week",
             by: Literal["quad_class", "type"] = "quad_class", since: Since = None, until: Until = None,
             type: Annotated[str | None, Query(pattern=r"^[A-Za-z_]+(,[A-Za-z_]+)*$")] = None,  # noqa: A002
             include_unasserted: bool = False) -> dict[str, Any]:
    return views.timeline(eng, country=country, actor=actor, role=role, interval=interval, by=by, since=since,
                          until=until, type=type, include_unasserted=include_unasserted)


@router.get("/network", summary="Actor network for a period: weighted edges from events and quotes")
def network(eng=Depends(engine), since: Since = None, until: Until = None, country: Country = None,
            actor: Annotated[str | None, Query(max_length=200)] = None,
            min_weight: Annotated[int, Query(ge=1, le=100000)] = 1,
            max_edges: Annotated[int, Query(ge=1, le=2000)] = 200, include_quotes: bool = True,
            include_unasserted: bool = False) -> dict[str, Any]:
    return views.network(eng, since=since, until=until, country=country, actor=actor, min_weight=min_weight,
                         max_edges=max_edges, include_quotes=include_quotes, include_unasserted=include_unasserted)


@router.get("/map/events", summary="Event locations: points with counts by quad class (the map layer)")
def map_events(f: EventFilters, eng=Depends(engine),
               limit: Annotated[int, Query(ge=1, le=100_000, description=(
                   "At most this many points, the places with the most events first; `total` counts them all"
               ))] = 5000) -> dict[str, Any]:
    return views.map_layer(eng, limit=limit, **f)


@router.get("/geo/world", summary="World country outlines (Natural Earth 1:110m, from an installed package)")
def world() -> JSONResponse:
    return JSONResponse(geo.world(), headers={"Cache-Control": "public, max-age=86400"})


# --------------------------------------------------------------------------- exports

_MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8",
          "parquet": "application/vnd.apache.parquet", "gdelt": "text/tab-separated-values; charset=utf-8",
          "plover": "application/x-ndjson; charset=utf-8"}
_EXT = {"csv": "csv", "jsonl": "jsonl", "parquet": "parquet", "gdelt": "gdelt.tsv", "plover": "plover.jsonl"}


def _download(chunks, fmt: str, name: str) -> StreamingResponse:
    return StreamingResponse(chunks, media_type=_MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="{name}.{_EXT[fmt]}"'})


@router.get("/export/quotes", summary="Export quotes for any filter: CSV, JSON Lines or Parquet")
def export_quotes(f: QuoteFilters, eng=Depends(engine), format: Literal["csv", "jsonl", "parquet"] = "csv",  # noqa: A002
                  csv_safe: Annotated[bool, Query(description="Prefix cells starting with = + - @ with ' "
                                                  "(spreadsheet formula injection).")] = True):
    views.quote_conditions(eng, **f)  # validate before the response starts
    rows = views.iter_quotes(eng, **f)
    if format == "csv":
        return _download(exports.csv_chunks(rows, exports.QUOTE_FIELDS, safe=csv_safe), format, "quotes")
    if format == "jsonl":
        return _download(exports.jsonl_chunks(rows), format, "quotes")
    return _download(exports.file_chunks(exports.write_parquet(rows, "quotes")), format, "quotes")


@router.get("/export/events", summary="Export events: CSV, JSON Lines, Parquet, GDELT 2.0 table or PLOVER JSONL")
def export_events(f: EventFilters, eng=Depends(engine),
                  format: Literal["csv", "jsonl", "parquet", "gdelt", "plover"] = "csv",  # noqa: A002
                  csv_safe: Annotated[bool, Query(description="CSV and GDELT: prefix text cells starting with "
                                                  "= + - @ with ' (spreadsheet formula injection).")] = True,
                  header: Annotated[bool, Query(description="GDELT: write a header row (GDELT's own files "
                                                "have none).")] = False):
    views.event_conditions(eng, **f)
    rows = views.iter_events(eng, **f)
    if format == "csv":
        return _download(exports.csv_chunks((exports.flatten_event(r) for r in rows), exports.EVENT_FIELDS,
                                            safe=csv_safe), format, "events")
    if format == "jsonl":
        return _download(exports.jsonl_chunks(rows), format, "events")
    if format == "gdelt":
        return _download(exports.gdelt_chunks(rows, header=header, safe=csv_safe), format, "events")
    if format == "plover":
        return _download(exports.plover_chunks(rows), format, "events")
    return _download(exports.file_chunks(exports.write_parquet(rows, "events")), format, "events")


# --------------------------------------------------------------------------- writes (token only)

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson", ".gz")


def require_token(request: Request) -> None:
    # the middleware (limits.py) already refused a request to a write path without the token, before
    # reading its body; this check stays for apps mounted without it
    problem = token_problem(request.headers, request.app.state.token)
    if problem is not None:
        status, detail = problem
        raise HTTPException(status_code=status, detail=detail,
                            headers={"WWW-Authenticate": "Bearer"} if status == 401 else None)


@router.post("/ingest", summary="Ingest uploaded files (needs the API token)", dependencies=[Depends(require_token)],
             responses={401: {"description": "missing or wrong token"}, 403: {"description": "writes disabled"},
                        413: {"description": "a file is too large"}})
def ingest(request: Request, files: Annotated[list[UploadFile], File(description="Article files: .txt, .html, "
                                                                      ".jsonl, optionally .gz")],
           nlp: Annotated[bool, Form()] = True) -> dict[str, Any]:
    max_bytes = request.app.state.max_upload_bytes
    if len(files) > 100:
        raise HTTPException(status_code=400, detail="at most 100 files per request")
    tmp = Path(tempfile.mkdtemp(prefix="newsgraph-upload-"))
    try:
        paths = []
        for i, up in enumerate(files):
            name = _SAFE_NAME.sub("_", Path(up.filename or f"upload{i}.txt").name).strip("._") or f"upload{i}"
            if not name.lower().endswith(_SUFFIXES):
                raise HTTPException(status_code=400, detail=f"{up.filename!r}: unsupported file type "
                                    f"(use {', '.join(_SUFFIXES)})")
            dest = tmp / f"{i:03d}-{name}"
            size = 0
            with dest.open("wb") as out:
                while chunk := up.file.read(1 << 16):
                    size += len(chunk)
                    if size > max_bytes:
                        raise HTTPException(status_code=413, detail=f"{up.filename!r} is larger than "
                                            f"{max_bytes} bytes")
                    out.write(chunk)
            paths.append(str(dest))
        summary = run_ingest(paths, request.app.state.store, nlp=nlp, max_bytes=max_bytes,
                             options=request.app.state.stage_options)
        out = summary.to_dict()
        for f in out["failures"]:  # don't leak the server's temp paths
            f["path"] = Path(f["path"]).name.split("-", 1)[-1] if f.get("path") else f.get("path")
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
