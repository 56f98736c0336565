"""Plain-text pages: a date and a title at the top, furniture at the end.

Saved web pages and text dumps tend to look alike: a date line, a title line,
the body in paragraphs, then page furniture ("No comments:", "Post a Comment",
"Share this:", the teaser of the next post). The rules here are general rules
about such pages:

* a *date line* is a short line near the top that parses as a date and has
  little else on it;
* the *title* is the first short line near the top that is not a date, does not
  end like a sentence and stands on its own (a blank line after it);
* furniture starts at the first short line that matches a known marker
  (``data/furniture.txt``, extendable) after the first body paragraph;
  everything from there on is dropped;
* non-breaking and other odd spaces become plain spaces, line endings become
  ``\\n``, paragraphs are kept and separated by one blank line.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from importlib import resources

from ..model import Article

_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a\u3000\t]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_MONTH_RE = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b\.?", re.I)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUM_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_SENTENCE_END = re.compile(r"[.!?:;,]$")
TOP_LINES = 6  # how many non-empty lines at the top may hold date/title
MAX_TITLE_CHARS = 200
MAX_MARKER_CHARS = 100


@lru_cache(maxsize=1)
def furniture_markers() -> tuple[re.Pattern[str], ...]:
    """Patterns for lines that start page furniture (one regex a line in the data file)."""
    raw = resources.files("newsgraph.readers").joinpath("data/furniture.txt").read_text("utf-8")
    pats = []
    for line in raw.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            pats.append(re.compile(line, re.I))
    return tuple(pats)


def normalise_text(text: str) -> str:
    """Normalise line endings and odd spaces; keep paragraphs, one blank line between them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", _SPACES.sub(" ", text)).replace("\x00", "\ufffd")  # NUL: not storable
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        para = "\n".join(line for line in lines if line)
        if para:
            paragraphs.append(para)
    return "\n\n".join(paragraphs)


def parse_date_line(line: str) -> str | None:
    """Return YYYY-MM-DD when ``line`` is essentially a date ("Monday, January 10, 2022")."""
    line = line.strip()
    if not line or len(line) > 60:
        return None
    m = _ISO_DATE.search(line)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _NUM_DATE.search(line)
    if m and len(line) <= 25:
        return _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if not _MONTH_RE.search(line) or not re.search(r"\b\d{4}\b", line):
        return None
    # the line must be mostly date words: weekday, month, numbers, commas, "posted on"...
    words = re.findall(r"[A-Za-z]+", line)
    datey = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "mon", "tue", "wed", "thu", "fri", "sat", "sun", "posted", "on", "published",
             "updated", "the", "of", "st", "nd", "rd", "th", "am", "pm", "at", *_MONTHS}
    if any(w.lower() not in datey for w in words):
        return None
    from dateutil import parser as dateparser

    try:
        parsed = dateparser.parse(line, fuzzy=True, default=None)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date().isoformat() if parsed else None


def _safe_date(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _looks_like_title(line: str) -> bool:
    return (
        0 < len(line) <= MAX_TITLE_CHARS
        and not _SENTENCE_END.search(line)
        and len(line.split()) >= 2
        and not line.startswith(("\"", "“", "«", "-", "*"))
    )


def _is_marker(par: str) -> bool:
    first = par.split("\n", 1)[0].strip()
    if len(first) > MAX_MARKER_CHARS:
        return False
    return any(p.fullmatch(first) for p in furniture_markers())


def split_page(text: str) -> tuple[str | None, str | None, str]:
    """Split a normalised page into (title, published, body)."""
    paragraphs = text.split("\n\n") if text else []
    title: str | None = None
    published: str | None = None
    i = 0
    seen = 0
    # header: up to TOP_LINES short lines holding the date and the title
    while i < len(paragraphs) and seen < TOP_LINES:
        par = paragraphs[i]
        if "\n" in par or len(par) > MAX_TITLE_CHARS:
            break
        d = parse_date_line(par)
        if d:
            published = published or d
        elif title is None and _looks_like_title(par) and i + 1 < len(paragraphs):
            title = par
        else:
            break
        i += 1
        seen += 1
    body_pars = paragraphs[i:]
    if not body_pars and title:  # a one-line "page": keep it as the body
        body_pars, title = [title], None
    # furniture: from the first marker after the first body paragraph
    for j in range(1, len(body_pars)):
        if _is_marker(body_pars[j]):
            body_pars = body_pars[:j]
            break
    return title, published, "\n\n".join(body_pars)


def read_text(text: str, *, source_path: str | None = None) -> Article:
    """A plain-text page as an Article (title and date from the top, furniture dropped)."""
    title, published, body = split_page(normalise_text(text))
    return Article(text=body, title=title, published=published, source_path=source_path)
