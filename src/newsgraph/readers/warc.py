"""Read news articles out of web archives (WARC and WARC.gz, e.g. Common Crawl's CC-NEWS).

The file is streamed record by record with FastWARC; nothing holds more than
one record's payload in memory, so a 1 GB CC-NEWS file reads in constant
memory. Each HTTP ``response`` record with an HTML payload goes through the
HTML reader (``readers.html.read_html``) and becomes an ``Article`` with

* ``url`` — the record's ``WARC-Target-URI`` (unless the page names a canonical URL),
* ``source_path`` — ``FILE#OFFSET``, the byte offset of the record in the file,
* a note ``crawled <WARC-Date>``; when the page gives no publication date, the
  crawl date is used as ``published`` and a note says so.

Every other record (``warcinfo``, ``request``, ``metadata``, ``revisit``,
non-HTML responses, HTTP errors, pages with no article text, payloads over the
size limit) is skipped and counted in a ``WarcStats``. Only a broken archive
(truncated or corrupt data) yields a ``ReaderError``.
"""

from __future__ import annotations

import gzip
import logging
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from ..model import Article
from .base import DEFAULT_MAX_BYTES, ReaderError
from .html import read_html

logger = logging.getLogger(__name__)

__all__ = ["iter_warc", "WarcStats", "write_warc", "WARC_SUFFIXES", "is_warc"]

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz", ".warc.zst")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(WARC_SUFFIXES)


@dataclass
class WarcStats:
    """What one pass over an archive saw."""

    records: int = 0
    responses: int = 0
    html: int = 0
    articles: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> count

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def to_dict(self) -> dict:
        return {"records": self.records, "responses": self.responses, "html": self.html,
                "articles": self.articles, "skipped": dict(self.skipped)}

    def summary(self) -> str:
        why = ", ".join(f"{k} {v}" for k, v in self.skipped.most_common())
        return (f"{self.records} records, {self.html} HTML responses → {self.articles} articles; "
                f"skipped {self.skipped_total}" + (f" ({why})" if why else ""))


def _record_type(record) -> str:
    return (record.headers.get("WARC-Type") or "unknown").strip().lower()


