"""Fixtures for the monitor tests: ``store``, the hand-built database of ``monitor_records``
(built once per session, series refreshed)."""

from __future__ import annotations

import pytest

from monitor_records import build_records
from newsgraph.store import open_store


@pytest.fixture(scope="session")
def store(tmp_path_factory):
    """Built once: the tests only read it (a refresh rewrites the same rows)."""
    s = open_store(tmp_path_factory.mktemp("monitor") / "monitor.db")
    s.write(build_records())
    from newsgraph.monitor.series import refresh

    refresh(s.engine)
    yield s
    s.close()
