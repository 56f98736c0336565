"""Read a news article from an HTML page.

The main text comes from trafilatura, the publication date from htmldate (via
trafilatura's metadata pass, asking for the *original* publication date), and
title, authors, site name and URL from the page's metadata (JSON-LD, Open
Graph, ``<meta>`` tags, ``<link rel="canonical">``).

Extraction settings were chosen on the article-extraction benchmark in
``../shared/eval/aeb`` (see ``newsgraph eval extraction`` and
``docs/readers-html.md``):

1. trafilatura in *precision* mode, comments off, tables kept;
2. if that gives almost nothing (fewer than ``MIN_WORDS`` words) while the
   balanced mode finds clearly more, the balanced result is used;
3. if trafilatura finds no text at all, its ``baseline`` (JSON-LD
   ``articleBody`` or all ``<p>`` text) and finally ``html2txt`` are tried.

The text is what every downstream offset indexes: paragraphs separated by one
blank line, no-break and other odd spaces turned into plain spaces, zero-width
characters removed, a leading copy of the headline dropped.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
import zlib
from copy import deepcopy
from datetime import datetime, timezone
from typing import Any

from newsgraph.model import Article
from newsgraph.readers.base import DEFAULT_MAX_BYTES, ReaderError
from newsgraph.readers.dates import page_published
from newsgraph.readers.boilerplate import add_standfirst, drop_furniture, prepare_tree, standfirst
from newsgraph.readers.pagetype import classify_page
from newsgraph.readers.titles import page_title

__all__ = ["read_html", "decode_html"]

BODY_CLEANING = True  # tree preparation, furniture rules and the standfirst (readers/boilerplate.py)
MIN_WORDS = 50  # below this, a precision-mode extraction is suspected of missing the article
_LOGGERS = ("trafilatura", "htmldate", "courlan", "charset_normalizer", "readability", "justext")

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_MARKUP = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|title|meta|p|div|article|main|section|span|br|h[1-6]|table|ul|a)"
    r"[\s>/]",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MULTI_SPACE = re.compile(r" {2,}")
_WORD = re.compile(r"\w+")

# WHATWG: labels that browsers map to a wider encoding
_ENCODING_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
}


def _quiet_libraries() -> None:
    """trafilatura and friends log every discarded candidate as a warning;
    the reader reports its own one-line errors instead."""
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:  # leave a level someone set on purpose
            logger.setLevel(logging.ERROR + 10)


_quiet_libraries()


def _lookup(label: str) -> str | None:
    label = label.strip().lower()
    label = _ENCODING_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) > 0.02


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:400]
    if len(head) < 8:
        return None
    even_nul = head[0::2].count(0) / len(head[0::2])
    odd_nul = head[1::2].count(0) / len(head[1::2])
    if odd_nul > 0.8 and even_nul < 0.2:
        encoding = "utf-16-le"
    elif even_nul > 0.8 and odd_nul < 0.2:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _detect_encodings(data: bytes) -> list[str]:
    """Candidate encodings from charset_normalizer (the detector trafilatura
    uses), best first. On short pages several single-byte code pages look
    equally clean; windows-1252, the web's usual legacy encoding (and what
    browsers assume for undeclared Western pages), then wins ties."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - trafilatura depends on it
        from trafilatura.utils import detect_encoding

        return detect_encoding(data)
    sample = data if len(data) < 200_000 else data[:100_000] + data[-100_000:]
    results = list(from_bytes(sample))
    if not results:
        return []
    best = results[0]
    ordered = [r.encoding for r in results]
    for r in results[1:]:
        if r.encoding == "cp1252" and r.chaos <= best.chaos + 0.1 and r.coherence >= best.coherence - 0.05:
            ordered.remove("cp1252")
            ordered.insert(0, "cp1252")
            break
    return [e for e in ordered if not e.startswith(("utf_16", "utf_32"))]


