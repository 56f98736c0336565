"""A disk cache for data built from the package's data files (dictionaries, gazetteer).

Building the actor index (team dictionaries + ~18k Phoenix office holders) or the place index
(GeoNames cities, alternate names) takes about a second each; unpickling the built object takes
a fraction of that. ``cached(name, build, sources=…)`` returns ``build()``'s result, stored once
as a pickle in the user cache folder and read back by later processes.

The file name holds a SHA-256 of everything the result is built from: the content of each source
file (data files and the modules that build them), the ``extra`` strings (package versions,
flags such as ``NEWSGRAPH_PHOENIX``), the Python version and this module's format number. A
changed source gives another key, so a stale file is never read (and is removed when the new one
is written). A file that cannot be read or written is no error: the object is built as before.

Where: ``$NEWSGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsgraph``, else ``~/.cache/newsgraph``;
``NEWSGRAPH_CACHE_DIR=off`` (or ``0``, ``none``) turns the cache off. The first process after a
change builds and writes the file; every later one reads it.

Imports nothing of ours: every floor may use it.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

logger = logging.getLogger(__name__)

ENV_VAR = "NEWSGRAPH_CACHE_DIR"
FORMAT = 1  # bump when the way entries are written changes
T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    raw = os.environ.get(ENV_VAR, "").strip()
    if raw.lower() in ("off", "0", "none", "false", "no"):
        return None
    if raw:
        return Path(raw).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg else Path.home() / ".cache") / "newsgraph"


def version_of(package: str) -> str:
    """An installed distribution's version ('' when it is not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return ""


def source_key(sources: Iterable[str | Path], extra: Iterable[str] = ()) -> str:
    """SHA-256 over the sources' names and bytes (a missing file counts as missing), ``extra``,
    the Python version and the cache format."""
    h = hashlib.sha256(f"newsgraph-cache {FORMAT} {sys.version_info[:2]} {pickle.HIGHEST_PROTOCOL}".encode())
    for src in sources:
        p = Path(src)
        h.update(b"\0file\0" + p.name.encode("utf-8", "replace") + b"\0")
        try:
            h.update(p.read_bytes())
        except OSError:
            h.update(b"\0missing\0")
    for x in extra:
        h.update(b"\0extra\0" + str(x).encode("utf-8", "replace"))
    return h.hexdigest()


def _load(path: Path):
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects: collecting while loading triples the time
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    finally:
        if enabled:
            gc.enable()


def _settle() -> None:
    """The tables just loaded live as long as the process: moved out of the collector's sight
    (``gc.freeze``), a full collection no longer walks their ~10^5 objects (each one took
    0.3-0.6 s, a few per hundred articles)."""
    gc.freeze()


def _store(folder: Path, name: str, path: Path, obj) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the whole new one
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    for old in folder.glob(f"{name}-*.pickle"):  # other keys of this name are stale
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass


def cached(name: str, build: Callable[[], T], *, sources: Iterable[str | Path] = (),
           extra: Iterable[str] = ()) -> T:
    """``build()``, or the result of an earlier ``build()`` with the same sources, read from disk."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{source_key(sources, extra)[:24]}.pickle"
    if path.exists():
        try:
            obj = _load(path)
            _settle()
            return obj
        except Exception as exc:  # truncated, written by another version...: build it again
            logger.debug("cache %s unreadable (%s): rebuilding", path, exc)
    obj = build()
    try:
        _store(folder, name, path, obj)
    except Exception as exc:  # read-only home, full disk, an object that cannot be pickled
        logger.debug("cache %s not written: %s", path, exc)
    _settle()
    return obj



def cached_arrays(name: str, build: Callable[[], dict], *, sources: Iterable[str | Path] = (),
                  extra: Iterable[str] = ()) -> dict:
    """``cached`` for a dict of numpy arrays (a model's tables): kept as ``.npy`` files in a folder
    and read memory-mapped, read-only, so that a process touches only the pages it uses."""
    import numpy as np

    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{source_key(sources, extra)[:24]}"
    if (path / "done").exists():
        try:
            return {p.stem: np.load(p, mmap_mode="r", allow_pickle=False) for p in path.glob("*.npy")}
        except Exception as exc:  # noqa: BLE001 - rebuild whatever went wrong
            logger.debug("cache %s unreadable (%s): rebuilding", path, exc)
    arrays = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=folder))
        for key, arr in arrays.items():
            np.save(tmp / f"{key}.npy", np.asarray(arr), allow_pickle=False)
        (tmp / "done").write_text("", encoding="utf-8")
        if path.exists():  # a folder left half-written (no "done" file)
            shutil.rmtree(path, ignore_errors=True)
        try:
            os.replace(tmp, path)
        except OSError:  # another process wrote it first
            shutil.rmtree(tmp, ignore_errors=True)
        for old in folder.glob(f"{name}-*"):
            if old != path and old.is_dir() and not old.name.startswith("."):
                shutil.rmtree(old, ignore_errors=True)
    except Exception as exc:  # noqa: BLE001 - a cache that cannot be written is no error
        logger.debug("cache %s not written: %s", path, exc)
    return arrays
