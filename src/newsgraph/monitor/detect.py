"""The statistics of early warning: baselines, surprise scores and the scan of daily count series.

Pure functions of arrays (numpy, scipy), no database: :mod:`newsgraph.monitor.alerts` runs them
over the stored series and explains the method; these are re-exported there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import numpy as np

from ..store import series as S

COUNT_METRICS = ("events", "conflict", "quotes")
SCAN_CELLS = 500_000  # series x days scanned at once by scan_many (memory: ~100 MB of work arrays)


@dataclass(frozen=True)
class AlertSettings:
    # THE default alert threshold (spike, shift, tone): surprise score, -log10 of the upper-tail probability.
    # 3.75: the lowest with precision >= 0.9 on benchmarks/bench_alerts.py's tuning seeds (docs/monitor.md)
    threshold: float = 3.75
    window: int = 28  # baseline days (the level)
    history: int = 84  # days behind the weekday profile and the dispersion of a spike's baseline
    dispersion_block: int = 14  # the dispersion is pooled over blocks of this many days
    level_drift: float = 0.02  # day-to-day relative random walk of the level (widens the baseline)
    seasonal: bool = True  # weekday profile on/off
    exclude_alerted: bool = True  # leave days that alerted out of later spike baselines
    min_history: int = 14  # days of coverage needed before a day can alert
    min_count: int = 5  # minimum volume on the alert day (spike) or in the period (shift)
    min_ratio: float = 2.0  # observed / expected
    shift_days: int = 7
    shift_min_ratio: float = 1.5  # a shift: the period's sum (its largest day left out) / expected
    prior_count: float = 0.5  # pseudo-count added to the baseline sum (over window + 1 days)
    prior_dispersion: float = 0.15  # 1/size of the negative binomial the estimate shrinks towards
    prior_weight: float = 14.0  # days' worth of weight of that prior
    metrics: tuple[str, ...] = COUNT_METRICS
    scopes: tuple[str, ...] = S.SCOPES
    tone: bool = True
    max_score: float = 50.0


DEFAULT = AlertSettings()


# --- the statistics --------------------------------------------------------------------------

def baseline(window: np.ndarray, s: AlertSettings = DEFAULT) -> tuple[float, float]:
    """(mean, dispersion 1/size) of a negative binomial fit to the baseline counts."""
    n = len(window)
    total = float(window.sum())
    mu = (total + s.prior_count) / (n + 1.0)
    if n >= 2:
        m = total / n
        var = float(window.var(ddof=1))
        phi_hat = max(0.0, (var - m) / (m * m)) if m > 0 else 0.0
    else:
        phi_hat = s.prior_dispersion
    phi = (n * phi_hat + s.prior_weight * s.prior_dispersion) / (n + s.prior_weight)
    return mu, phi


def upper_tail(observed: float, mu: float, phi: float) -> float:
    """P(Y >= observed) for Y negative binomial with mean mu and dispersion phi (Poisson when 0)."""
    from scipy import stats

    k = math.ceil(observed) - 1
    if k < 0:
        return 1.0
    if phi <= 1e-9:
        return float(stats.poisson.sf(k, mu))
    size = 1.0 / phi
    return float(stats.nbinom.sf(k, size, size / (size + mu)))


def surprise(observed: float, mu: float, phi: float, s: AlertSettings = DEFAULT) -> float:
    p = upper_tail(observed, mu, phi)
    return s.max_score if p <= 0 else min(s.max_score, -math.log10(p))


def surprises(observed: np.ndarray, mu: np.ndarray, phi: np.ndarray, s: AlertSettings = DEFAULT) -> np.ndarray:
    """:func:`surprise` over arrays."""
    from scipy import stats

    observed, mu, phi = (np.asarray(a, dtype=float) for a in (observed, mu, phi))
    k = np.ceil(observed) - 1
    size = 1.0 / np.maximum(phi, 1e-9)
    p = np.where(phi <= 1e-9, stats.poisson.sf(k, mu), stats.nbinom.sf(k, size, size / (size + mu)))
    p = np.where(k < 0, 1.0, p)
    with np.errstate(divide="ignore"):
        return np.where(p <= 0, s.max_score, np.minimum(s.max_score, -np.log10(np.maximum(p, 1e-320))))


def _cum(a: np.ndarray) -> np.ndarray:
    return np.concatenate([np.zeros(a.shape[:-1] + (1,)), np.cumsum(a, axis=-1)], axis=-1)


def _starts(start: np.ndarray | None, n: int) -> np.ndarray:
    """The index of the first day of each day's series (several series can lie end to end in one
    array, see :func:`scan_many`; no window reaches back past its series' first day)."""
    return np.zeros(n, dtype=int) if start is None else np.asarray(start, dtype=int)


