"""The page's own metadata, read once for titles, dates and page types: ``<meta>`` tags and
JSON-LD objects (searched in the whole tree: lxml moves head elements into the body when stray
markup comes before them)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any


def meta_tags(tree: Any) -> dict[str, str]:
    """``{key: content}`` of ``<meta>`` tags (key: ``property``, ``name`` or ``itemprop``,
    lower-cased; the first tag of a key wins)."""
    out: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = element.get("content")
        if key and content and key not in out:
            out[key] = content
    return out


def json_ld(tree: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    """Every JSON-LD object of the page with whether it is a top-level one (a script's root, an
    item of its ``@graph`` or its ``mainEntity``) rather than something an object contains (a
    news article's image, author, publisher or subscription product). Broken scripts are skipped."""

    def walk(obj: Any, top: bool) -> Iterator[tuple[dict[str, Any], bool]]:
        if isinstance(obj, dict):
            yield obj, top
            for key, value in obj.items():
                yield from walk(value, top and key in ("@graph", "mainEntity"))
        elif isinstance(obj, list):
            for value in obj:
                yield from walk(value, top)

    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        yield from walk(data, True)


def ld_types(obj: dict[str, Any]) -> list[str]:
    """The object's ``@type`` values, lower-cased."""
    kind = obj.get("@type")
    return [k.lower() for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]
