"""Analysed articles as Parquet shards: written by parallel workers, loaded by one writer.

With ``--shards DIR`` (``parallel.ingest_parallel(..., shards=DIR)``) workers do not
write to the database: each *unit* of work (see ``parallel.plan_units``) becomes one
Parquet file ``DIR/unit-000042.parquet`` holding its analysed articles, in input
order, one row each. The parent keeps ``DIR/manifest.json``; ``load_shards`` then
stores the listed shards, in unit order, through the normal writer
(``Store.write``), so the database ends as after a single-process ingest: same
articles, keys, entities, quotes, events, actors and stories (row ids follow the
unit order, which may differ from the input order).

Atomicity: a shard is written under a temporary name (``.unit-….parquet.<pid>.<random>.tmp``),
in row groups of up to ``ROW_GROUP`` articles as the worker goes (``ShardWriter``), and
renamed into place (``os.replace``) only when complete; the manifest is rewritten
the same way after each finished unit and lists each shard with its row count and
SHA-256. The loader reads only listed shards and checks both, so a crash mid-way
leaves at most an unlisted file or a stray ``.tmp`` that is never loaded. Loading is
idempotent: texts already stored (by content hash) are counted as duplicates.
Re-running the same ingest with the same ``DIR`` reuses the units already listed
(same input files, sizes and modification times, or same record texts).

Columns: ``seq`` (position in the unit), ``key`` (the article id), ``hash``,
``title``, ``published``, ``url``, ``site``, ``language``, ``source_path``,
``authors`` and ``notes`` (lists), ``text``, and ``entities``, ``quotes``,
``events``, ``actors``, ``places``: JSON arrays of the full records (every dataclass
field, e.g. quote sentences, which ``to_dict`` leaves out). ``decode`` / ``encode``
round-trip an ``AnalyzedArticle`` exactly.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import types
import typing
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from . import model
from .model import AnalyzedArticle, Article
from .options import StageOptions

__all__ = ["MANIFEST", "Manifest", "LoadSummary", "ShardWriter", "encode", "decode", "write_shard", "iter_shard",
           "read_shard", "load_shards", "unit_id"]

MANIFEST = "manifest.json"
FORMAT = 1
_ARTICLE_COLUMNS = ("title", "published", "url", "site", "language", "source_path")
_RECORD_COLUMNS = ("entities", "quotes", "events", "actors", "places")
ROW_GROUP = 256  # articles per Parquet row group


# ------------------------------------------------------------------ records ↔ rows

@lru_cache(maxsize=None)
def _hints(cls) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _from_data(tp: Any, value: Any) -> Any:
    """Rebuild a value of annotated type ``tp`` (dataclass, list[…], X | None) from JSON data."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_data(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (arg,) = typing.get_args(tp) or (Any,)
        return [_from_data(arg, v) for v in value]
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{f.name: _from_data(hints[f.name], value[f.name])
                     for f in dataclasses.fields(tp) if f.name in value})
    return value


def encode(item: AnalyzedArticle, seq: int = 0) -> dict[str, Any]:
    """One shard row for an analysed article."""
    a = item.article
    row: dict[str, Any] = {"seq": seq, "key": a.id, "hash": a.hash, "text": a.text,
                           "authors": list(a.authors), "notes": list(a.notes)}
    row.update({c: getattr(a, c) for c in _ARTICLE_COLUMNS})
    for c in _RECORD_COLUMNS:
        row[c] = json.dumps([dataclasses.asdict(x) for x in getattr(item, c)], ensure_ascii=False)
    return row


def decode(row: dict[str, Any]) -> AnalyzedArticle:
    """The ``AnalyzedArticle`` of a shard row (the inverse of ``encode``)."""
    art = Article(text=row["text"], id=row["key"], authors=list(row["authors"] or []),
                  notes=list(row["notes"] or []), **{c: row[c] for c in _ARTICLE_COLUMNS})
    hints = _hints(AnalyzedArticle)
    return AnalyzedArticle(article=art, **{c: _from_data(hints[c], json.loads(row[c])) for c in _RECORD_COLUMNS})


