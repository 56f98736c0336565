"""The analyst's desk: REST API, dashboard and exports (``newsgraph serve``).

Needs the ``fastapi``, ``uvicorn``, ``python-multipart`` and ``pyarrow`` packages; the
dashboard's charts use the JavaScript shipped in the ``plotly`` package and the
world map the geometry shipped in ``bqplot`` (both served by this process, never
from a CDN).
"""

from __future__ import annotations


def create_app(*args, **kwargs):
    from .app import create_app as _create

    return _create(*args, **kwargs)


__all__ = ["create_app"]
