"""Live feeds: poll RSS/Atom feeds, fetch new items over HTTP, ingest them.

* ``fetch(sources, store)`` polls each feed once: every item whose link is not
  stored yet is fetched, read with the HTML reader and ingested (NLP, store).
  A URL that is not a feed is taken as an article page.
* ``watch(sources, store, every=600)`` does that every ``every`` seconds, with
  conditional GETs (``ETag`` / ``Last-Modified``) so an unchanged feed costs one
  short request.

HTTP (``httpx``) is polite and bounded: a clear ``User-Agent``, a timeout per
request, a size limit per response (streamed: a larger body is cut off, not
downloaded), retries with exponential backoff on connection errors, timeouts,
429 and 5xx (``Retry-After`` honoured, capped), and at most one request per
``per_host_delay`` seconds to any one host. Feeds are parsed with
``feedparser``. Sources are feed URLs, local feed files (RSS/Atom XML), or
text files listing one URL a line (``#`` comments).
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

from . import __version__
from .language import detect_language
from .model import Article
from .options import StageOptions
from .pipeline import now, store_articles
from .readers import DEFAULT_MAX_BYTES, ReaderError
from .readers.html import read_html
from .store.schema import articles
from .monitor.alerts import AlertSink, post_new_alerts
from .store.series import refresh_after_ingest
from .errors import FetchError  # noqa: F401  (code E102, newsgraph.errors)

logger = logging.getLogger(__name__)

__all__ = ["FetchSettings", "Fetcher", "FetchSummary", "fetch", "watch", "expand_sources", "parse_interval"]

USER_AGENT = f"newsgraph/{__version__} (news research crawler; +https://pypi.org/project/newsgraph/)"
RETRY_STATUS = {429, 500, 502, 503, 504}
FEED_TYPES = ("application/rss", "application/atom", "application/rdf", "application/xml", "text/xml",
              "application/feed")


@dataclass
class FetchSettings:
    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds per request (connect, read, write, pool)
    max_bytes: int = DEFAULT_MAX_BYTES  # per response body
    retries: int = 3  # extra tries after the first
    backoff: float = 1.0  # seconds; doubled at each retry
    max_retry_after: float = 60.0
    per_host_delay: float = 1.0  # seconds between two requests to one host
    max_items: int | None = None  # per feed and poll
    max_feed_bytes: int = 5 * 1024 * 1024  # a feed document; parsing costs ~1 s per MB, so cap it


@dataclass
class Response:
    url: str  # after redirects
    status: int
    content: bytes
    headers: dict[str, str]

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class Fetcher:
    """An HTTP client with limits, retries, per-host pacing and a conditional-GET cache."""

    def __init__(self, settings: FetchSettings | None = None, *, transport=None):
        import httpx

        self.settings = settings or FetchSettings()
        self._httpx = httpx
        self.client = httpx.Client(
            headers={"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.settings.timeout), follow_redirects=True, transport=transport,
        )
        self._last: dict[str, float] = {}
        self.validators: dict[str, dict[str, str]] = {}  # url -> ETag / Last-Modified
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _pace(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        wait = self._last.get(host, 0.0) + self.settings.per_host_delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        s = self.settings
        self._pace(url)
        self.requests += 1
        with self.client.stream("GET", url, headers=headers) as r:
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > s.max_bytes:
                raise FetchError(f"response larger than the limit of {s.max_bytes:,} bytes")
            chunks, size = [], 0
            if r.status_code < 300:
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > s.max_bytes:
                        raise FetchError(f"response larger than the limit of {s.max_bytes:,} bytes")
                    chunks.append(chunk)
            return Response(url=str(r.url), status=r.status_code, content=b"".join(chunks),
                            headers={k.lower(): v for k, v in r.headers.items()})

    def get(self, url: str, *, conditional: bool = False) -> Response:
        """GET with retries; raises FetchError with a one-line reason."""
        s = self.settings
        headers = dict(self.validators.get(url, {})) if conditional else {}
        last_error = "no attempt"
        for attempt in range(s.retries + 1):
            if attempt:
                delay = s.backoff * 2 ** (attempt - 1)
                time.sleep(delay)
            try:
                resp = self._once(url, headers)
            except self._httpx.UnsupportedProtocol as exc:  # file:, javascript:, relative: never retried
                raise FetchError(f"not an http(s) URL ({exc})") from exc
            except (self._httpx.InvalidURL, ValueError) as exc:  # "http://[::1": urlsplit raises ValueError
                raise FetchError(f"invalid URL ({exc})") from exc
            except self._httpx.TimeoutException:
                last_error = f"timed out after {s.timeout:g} s"
                continue
            except self._httpx.TransportError as exc:
                last_error = f"connection failed ({type(exc).__name__}: {exc})"
                continue
            except self._httpx.HTTPError as exc:  # bad URL, too many redirects…
                raise FetchError(f"{type(exc).__name__}: {exc}") from exc
            if resp.status in RETRY_STATUS:
                last_error = f"HTTP {resp.status}"
                retry_after = resp.headers.get("retry-after", "")
                if retry_after.isdigit() and attempt < s.retries:
                    time.sleep(min(float(retry_after), s.max_retry_after))
                continue
            if resp.status == 304:
                return resp
            if resp.status >= 400:
                raise FetchError(f"HTTP {resp.status}")
            if conditional:
                v = {k: resp.headers[h] for k, h in (("If-None-Match", "etag"), ("If-Modified-Since", "last-modified"))
                     if h in resp.headers}
                if v:
                    self.validators[url] = v
            return resp
        raise FetchError(f"{last_error} (gave up after {s.retries + 1} tries)")


# ------------------------------------------------------------------ sources and intervals

def parse_interval(value: str | float | int) -> float:
    """``"90"``/``"90s"``, ``"10m"``, ``"1h"``, ``"1d"`` → seconds."""
    if isinstance(value, (int, float)):
        secs = float(value)
    else:
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value.lower())
        if not m:
            raise ValueError(f"not an interval: {value!r} (e.g. 30s, 10m, 1h)")
        secs = float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]
    if secs <= 0:
        raise ValueError("the interval must be positive")
    return secs


def _is_url(s: str) -> bool:
    return s.lower().startswith(("http://", "https://"))


def expand_sources(args: Iterable[str]) -> list[str]:
    """URLs stay; a local feed file (XML) stays as a path; a text file gives its URLs."""
    out: list[str] = []
    for a in args:
        if _is_url(a):
            out.append(a)
            continue
        p = Path(a)
        if not p.is_file():
            raise ValueError(f"{a}: neither an http(s) URL nor a file")
        head = p.read_bytes()[:512].lstrip()
        if head.startswith(b"<"):
            out.append(str(p))  # a feed document
        else:
            for line in p.read_text(encoding="utf-8").splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    if not _is_url(line):
                        raise ValueError(f"{a}: not an http(s) URL: {line!r}")
                    out.append(line)
    return out


# ------------------------------------------------------------------ one poll

@dataclass
class FetchSummary:
    feeds: int = 0
    unchanged: int = 0  # feeds answering 304 Not Modified
    items: int = 0  # items listed by the feeds
    known: int = 0  # items whose link is stored (or was fetched) already
    fetched: int = 0  # pages downloaded
    read: int = 0  # articles read from them
    inserted: int = 0
    duplicates: int = 0
    failures: list[ReaderError] = field(default_factory=list)
    monitor: dict | None = None  # the monitor refresh after the poll
    alerts: int | None = None  # alerts delivered after it (None: delivery failed)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def add(self, other: "FetchSummary") -> None:
        for k in ("feeds", "unchanged", "items", "known", "fetched", "read", "inserted", "duplicates"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.failures += other.failures

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in ("feeds", "unchanged", "items", "known", "fetched", "read",
                                          "inserted", "duplicates", "failed")}
        d["failures"] = [{"path": f.path, "reason": f.reason} for f in self.failures]
        return d

    def line(self) -> str:
        return (f"{self.feeds} feed(s) ({self.unchanged} unchanged), {self.items} items, {self.known} known, "
                f"{self.fetched} fetched, {self.inserted} stored, {self.duplicates} already stored, "
                f"{self.failed} failed")


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            return time.strftime("%Y-%m-%d", t)
    return None


def _known_urls(store, urls: list[str]) -> set[str]:
    """The URLs stored already, as the page's URL or as the link it was fetched from
    (``source_path``: a page may name another canonical URL)."""
    from sqlalchemy import select

    if not urls:
        return set()
    found: set[str] = set()
    with store.engine.connect() as conn:
        for col in (articles.c.url, articles.c.source_path):
            for i in range(0, len(urls), 500):
                found |= {r[0] for r in conn.execute(select(col).where(col.in_(urls[i:i + 500])))}
    return found


def _looks_like_feed(resp_or_bytes: Response | bytes) -> bool:
    if isinstance(resp_or_bytes, Response):
        if resp_or_bytes.content_type.startswith(FEED_TYPES) or "rss" in resp_or_bytes.content_type:
            return True
        data = resp_or_bytes.content
    else:
        data = resp_or_bytes
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf"))


def _declares_entities(data: bytes) -> bool:
    """Does the document's prologue (before the root element) declare XML entities? Feeds
    never need to; "billion laughs" does: expat stops it, but only after seconds of expansion."""
    ends = [i for i in (data.find(tag) for tag in (b"<rss", b"<feed", b"<rdf:RDF", b"<RDF")) if i >= 0]
    return b"<!ENTITY" in data[: min(ends) if ends else len(data)].upper()


def _page(fetcher: Fetcher, url: str, entry=None) -> Article:
    """Fetch one article page and read it; raises FetchError / ReaderError."""
    art = _read_page(fetcher.get(url), url)
    if entry is not None:
        art.title = art.title or entry.get("title")
        art.published = art.published or _date(entry)
    return art


def poll(fetcher: Fetcher, sources: list[str], store, *, seen: set[str] | None = None,
         conditional: bool = True) -> tuple[FetchSummary, list[Article]]:
    """Poll every source once; returns the counts and the new articles (not yet stored)."""
    import feedparser

    summary = FetchSummary()
    seen = seen if seen is not None else set()
    out: list[Article] = []
    for src in sources:
        try:
            if _is_url(src):
                resp = fetcher.get(src, conditional=conditional)
                if resp.status == 304:
                    summary.feeds += 1
                    summary.unchanged += 1
                    continue
                data: bytes = resp.content
                is_feed = _looks_like_feed(resp)
            else:
                if Path(src).stat().st_size > fetcher.settings.max_feed_bytes:
                    raise FetchError(f"feed larger than the limit of {fetcher.settings.max_feed_bytes:,} bytes")
                data, is_feed = Path(src).read_bytes(), True
            if not is_feed:  # an article page given directly
                if src in seen or _known_urls(store, [src]):
                    summary.known += 1
                    continue
                seen.add(src)
                summary.fetched += 1
                out.append(_read_page(resp, src))
                continue
            if len(data) > fetcher.settings.max_feed_bytes:
                raise FetchError(f"feed larger than the limit of {fetcher.settings.max_feed_bytes:,} bytes")
            if _declares_entities(data):
                raise FetchError("feed declares XML entities (refused: entity expansion)")
            parsed = feedparser.parse(data)
            if parsed.bozo and not parsed.entries:
                raise FetchError(f"not a feed ({parsed.get('bozo_exception', 'unreadable')})")
            summary.feeds += 1
            entries = [e for e in parsed.entries if e.get("link")]
            if fetcher.settings.max_items is not None:
                entries = entries[: fetcher.settings.max_items]
            summary.items += len(entries)
            links = [e["link"] for e in entries]
            stored = _known_urls(store, links)
            for entry in entries:
                link = entry["link"]
                if not _is_url(link):  # javascript:, file:, relative links: not fetched
                    summary.failures.append(ReaderError("feed item link is not an http(s) URL", path=link[:300]))
                    continue
                if link in seen or link in stored:
                    summary.known += 1
                    continue
                seen.add(link)
                summary.fetched += 1
                try:
                    out.append(_page(fetcher, link, entry))
                except (FetchError, ReaderError) as exc:
                    summary.failures.append(ReaderError(getattr(exc, "reason", str(exc)), path=link))
        except (FetchError, ReaderError, OSError) as exc:
            summary.failures.append(ReaderError(getattr(exc, "reason", str(exc)), path=src))
    summary.read = len(out)
    return summary, out


def _read_page(resp: Response, url: str) -> Article:
    if resp.content_type and "html" not in resp.content_type and not resp.content_type.startswith("text/"):
        raise FetchError(f"not an HTML page ({resp.content_type})")
    art = read_html(resp.content, url=resp.url)
    if not art.text.strip():
        raise ReaderError("no article text found")
    art.url = art.url or resp.url
    art.source_path = url
    art.language = art.language or detect_language(art.text)
    return art


def fetch(sources: Iterable[str], store, *, settings: FetchSettings | None = None, model: str | None = None,
          nlp: bool = True, batch_size: int = 16, fetcher: Fetcher | None = None,
          seen: set[str] | None = None, refresh_monitor: bool = True,
          alerts: AlertSink | None = None, options: StageOptions | None = None) -> FetchSummary:
    """Poll each feed once, fetch its new items and ingest them (``pipeline.store_articles``, as every
    ingest), then bring the monitor's daily series up to date (``refresh_monitor``) and deliver the
    new alerts to ``alerts`` (default: the settings' sink, see ``newsgraph.ingest``)."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    started = now()
    try:
        summary, arts = poll(fetcher, list(sources), store, seen=seen)
        res = store_articles(arts, store, model=model, nlp=nlp, batch_size=batch_size, options=options)
        summary.inserted += res.inserted
        summary.duplicates += res.duplicates
    finally:
        if own:
            fetcher.close()
    if refresh_monitor and summary.inserted:
        summary.monitor = refresh_after_ingest(store.engine, started)
        if summary.monitor is not None:
            summary.alerts = post_new_alerts(store.engine, AlertSink.from_settings() if alerts is None else alerts)
    return summary


def watch(sources: Iterable[str], store, *, every: float = 600.0, settings: FetchSettings | None = None,
          model: str | None = None, nlp: bool = True, batch_size: int = 16, rounds: int | None = None,
          refresh_monitor: bool = True, alerts: AlertSink | None = None, options: StageOptions | None = None,
          on_round: Callable[[int, FetchSummary], None] | None = None,
          sleep: Callable[[float], None] = time.sleep) -> FetchSummary:
    """``fetch`` every ``every`` seconds (measured start to start) until ``rounds``
    polls are done, or forever (stop with Ctrl-C). Returns the totals."""
    sources = list(sources)
    total = FetchSummary()
    seen: set[str] = set()
    n = 0
    with Fetcher(settings) as fetcher:
        while rounds is None or n < rounds:
            n += 1
            started = time.monotonic()
            s = fetch(sources, store, model=model, nlp=nlp, batch_size=batch_size, fetcher=fetcher, seen=seen,
                      refresh_monitor=refresh_monitor, alerts=alerts, options=options)
            total.add(s)
            if on_round:
                on_round(n, s)
            if rounds is not None and n >= rounds:
                break
            sleep(max(0.0, every - (time.monotonic() - started)))
    return total