def _schema():
    import pyarrow as pa

    cols = [("seq", pa.int32()), ("key", pa.string()), ("hash", pa.string())]
    cols += [(c, pa.string()) for c in _ARTICLE_COLUMNS]
    cols += [("authors", pa.list_(pa.string())), ("notes", pa.list_(pa.string())), ("text", pa.string())]
    cols += [(c, pa.string()) for c in _RECORD_COLUMNS]
    return pa.schema(cols, metadata={"newsgraph_shard_format": str(FORMAT)})


def _atomic_write(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)  # atomic on one file system: readers see all of it or nothing
    finally:
        if tmp.exists():
            tmp.unlink()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class ShardWriter:
    """One shard written in pieces (row groups of up to ``ROW_GROUP`` articles, so a worker never
    holds a whole WARC's analysed articles), under a temporary name; ``close`` renames it into
    place, ``abort`` drops it."""

    def __init__(self, directory: str | Path, name: str):
        self.path = Path(directory) / f"{name}.parquet"
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
        self.rows = 0
        self._pending: list[dict[str, Any]] = []
        self._writer = None

    def write(self, items: Iterable[AnalyzedArticle]) -> None:
        for x in items:
            self._pending.append(encode(x, self.rows))
            self.rows += 1
        if len(self._pending) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._pending:
            return
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.tmp, _schema(), compression="zstd")
        self._writer.write_table(pa.Table.from_pylist(self._pending, schema=_schema()))
        self._pending = []

    def close(self) -> dict[str, Any] | None:
        """Finish the file and rename it into place: its manifest entry (file, rows, sha256),
        or None when nothing was written."""
        self._flush()
        if self._writer is None:
            return None
        try:
            self._writer.close()
            self._writer = None
            with open(self.tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(self.tmp, self.path)  # atomic on one file system: all of it or nothing
        finally:
            self.abort()
        return {"file": self.path.name, "rows": self.rows, "sha256": _sha256(self.path)}

    def abort(self) -> None:
        """Drop the unfinished file."""
        if self._writer is not None:
            try:
                self._writer.close()
            except Exception:  # noqa: BLE001 - the file is thrown away anyway
                pass
            self._writer = None
        if self.tmp.exists():
            self.tmp.unlink()


def write_shard(directory: str | Path, name: str, items: Iterable[AnalyzedArticle]) -> dict[str, Any] | None:
    """Write one shard atomically; returns its manifest entry (file, rows, sha256)."""
    w = ShardWriter(directory, name)
    try:
        w.write(items)
        return w.close()
    except BaseException:
        w.abort()
        raise


def iter_shard(path: str | Path, batch_size: int = 64) -> Iterable[list[AnalyzedArticle]]:
    """The shard's articles in order, ``batch_size`` at a time (memory bounded by the batch)."""
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_size):
        yield [decode(r) for r in batch.to_pylist()]


def read_shard(path: str | Path) -> list[AnalyzedArticle]:
    return [x for batch in iter_shard(path, 1024) for x in batch]


