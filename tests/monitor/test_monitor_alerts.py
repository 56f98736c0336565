import json

import numpy as np
import pytest

from newsgraph.monitor import alerts as A

from monitor_records import SPIKE_DAY


def test_spike_found_ranked_and_linked(store):
    found = A.find_alerts(store.engine, since="2025-02-01", limit=None)
    spikes = [a for a in found if a.kind == "spike" and a.scope == "country" and a.key == "KAZ"]
    assert spikes and {a.day for a in spikes} == {SPIKE_DAY}
    assert {a.metric for a in spikes} >= {"events", "conflict"}
    top = found[0]
    assert top.day == SPIKE_DAY and top.score >= A.DEFAULT.threshold
    assert [a.score for a in found] == sorted((a.score for a in found), reverse=True)
    assert top.n_events == 12 and top.events and all(e["date"] == SPIKE_DAY for e in top.events)
    assert all(e["article"] == f"kaz-{SPIKE_DAY}" for e in top.events)
    # the quiet country raises nothing
    assert not [a for a in found if a.key == "UZB"]


def test_alerts_are_deterministic(store):
    one = [a.to_dict() for a in A.find_alerts(store.engine, since="30d", limit=None)]
    two = [a.to_dict() for a in A.find_alerts(store.engine, since="30d", limit=None)]
    assert one and one == two
    json.dumps(one)  # serialisable


def test_since_counts_back_from_the_latest_day(store):
    assert A.parse_since("7d", "2025-02-14") == "2025-02-08"
    assert A.parse_since("1d", "2025-02-14") == "2025-02-14"
    assert A.parse_since("2025-01-05", "2025-02-14") == "2025-01-05"
    with pytest.raises(ValueError):
        A.parse_since("yesterday", "2025-02-14")
    latest = A.coverage(store.engine)[1]
    recent = A.find_alerts(store.engine, since="1d", limit=None)
    assert all(a.day == latest for a in recent)


def test_country_filter_and_tone(store):
    found = A.find_alerts(store.engine, since="2025-02-01", country="KAZ", limit=None, links=0)
    assert found and all("KAZ" in a.key or a.scope == "actor" for a in found)
    assert any(a.kind == "tone" and a.metric == "goldstein" for a in found)


def test_scan_counts_flat_series_is_quiet_and_spike_is_not():
    rng = np.random.default_rng(1)
    y = rng.poisson(10, 80).astype(float)
    assert A.scan_counts(y, range(30, 80), kinds=("spike",)) == []
    y[60] = 40
    hits = A.scan_counts(y, range(30, 80), kinds=("spike",))
    assert [h["index"] for h in hits] == [60]


def test_post_alerts_to_file_and_webhook(store, tmp_path, monkeypatch):
    found = A.find_alerts(store.engine, since="2025-02-01", limit=3)
    path = tmp_path / "out" / "alerts.jsonl"
    assert A.post_alerts(found, path=path) == len(found)
    A.post_alerts(found[:1], path=path)
    lines = path.read_text().splitlines()
    assert len(lines) == len(found) + 1 and json.loads(lines[0])["id"] == found[0].id

    import httpx

    sent = {}

    def fake_post(url, json=None, timeout=None):
        sent.update(url=url, json=json, timeout=timeout)
        return httpx.Response(200, request=httpx.Request("POST", url))

    monkeypatch.setattr(httpx, "post", fake_post)
    assert A.post_alerts(found, webhook_url="https://hooks.example/x") == len(found)
    assert sent["url"] == "https://hooks.example/x" and sent["timeout"] and len(sent["json"]["alerts"]) == len(found)
    assert A.post_alerts([], webhook_url="https://hooks.example/x") == 0
