"""What every reader shares: the error type and limits."""

from __future__ import annotations

from ..errors import ReaderError  # noqa: F401  (one line per unreadable input: code E101, newsgraph.errors)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # per input file (after decompression)


