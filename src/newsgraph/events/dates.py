"""Event dates from the sentence, relative to the article's date.

``resolve_date("on Monday", "2022-01-10")`` -> ``"2022-01-10"``. Results are
ISO prefixes, so that they sort and compare as strings: ``YYYY-MM-DD`` for a
day (a week is given by its Monday), ``YYYY-MM`` for a month ("in early
January"), ``YYYY`` for a year. Unreadable expressions give ``None`` (the
caller then uses the article date). An event's ``date`` is a full day:
:func:`full_date` turns a month or year into its first day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b")
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_MONTH = re.compile(rf"\b({_MONTH_RE})\b(?:\s+(\d{{4}}))?")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_AGO = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s+(day|week|month|year)s?\s+ago\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def full_date(value: str) -> str:
    """The first day of an ISO prefix: ``2022-01`` -> ``2022-01-01``, ``2020`` ->
    ``2020-01-01`` (the output contract has day-level dates)."""
    if len(value) == 4:
        return value + "-01-01"
    if len(value) == 7:
        return value + "-01"
    return value


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    m = _ISO.search(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _month_shift(d: date, months: int) -> tuple[int, int]:
    n = d.year * 12 + d.month - 1 + months
    return n // 12, n % 12 + 1


def _year_for(month: int, day: int | None, anchor: date, future: bool) -> int:
    y = anchor.year
    cand = (month, day or 1)
    if future:
        return y + 1 if cand < (anchor.month, anchor.day if day else 1) else y
    return y - 1 if cand > (anchor.month, anchor.day if day else 31) else y


def _safe(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def resolve_date(expr: str, published: str | None, *, future: bool = False) -> str | None:
    """Resolve a date expression against the article date ``published``."""
    text = " ".join(expr.lower().split())
    anchor = parse_iso(published)
    iso = parse_iso(text)
    if iso:
        return iso.isoformat()
    m = _DAY_MONTH.search(text) or None
    if m:
        day, month, year = int(m.group(1)), MONTHS[m.group(2)], m.group(3)
        y = int(year) if year else (_year_for(month, day, anchor, future) if anchor else None)
        return _safe(y, month, day) if y else None
    m = _MONTH_DAY.search(text)
    if m:
        month, day, year = MONTHS[m.group(1)], int(m.group(2)), m.group(3)
        if day <= 31:
            y = int(year) if year else (_year_for(month, day, anchor, future) if anchor else None)
            return _safe(y, month, day) if y else None
    m = _MONTH.search(text)
    if m and not (m.group(1) == "may" and not m.group(2) and not re.search(r"\b(in|early|mid|late|last|next|of|since|until|by)[- ]+may\b", text)):
        month, year = MONTHS[m.group(1)], m.group(2)
        if year:
            return f"{int(year):04d}-{month:02d}"
        if not anchor:
            return None
        if "last" in text.split():
            y = anchor.year - 1 if month >= anchor.month else anchor.year
        elif "next" in text.split():
            y = anchor.year + 1 if month <= anchor.month else anchor.year
        else:
            y = _year_for(month, None, anchor, future)
        return f"{y:04d}-{month:02d}"
    m = _YEAR.search(text)
    if m:
        return m.group(1)
    if not anchor:
        return None
    m = _AGO.search(text)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
        unit = m.group(2)
        if unit == "year":
            return f"{anchor.year - n:04d}"
        if unit == "month":
            y, mo = _month_shift(anchor, -n)
            return f"{y:04d}-{mo:02d}"
        return (anchor - timedelta(days=n * UNITS[unit])).isoformat()
    for name, wd in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", text):
            delta = (anchor.weekday() - wd) % 7
            if "next" in text or (future and delta):
                return (anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)).isoformat()
            if "last" in text and delta == 0:
                delta = 7
            return (anchor - timedelta(days=delta)).isoformat()
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", text):
        return anchor.isoformat()
    if re.search(r"\b(yesterday|last night)\b", text):
        return (anchor - timedelta(days=1)).isoformat()
    if "tomorrow" in text:
        return (anchor + timedelta(days=1)).isoformat()
    for unit in ("week", "month", "year"):
        for word, step in (("last", -1), ("past", -1), ("previous", -1), ("this", 0), ("next", 1), ("coming", 1)):
            if re.search(rf"\b{word} {unit}\b", text):
                if unit == "week":
                    monday = anchor - timedelta(days=anchor.weekday()) + timedelta(days=7 * step)
                    return monday.isoformat()
                if unit == "month":
                    y, mo = _month_shift(anchor, step)
                    return f"{y:04d}-{mo:02d}"
                return f"{anchor.year + step:04d}"
    return None