def plain_baselines(y: np.ndarray, s: AlertSettings = DEFAULT,
                    start: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """:func:`baseline` of every day over the ``window`` days before it (mean, dispersion arrays)."""
    t = np.arange(len(y))
    a = np.maximum(_starts(start, len(y)), t - s.window)
    n = (t - a).astype(float)
    c1, c2 = _cum(y), _cum(y * y)
    total, sq = c1[t] - c1[a], c2[t] - c2[a]
    mu = (total + s.prior_count) / (n + 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        m = total / n
        var = (n * sq - total * total) / (n * (n - 1))
        phi_hat = np.where((n >= 2) & (m > 0), np.maximum(0.0, (var - m) / (m * m)), 0.0)
    phi_hat = np.where(n >= 2, phi_hat, s.prior_dispersion)
    return mu, (n * phi_hat + s.prior_weight * s.prior_dispersion) / (n + s.prior_weight)


def alerted_days(y: np.ndarray, s: AlertSettings = DEFAULT, start: np.ndarray | None = None) -> np.ndarray:
    """Days that spike against the plain four-week baseline (left out of later spike baselines)."""
    mu, phi = plain_baselines(y, s, start)
    local = np.arange(len(y)) - _starts(start, len(y))
    cand = (local >= s.min_history) & (y >= s.min_count) & (y >= s.min_ratio * mu)
    out = np.zeros(len(y), dtype=bool)
    if cand.any():
        out[cand] = surprises(y[cand], mu[cand], phi[cand], s) >= s.threshold
    return out


def _baseline_parts(y: np.ndarray, ts: np.ndarray, s: AlertSettings, weekday0: int,
                    skip: np.ndarray | None, start: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The pieces of the baseline of days ``ts`` from the days before each (see :func:`spike_baselines`):
    ``level`` (seasonally adjusted mean of the ``window`` days), ``f``/``f_var`` (7 x m weekday
    factors and their variances), ``phi`` (the pooled dispersion, shrunk to the prior) and
    ``n_level`` (the kept days behind the level)."""
    y = np.asarray(y, dtype=float)
    ts = np.asarray(ts, dtype=int)
    n_days, m = len(y), len(ts)
    keep = np.ones(n_days) if skip is None else (~np.asarray(skip, dtype=bool)).astype(float)
    first = _starts(start, n_days)
    floor = first[ts]  # no window reaches back past its series' first day
    phase = (np.arange(n_days) - first + weekday0) % 7
    onehot = np.zeros((7, n_days))
    onehot[phase, np.arange(n_days)] = keep
    cy, cn, cq, c2 = _cum(onehot * y), _cum(onehot), _cum(onehot * y * y), _cum(keep * y * y)

    def per_weekday(a, b):  # (7, m) sums of the kept counts and days over [a, b)
        return cy[:, b] - cy[:, a], cn[:, b] - cn[:, a]

    lo = np.maximum(floor, ts - s.history)
    sums, ndays = per_weekday(lo, ts)
    f = np.ones((7, m))
    f_var = np.zeros((7, m))  # the variance of each (relative) weekday factor
    if s.seasonal:
        # each weekday's mean relative to the overall mean, shrunk towards 1 (empirical Bayes):
        # by its own sampling variance against the spread of the seven weekdays
        mean = sums.sum(0) / np.maximum(ndays.sum(0), 1)
        squares = cq[:, ts] - cq[:, lo]
        with np.errstate(divide="ignore", invalid="ignore"):
            raw = np.where(ndays > 0, sums / ndays, 0.0) / mean
            var_day = (squares - sums * sums / ndays) / (ndays - 1)
            v = np.where(ndays >= 2, np.maximum(var_day, mean) / (ndays * mean * mean), np.inf)
        ok = (mean > 0) & np.isfinite(v).all(0)
        if ok.any():
            r, v = raw[:, ok], v[:, ok]
            tau2 = np.maximum(0.0, r.var(0) - v.mean(0))
            gain = tau2 / (tau2 + v)
            f[:, ok] = 1 + (r - 1) * gain
            f_var[:, ok] = v * gain
            f /= f.mean(0)
    sw, nw = per_weekday(np.maximum(floor, ts - s.window), ts)
    level = (sw.sum(0) + s.prior_count) / ((f * nw).sum(0) + 1.0)
    # dispersion: moments against each block's own level, pooled over the history
    num, den, n_used = np.zeros(m), np.zeros(m), np.zeros(m)
    for k in range(max(1, s.history // s.dispersion_block)):
        b1 = np.maximum(floor, ts - k * s.dispersion_block)
        b0 = np.maximum(floor, ts - (k + 1) * s.dispersion_block)
        sb, nb = per_weekday(b0, b1)
        nk, sy, sf = nb.sum(0), sb.sum(0), (f * nb).sum(0)
        ok = (nk >= 2) & (sy > 0)
        lev = np.where(ok, sy / np.where(sf > 0, sf, 1.0), 0.0)
        sff = (f * f * nb).sum(0)
        resid = (c2[b1] - c2[b0]) - 2 * lev * (f * sb).sum(0) + lev * lev * sff
        num += np.where(ok, resid * nk / np.maximum(nk - 1, 1) - lev * sf, 0.0)
        den += np.where(ok, lev * lev * sff, 0.0)
        n_used += np.where(ok, nk, 0.0)
    phi_hat = np.where(den > 0, np.maximum(0.0, num / np.where(den > 0, den, 1.0)), s.prior_dispersion)
    phi = (n_used * phi_hat + s.prior_weight * s.prior_dispersion) / (n_used + s.prior_weight)
    return {"level": level, "f": f, "f_var": f_var, "phi": phi, "n_level": np.maximum(nw.sum(0), 1.0),
            "phase": phase}


def _drift_var(s: AlertSettings, n_level: np.ndarray, period: int = 1) -> np.ndarray:
    """Relative variance, under the level's random walk (``level_drift`` a day), of the mean level
    of the ``period`` days right after the window against the mean of the window's ``n_level``
    days: the window's own steps weigh (n+1)(2n+1)/(6n), the steps inside the period
    (p-1)(2p-1)/(6p)."""
    n, p = n_level, period
    return s.level_drift ** 2 * ((n + 1) * (2 * n + 1) / (6 * n) + (p - 1) * (2 * p - 1) / (6 * p))


def spike_baselines(y: np.ndarray, ts: np.ndarray, s: AlertSettings = DEFAULT, weekday0: int = 0,
                    skip: np.ndarray | None = None, start: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(expected count, dispersion 1/size) of days ``ts`` of ``y`` from the days before each.

    Level: the ``window`` days before, seasonally adjusted; weekday profile and dispersion: the
    ``history`` days before; days where ``skip`` is true are left out of all three. ``weekday0``
    is the weekday of ``y[0]`` (any fixed phase works: only the 7-day cycle matters).
    """
    ts = np.asarray(ts, dtype=int)
    b = _baseline_parts(y, ts, s, weekday0, skip, start)
    cols = np.arange(len(ts))
    today = b["phase"][ts]
    f_today = b["f"][today, cols]
    mu = b["level"] * f_today
    phi, n_level = b["phi"], b["n_level"]
    # the predictive spread: add the error of the level, of the weekday factor and the drift
    unit = phi + 1.0 / np.maximum(mu, 1e-9)  # relative variance of one day
    extra = unit / n_level + _drift_var(s, n_level)
    return mu, phi + extra + b["f_var"][today, cols] / f_today ** 2


def shift_baselines(y: np.ndarray, ts: np.ndarray, s: AlertSettings = DEFAULT, weekday0: int = 0,
                    skip: np.ndarray | None = None,
                    start: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(trimmed observed sum, its expected value, dispersion 1/size) of the ``shift_days`` ending on
    each day of ``ts``, with the period's largest day left out (a sustained rise, not one spike).

    The baseline is :func:`spike_baselines`' from the days before the period: the expected sum
    follows the weekday profile of the days kept; its spread adds the error of the level, which
    does not average out over the period, and the drift across it."""
    y = np.asarray(y, dtype=float)
    ts = np.asarray(ts, dtype=int)
    h = s.shift_days
    a = ts - h + 1
    b = _baseline_parts(y, a, s, weekday0, skip, start)
    days = a[:, None] + np.arange(h)[None, :]  # (m, h) the period's days
    vals = y[days]
    drop = np.argmax(vals, axis=1)
    kept = np.ones_like(vals, dtype=bool)
    kept[np.arange(len(ts)), drop] = False
    f = b["f"][b["phase"][days], np.arange(len(ts))[:, None]]  # (m, h) the weekday factor of each day
    means = b["level"][:, None] * f
    expected = (means * kept).sum(1)
    observed = (vals * kept).sum(1)
    phi, n_level = b["phi"], b["n_level"]
    with np.errstate(divide="ignore", invalid="ignore"):
        within = np.where(expected > 0, phi * (means * means * kept).sum(1) / (expected * expected), phi)
    unit = phi + 1.0 / np.maximum(b["level"], 1e-9)
    extra = unit / n_level + _drift_var(s, n_level, h)
    return observed, expected, within + extra


def scan_counts(values: Sequence[float], test: Iterable[int], s: AlertSettings = DEFAULT,
                kinds: tuple[str, ...] = ("spike", "shift"), weekday0: int = 0) -> list[dict[str, Any]]:
    """Raw alert days of one count series: ``values[i]`` is day ``i`` of the coverage.

    Returns dicts ``{kind, index, start_index, observed, expected, score}``; a day needs
    ``min_history`` days before it. ``weekday0``: the weekday of ``values[0]`` (0 = Monday).
    """
    return scan_many(np.asarray(values, dtype=float)[None, :], test, s, kinds, weekday0)[0]


def scan_many(values: np.ndarray, test: Iterable[int], s: AlertSettings = DEFAULT,
              kinds: tuple[str, ...] = ("spike", "shift"), weekday0: int = 0) -> list[list[dict[str, Any]]]:
    """:func:`scan_counts` of many series of the same days at once (``values``: series x days):
    they are laid end to end in one array, and every window stops at its series' first day, so
    each series gives what it gives alone, with a few array operations for all of them."""
    y2 = np.asarray(values, dtype=float)
    n_series, n = y2.shape
    step = max(1, SCAN_CELLS // max(n, 1))
    if n_series > step:  # in slices: the work arrays hold about 20 floats per series-day
        return [r for i in range(0, n_series, step) for r in scan_many(y2[i:i + step], test, s, kinds, weekday0)]
    local = np.array(sorted({t for t in test if s.min_history <= t < n}), dtype=int)
    out: list[list[dict[str, Any]]] = [[] for _ in range(n_series)]
    if not len(local) or not n_series:
        return out
    y = y2.reshape(-1)
    start = np.repeat(np.arange(n_series) * n, n)
    days = (np.arange(n_series)[:, None] * n + local[None, :]).reshape(-1)
    h = s.shift_days
    skip = alerted_days(y, s, start) if s.exclude_alerted else None

    def emit(kind, idx, first, observed, expected, scores):
        for t, a, o, e, sc in zip(idx, first, observed, expected, scores, strict=True):
            if sc >= s.threshold:
                i, base = divmod(int(t), n)
                out[i].append(dict(kind=kind, index=base, start_index=int(a) - i * n, observed=float(o),
                                   expected=float(e), score=float(sc)))

    if "spike" in kinds:
        ts = days[y[days] >= s.min_count]
        if len(ts):
            mu, phi = spike_baselines(y, ts, s, weekday0, skip, start)
            ok = y[ts] >= s.min_ratio * mu
            if ok.any():
                emit("spike", ts[ok], ts[ok], y[ts][ok], mu[ok], surprises(y[ts][ok], mu[ok], phi[ok], s))
    if "shift" in kinds:
        ts = days[days - start[days] - h + 1 - s.min_history >= 0]
        # the period's sum can reach min_count only where the days up to it hold that many
        c = _cum(y)
        ts = ts[c[ts + 1] - c[ts - h + 1] >= s.min_count]
        if len(ts):
            observed, expected, phi = shift_baselines(y, ts, s, weekday0, skip, start)
            ok = (observed >= s.min_count) & (observed >= s.shift_min_ratio * expected)
            if ok.any():
                emit("shift", ts[ok], ts[ok] - h + 1, observed[ok], expected[ok],
                     surprises(observed[ok], expected[ok], phi[ok], s))
    for found in out:
        found.sort(key=lambda r: (r["kind"] != "spike", r["index"]))
    return out


def scan_tone(sums: Sequence[float], counts: Sequence[int], test: Iterable[int],
              s: AlertSettings = DEFAULT) -> list[dict[str, Any]]:
    """Days where the mean Goldstein of the last ``shift_days`` falls below the baseline's."""
    from scipy import stats

    g = np.asarray(sums, dtype=float)
    n = np.asarray(counts, dtype=float)
    h = s.shift_days
    out = []
    for t in test:
        a = t - h + 1
        if a - s.min_history < 0 or t >= len(g):
            continue
        n_recent = n[a:t + 1].sum()
        b0 = max(0, a - s.window)
        n_base = n[b0:a].sum()
        if n_recent < s.min_count or n_base < s.min_count:
            continue
        m_recent = g[a:t + 1].sum() / n_recent
        m_base = g[b0:a].sum() / n_base
        # per-event spread unknown from daily sums: a conservative 4 points (the scale is -10..10)
        se = 4.0 * math.sqrt(1 / n_recent + 1 / n_base)
        z = (m_recent - m_base) / se
        if z >= 0:
            continue
        p = float(stats.norm.cdf(z))
        sc = s.max_score if p <= 0 else min(s.max_score, -math.log10(p))
        if sc >= s.threshold:
            out.append(dict(kind="tone", index=t, start_index=a, observed=round(m_recent, 3),
                            expected=round(m_base, 3), score=sc))
    return out


def merge_runs(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive days of one kind become one alert: the best day, spanning the run."""
    out: list[dict[str, Any]] = []
    for kind in sorted({r["kind"] for r in raw}):
        rows = sorted((r for r in raw if r["kind"] == kind), key=lambda r: r["index"])
        run: list[dict] = []
        for r in rows + [None]:
            if r is not None and (not run or r["index"] <= run[-1]["index"] + 1):
                run.append(r)
                continue
            if run:
                best = max(run, key=lambda x: (x["score"], -x["index"]))
                out.append({**best, "start_index": min(x["start_index"] for x in run),
                            "end_index": run[-1]["index"]})
            run = [r] if r is not None else []
    return out
