"""World map geometry from an installed package, decoded once per process.

The country outlines are Natural Earth 1:110m TopoJSON as shipped by the
``bqplot`` package (``bqplot/map_data/WorldMap.json``, ISO 3166 numeric ids).
We only read that data file: bqplot is never imported, and nothing is fetched
at run time. Without the package the map shows a graticule and the points.

Pure Python (no FastAPI): the store's views use :func:`country_centroid` to
place events known only by their country.
"""

from __future__ import annotations

import importlib.util
import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

GEOMETRY_PACKAGE = "bqplot"
GEOMETRY_FILE = ("map_data", "WorldMap.json")


def package_file(package: str, *parts: str) -> Path | None:
    """A file inside an installed package, found without importing the package."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        p = Path(loc).joinpath(*parts)
        if p.is_file():
            return p
    return None


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    tr = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        pts = []
        if tr:
            (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
            x = y = 0
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((round(x * sx + tx, 4), round(y * sy + ty, 4)))
        else:
            pts = [(float(p[0]), float(p[1])) for p in arc]
        out.append(pts)
    return out


def _ring(arcs: list[list[tuple[float, float]]], idx: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for i in idx:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(pts if not ring else pts[1:])
    return ring


@lru_cache(maxsize=1)
def world() -> dict[str, Any]:
    """``{"available": bool, "source": str, "countries": [{"iso3", "name", "polygons": [[[lon, lat], …]]}]}``
    (each polygon is a list of rings, the first the outline)."""
    path = package_file(GEOMETRY_PACKAGE, *GEOMETRY_FILE)
    if path is None:
        logger.warning("world map geometry not found (install %s); the map shows no outlines", GEOMETRY_PACKAGE)
        return {"available": False, "source": None, "countries": []}
    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    numeric_to_iso3 = _numeric_to_iso3()
    countries = []
    for g in topo["objects"]["subunits"]["geometries"]:
        if g.get("type") == "Polygon":
            polys = [g["arcs"]]
        elif g.get("type") == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        rings = [[[list(p) for p in _ring(arcs, r)] for r in poly] for poly in polys]
        num = g.get("id")
        countries.append({
            "iso3": numeric_to_iso3.get(int(num)) if isinstance(num, (int, str)) and str(num).lstrip("-").isdigit()
            else None,
            "name": (g.get("properties") or {}).get("name"),
            "polygons": rings,
        })
    return {"available": True, "source": f"{GEOMETRY_PACKAGE}: Natural Earth 1:110m", "countries": countries}


@lru_cache(maxsize=1)
def _numeric_to_iso3() -> dict[int, str]:
    try:
        import pycountry
    except ImportError:  # pragma: no cover
        return {}
    return {int(c.numeric): c.alpha_3 for c in pycountry.countries}


def _area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


@lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    out = {}
    for c in world()["countries"]:
        if not c["iso3"] or not c["polygons"]:
            continue
        # the centroid of the largest polygon (France's is in Europe, not French Guiana)
        best = max((_area_centroid(poly[0]) for poly in c["polygons"] if poly and poly[0]), key=lambda t: t[0])
        out[c["iso3"]] = (round(best[2], 4), round(best[1], 4))
    return out


def country_centroid(iso3: str) -> tuple[float, float] | None:
    """(lat, lon) of a country's main polygon, or None."""
    return _centroids().get(iso3.upper()) if iso3 else None
