"""The store: an SQL database (SQLite by default) holding articles and annotations.

    >>> from newsgraph.store import open_store
    >>> store = open_store("news.db")          # doctest: +SKIP
    >>> store.write([analyzed_article])        # doctest: +SKIP
"""

from .db import Store, open_store, engine_url
from .schema import SCHEMA_VERSION

__all__ = ["Store", "open_store", "engine_url", "SCHEMA_VERSION"]
