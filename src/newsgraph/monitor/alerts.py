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
import logging
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterable

import numpy as np
from sqlalchemy import and_, false, func, or_, select

from ..errors import ViewError
from ..settings import Settings
from ..settings import load as load_settings
from ..store import series as S
from ..store.filters import check_country
from ..store.tables import actors, articles, monitor_daily
from .detect import (  # noqa: F401  (the statistics are part of this module's interface)
    COUNT_METRICS, DEFAULT, SCAN_CELLS, AlertSettings, alerted_days, baseline, merge_runs, plain_baselines,
    scan_counts, scan_many, scan_tone, shift_baselines, spike_baselines, surprise, surprises, upper_tail,
)


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


_DURATION = re.compile(r"^\d+[dwm]$")
SCOPES = ("country", "actor", "pair")


def check_window(value: str | None, name: str, *, durations: bool = True) -> str | None:
    """A ``since`` of the monitor: a date (YYYY-MM-DD) or a duration (7d, 2w, 1m) back from the
    latest day; an ``until`` (``durations=False``): a date. ``ViewError`` (E401) otherwise. The CLI
    and the pages check their values here."""
    if value is None or value == "":
        return None
    value = value.strip()
    if durations and _DURATION.match(value):
        return value
    try:
        date.fromisoformat(value)
    except ValueError:
        what = "a date (YYYY-MM-DD) nor a duration back from the latest day (7d, 2w, 1m)" if durations else \
            "a date (YYYY-MM-DD)"
        raise ViewError(f"{name} is not {what}: {value!r}") from None
    return value


def check_query(*, since: str | None = None, until: str | None = None, scope: str | None = None,
                country: str | None = None) -> dict[str, str | None]:
    """The filters of ``find_alerts`` checked (``ViewError``, E401, for a bad one): the same checks
    and messages for ``newsgraph alerts``, ``/api/alerts`` and the alerts page."""
    if scope not in (None, "", *SCOPES):
        raise ViewError(f"scope must be {', '.join(SCOPES)}: {scope!r}")
    return {"since": check_window(since, "since"), "until": check_window(until, "until", durations=False),
            "scope": scope or None, "country": check_country(country)}


def coverage(engine) -> tuple[str | None, str | None]:
    """The first and last publication day in the database."""
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


# relaxed conditions for the nearest misses: what would have alerted at a lower bar
NEAR = dict(threshold=1.3, min_count=2, min_ratio=1.25)


def explain_alerts(engine, *, since: str | None = "7d", until: str | None = None,
                   settings: AlertSettings = DEFAULT, scope: str | None = None, country: str | None = None,
                   found: list[Alert] | None = None, near: int = 5) -> dict[str, Any]:
    """Why there are (or are not) alerts: what a series needs, what the database holds, and the
    nearest misses (days that pass a lower bar, each with the conditions it failed).

    * ``requirements``: a day can alert only after ``min_history`` days of coverage (the database's
      first publication day counts as day 1); its baseline is complete after ``window`` days; it needs
      ``min_count`` on the day, ``min_ratio`` x the expected count and the surprise score;
    * ``coverage``: first and last day, days covered, the first day that can alert, and whether the
      period asked for reaches it;
    * ``near_misses``: up to ``near`` (scope, key, metric, day) of the period that pass
      :data:`NEAR` but not ``settings``, highest score first, with ``failed`` (the conditions missed).
    """
    first, latest = coverage(engine)
    out: dict[str, Any] = {
        "requirements": {"min_history_days": settings.min_history, "baseline_days": settings.window,
                         "min_count": settings.min_count, "min_ratio": settings.min_ratio,
                         "threshold": settings.threshold},
        "coverage": {"first": first, "last": latest, "days": 0, "first_alert_day": None, "period_reachable": False},
        "near_misses": [],
    }
    if not latest:
        return out
    days = (date.fromisoformat(latest) - date.fromisoformat(first)).days + 1
    first_alert = (date.fromisoformat(first) + timedelta(days=settings.min_history)).isoformat()
    end = until or latest
    out["coverage"].update(days=days, first_alert_day=first_alert, period_reachable=end >= first_alert)
    if found is None:
        found = find_alerts(engine, since=since, until=until, settings=settings, scope=scope, country=country,
                            limit=None, links=0)
    have = {(a.scope, a.key, a.metric, a.day) for a in found}
    relaxed = AlertSettings(**{**asdict(settings), **{k: min(v, getattr(settings, k)) for k, v in NEAR.items()}})
    misses = []
    for a in find_alerts(engine, since=since, until=until, settings=relaxed, scope=scope, country=country,
                         limit=None, links=0):
        if (a.scope, a.key, a.metric, a.day) in have or a.kind == "tone":
            continue
        failed = []
        if a.score < settings.threshold:
            failed.append(f"score {a.score:.2f} < {settings.threshold}")
        if a.observed < settings.min_count:
            failed.append(f"count {a.observed:g} < {settings.min_count}")
        if a.ratio is not None and a.ratio < settings.min_ratio:
            failed.append(f"ratio {a.ratio:.2f} < {settings.min_ratio}")
        misses.append(dict(a.to_dict(), summary=describe(a), failed=failed or ["score below the threshold against the full baseline"]))
        if len(misses) >= near:
            break
    out["near_misses"] = misses
    out["series"] = _series_summary(engine, start=parse_since(since, latest) or first, end=end, scope=scope,
                                    country=country)
    return out


