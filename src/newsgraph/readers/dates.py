"""Turning the many ways sources write dates into YYYY-MM-DD."""

from __future__ import annotations

import re
from datetime import date

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
    from dateutil import parser as dateparser

    try:
        return dateparser.parse(value, fuzzy=True).date().isoformat()
    except (ValueError, OverflowError, TypeError):
        return None
