"""Precision and recall of spike alerts on synthetic series with injected spikes (seeded).

Background: daily counts like a news monitor's per-country event series: a level drawn
log-uniformly between --min-level and --max-level events a day (default 5-100), a weekly cycle
(weekends at 70 %), a slow random-walk drift of the level and negative-binomial noise (dispersion
1/size uniform between --min-dispersion and --max-dispersion, default 0.02-0.15). Half the series
get one spike on a random day of the test period, raised to k times the baseline (the mean level
of the four weeks before; k = 1.5, 2, 3, 5 or 10) by adding Poisson(k x baseline - that day's mean)
events to the background draw. Every test day of every series is scanned with the default settings
(newsgraph.monitor.alerts.scan_counts, spikes only); an alert covering a spike day is a hit, any
other alert a false alarm.

    .venv/bin/python benchmarks/bench_alerts.py [--series 600] [--seed 7] [--max-dispersion 0.05] [--json]

Recall is reported per multiplier, overall and for the spikes above the minimum volume
(k x level >= min_count: what the alert rule can see at all); precision over all alerts. The
"ceiling" runs the same test with the true mean and dispersion of every day (an oracle): the
reference for what the data allow at this threshold; the gap to it is what estimating the baseline costs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsgraph.monitor.alerts import DEFAULT, AlertSettings, merge_runs, scan_counts  # noqa: E402

MULTIPLIERS = (1.5, 2.0, 3.0, 5.0, 10.0)


def nb_draw(rng: np.random.Generator, mean: float, phi: float) -> int:
    if mean <= 0:
        return 0
    lam = rng.gamma(1 / phi, mean * phi)  # gamma-Poisson mixture = negative binomial
    return int(rng.poisson(lam))


def make_series(rng: np.random.Generator, days: int, lo: float, hi: float, phi_lo: float = 0.02,
                phi_hi: float = 0.15):
    level = float(np.exp(rng.uniform(np.log(lo), np.log(hi))))
    phi = float(rng.uniform(phi_lo, phi_hi))
    start_dow = int(rng.integers(7))
    drift = np.cumsum(rng.normal(0, 0.02, days))
    means = np.array([level * np.exp(drift[t]) * (0.7 if (start_dow + t) % 7 >= 5 else 1.0) for t in range(days)])
    return level, phi, means


def run(n_series: int, seed: int, days: int, test_days: int, lo: float, hi: float,
        settings: AlertSettings = DEFAULT, phi_lo: float = 0.02, phi_hi: float = 0.15) -> dict:
    rng = np.random.default_rng(seed)
    hits = defaultdict(int)
    totals = defaultdict(int)
    hits_vol = defaultdict(int)
    totals_vol = defaultdict(int)
    n_alerts = 0
    false_alarms = 0
    o_hits: dict = defaultdict(int)
    o_false = 0
    test = list(range(days - test_days, days))
    t0 = time.perf_counter()
    for s in range(n_series):
        level, phi, means = make_series(rng, days, lo, hi, phi_lo, phi_hi)
        y = np.array([nb_draw(rng, m, phi) for m in means], dtype=float)
        spike_day, k = None, None
        if s % 2 == 0:
            spike_day = int(rng.choice(test))
            k = MULTIPLIERS[(s // 2) % len(MULTIPLIERS)]
            base = float(means[spike_day - DEFAULT.window:spike_day].mean())  # the level of the last weeks
            y[spike_day] += rng.poisson(max(0.0, k * base - means[spike_day]))  # k x baseline, on average
        # the ceiling: the same test knowing the true mean and dispersion of every day
        size = 1 / phi
        oracle = -np.log10(np.maximum(stats.nbinom.sf(y[test] - 1, size, size / (size + means[test])), 1e-300))
        for t, sc in zip(test, oracle, strict=True):
            fire = sc >= settings.threshold and y[t] >= settings.min_count
            if t == spike_day:
                o_hits[k] += bool(fire)
            else:
                o_false += bool(fire)
        alerts = merge_runs(scan_counts(y, test, settings, kinds=("spike",)))
        n_alerts += len(alerts)
        hit = False
        for a in alerts:
            if spike_day is not None and a["start_index"] <= spike_day <= a["end_index"]:
                hit = True
            else:
                false_alarms += 1
        if spike_day is not None:
            totals[k] += 1
            hits[k] += hit
            if k * base >= settings.min_count:
                totals_vol[k] += 1
                hits_vol[k] += hit
    elapsed = time.perf_counter() - t0

    def rate(h, t):
        return round(h / t, 3) if t else None

    big = [k for k in MULTIPLIERS if k >= 3]
    return {
        "series": n_series, "seed": seed, "days": days, "test_days": test_days, "levels": [lo, hi],
        "dispersion": [phi_lo, phi_hi],
        "settings": {"threshold": settings.threshold, "min_count": settings.min_count,
                     "min_ratio": settings.min_ratio, "window": settings.window},
        "alerts": n_alerts, "false_alarms": false_alarms,
        "precision": rate(n_alerts - false_alarms, n_alerts),
        "recall_by_multiplier": {str(k): rate(hits[k], totals[k]) for k in MULTIPLIERS},
        "recall_by_multiplier_above_min_volume": {str(k): rate(hits_vol[k], totals_vol[k]) for k in MULTIPLIERS},
        "recall_3x_and_above": rate(sum(hits[k] for k in big), sum(totals[k] for k in big)),
        "recall_3x_and_above_min_volume": rate(sum(hits_vol[k] for k in big), sum(totals_vol[k] for k in big)),
        "spikes_3x_and_above": sum(totals[k] for k in big),
        "spikes_3x_and_above_min_volume": sum(totals_vol[k] for k in big),
        "oracle": {  # the same test knowing each day's true mean and dispersion
            "precision": rate(sum(o_hits.values()), sum(o_hits.values()) + o_false),
            "recall_by_multiplier": {str(k): rate(o_hits[k], totals[k]) for k in MULTIPLIERS},
            "recall_3x_and_above": rate(sum(o_hits[k] for k in big), sum(totals[k] for k in big)),
        },
        "series_days_scanned": n_series * test_days,
        "seconds": round(elapsed, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--series", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--days", type=int, default=150)
    ap.add_argument("--test-days", type=int, default=60)
    ap.add_argument("--min-level", type=float, default=5.0)
    ap.add_argument("--max-level", type=float, default=100.0)
    ap.add_argument("--min-dispersion", type=float, default=0.02)
    ap.add_argument("--max-dispersion", type=float, default=0.15)
    ap.add_argument("--threshold", type=float, default=DEFAULT.threshold)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    settings = AlertSettings(threshold=args.threshold)
    r = run(args.series, args.seed, args.days, args.test_days, args.min_level, args.max_level, settings,
            args.min_dispersion, args.max_dispersion)
    if args.json:
        print(json.dumps(r, indent=2))
        return
    print(f"{r['series']} series x {r['test_days']} test days (seed {r['seed']}, levels {r['levels']}/day, "
          f"NB dispersion {r['dispersion']}), "
          f"threshold {settings.threshold}, min_count {settings.min_count}: {r['seconds']} s")
    print(f"alerts {r['alerts']}, false alarms {r['false_alarms']}, precision {r['precision']}")
    for k in MULTIPLIERS:
        print(f"  spike x{k:<4}: recall {r['recall_by_multiplier'][str(k)]}  "
              f"(above min volume: {r['recall_by_multiplier_above_min_volume'][str(k)]})")
    print(f"recall for x3 and above: {r['recall_3x_and_above']} ({r['spikes_3x_and_above']} spikes); "
          f"above min volume: {r['recall_3x_and_above_min_volume']} ({r['spikes_3x_and_above_min_volume']} spikes)")
    o = r["oracle"]
    print(f"ceiling (true mean and dispersion known): precision {o['precision']}, recall x3 and above "
          f"{o['recall_3x_and_above']}, x3 {o['recall_by_multiplier']['3.0']}")


if __name__ == "__main__":
    main()
