"""Readers: every input kind becomes ``Article`` records.

``iter_articles(paths)`` walks files, directories (recursively) and ``-``
(JSON Lines on stdin) and yields, in order, an ``Article`` for each article read
and a ``ReaderError`` for each file or record that could not be read; it never
raises for bad input, so a broken file never stops a batch.

Kinds are told by suffix (``.txt``, ``.html``/``.htm``, ``.jsonl``/``.ndjson``,
each optionally ``.gz``); a file named explicitly with another suffix is sniffed.
Web archives (``.warc``, ``.warc.gz``) are streamed record by record by
``readers/warc.py``: the size limit then applies to each record, not the file.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from pathlib import Path
from typing import IO, Iterable, Iterator

from ..model import Article
from .base import DEFAULT_MAX_BYTES, ReaderError

__all__ = ["iter_articles", "read_file", "ReaderError", "DEFAULT_MAX_BYTES", "kind_of", "KNOWN_SUFFIXES"]

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES
ReadResult = Article | ReaderError


def kind_of(path: Path) -> tuple[str | None, bool]:
    """(kind, gzipped) from the file name: kind in text|html|jsonl|warc or None."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    last = suffixes[-2] if gz and len(suffixes) >= 2 else (suffixes[-1] if suffixes and not gz else "")
    if last in TEXT_SUFFIXES:
        return "text", gz
    if last in HTML_SUFFIXES:
        return "html", gz
    if last in JSONL_SUFFIXES:
        return "jsonl", gz
    if last in WARC_SUFFIXES:
        return "warc", gz
    return None, gz


def _read_limited(stream: IO[bytes], limit: int, what: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ReaderError(f"{what} larger than the limit of {limit:,} bytes (raise it with --max-bytes)")
    return data


def read_bytes(path: Path, *, gz: bool, max_bytes: int) -> bytes:
    """Read a file (decompressing gzip) with a size limit; ReaderError on any failure."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReaderError(f"cannot read: {exc.strerror or exc}") from exc
    if size == 0:
        raise ReaderError("empty file")
    try:
        with open(path, "rb") as fh:
            if not gz:
                return _read_limited(fh, max_bytes, "file")
            with gzip.GzipFile(fileobj=fh) as gzfh:
                data = _read_limited(gzfh, max_bytes, "decompressed data")
    except (EOFError, zlib.error) as exc:
        raise ReaderError(f"truncated or corrupt gzip data ({exc})") from exc
    except gzip.BadGzipFile as exc:
        raise ReaderError(f"not a valid gzip file ({exc})") from exc
    except OSError as exc:
        raise ReaderError(f"cannot read: {exc.strerror or exc}") from exc
    if not data:
        raise ReaderError("empty file (after decompression)")
    return data


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 50)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else the charset detected with confidence."""
    if looks_binary(data):
        raise ReaderError("binary data, not text")
    for bom, enc in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="strict")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReaderError("undecodable: not UTF-8 and no character set could be detected")
    return str(best)


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<p>" in head:
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def looks_like_html(text: str) -> bool:
    """Is this text an HTML page (as a file of it would be read: the same test as for files)?"""
    return _sniff(text[:2048].encode("utf-8", "replace")) == "html"


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Read one file; yields Articles and ReaderErrors (file-level or per record)."""
    spath = str(path)
    kind, gz = kind_of(path)
    if kind == "warc":
        from .warc import iter_warc

        yield from iter_warc(path, max_bytes=max_bytes)
        return
    if not gz:
        try:
            with open(path, "rb") as fh:
                gz = fh.read(2) == b"\x1f\x8b"
        except OSError:
            pass
    try:
        data = read_bytes(path, gz=gz, max_bytes=max_bytes)
        kind = kind or _sniff(data)
        if kind == "jsonl":
            text = decode_text(data)
            for item in _jsonl(io.StringIO(text), spath):
                yield item
            return
        if kind == "html":
            from .html import read_html

            art = read_html(data, source_path=spath)
        else:
            from .text import read_text

            art = read_text(decode_text(data), source_path=spath)
        if not art.text.strip():
            raise ReaderError("no article text found")
        yield art
    except ReaderError as err:
        err.path = err.path or spath
        yield ReaderError(err.reason, path=err.path, line=err.line)
    except Exception as exc:  # a reader bug must not stop the batch
        yield ReaderError(f"unexpected {type(exc).__name__}: {exc}", path=spath)


def _jsonl(stream: Iterable[str], spath: str | None) -> Iterator[ReadResult]:
    from .jsonl import read_jsonl_lines

    yield from read_jsonl_lines(stream, source_path=spath)


def walk(path: Path) -> Iterator[Path]:
    """Files of known kinds under a directory, recursively, in a stable order."""
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = Path(root) / name
            if not name.startswith(".") and kind_of(p)[0] is not None:
                yield p


def iter_articles(
    sources: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: IO[str] | None = None
) -> Iterator[ReadResult]:
    """Articles (and errors) from files, directories and ``-`` (JSON Lines on stdin)."""
    from ..language import detect_language

    for src in sources:
        if str(src) == "-":
            items: Iterable[ReadResult] = _jsonl(stdin or sys.stdin, None)
        else:
            p = Path(src)
            if p.is_dir():
                items = (item for f in walk(p) for item in read_file(f, max_bytes=max_bytes))
            elif p.exists():
                items = read_file(p, max_bytes=max_bytes)
            else:
                items = [ReaderError("no such file or directory", path=str(p))]
        for item in items:
            if isinstance(item, Article) and item.language is None:
                item.language = detect_language(item.text)
            yield item
