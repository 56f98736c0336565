"""The store's one daily-series system: every per-day count the database keeps, who writes it and
when, and the one way to rebuild it all.

Two families of tables, one system (the same package, the same write points, one ``rebuild``):

- the **roll-ups** (``rollups.py``, migration 6): ``timeline_daily(_types)``, ``edge_daily``,
  ``edge_monthly``, ``quote_daily``; additive counts per stored day (partial dates kept), added by
  the writer in each batch's own transaction (``update(conn, article_ids)``), so they are never
  out of step with the rows. The API's timelines, networks and map read them
  (``store/aggregates.py``, ``store/geo_views.py``).
- the **monitor series** (``monitor.py``, migration 4): ``monitor_daily(_types)``, per country,
  actor and country pair and full day (an undated event takes its article's date), with the
  first-seen actors of each day. Their counts are derived from roll-up rows of their own
  (role ``monitor``, quote scopes ``monitor_*``; migration 11), not counted a second time. "New actors" is not additive (an older article can move an actor's
  first day), so these are recomputed from the earliest day an ingest touched, once per ingest
  (``refresh_after_ingest``, the last step of ``newsgraph.ingest``); ``newsgraph.monitor`` reads
  them (``load``, ``load_types``, ``members``, ``latest_day``).

Both count the same events (asserted, not negated: the default of the events lists) and the same
countries (an event counts for the country of a source/target actor or of its location).
``rebuild(engine)`` recomputes every table of both families from the stored rows (for databases
loaded by other means); ``refresh(engine)`` only the monitor's. Old import paths:
``newsgraph.store.rollups`` is ``rollups.py`` here and ``newsgraph.monitor.series`` is this package.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from . import rollups
from .monitor import (  # noqa: F401 - the package's interface (``newsgraph.monitor.series`` users)
    METRICS,
    NOT_COUNTRIES,
    SCOPES,
    asserted,
    changed_since,
    compute,
    days_between,
    ensure,
    event_keys,
    first_seen,
    latest_day,
    load,
    load_types,
    members,
    missing,
    refresh,
    refresh_after_ingest,
)
from .rollups import ROLLUPS, update  # noqa: F401


def rebuild(engine: Engine) -> dict[str, Any]:
    """Recompute every daily table from the stored rows: the roll-ups (one transaction), then the
    monitor series (another). Returns the roll-ups' row counts per table and the monitor's
    ``refresh`` result under ``"monitor"``."""
    counts: dict[str, Any] = dict(rollups.rebuild(engine))
    counts["monitor"] = refresh(engine)
    return counts


__all__ = [
    "update", "rebuild", "refresh", "refresh_after_ingest", "ensure", "missing", "changed_since", "compute",
    "load", "load_types", "members", "latest_day", "days_between", "first_seen", "event_keys", "asserted",
    "SCOPES", "METRICS", "NOT_COUNTRIES", "ROLLUPS",
]
