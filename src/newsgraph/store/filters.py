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

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # YYYY-MM-DD, YYYY-MM or YYYY (also the API's query pattern)
_DATE = re.compile(DATE_PATTERN)


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
QUOTE_KINDS = ("direct", "indirect", "mixed")
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


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


def check_kinds(value: str | Sequence[str] | None) -> list[str]:
    kinds = _split(value)
    if set(kinds) - set(QUOTE_KINDS):
        raise ViewError("kind must be direct, indirect or mixed (comma-separated)")
    return kinds


def check_quad_classes(value: str | Sequence[int] | None) -> list[int]:
    items = _split(value if isinstance(value, str) or value is None else [str(x) for x in value])
    try:
        qs = [int(x) for x in items]
    except ValueError:
        qs = [0]
    if any(x not in QUAD_CLASSES for x in qs):
        raise ViewError("quad_class must be 1, 2, 3 or 4 (comma-separated)")
    return qs


def check_cameo(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not re.fullmatch(r"\d{2,4}", str(value)):
        raise ViewError("cameo must be 2 to 4 digits (a prefix of the CAMEO code)")
    return str(value)


# a query parameter's name -> its check (``message_for``: the API's 422 for a value of the wrong
# shape then says what the CLI says for the same value)
CHECKS = {
    "since": lambda v: check_date(v, "since"), "until": lambda v: check_date(v, "until"),
    "country": check_country, "source_country": lambda v: check_country(v, "source_country"),
    "target_country": lambda v: check_country(v, "target_country"), "type": check_types,
    "modality": check_modality, "kind": check_kinds, "quad_class": check_quad_classes, "cameo": check_cameo,
}


def message_for(name: str, value) -> str | None:
    """The read layer's message for a bad ``value`` of the filter ``name`` (None: no check of ours, or
    the value passes it)."""
    check = CHECKS.get(name)
    if check is None or not isinstance(value, str):
        return None
    try:
        check(value)
    except ViewError as exc:
        return str(exc)
    return None


def _split(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [x.strip() for x in items if x and x.strip()]


__all__ = ["DATE_PATTERN", "MODALITIES", "PLOVER_TYPES", "QUAD_CLASSES", "QUOTE_KINDS", "check_cameo",
           "check_country", "check_date", "check_kinds", "check_modality", "check_quad_classes", "check_types",
           "message_for"]
