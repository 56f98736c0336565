"""A per-process cache of read results, valid for as long as the data is unchanged.

Dashboards and API clients ask the same timelines, networks, country lists and actor profiles
again and again, and some of them read millions of rows on a large database. ``cached`` keeps the
last ``SIZE`` results per process, keyed by the function, its arguments and the *data stamp*
(``_data_stamp``: maximum ids and counts, which change whenever rows are added or removed),
so a result is never served after the data changed.

**Single flight**: when many requests ask for the same result at once (a cold cache under load),
one computes it and the others wait for it, instead of every thread reading the same million
rows. ``NEWSGRAPH_AGGREGATE_CACHE=N`` sets the size (default 256); ``0`` turns caching off.
"""

from __future__ import annotations

import copy
import functools
import threading
from collections import OrderedDict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from ..settings import load as load_settings
from .tables import actors, articles, entities, events, quotes

SIZE: int | None = None  # None: the setting (``aggregate_cache``), read on first use


@functools.lru_cache(maxsize=1)
def _configured_size() -> int:
    return load_settings().aggregate_cache


def _size() -> int:
    return _configured_size() if SIZE is None else SIZE
_CACHE: OrderedDict[tuple, Any] = OrderedDict()
_LOCK = threading.Lock()
_FLIGHTS: dict[tuple, threading.Lock] = {}


def _data_stamp(conn) -> tuple:
    """Changes whenever rows are added or removed (max ids are O(1) on the primary keys)."""
    return tuple(conn.execute(select(
        select(func.max(articles.c.id)).scalar_subquery(), select(func.count()).select_from(articles).scalar_subquery(),
        select(func.max(quotes.c.id)).scalar_subquery(), select(func.max(events.c.id)).scalar_subquery(),
        select(func.max(entities.c.id)).scalar_subquery(), select(func.count()).select_from(actors).scalar_subquery(),
    )).one())


def clear() -> None:
    with _LOCK:
        _CACHE.clear()


def cached(fn):
    """Cache ``fn(engine, *args, **kwargs)`` (hashable arguments) per data stamp."""

    @functools.wraps(fn)
    def wrapper(engine: Engine, *args, **kwargs):
        size = _size()
        if size <= 0:
            return fn(engine, *args, **kwargs)
        with engine.connect() as conn:
            stamp = _data_stamp(conn)
        key = (engine.url.render_as_string(), stamp, fn.__module__, fn.__name__, args,
               tuple(sorted(kwargs.items())))
        with _LOCK:
            if key in _CACHE:
                _CACHE.move_to_end(key)
                return copy.deepcopy(_CACHE[key])
            flight = _FLIGHTS.setdefault(key, threading.Lock())
        with flight:  # one computes; the others wait here and then find the result
            with _LOCK:
                if key in _CACHE:
                    _CACHE.move_to_end(key)
                    return copy.deepcopy(_CACHE[key])
            try:
                result = fn(engine, *args, **kwargs)
            finally:
                with _LOCK:
                    _FLIGHTS.pop(key, None)
            with _LOCK:
                _CACHE[key] = copy.deepcopy(result)
                while len(_CACHE) > max(size, 1):
                    _CACHE.popitem(last=False)
        return result

    return wrapper
