"""Write transactions: the one way the store starts a transaction that will write.

Below every other module of the store (it imports none of them), so the migrations, the writer,
the roll-ups, the stories and the monitor's series all take it from here.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

WRITE_OPTION = "newsgraph_write"


def write_transaction(engine: Engine):
    """``with write_transaction(engine) as conn:`` — a transaction that will write.

    On SQLite it starts with ``BEGIN IMMEDIATE`` (the write lock is taken up front, so
    concurrent writers wait their turn; ``db._sqlite_engine`` reads the option); elsewhere it
    is a plain ``engine.begin()``."""
    return engine.execution_options(**{WRITE_OPTION: True}).begin()
