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
from .pipeline import IngestSummary, _chunks, analyze_articles, is_english
from .readers import DEFAULT_MAX_BYTES, ReaderError, iter_articles, kind_of, walk

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


# ------------------------------------------------------------------ planning (parent)

def plan_units(sources: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
               files_per_unit: int = FILES_PER_UNIT, records_per_unit: int = RECORDS_PER_UNIT,
               stdin=None) -> Iterator[tuple[str, list]]:
    """Units of work, lazily: ``("files", [path, …])``, ``("articles", [Article, …])``
    or ``("errors", [ReaderError])`` for an input that does not exist."""
    files: list[str] = []

    def records(src) -> Iterator[tuple[str, list]]:
        errors: list[ReaderError] = []
        for chunk in _chunks(iter_articles([src], max_bytes=max_bytes, stdin=stdin), records_per_unit):
            arts = [x for x in chunk if isinstance(x, Article)]
            errors += [x for x in chunk if isinstance(x, ReaderError)]
            if arts:
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
    key = (cfg.db, cfg.dedup)
    if key not in _STORES:
        from .store import open_store

        _STORES[key] = open_store(cfg.db, dedup=cfg.dedup)
    return _STORES[key]


def warm_up(cfg: Config) -> int:
    """Load the spaCy pipeline and open the store in this worker (once per process)."""
    if cfg.nlp:
        from .nlp import load_nlp

        load_nlp(cfg.model)
    _store(cfg)
    return os.getpid()


def process_unit(unit: tuple[str, list], cfg: Config) -> dict:
    """Read (for file units), skip stored texts, analyse and write in batches. Returns counts."""
    from .store.queries import known_hashes

    kind, items = unit
    out = {"read": 0, "inserted": 0, "duplicates": 0, "not_english": 0, "failures": [], "pid": os.getpid()}
    if kind == "errors":
        out["failures"] = [(e.path, e.line, e.reason) for e in items]
        return out
    store = _store(cfg)
    if kind == "files":
        arts = []
        for x in iter_articles(items, max_bytes=cfg.max_bytes):
            if isinstance(x, ReaderError):
                out["failures"].append((x.path, x.line, x.reason))
            else:
                arts.append(x)
    else:
        arts = list(items)
    out["read"] = len(arts)
    for chunk in _chunks(arts, cfg.batch_size):
        stored = known_hashes(store.engine, [a.hash for a in chunk])
        fresh, seen = [], set()
        for a in chunk:
            h = a.hash
            if h in stored or h in seen:
                out["duplicates"] += 1
            else:
                seen.add(h)
                fresh.append(a)
        analysed = list(analyze_articles(fresh, model=cfg.model, nlp=cfg.nlp, batch_size=cfg.batch_size))
        out["not_english"] += sum(1 for x in analysed if cfg.nlp and not is_english(x.article))
        res = store.write(analysed, nlp=cfg.nlp)
        out["inserted"] += res.inserted
        out["duplicates"] += res.duplicates
    return out


# ------------------------------------------------------------------ executors (parent)

def _add(summary: IngestSummary, res: dict) -> None:
    summary.read += res["read"]
    summary.inserted += res["inserted"]
    summary.duplicates += res["duplicates"]
    summary.skipped_nlp += res["not_english"]
    summary.failures += [ReaderError(reason, path=path, line=line) for path, line, reason in res["failures"]]


def _run_pool(units: Iterator, cfg: Config, workers: int, on_result) -> None:
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # spawn: a fresh interpreter per worker (no inherited database connections or threads)
    ctx = mp.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=warm_up,
                             initargs=(cfg,)) as pool:
        pending: set = set()
        for unit in units:
            pending.add(pool.submit(process_unit, unit, cfg))
            if len(pending) >= 2 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    on_result(f.result())
        for f in pending:
            on_result(f.result())


def _run_dask(units: Iterator, cfg: Config, address: str, workers: int, on_result) -> None:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("--dask needs dask.distributed: pip install 'dask[distributed]'") from exc
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
        for unit in units:
            ac.add(client.submit(process_unit, unit, cfg, pure=False))
            if ac.count() >= 2 * n:
                f = next(ac)
                on_result(f.result())
                f.release()
        for f in ac:
            on_result(f.result())
            f.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def ingest_parallel(sources: Iterable[str | Path], db: str, *, workers: int = 2, dask: str | None = None,
                    model: str | None = None, nlp: bool = True, batch_size: int = 16,
                    max_bytes: int = DEFAULT_MAX_BYTES, dedup: bool = True, stdin=None,
                    on_result: Callable[[dict], None] | None = None,
                    files_per_unit: int = FILES_PER_UNIT, records_per_unit: int = RECORDS_PER_UNIT
                    ) -> IngestSummary:
    """``pipeline.ingest`` spread over ``workers`` processes, or a Dask cluster."""
    from .store import open_store

    db = str(db) if "://" in str(db) else str(Path(db).expanduser().resolve())  # workers may run elsewhere
    open_store(db, dedup=dedup).close()  # create and migrate once, before the workers start
    cfg = Config(db=db, model=model, nlp=nlp, batch_size=batch_size, max_bytes=max_bytes, dedup=dedup)
    summary = IngestSummary()

    def collect(res: dict) -> None:
        _add(summary, res)
        if on_result:
            on_result(res)

    units = plan_units(sources, max_bytes=max_bytes, files_per_unit=files_per_unit,
                       records_per_unit=records_per_unit, stdin=stdin)
    if dask is not None:
        _run_dask(units, cfg, dask, workers, collect)
    else:
        _run_pool(units, cfg, max(1, workers), collect)
    return summary