def unit_id(unit: tuple[str, list]) -> str:
    """A fingerprint of a unit's input: file paths with sizes and modification times, or the
    records' ids and content hashes. The same input gives the same id in a later run."""
    kind, items = unit
    h = hashlib.sha256(kind.encode())
    for x in items:
        if kind == "files":
            try:
                st = os.stat(x)
                h.update(f"{x}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
            except OSError:
                h.update(f"{x}\0missing\n".encode())
        else:
            h.update(f"{x.id}\0{x.hash}\n".encode())
    return h.hexdigest()[:20]


# ------------------------------------------------------------------ the manifest

@dataclass
class Manifest:
    """``DIR/manifest.json``: the run's settings and one entry per finished unit, by unit number."""

    directory: Path
    nlp: bool = True
    model: str | None = None
    complete: bool = False
    units: dict[int, dict[str, Any]] = field(default_factory=dict)
    options: dict[str, Any] | None = None  # the stage options when not the defaults (StageOptions.to_dict)

    @classmethod
    def open(cls, directory: str | Path, *, nlp: bool, model: str | None,
             options: StageOptions | None = None) -> "Manifest":
        """The manifest of ``directory`` (created if new); refuses shards of other settings
        (``nlp``, ``model``, the stage options)."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        opts = None if options is None or options.is_default else options.to_dict()
        if (d / MANIFEST).exists():
            m = cls.read(d)
            if (m.nlp, m.model, m.options) != (nlp, model, opts):
                raise ValueError(f"{d} holds shards made with nlp={m.nlp}, model={m.model!r}, stage options "
                                 f"{m.options or 'default'}; use another directory")
            if m.complete:  # this run may change it: incomplete until it ends
                m.complete = False
                m.save()
            return m
        return cls(directory=d, nlp=nlp, model=model, options=opts)

    @classmethod
    def read(cls, directory: str | Path) -> "Manifest":
        d = Path(directory)
        try:
            data = json.loads((d / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise FileNotFoundError(f"{d / MANIFEST} not found: not a shard directory") from None
        if data.get("format") != FORMAT:
            raise ValueError(f"{d / MANIFEST}: unknown shard format {data.get('format')!r}")
        return cls(directory=d, nlp=data["nlp"], model=data.get("model"), complete=data.get("complete", False),
                   units={int(k): v for k, v in data["units"].items()}, options=data.get("options"))

    def done(self, seq: int, uid: str) -> dict[str, Any] | None:
        """The entry of unit ``seq`` when it holds the same input and its shard is in place."""
        e = self.units.get(seq)
        if e is None or e.get("id") != uid:
            return None
        if e.get("file") and not (self.directory / e["file"]).exists():
            return None
        return e

    def add(self, seq: int, entry: dict[str, Any]) -> None:
        self.units[seq] = entry
        self.save()

    def save(self) -> None:
        data = {"format": FORMAT, "nlp": self.nlp, "model": self.model, "complete": self.complete,
                **({"options": self.options} if self.options else {}),
                "units": {str(k): self.units[k] for k in sorted(self.units)}}
        text = json.dumps(data, ensure_ascii=False, indent=1)
        _atomic_write(self.directory / MANIFEST, lambda tmp: tmp.write_text(text, encoding="utf-8"))


# ------------------------------------------------------------------ loading

@dataclass
class LoadSummary:
    shards: int = 0
    articles: int = 0
    inserted: int = 0
    duplicates: int = 0
    complete: bool = True
    problems: list[str] = field(default_factory=list)  # shards skipped: missing or damaged
    monitor: dict[str, Any] | None = None  # the monitor refresh after loading (``newsgraph.ingestion``)
    alerts: int | None = None  # alerts delivered after it (``newsgraph.ingestion``)

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        del d["monitor"], d["alerts"]
        return d


def load_shards(directory: str | Path, store, *, batch_size: int = 16,
                on_shard=None) -> LoadSummary:
    """Store the manifest's shards, in unit order, through ``store.write`` (one transaction per
    ``batch_size`` articles). Idempotent: stored texts count as duplicates. A listed shard that
    is missing or does not match its row count and SHA-256 is reported and skipped."""
    m = Manifest.read(directory)
    out = LoadSummary(complete=m.complete)
    for seq in sorted(m.units):
        e = m.units[seq]
        if not e.get("file"):
            continue
        path = m.directory / e["file"]
        if not path.exists():
            out.problems.append(f"{e['file']}: missing")
            continue
        if _sha256(path) != e["sha256"]:
            out.problems.append(f"{e['file']}: does not match its SHA-256 in the manifest")
            continue
        import pyarrow.parquet as pq

        rows = pq.ParquetFile(path).metadata.num_rows
        if rows != e["rows"]:
            out.problems.append(f"{e['file']}: {rows} rows, the manifest says {e['rows']}")
            continue
        out.shards += 1
        for items in iter_shard(path, batch_size):
            out.articles += len(items)
            res = store.write(items, nlp=m.nlp)
            out.inserted += res.inserted
            out.duplicates += res.duplicates
        if on_shard:
            on_shard(seq, e)
    return out
