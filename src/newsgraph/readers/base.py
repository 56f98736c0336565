"""What every reader shares: the error type and limits."""

from __future__ import annotations

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # per input file (after decompression)


class ReaderError(Exception):
    """A file (or one record of it) could not be read. The message is one line,
    fit to print after the file name: ``"empty file"``, ``"not valid UTF-8"``..."""

    def __init__(self, reason: str, *, path: str | None = None, line: int | None = None):
        self.reason = reason
        self.path = path
        self.line = line
        where = path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {reason}")
