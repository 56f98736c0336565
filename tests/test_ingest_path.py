"""One ingest path: every surface (library, CLI, API upload, parallel) ends with the monitor's daily
series up to date. Before ``newsgraph.ingest`` existed, the API upload and the library's ingest left
``monitor_daily`` stale (only the CLI refreshed it)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

import newsgraph
from newsgraph.store import open_store
from newsgraph.store.schema import monitor_daily

# our own sentences: a border incident and a president's statement, dated
RECORD = {"id": "ingest-path-1", "title": "Border incident", "published": "2025-03-10",
          "text": "Kyrgyz border guards fired on Tajik soldiers near Batken on Monday, the Kyrgyz interior "
                  "ministry said. \"We will defend every metre of our land,\" President Sadyr Japarov said "
                  "in Bishkek."}
OLDER = {"id": "ingest-path-0", "title": "Earlier", "published": "2025-03-01",
         "text": "Kazakh police arrested two protesters in Almaty on Saturday, officials said."}


def _series(store, day: str) -> dict[tuple[str, str], tuple[int, int]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(monitor_daily.c.scope, monitor_daily.c.key, monitor_daily.c.events,
                                   monitor_daily.c.quotes).where(monitor_daily.c.day == day))
        return {(r.scope, r.key): (r.events, r.quotes) for r in rows}


@pytest.fixture
def inputs(tmp_path):
    (tmp_path / "new.jsonl").write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    (tmp_path / "old.jsonl").write_text(json.dumps(OLDER) + "\n", encoding="utf-8")
    return tmp_path


def test_library_ingest_refreshes_the_monitor(inputs):
    store = open_store(inputs / "lib.db")
    newsgraph.ingest([str(inputs / "old.jsonl")], store)
    assert not _series(store, "2025-03-10")
    summary = newsgraph.ingest([str(inputs / "new.jsonl"), str(inputs / "missing.txt")], store)
    assert (summary.read, summary.inserted, summary.failed) == (1, 1, 1)  # reader errors: counted, not fatal
    assert summary.monitor and not summary.monitor["skipped"]
    series = _series(store, "2025-03-10")
    assert series[("country", "KGZ")][0] >= 1 and series[("country", "KGZ")][1] >= 1
    assert ("pair", "KGZ-TJK") in series
    # a second run stores nothing and leaves the series as they are
    again = newsgraph.ingest([str(inputs / "new.jsonl")], store)
    assert (again.inserted, again.duplicates, again.monitor) == (0, 1, None)
    assert _series(store, "2025-03-10") == series
    store.close()


def test_api_upload_refreshes_the_monitor(inputs):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    store = open_store(inputs / "api.db")
    with TestClient(create_app(store, token="t")) as c:
        r = c.post("/api/v1/ingest", headers={"Authorization": "Bearer t"},
                   files=[("files", ("new.jsonl", (inputs / "new.jsonl").read_bytes(), "application/x-ndjson"))])
        assert r.status_code == 200, r.text
        assert r.json()["inserted"] == 1
    series = _series(store, "2025-03-10")
    assert series[("country", "KGZ")][0] >= 1
    store.close()


def test_parallel_ingest_refreshes_the_monitor(inputs):
    """Without NLP there are no events to count, but the refresh runs over the new article's days."""
    summary = newsgraph.ingest([str(inputs / "new.jsonl"), str(inputs / "old.jsonl")], inputs / "par.db",
                               workers=2, nlp=False)
    assert summary.inserted == 2
    assert summary.monitor == {"since": "2025-03-01", "rows": 0, "type_rows": 0, "skipped": False}


@pytest.fixture
def one_alert(monkeypatch):
    """Detection is tested in tests/monitor; here every check finds one alert, so what is checked is
    that each surface's ingest delivers it to the settings' sink."""
    from newsgraph.monitor import alerts

    calls = []

    def find(engine, *, since, **kw):
        calls.append(since)
        return [{"id": "spike:events:country:KGZ:2025-03-10", "score": 9.9}]

    monkeypatch.setattr(alerts, "find_alerts", find)
    return calls


def test_library_ingest_posts_alerts_to_the_settings_sink(inputs, monkeypatch, one_alert):
    out = inputs / "alerts.jsonl"
    monkeypatch.setenv("NEWSGRAPH_ALERTS_FILE", str(out))
    summary = newsgraph.ingest([str(inputs / "new.jsonl")], inputs / "alerts.db", nlp=False)
    assert summary.alerts == 1 and one_alert == ["1d"]
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["spike:events:country:KGZ:2025-03-10"]
    again = newsgraph.ingest([str(inputs / "new.jsonl")], inputs / "alerts.db", nlp=False)
    assert again.inserted == 0 and again.alerts is None and len(out.read_text().splitlines()) == 1
    from newsgraph.monitor.alerts import AlertSink

    quiet = newsgraph.ingest([str(inputs / "old.jsonl")], inputs / "alerts.db", nlp=False, alerts=AlertSink())
    assert quiet.inserted == 1 and quiet.alerts is None and len(out.read_text().splitlines()) == 1


def test_api_upload_posts_alerts_like_the_library(inputs, monkeypatch, one_alert):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    out = inputs / "api-alerts.jsonl"
    monkeypatch.setenv("NEWSGRAPH_ALERTS_FILE", str(out))
    store = open_store(inputs / "api-alerts.db")
    with TestClient(create_app(store, token="t")) as c:
        r = c.post("/api/v1/ingest", headers={"Authorization": "Bearer t"}, data={"nlp": "false"},
                   files=[("files", ("new.jsonl", (inputs / "new.jsonl").read_bytes(), "application/x-ndjson"))])
        assert r.status_code == 200, r.text
    store.close()
    assert len(out.read_text().splitlines()) == 1