def _gunzip_limited(data: bytes, limit: int) -> bytes:
    """Gunzip at most ``limit`` bytes: a page that is a gzip bomb (a WARC payload, a feed
    item served as gzip without Content-Encoding) must not expand without bound."""
    d = zlib.decompressobj(wbits=31)
    out = d.decompress(data, limit + 1)
    if len(out) > limit:
        raise ReaderError(f"decompressed page larger than the limit of {limit:,} bytes")
    if not d.eof:
        raise EOFError("compressed stream ended before the end-of-stream marker")
    return out


def decode_html(data: bytes | str) -> str:
    """Decode the bytes of an HTML page to text.

    Order: byte-order mark; valid UTF-8; the charset the page declares
    (``<meta charset>``, ``http-equiv``, XML declaration); charset detection
    (trafilatura's ``detect_encoding``, i.e. charset_normalizer). Raises
    :class:`ReaderError` for empty, binary or undecodable input.
    """
    if isinstance(data, str):
        text = data.lstrip("\ufeff")
        if not text.strip():
            raise ReaderError("empty file")
        return text
    if not data or not data.strip():
        raise ReaderError("empty file")
    if data[:2] == b"\x1f\x8b":  # gzip that was not unpacked by the caller
        try:
            data = _gunzip_limited(data, DEFAULT_MAX_BYTES)
        except (OSError, EOFError, zlib.error) as exc:
            raise ReaderError(f"truncated or corrupt gzip data ({exc})") from None
        return decode_html(data)
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise ReaderError(f"not valid {encoding.upper()} despite its byte-order mark") from None
            if not text.strip():
                raise ReaderError("empty file")
            return text
    if b"\x00" in data[:400]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
    if _looks_binary(data):
        raise ReaderError("binary data, not an HTML page")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = data[:4096]
    declared = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    candidates: list[str] = []
    if declared:
        name = _lookup(declared.group(1).decode("ascii", "ignore"))
        if name and not name.startswith("utf-16") and not name.startswith("utf-32"):
            candidates.append(name)
    candidates.extend(_detect_encodings(data))
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise ReaderError("could not determine the text encoding")


def clean_text(text: str) -> str:
    """Normalise the extracted text: odd spaces to plain spaces, one blank
    line between paragraphs, no empty paragraphs, no trailing spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text).replace("\x00", "\ufffd")  # NUL: PostgreSQL cannot store it
    text = _SPACES.sub(" ", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = []
    for line in text.split("\n"):
        line = _MULTI_SPACE.sub(" ", line).strip()
        if line:
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def _words(text: str | None) -> int:
    return len(_WORD.findall(text or ""))


def _norm_title(text: str | None) -> str:
    return " ".join(_WORD.findall(text or "")).casefold()


def _drop_headline(text: str, title: str | None) -> str:
    """Drop a first paragraph that only repeats the headline."""
    if not title or not text:
        return text
    first, sep, rest = text.partition("\n\n")
    if sep and _norm_title(first) and _norm_title(first) == _norm_title(title):
        return rest
    return text


def _extract(tree: Any, url: str | None, **options: Any) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=False,
        **options,
    )
    return (getattr(doc, "text", None) or "") if doc is not None else ""


def _main_text(tree: Any, url: str | None) -> tuple[str, str]:
    """The article text and the name of the method that found it."""
    text = _extract(tree, url, favor_precision=True)
    method = "precision"
    if _words(text) < MIN_WORDS:
        balanced = _extract(tree, url)
        if _words(balanced) > 2 * _words(text):
            text, method = balanced, "balanced"
    if not text.strip():
        text, method = _extract(tree, url, favor_recall=True), "recall"
    if not text.strip():
        from trafilatura import baseline

        _, text, _ = baseline(deepcopy(tree))
        method = "baseline"
    if not text.strip():
        from trafilatura import html2txt

        text, method = html2txt(deepcopy(tree)) or "", "html2txt"
    return text, method


def _metadata(tree: Any, url: str | None) -> Any:
    from trafilatura import extract_metadata

    date_config = {
        "original_date": True,
        "extensive_search": True,
        "outputformat": "%Y-%m-%d",
        "max_date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
    }
    try:
        return extract_metadata(deepcopy(tree), default_url=url, date_config=date_config)
    except Exception as exc:  # noqa: BLE001 - broken metadata must not cost the article text
        logging.getLogger(__name__).debug("metadata extraction failed: %s", exc)
        return None


def _split_authors(value: str | None) -> list[str]:
    if not value:
        return []
    authors: list[str] = []
    for part in re.split(r"\s*;\s*", value):
        part = " ".join(part.split()).strip(" ,")
        if part and part not in authors:
            authors.append(part)
    return authors


def _clean_field(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(_SPACES.sub(" ", _ZERO_WIDTH.sub("", value)).split())
    return value or None


def _descriptions(tree: Any) -> list[str]:
    """The page's own summaries (``og:description``, ``description``, ``twitter:description``)."""
    found = []
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        if key in ("og:description", "description", "twitter:description") and element.get("content"):
            found.append(element.get("content"))
    return found


