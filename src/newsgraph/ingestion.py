"""The library's one ingest path: ``newsgraph.ingest(sources, db, …)``.

Every surface stores articles through here or through the functions it calls: the ``ingest``
command, ``POST /api/v1/ingest``, ``fetch``/``watch`` (``newsgraph.feeds``, whose polls go through
``pipeline.store_articles``) and ``load-shards``. The steps, whatever the executor:

1. read (``readers.iter_articles``; reader errors filtered by ``pipeline.readable``);
2. skip the texts already stored, by content hash, before any NLP (``pipeline.store_articles``);
3. analyse: in this process (``pipeline.ingest``), on worker processes or a Dask cluster
   (``parallel.ingest_parallel``), optionally through Parquet shards (``newsgraph.shards``);
4. write, one transaction per batch (``Store.write``); the near-duplicate stories
   (``store.dedup``) and the API's daily roll-ups (``store.rollups``) are written in the same
   transaction;
5. bring the monitor's daily series up to date (``store.series.refresh_after_ingest``);
6. deliver the new alerts (``monitor.alerts.post_new_alerts``) to the ``alerts`` sink: a webhook
   and/or a JSON Lines file, by default the settings' ``alerts_webhook``/``alerts_file``
   (``$NEWSGRAPH_ALERTS_WEBHOOK``, ``$NEWSGRAPH_ALERTS_FILE`` or the config file), so the CLI, the
   API upload and the library post alerts the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from .model import Article
from .options import StageOptions
from .monitor.alerts import AlertSink, post_new_alerts
from .parallel import FILES_PER_UNIT, RECORDS_PER_UNIT, ingest_parallel
from .pipeline import IngestSummary, now
from .pipeline import ingest as ingest_here
from .readers import DEFAULT_MAX_BYTES, ReaderError
from .shards import LoadSummary
from .shards import load_shards as _load_shards
from .store import Store, open_store
from .store.series import refresh_after_ingest

__all__ = ["ingest", "load_shards", "IngestSummary"]


def ingest(
    sources: Iterable[str | Path],
    db: Store | str | Path,
    *,
    workers: int = 1,
    dask: str | None = None,
    shards: str | Path | None = None,
    load: bool = True,
    model: str | None = None,
    nlp: bool = True,
    batch_size: int = 16,
    max_bytes: int = DEFAULT_MAX_BYTES,
    dedup: bool | None = None,
    on_article: Callable[[Article | ReaderError], None] | None = None,
    on_result: Callable[[dict], None] | None = None,
    stdin=None,
    refresh_monitor: bool = True,
    alerts: AlertSink | None = None,
    options: StageOptions | None = None,
    files_per_unit: int = FILES_PER_UNIT,
    records_per_unit: int = RECORDS_PER_UNIT,
) -> IngestSummary:
    """Read, analyse and store ``sources`` (files, directories, ``-`` for JSON Lines on stdin) into
    ``db`` (an open ``Store``, an SQLite path or a database URL); re-running skips stored texts.

    ``workers`` > 1, ``dask`` (a scheduler address or ``"local"``) or ``shards`` (a directory) spread
    the work over processes (``parallel.ingest_parallel``); otherwise it runs here, calling
    ``on_article`` for every item read. ``dedup`` (default: the store's setting, else True) links
    near-duplicate copies to stories. ``options``: the stages' data and models
    (``newsgraph.options.StageOptions``; default: the built-in ones). The monitor's series are refreshed at the end when anything
    was stored (``refresh_monitor``), then the new alerts go to ``alerts`` (default: the settings'
    sink, ``AlertSink.from_settings()``; ``AlertSink()`` posts nothing); ``summary.alerts`` says how
    many (None: the delivery failed and was logged)."""
    sink = AlertSink.from_settings() if alerts is None else alerts
    summary = _ingest(sources, db, workers=workers, dask=dask, shards=shards, load=load, model=model, nlp=nlp,
                      batch_size=batch_size, max_bytes=max_bytes, dedup=dedup, on_article=on_article,
                      on_result=on_result, stdin=stdin, refresh_monitor=refresh_monitor,
                      files_per_unit=files_per_unit, records_per_unit=records_per_unit, options=options)
    if sink and summary.monitor is not None:
        store = open_store(db) if not isinstance(db, Store) else db
        try:
            summary.alerts = post_new_alerts(store.engine, sink)
        finally:
            if store is not db:
                store.close()
    return summary


def _ingest(sources, db, *, workers, dask, shards, load, model, nlp, batch_size, max_bytes, dedup, on_article,
            on_result, stdin, refresh_monitor, files_per_unit, records_per_unit, options) -> IngestSummary:
    if dedup is None:
        dedup = db.dedup if isinstance(db, Store) else True
    if workers > 1 or dask is not None or shards is not None:
        url = db.url if isinstance(db, Store) else (None if db is None else str(db))
        return ingest_parallel(sources, url, workers=workers, dask=dask, model=model, nlp=nlp,
                               batch_size=batch_size, max_bytes=max_bytes, dedup=dedup, stdin=stdin,
                               on_result=on_result, files_per_unit=files_per_unit,
                               records_per_unit=records_per_unit, shards=shards, load=load,
                               refresh_monitor=refresh_monitor, options=options)
    own = not isinstance(db, Store)
    store = open_store(db, dedup=dedup) if own else db
    previous, store.dedup = store.dedup, dedup
    try:
        return ingest_here(sources, store, model=model, nlp=nlp, batch_size=batch_size, max_bytes=max_bytes,
                           on_article=on_article, stdin=stdin, refresh_monitor=refresh_monitor,
                           options=options)
    finally:
        store.dedup = previous
        if own:
            store.close()


def load_shards(directory: str | Path, db: Store | str | Path, *, batch_size: int = 16,
                refresh_monitor: bool = True, alerts: AlertSink | None = None) -> LoadSummary:
    """Store the Parquet shards of ``directory`` (``ingest(..., shards=DIR, load=False)``) in unit
    order, then refresh the monitor's series and deliver the new alerts, as any ingest does."""
    own = not isinstance(db, Store)
    store = open_store(db) if own else db
    started = now()
    try:
        res = _load_shards(directory, store, batch_size=batch_size)
        if refresh_monitor and res.inserted:
            res.monitor = refresh_after_ingest(store.engine, started)
            if res.monitor is not None:
                res.alerts = post_new_alerts(store.engine, AlertSink.from_settings() if alerts is None else alerts)
        return res
    finally:
        if own:
            store.close()
