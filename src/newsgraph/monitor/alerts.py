"""Early warning: spikes and shifts of each daily series against its own baseline.

A count (events, conflict events = quad class 3 + 4, quotations) on a day is compared with its
expected value under a negative binomial baseline; the surprise score is ``-log10 P(Y >= observed)``.

For a ``spike`` the baseline of day ``t`` is built from the days before it:

- the **level** is the mean of the last ``window`` (28) days, seasonally adjusted, with a small
  pseudo-count (a silent series does not divide by zero);
- a **weekday profile** (news volume has a weekly cycle) from the last ``history`` (84) days: each
  weekday's mean relative to the overall mean, shrunk towards 1 by empirical Bayes (by its own
  sampling variance against the spread between weekdays: a strong cycle is kept, noise is not);
  the expected count is level x that weekday's factor;
- the **dispersion** 1/size is pooled over the same ``history`` in blocks of ``dispersion_block``
  days (moments against each block's own level, so slow drifts do not count as noise), shrunk
  towards ``prior_dispersion`` with the weight of ``prior_weight`` days;
- **robust to past spikes**: days that alerted against the plain four-week baseline are left out
  of the level, the profile and the dispersion of later days (one earlier spike would otherwise
  blind the series for weeks);
- the uncertainty of the estimated level and weekday factor, and a slow random-walk drift of the
  level (``level_drift``), widen the predictive distribution (an estimated baseline is less
  certain than a known one).

- ``spike``: one day, observed >= ``min_count``, observed/expected >= ``min_ratio``, score >= ``threshold``;
- ``shift``: the last ``shift_days`` days against the ``window`` days before them (a plain moments
  fit, :func:`baseline`), with the largest day left out (a sustained rise, not one spike), same
  conditions on the remaining sum;
- ``tone``: the mean Goldstein score of the last ``shift_days`` days falls below the baseline's
  (a one-sided z-test, at least ``min_count`` events with a score on each side).

Consecutive alert days of one series, metric and kind merge into one alert (its highest score).
Alerts are ranked by score across all countries, actors and pairs; each carries the events and
quotes of its days. Everything is a pure function of the stored rows: the same database gives the
same alerts, and a day's alert does not depend on how far back the scan starts.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from . import series as S

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


@dataclass
class Alert:
    kind: str  # spike | shift | tone
    scope: str
    key: str
    metric: str
    day: str  # the day of the highest score
    start: str  # first day of the period the alert covers
    end: str
    observed: float
    expected: float
    score: float
    label: str = ""
    events: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    n_events: int = 0
    n_quotes: int = 0

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.metric}:{self.scope}:{self.key}:{self.day}"

    @property
    def ratio(self) -> float | None:
        return round(self.observed / self.expected, 3) if self.expected > 0 else None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["id"] = self.id
        d["ratio"] = self.ratio
        return d


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


# --- over a database -------------------------------------------------------------------------

def parse_since(since: str | None, latest: str | None) -> str | None:
    """``7d``/``2w``/``1m`` count back from ``latest`` (the last day is day 1 of 7); a date passes."""
    if not since:
        return None
    since = since.strip()
    if since[-1:] in ("d", "w", "m") and since[:-1].isdigit():
        if not latest:
            return None
        n = int(since[:-1]) * {"d": 1, "w": 7, "m": 30}[since[-1]]
        return (date.fromisoformat(latest) - timedelta(days=max(n, 1) - 1)).isoformat()
    date.fromisoformat(since)  # ValueError when it is neither
    return since


def coverage(engine) -> tuple[str | None, str | None]:
    """The first and last publication day in the database."""
    from sqlalchemy import func, select

    from ..store.schema import articles

    with engine.connect() as conn:
        lo, hi = conn.execute(select(func.min(articles.c.published), func.max(articles.c.published))).one()
    return lo, hi


def _label(scope: str, key: str, names: dict[str, str]) -> str:
    if scope == "actor":
        return names.get(key) or key
    return key


def find_alerts(engine, *, since: str | None = "7d", until: str | None = None, settings: AlertSettings = DEFAULT,
                scope: str | None = None, country: str | None = None, limit: int | None = 50,
                links: int = 5) -> list[Alert]:
    """Alerts whose best day falls in [since, until], ranked by score (highest first).

    ``since`` is a date or a duration (``7d``) counted back from the latest publication day;
    ``country`` keeps the alerts of that country, its pairs and its actors. ``links``: how many
    events and quotes to attach to each alert (0: none).
    """
    from sqlalchemy import and_, select

    from ..store.schema import actors, monitor_daily

    first, latest = coverage(engine)
    if not latest:
        return []
    until = until or latest
    since = parse_since(since, latest) or first
    # a spike's baseline reaches back `history` days, and the days in it were themselves checked
    # against the `window` before them: load that much, so a day's result does not depend on `since`.
    # The series start there (or at the first day of coverage): older days are never read.
    back = max(settings.history, settings.window) + settings.window + settings.shift_days + 1
    lookback = max((date.fromisoformat(since) - timedelta(days=back)).isoformat(), first)
    days = S.days_between(lookback, until)
    index = {d: i for i, d in enumerate(days)}
    test = [i for i, d in enumerate(days) if d >= since]
    weekday0 = date.fromisoformat(days[0]).weekday() if days else 0
    t = monitor_daily
    cond = and_(t.c.day >= lookback, t.c.day <= until, t.c.scope.in_([x for x in settings.scopes
                                                                      if not scope or x == scope]))
    with engine.connect() as conn:
        names = {i: n for i, n, c in conn.execute(select(actors.c.id, actors.c.name, actors.c.country))}
        actor_country = dict(conn.execute(select(actors.c.id, actors.c.country)).all())
        # plain tuples, only the columns scanned: this is most of the time on a large database
        rows = conn.execute(select(t.c.scope, t.c.key, t.c.day, t.c.events, t.c.quad3 + t.c.quad4, t.c.quotes,
                                   t.c.goldstein_sum, t.c.goldstein_n).where(cond)).all()
    country = country.upper() if country else None
    row_of: dict[tuple[str, str], int] = {}
    for sc, key, *_ in rows:
        if (sc, key) not in row_of and (not country or _in_country(sc, key, country, actor_country)):
            row_of[(sc, key)] = 0
    keys = sorted(row_of)
    row_of = {k: i for i, k in enumerate(keys)}
    n = len(days)
    # series x days: events, conflict (quad 3 + 4), quotes, Goldstein sum and count
    arr = dict(zip(("events", "conflict", "quotes", "gsum", "gn"), np.zeros((5, len(keys), n))))
    for sc, key, day, *values in rows:
        row, i = row_of.get((sc, key)), index.get(day)
        if row is not None and i is not None:
            for m, v in zip(("events", "conflict", "quotes", "gsum", "gn"), values):
                arr[m][row, i] = v or 0
    raws: list[tuple[int, str, dict]] = []
    for metric in settings.metrics if test else ():
        # the series with anything in the test period, scanned together (pairs have no quotes)
        rows = [row for row, (sc, _) in enumerate(keys)
                if not (sc == "pair" and metric == "quotes") and arr[metric][row, test[0]:].any()]
        for row, raw in zip(rows, scan_many(arr[metric][rows], test, settings, weekday0=weekday0), strict=True):
            raws += [(row, metric, x) for x in merge_runs(raw)]
    for row, (sc, _) in enumerate(keys):
        if settings.tone and sc != "actor":
            raws += [(row, "goldstein", x)
                     for x in merge_runs(scan_tone(arr["gsum"][row], arr["gn"][row], test, settings))]
    found: list[Alert] = []
    for row, metric, x in raws:
        sc, key = keys[row]
        found.append(Alert(kind=x["kind"], scope=sc, key=key, metric=metric, day=days[x["index"]],
                           start=days[x["start_index"]], end=days[x["end_index"]],
                           observed=round(x["observed"], 3), expected=round(x["expected"], 3),
                           score=round(x["score"], 3), label=_label(sc, key, names)))
    found.sort(key=lambda a: (-a.score, a.day, a.scope, a.key, a.metric, a.kind))
    if limit:
        found = found[:limit]
    if links:
        for a in found:
            m = S.members(engine, a.scope, a.key, a.start, a.end, conflict_only=a.metric == "conflict", limit=links)
            a.events, a.n_events = m["events"], m["n_events"]
            a.quotes, a.n_quotes = m["quotes"], m["n_quotes"]
    return found


def _in_country(scope: str, key: str, country: str, actor_country: dict) -> bool:
    if scope == "country":
        return key == country
    if scope == "pair":
        return country in key.split("-")
    return (actor_country.get(key) or "").upper() == country


def describe(a: Alert) -> str:
    """One line for people."""
    what = {"events": "events", "conflict": "conflict events", "quotes": "quotations",
            "goldstein": "mean Goldstein"}[a.metric]
    span = a.day if a.start == a.end else f"{a.start}…{a.end}"
    if a.kind == "tone":
        return f"{a.label}: {what} fell to {a.observed:+.1f} from {a.expected:+.1f} ({span})"
    if a.kind == "shift":  # observed: the sum of the week without its largest day (see scan_counts)
        return (f"{a.label}: sustained rise in {what}: {a.observed:g} in a week, its largest day left out, "
                f"vs {a.expected:.1f} expected ({span})")
    return f"{a.label}: {a.kind} in {what}: {a.observed:g} vs {a.expected:.1f} expected ({span})"


# --- delivery --------------------------------------------------------------------------------

def post_alerts(alerts: Iterable[Alert | dict], *, webhook_url: str | None = None, path: str | Path | None = None,
                timeout: float = 10.0) -> int:
    """Deliver alerts: POST them as one JSON object ``{"alerts": [...]}`` to ``webhook_url``
    (httpx, with a timeout; an HTTP error raises), and/or append one JSON line per alert to
    ``path``. Returns the number of alerts delivered."""
    items = [a.to_dict() if isinstance(a, Alert) else dict(a) for a in alerts]
    if not items:
        return 0
    if webhook_url:
        import httpx

        resp = httpx.post(webhook_url, json={"alerts": items}, timeout=timeout)
        resp.raise_for_status()
    if path:
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        with p.open("a", encoding="utf-8") as f:
            for it in items:
                f.write(json.dumps(it, ensure_ascii=False, default=str) + "\n")
    return len(items)