def _find_url(tree: Any, meta_url: str | None, url: str | None) -> str | None:
    """The page's own URL: ``<link rel="canonical">``, then ``og:url``, then
    what trafilatura found (JSON-LD, ``<base>``...), then the given ``url``.

    Searched in the whole tree: lxml moves ``<head>`` elements into the body
    when it meets stray markup before them, which hides them from
    trafilatura's head-only selectors.
    """
    from urllib.parse import urljoin, urlsplit

    candidates: list[str] = []
    for link in tree.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        if "canonical" in rels and link.get("href"):
            candidates.append(link.get("href").strip())
            break
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        if key == "og:url" and element.get("content"):
            candidates.append(element.get("content").strip())
            break
    if meta_url:
        candidates.append(meta_url)
    base = url or next((c for c in candidates if c.startswith(("http://", "https://"))), None)
    for candidate in candidates:
        if candidate.startswith("//"):
            candidate = "https:" + candidate
        elif base and not urlsplit(candidate).scheme:
            candidate = urljoin(base, candidate)
        parts = urlsplit(candidate)
        if parts.scheme in ("http", "https") and parts.netloc and " " not in candidate:
            return candidate
    return url


def read_html(data: bytes | str, *, source_path: str | None = None, url: str | None = None) -> Article:
    """Read one HTML page into an :class:`Article`.

    ``data`` is the page as bytes (decoded here: BOM, UTF-8, declared charset,
    detection) or as text. ``url`` is where the page came from, used when the
    page names no canonical URL. Raises :class:`ReaderError` (one-line reason)
    for empty, binary, undecodable or non-HTML input, or a page without text.
    """
    try:
        html = decode_html(data)
    except ReaderError as exc:
        raise ReaderError(exc.reason, path=source_path) from None
    if not _HTML_MARKUP.search(html[:200_000]):
        raise ReaderError("no HTML markup found (not an HTML page)", path=source_path)

    from trafilatura import load_html

    tree = load_html(html)
    if tree is None:
        raise ReaderError("could not parse the HTML", path=source_path)

    meta = _metadata(tree, url)
    page_url = _find_url(tree, getattr(meta, "url", None), url)
    site = _clean_field(getattr(meta, "sitename", None))
    title = _clean_field(
        page_title(tree, fallback=getattr(meta, "title", None), url=page_url, site=site)
    ) or _clean_field(getattr(meta, "title", None))
    lead = standfirst(tree, _descriptions(tree)) if BODY_CLEANING else None
    if BODY_CLEANING:
        prepare_tree(tree)
    text, _method = _main_text(tree, url)
    text = clean_text(text)
    if BODY_CLEANING:
        text = add_standfirst(drop_furniture(text), lead)
    text = _drop_headline(text, title)
    if not text:
        raise ReaderError("no article text found in the page", path=source_path)

    published = getattr(meta, "date", None) or None
    if published and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        published = published[:10] if re.match(r"\d{4}-\d{2}-\d{2}", published) else None
    published = page_published(tree, url=page_url, fallback=published)

    return Article(
        text=text,
        title=title,
        page_type=classify_page(tree, title, text),
        published=published,
        url=page_url,
        authors=_split_authors(getattr(meta, "author", None)),
        site=site,
        source_path=source_path,
    )
