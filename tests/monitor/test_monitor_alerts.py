import json

import numpy as np
import pytest

from newsgraph.monitor import alerts as A
from newsgraph.monitor import detect

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


def test_vectorised_surprise_matches_the_scalar_one():
    obs, mu, phi = np.array([0, 3, 12, 40, 7]), np.array([2.0, 2.0, 4.5, 10.0, 7.0]), np.array([0.1, 0, 0.3, 0.05, 0])
    vec = A.surprises(obs, mu, phi)
    assert np.allclose(vec, [A.surprise(o, m, p) for o, m, p in zip(obs, mu, phi)])


def test_an_earlier_spike_does_not_blind_the_baseline():
    # crises come in waves: a 6x spike, then two weeks later a 3x one; the first must not hide the second
    rng = np.random.default_rng(3)
    y = rng.poisson(10, 130).astype(float)
    y[80], y[95] = 60, 32
    hits = A.scan_counts(y, range(60, 130), kinds=("spike",))
    assert [h["index"] for h in hits] == [80, 95]
    # without leaving the alerted day out, the second spike is lost in the inflated dispersion
    plain = A.AlertSettings(exclude_alerted=False)
    assert 95 not in [h["index"] for h in A.scan_counts(y, range(60, 130), plain, kinds=("spike",))]


def test_weekly_cycle_sets_the_expected_count_of_each_weekday():
    # weekdays about 20, weekends about 6: a Sunday with 19 is a spike, a Tuesday with 26 is not
    rng = np.random.default_rng(5)
    means = np.array([6.0 if d % 7 >= 5 else 20.0 for d in range(112)])  # day 0 is a Monday
    y = rng.poisson(means).astype(float)
    sunday, tuesday = 104, 99
    y[sunday], y[tuesday] = 19, 26
    days = [h["index"] for h in A.scan_counts(y, range(84, 112), kinds=("spike",))]
    assert sunday in days and tuesday not in days
    flat = A.AlertSettings(seasonal=False)
    assert sunday not in [h["index"] for h in A.scan_counts(y, range(84, 112), flat, kinds=("spike",))]
    # the weekday phase only has to be consistent: shifting the calendar shifts nothing
    assert days == [h["index"] for h in A.scan_counts(y, range(84, 112), kinds=("spike",), weekday0=3)]


def test_a_day_does_not_depend_on_where_the_scan_starts():
    rng = np.random.default_rng(11)
    y = rng.negative_binomial(8, 8 / (8 + 15), 150).astype(float)
    y[[60, 100, 130]] += [40, 35, 60]
    late = A.scan_counts(y, range(110, 150))
    assert late and late == [h for h in A.scan_counts(y, range(20, 150)) if h["index"] >= 110]


def test_false_alarm_rate_is_near_the_nominal_one():
    # over-dispersed counts with a weekly cycle and a drifting level: the threshold keeps its meaning
    rng = np.random.default_rng(2)
    false = days = 0
    for _ in range(150):
        level, size = float(np.exp(rng.uniform(np.log(5), np.log(100)))), 1 / rng.uniform(0.02, 0.15)
        means = level * np.exp(np.cumsum(rng.normal(0, 0.02, 150))) * np.where(np.arange(150) % 7 >= 5, 0.7, 1)
        y = rng.negative_binomial(size, size / (size + means)).astype(float)
        false += len(A.scan_counts(y, range(90, 150), kinds=("spike",)))
        days += 60
    assert false <= 10 * days * 10 ** -A.DEFAULT.threshold  # 9000 days: about 3 expected


def test_find_alerts_do_not_depend_on_since(store):
    late = A.find_alerts(store.engine, since="2025-02-08", limit=None, links=0)
    early = A.find_alerts(store.engine, since="2025-01-20", limit=None, links=0)
    assert late and [a.to_dict() for a in late] == [a.to_dict() for a in early if a.day >= "2025-02-08"]


def _shifts(y, test, settings=A.DEFAULT):
    return A.merge_runs(A.scan_counts(y, test, settings, kinds=("shift",)))


def test_a_sustained_rise_is_a_shift_and_noise_is_not():
    rng = np.random.default_rng(21)
    y = rng.poisson(10, 120).astype(float)
    assert _shifts(y, range(40, 120)) == []
    y[90:104] += rng.poisson(10, 14)  # twice the level for two weeks, no single day far out
    found = _shifts(y, range(40, 120))
    assert len(found) == 1 and found[0]["start_index"] <= 103 and found[0]["end_index"] >= 90
    assert found[0]["observed"] >= A.DEFAULT.shift_min_ratio * found[0]["expected"]


def test_an_earlier_spike_does_not_hide_a_later_shift():
    # a 6x day, then ten days later a two-week doubling: the spike is left out of the shift's baseline
    rng = np.random.default_rng(4)
    y = rng.poisson(10, 130).astype(float)
    y[80] = 60
    y[90:104] += rng.poisson(10, 14)
    assert any(90 <= s["index"] <= 103 for s in _shifts(y, range(60, 130)))
    kept = A.AlertSettings(exclude_alerted=False)
    assert not any(90 <= s["index"] <= 103 for s in _shifts(y, range(60, 130), kept))


def test_shift_expectation_follows_the_weekly_cycle():
    # weekdays 20, weekends 6: the expected trimmed sum of a week is near 4 x 20 + 2 x 6 = 92
    rng = np.random.default_rng(8)
    means = np.array([6.0 if d % 7 >= 5 else 20.0 for d in range(112)])
    y = rng.poisson(means).astype(float)
    observed, expected, phi = A.shift_baselines(y, np.array([104, 111]), weekday0=0)
    assert np.allclose(expected, 92, rtol=0.12) and (phi > 0).all()
    assert np.allclose(observed, [y[98:105].sum() - y[98:105].max(), y[105:112].sum() - y[105:112].max()])


def test_many_series_at_once_give_what_each_gives_alone(monkeypatch):
    # end to end in one array, in slices or not: no window may reach into the series before
    rng = np.random.default_rng(17)
    levels = rng.uniform(2, 60, 12)
    y = rng.negative_binomial(8, 8 / (8 + levels[:, None]), (12, 110)).astype(float)
    y[::3, 70] *= 5
    y[1::4, 80:95] *= 2.5
    y[5, :40] = 0  # a series that starts late
    test = range(10, 110)
    alone = [A.scan_counts(row, test, weekday0=2) for row in y]
    assert sum(map(len, alone)) >= 8
    assert A.scan_many(y, test, weekday0=2) == alone
    monkeypatch.setattr(detect, "SCAN_CELLS", 250)  # two series per slice
    assert A.scan_many(y, test, weekday0=2) == alone