def iter_warc(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
              stats: WarcStats | None = None) -> Iterator[Article | ReaderError]:
    """Articles from the HTML responses of a WARC / WARC.gz file, streamed.

    ``max_bytes`` limits each record's payload (not the file). Pass a
    ``WarcStats`` to get the counts of records read and skipped.
    """
    try:
        from fastwarc.warc import ArchiveIterator
    except ImportError:  # pragma: no cover - depends on the environment
        yield ReaderError("reading WARC files needs fastwarc (pip install fastwarc)", path=str(path))
        return
    stats = stats if stats is not None else WarcStats()
    spath = str(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield ReaderError(f"cannot read: {exc.strerror or exc}", path=spath)
        return
    with fh:
        try:
            it = ArchiveIterator(fh, parse_http=False, stream_detect=True, fsspec_args=False, auto_decode="all")
            for record in it:
                stats.records += 1
                rtype = _record_type(record)
                if rtype != "response":
                    stats.skipped[rtype] += 1
                    continue
                stats.responses += 1
                item = _article_from(record, spath, max_bytes, stats, read_html)
                if isinstance(item, ReaderError):
                    yield item
                    return
                if item is not None:
                    stats.articles += 1
                    yield item
        except (OSError, ValueError, EOFError) as exc:
            where = f" after {stats.records} records" if stats.records else ""
            yield ReaderError(f"truncated or corrupt WARC data{where} ({exc})", path=spath)
    logger.info("%s: %s", spath, stats.summary())


def _article_from(record, spath: str, max_bytes: int, stats: WarcStats,
                  read_html) -> Article | ReaderError | None:
    if record.content_length > max_bytes + 65536:
        stats.skipped["too large"] += 1
        return None
    try:
        record.parse_http()
    except Exception:  # noqa: BLE001 - a malformed HTTP block is one skipped record
        stats.skipped["bad HTTP"] += 1
        return None
    http = record.http_headers
    if http is None:
        stats.skipped["not HTTP"] += 1
        return None
    status = getattr(http, "status_code", None)
    if status is not None and not 200 <= int(status) < 300:
        stats.skipped[f"HTTP {status}"] += 1
        return None
    ctype = (record.http_content_type or "").lower()
    if ctype and not ctype.startswith(HTML_TYPES):
        stats.skipped["not HTML"] += 1
        return None
    expected = record.content_length
    payload = record.reader.read(max_bytes + 1)
    encoded = http.get("Content-Encoding") or http.get("Transfer-Encoding")
    if not encoded and len(payload) < min(expected, max_bytes + 1):
        return ReaderError(f"truncated WARC record at offset {record.stream_pos} "
                           f"({len(payload)} of {expected} bytes) after {stats.records} records", path=spath)
    if len(payload) > max_bytes:
        stats.skipped["too large"] += 1
        return None
    if not payload.strip():
        stats.skipped["empty"] += 1
        return None
    stats.html += 1
    url = record.headers.get("WARC-Target-URI")
    source = f"{spath}#{record.stream_pos}"
    try:
        art = read_html(payload, source_path=source, url=url)
    except ReaderError:
        stats.skipped["no article text"] += 1
        return None
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the archive
        logger.debug("%s: %s", source, exc)
        stats.skipped["unreadable HTML"] += 1
        return None
    if not art.text.strip():
        stats.skipped["no article text"] += 1
        return None
    art.source_path = source
    art.url = art.url or url
    crawled = record.record_date
    if crawled is not None:
        if crawled.tzinfo is None:
            crawled = crawled.replace(tzinfo=timezone.utc)
        stamp = crawled.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        art.notes.append(f"crawled {stamp}")
        if not art.published:
            art.published = stamp[:10]
            art.notes.append("published date not found in the page: crawl date used")
    return art


# ---------------------------------------------------------------- writing (tests, benchmarks, tools)

def _warc_record(headers: dict[str, str], block: bytes) -> bytes:
    lines = ["WARC/1.0"] + [f"{k}: {v}" for k, v in headers.items()] + [f"Content-Length: {len(block)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"


def _http_response(body: bytes, content_type: str, status: int = 200) -> bytes:
    reason = {200: "OK", 404: "Not Found", 301: "Moved Permanently"}.get(status, "Status")
    head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode("latin-1") + body


def write_warc(path: str | Path, pages: Iterable[dict], *, compress: bool | None = None,
               with_requests: bool = True) -> int:
    """Write a small WARC (one gzip member per record when ``compress``; by default
    when the name ends in ``.gz``). Each page is a dict with ``url``, ``body``
    (str or bytes) and optionally ``content_type`` (``text/html; charset=utf-8``),
    ``status`` (200), ``date`` (a datetime) and ``type`` (``response``, or e.g.
    ``metadata``/``resource`` for a non-HTTP record). Returns the number of records."""
    path = Path(path)
    compress = path.name.endswith(".gz") if compress is None else compress
    count = 0
    with open(path, "wb") as out:
        def emit(headers: dict[str, str], block: bytes) -> None:
            nonlocal count
            data = _warc_record(headers, block)
            out.write(gzip.compress(data, compresslevel=5) if compress else data)
            count += 1

        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        emit({"WARC-Type": "warcinfo", "WARC-Date": now, "WARC-Record-ID": f"<urn:uuid:{uuid.uuid4()}>",
              "Content-Type": "application/warc-fields"}, b"software: newsgraph\r\nformat: WARC/1.0\r\n")
        for page in pages:
            body = page["body"].encode("utf-8") if isinstance(page["body"], str) else page["body"]
            date = page.get("date") or datetime.now(timezone.utc)
            stamp = date.strftime("%Y-%m-%dT%H:%M:%SZ")
            rtype = page.get("type", "response")
            base = {"WARC-Date": stamp, "WARC-Target-URI": page["url"]}
            if rtype != "response":
                emit({"WARC-Type": rtype, "WARC-Record-ID": f"<urn:uuid:{uuid.uuid4()}>", **base,
                      "Content-Type": page.get("content_type", "text/plain")}, body)
                continue
            if with_requests:
                req = f"GET {page['url']} HTTP/1.1\r\nHost: example\r\n\r\n".encode("utf-8")
                emit({"WARC-Type": "request", "WARC-Record-ID": f"<urn:uuid:{uuid.uuid4()}>", **base,
                      "Content-Type": "application/http; msgtype=request"}, req)
            block = _http_response(body, page.get("content_type", "text/html; charset=utf-8"),
                                   page.get("status", 200))
            emit({"WARC-Type": "response", "WARC-Record-ID": f"<urn:uuid:{uuid.uuid4()}>", **base,
                  "Content-Type": "application/http; msgtype=response"}, block)
    return count

