"""Turning the many ways sources write dates into YYYY-MM-DD."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from newsgraph.readers.pagemeta import json_ld, ld_types, meta_tags

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def normalise_date(value: str | None) -> str | None:
    """``"2022-01-10T08:00:00Z"`` → ``"2022-01-10"``; unparseable → None."""
    if not value or not isinstance(value, str):
        return None
    m = _ISO.match(value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    import warnings

    from dateutil import parser as dateparser

    try:
        with warnings.catch_warnings():  # "EST" and the like: the day is all we keep
            warnings.simplefilter("ignore")
            return dateparser.parse(value, fuzzy=True).date().isoformat()
    except (ValueError, OverflowError, TypeError):
        return None


# --- the publication date of an HTML page -----------------------------------------------------

_META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dc.date", "dcterms.date", "date",
    "citation_publication_date", "og:published_time", "published_time", "article.published",
)
_LD_TYPES_SKIPPED = ("person", "organization", "imageobject", "videoobject", "webpage", "website",
                     "breadcrumblist", "claimreview_item")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d?)[/-](\d\d?)(?:/|[-_]|$)")
_PUBLISHED_LINE = re.compile(
    r"(?:first )?(?:published|posted)(?: on| at)?\s*:?\s+(.{6,60}?\d{4})", re.I)
_MONTH_DATE = re.compile(
    r"((?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4})",
    re.I)
EARLIEST = "1995-01-01"


def _plausible(day: str | None, latest: str) -> str | None:
    return day if day and EARLIEST <= day <= latest else None


def _strict_date(value: str) -> str | None:
    """A date from a machine-readable timestamp: the calendar day as written (the
    publisher's own day when it gives an offset), never guessed from free text."""
    value = value.strip()
    if _ISO.match(value):
        return normalise_date(value)
    m = _MONTH_DATE.search(value)
    if m or re.match(r"^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d{4}", value):
        return normalise_date(value)
    return None


def _ld_dates(tree: Any) -> list[str]:
    return [obj["datePublished"] for obj, _top in json_ld(tree)
            if isinstance(obj.get("datePublished"), str)
            and not any(k in _LD_TYPES_SKIPPED for k in ld_types(obj))]


def page_published(tree: Any, *, url: str | None = None, fallback: str | None = None,
                   latest: str | None = None) -> str | None:
    """The page's publication date, ``YYYY-MM-DD``, in this order:

    1. JSON-LD ``datePublished`` of the article (not of its images, videos or the site);
    2. ``<meta>`` publication dates (``article:published_time``, ``datePublished``,
       ``pubdate``, ``sailthru.date``, Dublin Core ``issued``…), never ``dateModified``;
    3. a ``<time>`` marked as the publication (``itemprop=datePublished``, ``pubdate``, a
       class naming "publish");
    4. the first ``<time datetime>`` of the page; a visible "Published: …" / "First
       published on …" line;
    5. the date in the URL's path (``/2024/02/17/``);
    6. ``fallback`` (htmldate's original-date search).

    Dates before 1995 or after ``latest`` (today) are ignored: ``0001-01-01`` placeholders,
    future event dates. Citation lines ("Retrieved February 17, 2024", "accessed …") never
    count, because free text is only read in a line that says it is the publication.
    """
    latest = latest or date.today().isoformat()
    for value in _ld_dates(tree):
        day = _plausible(_strict_date(value), latest)
        if day:
            return day
    metas = meta_tags(tree)
    for key in _META_PUBLISHED:
        if key in metas:
            day = _plausible(_strict_date(metas[key]), latest)
            if day:
                return day
    for element in tree.iter("time"):
        marks = " ".join([element.get("itemprop") or "", element.get("class") or "",
                          "pubdate" if element.get("pubdate") is not None else ""]).lower()
        if "datepublished" in marks or "pubdate" in marks or "publish" in marks:
            day = _plausible(_strict_date(element.get("datetime") or element.text_content() or ""), latest)
            if day:
                return day
    for element in tree.iter("time"):  # an unmarked <time>: the first one with a timestamp
        if element.get("datetime"):
            day = _plausible(_strict_date(element.get("datetime")), latest)
            if day:
                return day
            break
    for element in tree.iter("p", "span", "div", "time", "small"):
        own = " ".join((element.text or "").split())
        if len(own) > 120 or not own:
            continue
        m = _PUBLISHED_LINE.match(own)
        if m:
            found = _MONTH_DATE.search(m.group(1))
            day = _plausible(normalise_date(found.group(1)), latest) if found else None
            if day:
                return day
    if url:
        m = _URL_DATE.search(url)
        if m:
            try:
                day = date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                day = None
            if _plausible(day, latest):
                return day
    return _plausible(fallback, latest) if fallback else None
