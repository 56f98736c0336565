"""Early warning: spikes and shifts of each daily series against its own baseline.

A count (events, conflict events = quad class 3 + 4, quotations) on a day is compared with the
``window`` days before it. The baseline is a negative binomial fit by moments, with the mean
smoothed by a small pseudo-count (a series that was silent does not divide by zero) and the
over-dispersion shrunk towards a prior (four weeks of sparse counts say little about variance).
The surprise score is ``-log10 P(Y >= observed)`` under that baseline.

- ``spike``: one day, observed >= ``min_count``, observed/expected >= ``min_ratio``, score >= ``threshold``;
- ``shift``: the last ``shift_days`` days against the baseline before them, with the largest day left
  out (a sustained rise, not one spike), same conditions on the remaining sum;
- ``tone``: the mean Goldstein score of the last ``shift_days`` days falls below the baseline's
  (a one-sided z-test, at least ``min_count`` events with a score on each side).

Consecutive alert days of one series, metric and kind merge into one alert (its highest score).
Alerts are ranked by score across all countries, actors and pairs; each carries the events and
quotes of its days. Everything is a pure function of the stored rows: the same database gives the
same alerts.
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


@dataclass(frozen=True)
class AlertSettings:
    threshold: float = 3.5  # surprise score: -log10 of the upper-tail probability
    window: int = 28  # baseline days
    min_history: int = 14  # days of coverage needed before a day can alert
    min_count: int = 5  # minimum volume on the alert day (spike) or in the period (shift)
    min_ratio: float = 2.0  # observed / expected
    shift_days: int = 7
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


def scan_counts(values: Sequence[float], test: Iterable[int], s: AlertSettings = DEFAULT,
                kinds: tuple[str, ...] = ("spike", "shift")) -> list[dict[str, Any]]:
    """Raw alert days of one count series: ``values[i]`` is day ``i`` of the coverage.

    Returns dicts ``{kind, index, start_index, observed, expected, score}``; a day needs
    ``min_history`` days before it.
    """
    y = np.asarray(values, dtype=float)
    out: list[dict[str, Any]] = []
    h = s.shift_days
    for t in test:
        if t < s.min_history or t >= len(y):
            continue
        if "spike" in kinds and y[t] >= s.min_count:
            w = y[max(0, t - s.window):t]
            mu, phi = baseline(w, s)
            if y[t] >= s.min_ratio * mu:
                sc = surprise(y[t], mu, phi, s)
                if sc >= s.threshold:
                    out.append(dict(kind="spike", index=t, start_index=t, observed=float(y[t]),
                                    expected=mu, score=sc))
        if "shift" in kinds and t - h + 1 - s.min_history >= 0:
            recent = y[t - h + 1:t + 1]
            trimmed = float(recent.sum() - recent.max())
            if trimmed >= s.min_count:
                w = y[max(0, t - h + 1 - s.window):t - h + 1]
                mu, phi = baseline(w, s)
                n = h - 1
                if trimmed >= s.min_ratio * mu * n:
                    # the sum of n days: mean n*mu, dispersion phi/n (size n/phi)
                    sc = surprise(trimmed, n * mu, phi / n, s)
                    if sc >= s.threshold:
                        out.append(dict(kind="shift", index=t, start_index=t - h + 1, observed=trimmed,
                                        expected=n * mu, score=sc))
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
    from sqlalchemy import select

    from ..store.schema import actors

    first, latest = coverage(engine)
    if not latest:
        return []
    until = until or latest
    since = parse_since(since, latest) or first
    days = S.days_between(first, until)
    index = {d: i for i, d in enumerate(days)}
    test = [i for i, d in enumerate(days) if d >= since]
    lookback = (date.fromisoformat(since) - timedelta(days=settings.window + settings.shift_days + 1)).isoformat()
    rows = S.load(engine, start=max(lookback, first), end=until)
    with engine.connect() as conn:
        names = {i: n for i, n, c in conn.execute(select(actors.c.id, actors.c.name, actors.c.country))}
        actor_country = dict(conn.execute(select(actors.c.id, actors.c.country)).all())
    country = country.upper() if country else None
    grouped: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        if r["scope"] not in settings.scopes or (scope and r["scope"] != scope):
            continue
        if country and not _in_country(r["scope"], r["key"], country, actor_country):
            continue
        grouped.setdefault((r["scope"], r["key"]), []).append(r)
    n = len(days)
    found: list[Alert] = []
    for (sc, key), rs in sorted(grouped.items()):
        arr = {m: np.zeros(n) for m in ("events", "conflict", "quotes", "gsum", "gn")}
        for r in rs:
            i = index.get(r["day"])
            if i is None:
                continue
            arr["events"][i] = r["events"]
            arr["conflict"][i] = r["quad3"] + r["quad4"]
            arr["quotes"][i] = r["quotes"]
            arr["gsum"][i] = r["goldstein_sum"]
            arr["gn"][i] = r["goldstein_n"]
        raws: list[tuple[str, dict]] = []
        for metric in settings.metrics:
            if sc == "pair" and metric == "quotes":
                continue
            if not test or not arr[metric][test[0]:].any():
                continue
            raws += [(metric, x) for x in merge_runs(scan_counts(arr[metric], test, settings))]
        if settings.tone and sc != "actor":
            raws += [("goldstein", x) for x in merge_runs(scan_tone(arr["gsum"], arr["gn"], test, settings))]
        for metric, x in raws:
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
