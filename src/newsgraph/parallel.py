"""Ingest on several processes (``--workers N``) or a Dask cluster (``--dask ADDRESS``).

The work is cut into *units*: groups of files (HTML, text, WARC: read by the
worker, so HTML extraction is spread too) and chunks of records (JSON Lines
and stdin: read by the parent, which is cheap). Each worker process keeps its
own spaCy pipeline and its own database connection for its whole life, and
for every unit it does what ``pipeline.ingest`` does: skip texts already
stored (by content hash, before any NLP), parse with ``nlp.pipe``, run the
stages, and write the results **in batches, one transaction each, straight to
the database** (PostgreSQL, or the SQLite file, where ``BEGIN IMMEDIATE`` makes
writers queue). The parent only plans units, keeps a bounded number in flight
and adds up the counts.

The stored results are those of a single process: the same articles (keys and
hashes), entities, quotes, events and actors; only row ids and the order in
which rows were written differ. A text that reaches two workers at once is
stored once (the writer's duplicate checks hold across processes).

Shards (``shards=DIR``, ``--shards DIR``): instead of writing to the database,
each worker writes the analysed articles of each unit as one Parquet shard
(``newsgraph.shards``: temporary name + rename, listed in ``DIR/manifest.json`` by
the parent); the parent then loads them in unit order through the normal writer,
so the database holds what a single-process ingest stores. Workers still
read the database (when given) to skip stored texts before any NLP.

Dask: ``dask="local"`` starts a ``LocalCluster`` of ``workers`` single-threaded
worker processes; any other value is a scheduler address (``tcp://host:8786``).
On a remote cluster, the workers must reach the inputs (shared paths) and the
database (use ``postgresql://…``; an SQLite file only on a shared disk).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .model import Article
from .nlp import load_nlp
from .options import StageOptions
from .pipeline import IngestSummary, _chunks, now, readable, store_articles
from .readers import DEFAULT_MAX_BYTES, ReaderError, iter_articles, kind_of, walk
from .shards import Manifest, ShardWriter, load_shards, unit_id
from .store import open_store
from .store.series import refresh_after_ingest

logger = logging.getLogger(__name__)

__all__ = ["ingest_parallel", "Config", "plan_units"]

FILES_PER_UNIT = 8
RECORDS_PER_UNIT = 32


@dataclass(frozen=True)
class Config:
    db: str
    model: str | None = None
    nlp: bool = True
    batch_size: int = 16
    max_bytes: int = DEFAULT_MAX_BYTES
    dedup: bool = True
    shards: str | None = None  # write Parquet shards here instead of to the database
    options: StageOptions | None = None  # the stages' data and models (plain data: it pickles)


# ------------------------------------------------------------------ planning (parent)

def plan_units(sources: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
               files_per_unit: int = FILES_PER_UNIT, records_per_unit: int = RECORDS_PER_UNIT,
               stdin=None) -> Iterator[tuple[str, list]]:
    """Units of work, lazily: ``("files", [path, …])``, ``("articles", [Article, …])``
    or ``("errors", [ReaderError])`` for an input that does not exist."""
    files: list[str] = []

    def records(src) -> Iterator[tuple[str, list]]:
        errors: list[ReaderError] = []
        for arts in _chunks(readable(iter_articles([src], max_bytes=max_bytes, stdin=stdin), errors, log=False),
                            records_per_unit):
            yield "articles", arts
        if errors:
            yield "errors", errors

    for src in sources:
        if str(src) == "-":
            yield from records("-")
            continue
        p = Path(src)
        if p.is_dir():
            paths: Iterable[Path] = walk(p)
        elif p.exists():
            paths = [p]
        else:
            yield "errors", [ReaderError("no such file or directory", path=str(p))]
            continue
        for f in paths:
            if kind_of(f)[0] == "jsonl":
                yield from records(f)
            elif kind_of(f)[0] == "warc":
                yield "files", [str(f.resolve())]  # an archive is a unit of its own
            else:
                files.append(str(f.resolve()))
                if len(files) >= files_per_unit:
                    yield "files", files
                    files = []
    if files:
        yield "files", files


# ------------------------------------------------------------------ work (worker processes)

_STORES: dict[tuple[str, bool], Any] = {}


def _store(cfg: Config):
    if not cfg.db:
        return None
    key = (cfg.db, cfg.dedup)
    if key not in _STORES:
        _STORES[key] = open_store(cfg.db, dedup=cfg.dedup)
    return _STORES[key]


def warm_up(cfg: Config) -> int:
    """Load the spaCy pipeline and open the store in this worker (once per process)."""
    if cfg.nlp:
        load_nlp(cfg.model)
    _store(cfg)
    return os.getpid()


def process_unit(unit: tuple[str, list], cfg: Config, shard: str | None = None) -> dict:
    """Read (for file units), skip stored texts, analyse and write in batches. Returns counts.

    With ``cfg.shards``, the analysed articles go to the Parquet shard ``shard`` (its
    manifest entry is returned under ``"shard"``) instead of the database."""
    kind, items = unit
    out = {"read": 0, "inserted": 0, "duplicates": 0, "not_english": 0, "failures": [], "pid": os.getpid(),
           "shard": None}
    failures: list[ReaderError] = []
    if kind == "errors":
        failures = list(items)
        arts: list[Article] = []
    elif kind == "files":
        arts = list(readable(iter_articles(items, max_bytes=cfg.max_bytes), failures, log=False))
    else:
        arts = list(items)
    out["failures"] = [(e.path, e.line, e.reason) for e in failures]
    if not arts:
        return out
    out["read"] = len(arts)
    writer = ShardWriter(cfg.shards, shard or f"unit-{os.getpid()}-{id(unit)}") if cfg.shards else None
    try:
        res = store_articles(arts, _store(cfg), model=cfg.model, nlp=cfg.nlp, batch_size=cfg.batch_size,
                             sink=writer.write if writer is not None else None, options=cfg.options)
        if writer is not None:
            out["shard"] = writer.close()
    except BaseException:
        if writer is not None:
            writer.abort()  # no partial shard: the unit is simply not listed
        raise
    out.update(inserted=res.inserted, duplicates=res.duplicates, not_english=res.skipped_nlp)
    return out


# ------------------------------------------------------------------ executors (parent)

def _add(summary: IngestSummary, res: dict) -> None:
    summary.read += res["read"]
    summary.inserted += res["inserted"]
    summary.duplicates += res["duplicates"]
    summary.skipped_nlp += res["not_english"]
    summary.failures += [ReaderError(reason, path=path, line=line) for path, line, reason in res["failures"]]


def _run_pool(tasks: Iterator, cfg: Config, workers: int, on_result) -> None:
    """``tasks``: ``(tag, unit, shard name)``; ``on_result(tag, counts)`` as units finish."""
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # spawn: a fresh interpreter per worker (no inherited database connections or threads)
    ctx = mp.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=warm_up,
                             initargs=(cfg,)) as pool:
        pending: dict = {}
        for tag, unit, shard in tasks:
            pending[pool.submit(process_unit, unit, cfg, shard)] = tag
            if len(pending) >= 2 * workers:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    on_result(pending.pop(f), f.result())
        for f in list(pending):
            on_result(pending.pop(f), f.result())


def _run_dask(tasks: Iterator, cfg: Config, address: str, workers: int, on_result) -> None:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("--dask needs dask.distributed: pip install 'dask[distributed]'") from exc
    for name in ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.worker"):
        lg = logging.getLogger(name)  # dask sets INFO; its start/stop chatter is not ours to print
        lg.setLevel(max(lg.getEffectiveLevel(), logging.WARNING))
    cluster = None
    if address in ("local", ""):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    else:
        client = Client(address, timeout=30)
    try:
        n = max(1, len(client.scheduler_info().get("workers", {})))
        client.run(warm_up, cfg)  # every worker loads its model once, up front
        ac = as_completed()
        tags: dict = {}
        for tag, unit, shard in tasks:
            f = client.submit(process_unit, unit, cfg, shard, pure=False)
            tags[f.key] = tag
            ac.add(f)
            if ac.count() >= 2 * n:
                f = next(ac)
                on_result(tags.pop(f.key), f.result())
                f.release()
        for f in ac:
            on_result(tags.pop(f.key), f.result())
            f.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def ingest_parallel(sources: Iterable[str | Path], db: str | None, *, workers: int = 2, dask: str | None = None,
                    model: str | None = None, nlp: bool = True, batch_size: int = 16,
                    max_bytes: int = DEFAULT_MAX_BYTES, dedup: bool = True, stdin=None,
                    on_result: Callable[[dict], None] | None = None,
                    files_per_unit: int = FILES_PER_UNIT, records_per_unit: int = RECORDS_PER_UNIT,
                    shards: str | Path | None = None, load: bool = True,
                    refresh_monitor: bool = True, options: StageOptions | None = None) -> IngestSummary:
    """``pipeline.ingest`` spread over ``workers`` processes, or a Dask cluster.

    ``shards``: workers write Parquet shards into this directory (``newsgraph.shards``)
    instead of the database; with ``load`` (the default) they are then stored into ``db``
    in unit order, giving the database of a single-process ingest. Units already listed
    in the directory's manifest (same input) are not analysed again. Without ``load``,
    ``db`` may be None (workers then do not skip stored texts) and ``inserted`` stays 0.
    ``refresh_monitor``: bring the monitor's daily series up to date at the end."""
    started = now()
    if db is not None:
        db = str(db) if "://" in str(db) else str(Path(db).expanduser().resolve())  # workers may run elsewhere
        open_store(db, dedup=dedup).close()  # create and migrate once, before the workers start
    elif not shards or load:
        raise ValueError("a database is needed (unless writing shards without loading them)")
    manifest = None
    if shards:
        shards = str(Path(shards).expanduser().resolve())
        manifest = Manifest.open(shards, nlp=nlp, model=model, options=options)
    cfg = Config(db=db or "", model=model, nlp=nlp, batch_size=batch_size, max_bytes=max_bytes, dedup=dedup,
                 shards=shards, options=options)
    summary = IngestSummary()

    def collect(tag, res: dict) -> None:
        if manifest is not None and tag is not None:
            seq, uid = tag
            manifest.add(seq, {"id": uid, **(res["shard"] or {"file": None}),
                               "counts": {k: res[k] for k in ("read", "duplicates", "not_english", "failures")}})
        _add(summary, res)
        if on_result:
            on_result(res)

    units = plan_units(sources, max_bytes=max_bytes, files_per_unit=files_per_unit,
                       records_per_unit=records_per_unit, stdin=stdin)
    planned: set[int] = set()
    tasks = _tasks(units, manifest, collect, planned)
    if dask is not None:
        _run_dask(tasks, cfg, dask, workers, collect)
    else:
        _run_pool(tasks, cfg, max(1, workers), collect)
    if manifest is not None:
        for seq in set(manifest.units) - planned:  # left by an earlier run over other input
            del manifest.units[seq]
        manifest.complete = True
        manifest.save()
        if load:
            store = open_store(db, dedup=dedup)
            try:
                res = load_shards(shards, store, batch_size=batch_size)
            finally:
                store.close()
            if res.problems:
                raise RuntimeError("shards not loaded: " + "; ".join(res.problems))
            summary.inserted += res.inserted
            summary.duplicates += res.duplicates
    if refresh_monitor and summary.inserted and db is not None:
        store = open_store(db, dedup=dedup)
        try:
            summary.monitor = refresh_after_ingest(store.engine, started)
        finally:
            store.close()
    return summary


def _tasks(units: Iterator, manifest, collect, planned: set[int]) -> Iterator[tuple]:
    """``(tag, unit, shard name)`` to run; with shards, units already done (same input, shard in
    place) are counted from the manifest instead."""
    if manifest is None:
        for unit in units:
            yield None, unit, None
        return
    for seq, unit in enumerate(units):
        if unit[0] == "errors":  # nothing to analyse: counted, not listed
            yield None, unit, None
            continue
        planned.add(seq)
        uid = unit_id(unit)
        entry = manifest.done(seq, uid)
        if entry is not None:
            c = entry["counts"]
            collect(None, {"read": c["read"], "inserted": 0, "duplicates": c["duplicates"],
                           "not_english": c["not_english"], "failures": c["failures"], "pid": None,
                           "shard": None})
            continue
        if seq in manifest.units:  # another input had this number: not to be loaded any more
            del manifest.units[seq]
            manifest.save()
        yield (seq, uid), unit, f"unit-{seq:06d}"