def _series_summary(engine, *, start: str, end: str, scope: str | None, country: str | None,
                    top: int = 3) -> dict[str, Any]:
    """How much each series holds: how many series there are per scope (a series exists once a day
    counts something), and the busiest of the period with their events, quotations and active days
    (in the period and in all). A day's baseline is the series' own past days, zero where it had none,
    so a series seen on few days alerts on little: that is what these counts tell."""
    md = monitor_daily
    conds = []
    if scope:
        conds.append(md.c.scope == scope)
    with engine.connect() as conn:
        actor_country = {i: c for i, c in conn.execute(select(actors.c.id, actors.c.country))} if country else {}
        names = {i: n for i, n in conn.execute(select(actors.c.id, actors.c.name))}
        counts = dict(conn.execute(select(md.c.scope, func.count(func.distinct(md.c.key)))
                                   .where(*conds).group_by(md.c.scope)).all())
        rows = conn.execute(
            select(md.c.scope, md.c.key, func.sum(md.c.events), func.sum(md.c.quotes), func.count())
            .where(md.c.day >= start, md.c.day <= end, *conds).group_by(md.c.scope, md.c.key)
            .order_by((func.sum(md.c.events) + func.sum(md.c.quotes)).desc(), md.c.scope, md.c.key)).all()
        rows = [r for r in rows if not country or _in_country(r[0], r[1], country.upper(), actor_country)][:top]
        active = dict(((sc, k), n) for sc, k, n in conn.execute(
            select(md.c.scope, md.c.key, func.count()).where(
                or_(*[and_(md.c.scope == sc, md.c.key == k) for sc, k, *_ in rows]) if rows else false())
            .group_by(md.c.scope, md.c.key)))
    return {"counts": counts, "busiest": [
        {"scope": sc, "key": k, "label": _label(sc, k, names), "events": int(ev or 0), "quotes": int(q or 0),
         "active_days": int(n), "active_days_all": int(active.get((sc, k), n))} for sc, k, ev, q, n in rows]}


def explain_lines(info: dict[str, Any]) -> list[str]:
    """:func:`explain_alerts` for people, one line each."""
    r, c = info["requirements"], info["coverage"]
    if not c["last"]:
        return ["the database holds no dated articles: alerts need daily series"]
    lines = [f"history: {c['days']} days of coverage ({c['first']} to {c['last']}); a day can alert only after "
             f"{r['min_history_days']} days ({c['first_alert_day']} onwards), with a full baseline after "
             f"{r['baseline_days']}",
             f"conditions: at least {r['min_count']} on the day, {r['min_ratio']}x the expected count, surprise "
             f"score >= {r['threshold']}"]
    if not c["period_reachable"]:
        lines.append("the period asked for ends before the first day that can alert: ingest older articles")
    series = info.get("series") or {}
    if series.get("counts"):
        what = {"country": "countries", "actor": "actors", "pair": "pairs"}
        lines.append("series in the database: " + ", ".join(f"{n} {what.get(sc, sc)}" for sc, n in
                                                            sorted(series["counts"].items())))
    for b in series.get("busiest", []):
        lines.append(f"busiest in the period: {b['label']} ({b['scope']}): {_n(b['events'], 'event')}, "
                     f"{_n(b['quotes'], 'quotation')} on {_n(b['active_days'], 'day')}; "
                     f"{_n(b['active_days_all'], 'active day')} in all")
    for m in info["near_misses"]:
        lines.append(f"near miss: {m['summary']} — {', '.join(m['failed'])}")
    if not info["near_misses"]:
        lines.append("no near misses: no series rose noticeably in this period")
    return lines


def _n(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


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


logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AlertSink:
    """Where every ingest delivers its new alerts: a webhook (``POST {"alerts": [...]}``) and/or a
    JSON Lines file. ``since``: the alerts whose best day is in this period, counted back from the
    latest day with data (``1d``: the latest day). An empty sink (no webhook, no file) is false."""
    webhook: str | None = None
    path: str | None = None
    since: str = "1d"

    def __bool__(self) -> bool:
        return bool(self.webhook or self.path)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> "AlertSink":
        """The sink of the settings (``alerts_webhook``, ``alerts_file``: ``$NEWSGRAPH_ALERTS_*``
        or the config file); empty when neither is set."""
        s = settings if settings is not None else load_settings()
        return cls(webhook=s.alerts_webhook, path=s.alerts_file)


def post_new_alerts(engine, sink: AlertSink | None) -> int | None:
    """The ingest's step after the monitor refresh (``newsgraph.ingest``, ``load_shards``,
    ``fetch``/``watch``, so every surface): find the alerts of ``sink.since`` and deliver them.
    Returns how many were delivered (0 with an empty sink or none found). A failure (a webhook
    that is down) is logged, not raised, and gives None: the articles are stored, and
    ``newsgraph alerts`` lists the alerts later."""
    if not sink:
        return 0
    try:
        found = find_alerts(engine, since=sink.since)
        return post_alerts(found, webhook_url=sink.webhook, path=sink.path) if found else 0
    except Exception as exc:  # noqa: BLE001 - see the docstring
        logger.warning("alerts not posted: %s", exc)
        return None
