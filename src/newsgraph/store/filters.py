"""The read layer's validators: one check per kind of filter value (dates, countries, PLOVER types,
modalities), used by every list of ``newsgraph.store.read`` and by the monitor's alerts, so the CLI,
the API and the dashboard refuse the same values with the same message (``ViewError``, code E401:
exit 2 on the command line, HTTP 400 from the API)."""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Sequence

from ..errors import ViewError
from ..events.patterns import PLOVER_TYPES

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    problem = ViewError(f"{name} is not a date (YYYY-MM-DD, YYYY-MM or YYYY): {value!r}")
    if not isinstance(value, str) or not _DATE.match(value):
        raise problem
    parts = value.split("-")
    try:
        Date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        raise problem from None
    return value


_COUNTRY = re.compile(r"^[A-Za-z]{3}$")
MODALITIES = ("asserted", "future", "hypothetical", "requested")


def check_country(value: str | None, name: str = "country") -> str | None:
    """A country filter: three letters (ISO 3166 alpha-3, or IGO/NGO/MNC), upper-cased."""
    if value is None or value == "":
        return None
    if not _COUNTRY.match(value):
        raise ViewError(f"{name} must be a three-letter code (ISO 3166 alpha-3 such as KAZ, or IGO, NGO, MNC): "
                        f"{value!r}")
    return value.upper()


def check_types(value: str | Sequence[str] | None, name: str = "type") -> list[str]:
    """PLOVER event types (comma-separated), upper-cased; an unknown name is refused."""
    types = [t.upper() for t in _split(value)]
    bad = [t for t in types if t not in PLOVER_TYPES]
    if bad:
        raise ViewError(f"{name} must be PLOVER types ({', '.join(PLOVER_TYPES)}), comma-separated: "
                        f"{', '.join(repr(b) for b in bad)}")
    return types


def check_modality(value: str | Sequence[str] | None) -> list[str]:
    mods = _split(value)
    if set(mods) - set(MODALITIES):
        raise ViewError(f"modality must be {', '.join(MODALITIES)} (comma-separated)")
    return mods


def _split(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [x.strip() for x in items if x and x.strip()]


__all__ = ["MODALITIES", "PLOVER_TYPES", "check_country", "check_date", "check_modality", "check_types"]
