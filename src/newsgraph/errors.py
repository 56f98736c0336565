"""newsgraph's errors: one base class, coded families, one mapping to exit codes and HTTP statuses.

Every error the library raises on purpose is a ``NewsgraphError`` with a code (catalogue:
docs/errors.md):

* ``E1xx`` reading: an input file, record or page could not be read or fetched;
* ``E2xx`` analysis: the NLP stages cannot run (e.g. the spaCy model is not installed);
* ``E3xx`` store: the database cannot be opened, migrated or written;
* ``E4xx`` input: a parameter of the API or the CLI (a filter, a cursor, a date) is not valid.

The CLI (``cli.main``) and the API (``api.app``) both turn an uncaught ``NewsgraphError`` into an
answer through ``exit_code`` and ``http_status`` below, and print or return the code with the message.
The older names stay importable where they were (``newsgraph.readers.ReaderError``,
``newsgraph.nlp.ModelNotFound``, ``newsgraph.store.db.StoreError``, ``newsgraph.feeds.FetchError``,
``newsgraph.store.views.ViewError``) and keep their older base classes too (``StoreError`` is still a
``RuntimeError``, ``ViewError`` a ``ValueError``), so existing ``except`` clauses hold.

This module imports nothing of ours: every floor may raise these errors.
"""

from __future__ import annotations

# code -> (title, exit code, HTTP status); the catalogue in docs/errors.md explains each
CATALOGUE: dict[str, tuple[str, int, int]] = {
    "E000": ("an unexpected newsgraph error", 3, 500),
    "E100": ("an input could not be read", 1, 422),
    "E101": ("a file or record could not be read", 1, 422),
    "E102": ("a page or feed could not be fetched", 1, 502),
    "E200": ("the analysis could not run", 3, 500),
    "E201": ("the spaCy model is not installed", 3, 500),
    "E300": ("a store error", 3, 500),
    "E301": ("the database cannot be opened or migrated", 3, 503),
    "E302": ("the database does not exist", 3, 404),
    "E303": ("no database driver for the URL", 3, 500),
    "E400": ("an input parameter is not valid", 2, 400),
    "E401": ("a filter or option value is not valid", 2, 400),
    "E402": ("a pagination cursor is not valid", 2, 400),
    "E403": ("a requested record does not exist", 1, 404),
    "E404": ("a setting (environment variable, config file) is not valid", 2, 500),
    "E405": ("no language bundle for this code", 2, 400),
}


class NewsgraphError(Exception):
    """The base of every error newsgraph raises on purpose; ``code`` is in ``CATALOGUE``."""

    code = "E000"

    def __init__(self, message: str = "", *, code: str | None = None):
        if code is not None:
            if code not in CATALOGUE:
                raise ValueError(f"unknown error code {code!r}")
            self.code = code
        super().__init__(message)

    @property
    def message(self) -> str:
        return str(self)

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "detail": str(self)}


class ReadingError(NewsgraphError):
    """E1xx: an input could not be read."""

    code = "E100"


class AnalysisError(NewsgraphError):
    """E2xx: the NLP stages cannot run."""

    code = "E200"


class StoreError(NewsgraphError, RuntimeError):
    """E3xx: the database cannot be opened, migrated or written."""

    code = "E300"


class InputError(NewsgraphError, ValueError):
    """E4xx: a parameter of the API or the CLI is not valid."""

    code = "E400"


class ReaderError(ReadingError):
    """A file (or one record of it) could not be read (E101). The message is one line,
    fit to print after the file name: ``"empty file"``, ``"not valid UTF-8"``..."""

    code = "E101"

    def __init__(self, reason: str, *, path: str | None = None, line: int | None = None):
        self.reason = reason
        self.path = path
        self.line = line
        where = path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # keyword-only arguments: pickle (worker processes) needs help
        return (_reader_error, (self.reason, self.path, self.line))


def _reader_error(reason: str, path: str | None, line: int | None) -> ReaderError:
    return ReaderError(reason, path=path, line=line)


class FetchError(ReadingError):
    """A page or feed could not be fetched over HTTP (E102)."""

    code = "E102"


class ModelNotFound(AnalysisError, RuntimeError):
    """The spaCy model is not installed (E201)."""

    code = "E201"


class ViewError(InputError):
    """A read-layer parameter (filter, sort, cursor, date) is not valid (E401, E402)."""

    code = "E401"


def exit_code(exc: BaseException) -> int:
    """The CLI's exit status for ``exc``: 1 an input failed, 2 usage, 3 fatal (see cli.py)."""
    if isinstance(exc, NewsgraphError):
        return CATALOGUE.get(exc.code, ("", 3, 500))[1]
    return 3


def http_status(exc: BaseException) -> int:
    """The API's HTTP status for ``exc``."""
    if isinstance(exc, NewsgraphError):
        return CATALOGUE.get(exc.code, ("", 3, 500))[2]
    return 500


__all__ = ["CATALOGUE", "NewsgraphError", "ReadingError", "AnalysisError", "StoreError", "InputError",
           "ReaderError", "FetchError", "ModelNotFound", "ViewError", "exit_code", "http_status"]
