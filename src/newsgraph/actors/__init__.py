"""Actors and places: resolve who and where to stable codes.

    >>> from newsgraph.actors import ActorResolver
    >>> r = ActorResolver(published="2022-01-10")
    >>> r.resolve_text("the Kremlin").code
    'RUSGOV'

See ``docs/actors.md`` for codes, dictionaries and the user dictionary formats.
"""

from __future__ import annotations

from .resolve import ActorResolver
from .dictionary import import_petrarch, load_dictionary

__all__ = ["ActorResolver", "import_petrarch", "load_dictionary"]
