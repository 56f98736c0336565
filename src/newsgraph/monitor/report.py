"""Country reports: one self-contained HTML page (charts as inline SVG, no script, no network)
or Markdown, for a country and a period.

Sections: summary, timeline, alerts, top actors, key quotes, key events (with their evidence),
actor network, narratives, sources. Every quote and event links to its article: the article's URL
when it has one, else the entry in the report's Sources list (and to the dashboard page when a
``base_url`` is given). All text from articles is HTML-escaped.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import fields
from html import escape
from typing import Any
from urllib.parse import quote as urlquote

from sqlalchemy import select
from sqlalchemy.engine import Engine

from ..model import Actor, actor_id
from ..store import series as S
from ..store.geo_views import GROUP_CODES
from ..store.geo_views import country_name as name_of
from ..store.read import is_generic
from ..store.tables import actors, articles, quotes
from ..quotes.lexicon import default_lexicon
from .alerts import DEFAULT, Alert, AlertSettings, describe, find_alerts
from .narratives import find_narratives

SECTIONS = ("Summary", "Timeline", "Alerts", "Top actors", "Key quotes", "Key events", "Actor network",
            "Narratives", "Sources")
QUAD_COLOURS = {1: "#4c9f70", 2: "#2b7bba", 3: "#e0a030", 4: "#c8443a"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def build(engine: Engine, country: str, start: str, end: str, *, alerts: bool = True,
          narratives: bool = True, threshold: float | None = None) -> dict[str, Any]:
    """Everything a report shows, as plain data (also what ``--format json`` would print)."""
    country = country.upper()
    name = country_name(country)
    rows = {r["day"]: r for r in S.load(engine, scope="country", key=country, start=start, end=end)}
    days = S.days_between(start, end)
    timeline = [rows.get(d) or {"day": d, "events": 0, "quad1": 0, "quad2": 0, "quad3": 0, "quad4": 0,
                                "quotes": 0, "goldstein_mean": None, "new_actors": 0} for d in days]
    totals = {k: sum(r.get(k) or 0 for r in timeline) for k in ("events", "quad1", "quad2", "quad3", "quad4",
                                                                 "quotes", "new_actors")}
    gsum = sum(r.get("goldstein_sum") or 0 for r in rows.values())
    gn = sum(r.get("goldstein_n") or 0 for r in rows.values())
    totals["goldstein_mean"] = round(gsum / gn, 2) if gn else None
    types = Counter()
    for r in S.load_types(engine, scope="country", key=country, start=start, end=end):
        types[r["type"]] += r["events"]
    with engine.connect() as conn:
        names = {i: (n, c) for i, n, c in conn.execute(select(actors.c.id, actors.c.name, actors.c.country))}
        kinds = dict(conn.execute(select(actors.c.id, actors.c.kind)).all())
    top = Counter()

    for r in S.load(engine, scope="actor", start=start, end=end):
        aname, ctry = names.get(r["key"], (None, None))
        ctry = (ctry or "").upper()
        if ctry == country and not is_generic({"id": r["key"], "country": ctry, "name": aname,
                                               "kind": kinds.get(r["key"])}):  # no "agent:KAZ:GOV", "authorities"
            top[r["key"]] += r["events"] + r["quotes"]
    top_actors = []
    for aid, n in sorted(((k, v) for k, v in top.items() if v), key=lambda kv: (-kv[1], kv[0]))[:12]:
        a = S.load(engine, scope="actor", key=aid, start=start, end=end)
        top_actors.append({"id": aid, "name": names.get(aid, (aid,))[0] or aid, "activity": n,
                           "events": sum(r["events"] for r in a), "quotes": sum(r["quotes"] for r in a)})
    people = [names[a["id"]][0] for a in top_actors if a["id"] in names and names[a["id"]][0]]
    key_quotes = key_quotes_about(engine, country, start, end, people=people)
    evs = S.members(engine, "country", country, start, end, limit=1000, with_actors=True)
    edges = Counter()
    for e in evs["events"]:  # generic agents are no nodes, as they are no top actors
        sources = _node_names(e.pop("source_actors"), names, kinds)
        targets = _node_names(e.pop("target_actors"), names, kinds)
        for s in sources:
            for t in targets:
                if s != t:
                    edges[(s, t)] += 1
    key_events = evs["events"][:15]
    network = [{"source": s, "target": t, "events": n}
               for (s, t), n in sorted(edges.items(), key=lambda kv: (-kv[1], kv[0]))[:40]]
    al = []
    if alerts:
        settings = DEFAULT if threshold is None else AlertSettings(threshold=threshold)
        al = [a.to_dict() for a in find_alerts(engine, since=start, until=end, country=country, limit=20, links=3,
                                               settings=settings)]
    nar = []
    if narratives:
        nar = find_narratives(engine, since=start, until=end, country=country, limit=8)
    keys = {q["article"] for q in key_quotes} | {e["article"] for e in key_events}
    for a in al:
        keys |= {x["article"] for x in a["events"] + a["quotes"]}
    for n in nar:
        keys |= {x["article"] for x in n["examples"]}
    with engine.connect() as conn:
        sources = [dict(r) for r in conn.execute(
            select(articles.c.key, articles.c.title, articles.c.published, articles.c.url, articles.c.site)
            .where(articles.c.key.in_(sorted(keys))).order_by(articles.c.published, articles.c.key)).mappings()]
    return {"country": country, "country_name": name, "start": start, "end": end, "totals": totals, "types": dict(types.most_common()),
            "timeline": timeline, "top_actors": top_actors, "key_quotes": key_quotes, "key_events": key_events,
            "n_events": evs["n_events"], "network": network, "alerts": al, "narratives": nar, "sources": sources}


def _node_names(records: list[dict], names: dict, kinds: dict) -> list[str]:
    """The names of an event's actors that may be nodes of the report's network: generic agents
    ("people", "police" with no name, a country's unnamed agents, actors known by a code only) are
    left out, by the rule of the top actors and the desk's network (``read.is_generic``, judged on
    the stored actor where there is one)."""
    out = []
    for x in records:
        aid = actor_id(Actor(**{f: x.get(f) for f in _ACTOR_FIELDS}))
        stored_name, stored_country = names.get(aid, (None, None))
        if is_generic({"id": aid, "name": stored_name or x.get("name"), "kind": kinds.get(aid) or x.get("kind"),
                       "country": stored_country or x.get("country")}):
            continue
        label = x.get("name") or x.get("text")
        if label:
            out.append(label)
    return out


_ACTOR_FIELDS = tuple(f.name for f in fields(Actor))


def country_name(code: str) -> str:
    """The country's common name; ``ValueError`` for a code that is not ISO 3166 alpha-3."""
    code = (code or "").upper()
    name = None if code in GROUP_CODES else name_of(code)
    if name is None:
        raise ValueError(f"unknown country code {code!r}: give an ISO 3166 alpha-3 code such as KAZ")
    return name


def country_terms(code: str) -> list[str]:
    """Words that name a country in a statement: its names and its demonyms (the quote stage's list)."""
    import pycountry

    c = pycountry.countries.get(alpha_3=code.upper())
    names = {getattr(c, k, None) for k in ("name", "common_name", "official_name")} - {None}
    terms = set(names) | {adj for adj, country in default_lexicon().demonyms.items() if country in names}
    return sorted(t for t in terms if len(t) >= 4)


def key_quotes_about(engine: Engine, country: str, start: str, end: str, *, people: list[str] = (),
                     limit: int = 12, per_speaker: int = 2) -> list[dict[str, Any]]:
    """Statements by the country's people and statements about it by anyone.

    A quote counts when its speaker belongs to the country, or when its content names the country,
    its people (demonym) or one of its actors in the period (a person by surname). Only statements
    (direct, indirect, mixed quotes with a resolved speaker and six words or more) are ranked:
    a speaker of the country and a statement naming it score highest, then speakers quoted often,
    then direct quotes; at most ``per_speaker`` quotes of one speaker.
    """
    from sqlalchemy import and_, or_

    terms = country_terms(country)
    for person in people:
        last = person.split()[-1]
        if len(last) >= 4:
            terms.append(last)
    about = [quotes.c.content.ilike(f"%{t}%") for t in dict.fromkeys(terms)]
    stmt = (
        select(quotes.c.id, quotes.c.kind, quotes.c.content, quotes.c.start, quotes.c.end, quotes.c.speaker_name,
               quotes.c.speaker_title, quotes.c.speaker_country, articles.c.key.label("article"),
               articles.c.title.label("article_title"), articles.c.published,
               actors.c.name.label("actor_name"), actors.c.kind.label("actor_kind"))
        .join(articles, articles.c.id == quotes.c.article_id)
        .outerjoin(actors, actors.c.id == quotes.c.speaker_actor_id)
        .where(articles.c.published >= start, articles.c.published <= end,
               quotes.c.kind.in_(("direct", "indirect", "mixed")), quotes.c.speaker_name.isnot(None),
               or_(quotes.c.speaker_country == country, *about) if about else quotes.c.speaker_country == country)
        .order_by(articles.c.published, quotes.c.id).limit(2000)
    )
    with engine.connect() as conn:
        qs = [dict(r) for r in conn.execute(stmt).mappings()]
    low = [t.casefold() for t in terms]
    for q in qs:
        if q.pop("actor_kind") == "person" and q["actor_name"]:
            q["speaker_name"] = q["actor_name"]  # one spelling per person: the actor's, as in top actors
        q.pop("actor_name")
        text = q["content"].casefold()
        q["by_country"] = (q["speaker_country"] or "").upper() == country
        q["about_country"] = any(t in text for t in low)
    counts = Counter(q["speaker_name"] for q in qs)
    ranked = sorted((q for q in qs if len(q["content"].split()) >= 6),
                    key=lambda q: (-(q["by_country"] + q["about_country"]), -counts[q["speaker_name"]],
                                   q["kind"] != "direct", -len(q["content"]), q["id"]))
    out, used = [], Counter()
    for q in ranked:
        if used[q["speaker_name"]] < per_speaker and len(out) < limit:
            used[q["speaker_name"]] += 1
            out.append(q)
    out.sort(key=lambda q: (q["published"] or "", q["id"]))
    return out


# --- links ---------------------------------------------------------------------------------

def _anchor(key: str) -> str:
    return "src-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in key)


class _Links:
    def __init__(self, data: dict, base_url: str | None):
        self.urls = {s["key"]: s["url"] for s in data["sources"]}
        self.base = base_url.rstrip("/") if base_url else None

    def article(self, key: str) -> str:
        if self.base:
            return f"{self.base}/articles/{urlquote(key, safe='')}"
        return self.urls.get(key) or f"#{_anchor(key)}"


# --- SVG -----------------------------------------------------------------------------------

def timeline_svg(timeline: list[dict], width: int = 760, height: int = 220) -> str:
    """Stacked daily bars by quad class, quotations as a line; an inline SVG string."""
    n = max(len(timeline), 1)
    left, bottom, top = 36, 28, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max([r["events"] for r in timeline] + [r["quotes"] for r in timeline] + [1])
    bw = plot_w / n
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="Events and quotations per day">']
    for frac in (0, 0.5, 1):
        y = top + plot_h * (1 - frac)
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">'
                     f'{round(peak * frac)}</text>')
    for i, r in enumerate(timeline):
        y = top + plot_h
        for q in (1, 2, 3, 4):
            v = r.get(f"quad{q}") or 0
            if v:
                h = plot_h * v / peak
                y -= h
                parts.append(f'<rect x="{left + i * bw + 0.5:.1f}" y="{y:.1f}" width="{max(bw - 1, 0.5):.1f}" '
                             f'height="{h:.1f}" fill="{QUAD_COLOURS[q]}"><title>{escape(r["day"])}: {v} '
                             f'{QUAD_NAMES[q]}</title></rect>')
    pts = " ".join(f"{left + (i + 0.5) * bw:.1f},{top + plot_h * (1 - (r['quotes'] or 0) / peak):.1f}"
                   for i, r in enumerate(timeline))
    parts.append(f'<polyline points="{pts}" fill="none" stroke="#555" stroke-width="1.5" '
                 f'stroke-dasharray="4 2"><title>quotations per day</title></polyline>')
    for i in sorted({0, n // 2, n - 1}):
        if i < len(timeline):
            anchor = "start" if i == 0 else "end" if i == n - 1 else "middle"
            x = left if i == 0 else width - 10 if i == n - 1 else left + (i + 0.5) * bw
            parts.append(f'<text x="{x:.1f}" y="{height - 8}" font-size="10" '
                         f'text-anchor="{anchor}">{escape(timeline[i]["day"])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def network_svg(edges: list[dict], width: int = 760, height: int = 520) -> str:
    """Actors on a circle, arrows source → target weighted by events; an inline SVG string."""
    nodes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    deg = Counter()
    for e in edges:
        deg[e["source"]] += e["events"]
        deg[e["target"]] += e["events"]
    c, cy, rad = width / 2, height / 2, height / 2 - 30
    pos = {n: (c + rad * math.cos(2 * math.pi * i / max(len(nodes), 1)),
               cy + rad * math.sin(2 * math.pi * i / max(len(nodes), 1))) for i, n in enumerate(nodes)}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="Actor network">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#888"/></marker></defs>']
    for e in edges:
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#888" '
                     f'stroke-width="{min(1 + e["events"], 6)}" stroke-opacity="0.6" marker-end="url(#arrow)">'
                     f'<title>{escape(e["source"])} → {escape(e["target"])}: {e["events"]}</title></line>')
    for n in nodes:
        x, y = pos[n]
        r = 4 + min(deg[n], 12)
        anchor = "start" if x >= c else "end"
        dx = r + 3 if x >= c else -(r + 3)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="#2b7bba"><title>{escape(n)}</title></circle>'
                     f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" font-size="11" text-anchor="{anchor}">'
                     f'{escape(n if len(n) <= 28 else n[:27] + "…")}</text>')
    parts.append("</svg>")
    return "".join(parts)


# --- HTML ----------------------------------------------------------------------------------

_CSS = """body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #ddd;padding:4px 6px;
text-align:left;vertical-align:top}blockquote{margin:.4em 0 .4em 1em;border-left:3px solid #ccc;padding-left:.6em}
.muted{color:#666;font-size:13px}.legend span{display:inline-block;margin-right:1em}
.sw{display:inline-block;width:10px;height:10px;margin-right:4px}"""


def render_html(data: dict, *, base_url: str | None = None) -> str:
    L = _Links(data, base_url)
    e = escape
    t = data["totals"]
    title = f"{data.get('country_name') or data['country']} ({data['country']}): {data['start']} to {data['end']}"
    h = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
         f"<title>newsgraph report — {e(title)}</title><style>{_CSS}</style></head><body>",
         f"<h1>newsgraph report — {e(title)}</h1>",
         '<h2 id="summary">Summary</h2>',
         f"<p>{t['events']} events ({t['quad3'] + t['quad4']} conflict), {t['quotes']} quotations, "
         f"{t['new_actors']} new actors; mean Goldstein "
         f"{'n/a' if t['goldstein_mean'] is None else e(str(t['goldstein_mean']))}; {len(data['alerts'])} alerts.</p>"]
    if data["types"]:
        h.append("<p>Events by type: " + ", ".join(f"{e(k)} {v}" for k, v in data["types"].items()) + "</p>")
    h.append('<h2 id="timeline">Timeline</h2>')
    h.append('<p class="legend">' + "".join(f'<span><span class="sw" style="background:{QUAD_COLOURS[q]}">'
                                             f'</span>{QUAD_NAMES[q]}</span>' for q in (1, 2, 3, 4))
             + "<span>- - quotations</span></p>")
    h.append(timeline_svg(data["timeline"]))
    h.append('<h2 id="alerts">Alerts</h2>')
    if not data["alerts"]:
        h.append("<p class=\"muted\">No alerts in this period.</p>")
    for a in data["alerts"]:
        fields = {k: a[k] for k in Alert.__dataclass_fields__}
        h.append(f"<h3>{e(describe(Alert(**fields)))} <span class=\"muted\">score {a['score']}</span></h3><ul>")
        for ev in a["events"]:
            h.append(f'<li>{e(ev["date"] or "")} <b>{e(ev["type"])}</b>: {e(ev["evidence"] or "")} '
                     f'<a href="{e(L.article(ev["article"]))}">{e(ev["article_title"] or ev["article"])}</a></li>')
        for q in a["quotes"]:
            h.append(f'<li>{e(q["date"] or "")} {e(q["speaker_name"] or "unknown")}: “{e(q["content"])}” '
                     f'<a href="{e(L.article(q["article"]))}">{e(q["article_title"] or q["article"])}</a></li>')
        h.append("</ul>")
    h.append('<h2 id="top-actors">Top actors</h2><table><tr><th>actor</th><th>events</th><th>quotations</th></tr>')
    for a in data["top_actors"]:
        h.append(f"<tr><td>{e(a['name'])}</td><td>{a['events']}</td><td>{a['quotes']}</td></tr>")
    h.append("</table>")
    h.append('<h2 id="key-quotes">Key quotes</h2>')
    for q in data["key_quotes"]:
        who = e(q["speaker_name"]) + (f", {e(q['speaker_title'])}" if q.get("speaker_title") else "")
        said = f"“{e(q['content'])}”" if q["kind"] == "direct" else f"<i>(reported)</i> {e(q['content'])}"
        h.append(f"<blockquote>{said}<br><span class=\"muted\">— {who}, {e(q['published'] or '')}, "
                 f'<a href="{e(L.article(q["article"]))}">{e(q["article_title"] or q["article"])}</a></span>'
                 "</blockquote>")
    h.append('<h2 id="key-events">Key events</h2><table><tr><th>date</th><th>event</th><th>who → whom</th>'
             "<th>evidence</th></tr>")
    for ev in data["key_events"]:
        h.append(f"<tr><td>{e(ev['date'] or '')}</td><td>{e(ev['type'])} {e(ev['cameo'] or '')} "
                 f"(q{ev['quad_class']}, {ev['goldstein']})</td><td>{e(', '.join(ev['source']))} → "
                 f"{e(', '.join(ev['target']))}</td><td>{e(ev['evidence'] or '')} "
                 f'<a href="{e(L.article(ev["article"]))}">source</a></td></tr>')
    h.append("</table>")
    h.append('<h2 id="actor-network">Actor network</h2>')
    h.append(network_svg(data["network"]) if data["network"] else '<p class="muted">No actor-to-actor events.</p>')
    h.append('<h2 id="narratives">Narratives</h2>')
    if not data["narratives"]:
        h.append('<p class="muted">No recurring claims in this period.</p>')
    for n in data["narratives"]:
        f = n["first"]
        h.append(f"<h3>“{e(n['claim'][:300])}”</h3><p>{n['statements']} statements in {n['articles']} articles "
                 f"from {len(n['sources'])} sources, {e(f['date'] or '?')} to {e(n['last_date'] or '?')}; pushed by "
                 + e(", ".join(f"{p['speaker']} ({p['statements']})" for p in n["pushed_by"][:5]) or "unknown")
                 + f'. First: <a href="{e(L.article(f["article"]))}">{e(f["article_title"] or f["article"])}</a></p>')
    h.extend(sources_html(data["sources"], L, show_url=True))
    return "\n".join(h)


def sources_html(sources: list[dict], links: "_Links", *, show_url: bool = False) -> list[str]:
    """The closing Sources list of an HTML report (each source linked, with its key as anchor)."""
    e = escape
    h = ['<h2 id="sources">Sources</h2><ol>']
    for s in sources:
        link = f' <a href="{e(s["url"])}">{e(s["url"])}</a>' if show_url and s["url"] else ""
        label = e(s["title"] or s["key"])
        if s["url"] or links.base:
            label = f'<a href="{e(s["url"] or links.article(s["key"]))}">{label}</a>'
        h.append(f'<li id="{_anchor(s["key"])}">{e(s["published"] or "")} {label} '
                 f'<span class="muted">[{e(s["key"])}]</span>{link}</li>')
    h.append("</ol><p class=\"muted\">Made by newsgraph from the stored evidence; every item links to its "
             "article.</p></body></html>")
    return h


# --- Markdown ------------------------------------------------------------------------------

def _md(text: str | None) -> str:
    s = " ".join((text or "").split())
    for ch in "\\`*_[]<>|#":
        s = s.replace(ch, "\\" + ch)
    return s


def render_markdown(data: dict, *, base_url: str | None = None) -> str:
    L = _Links(data, base_url)
    t = data["totals"]
    m = [f"# newsgraph report — {data.get('country_name') or data['country']} ({data['country']}): "
         f"{data['start']} to {data['end']}", "", "## Summary", "",
         f"{t['events']} events ({t['quad3'] + t['quad4']} conflict), {t['quotes']} quotations, {t['new_actors']} "
         f"new actors; mean Goldstein {t['goldstein_mean'] if t['goldstein_mean'] is not None else 'n/a'}; "
         f"{len(data['alerts'])} alerts.", ""]
    if data["types"]:
        m += ["Events by type: " + ", ".join(f"{k} {v}" for k, v in data["types"].items()), ""]
    m += ["## Timeline", "", "| day | events | q1 | q2 | q3 | q4 | quotations | mean Goldstein |",
          "|---|---|---|---|---|---|---|---|"]
    for r in data["timeline"]:
        if r["events"] or r["quotes"]:
            g = r.get("goldstein_mean")
            m.append(f"| {r['day']} | {r['events']} | {r['quad1']} | {r['quad2']} | {r['quad3']} | {r['quad4']} | "
                     f"{r['quotes']} | {'' if g is None else round(g, 2)} |")
    m += ["", "## Alerts", ""]
    if not data["alerts"]:
        m.append("No alerts in this period.")
    for a in data["alerts"]:
        m.append(f"- **{_md(describe(Alert(**{k: a[k] for k in Alert.__dataclass_fields__})))}** (score {a['score']})")
        for ev in a["events"]:
            m.append(f"  - {ev['date']} {ev['type']}: {_md(ev['evidence'])} ([article]({L.article(ev['article'])}))")
        for q in a["quotes"]:
            m.append(f"  - {q['date']} {_md(q['speaker_name'] or 'unknown')}: “{_md(q['content'])}” "
                     f"([article]({L.article(q['article'])}))")
    m += ["", "## Top actors", "", "| actor | events | quotations |", "|---|---|---|"]
    m += [f"| {_md(a['name'])} | {a['events']} | {a['quotes']} |" for a in data["top_actors"]]
    m += ["", "## Key quotes", ""]
    for q in data["key_quotes"]:
        said = f"“{_md(q['content'])}”" if q["kind"] == "direct" else f"*(reported)* {_md(q['content'])}"
        m.append(f"> {said} — {_md(q['speaker_name'])}, {q['published']} "
                 f"([article]({L.article(q['article'])}))")
        m.append("")
    m += ["## Key events", "", "| date | event | who → whom | evidence |", "|---|---|---|---|"]
    for ev in data["key_events"]:
        m.append(f"| {ev['date']} | {ev['type']} {ev['cameo'] or ''} (q{ev['quad_class']}, {ev['goldstein']}) | "
                 f"{_md(', '.join(ev['source']))} → {_md(', '.join(ev['target']))} | {_md(ev['evidence'])} "
                 f"([article]({L.article(ev['article'])})) |")
    m += ["", "## Actor network", ""]
    m += [f"- {_md(x['source'])} → {_md(x['target'])}: {x['events']}" for x in data["network"]] or ["No edges."]
    m += ["", "## Narratives", ""]
    for n in data["narratives"]:
        m.append(f"- “{_md(n['claim'][:300])}” — {n['statements']} statements, {n['articles']} articles, "
                 f"{len(n['sources'])} sources, first {n['first']['date']} "
                 f"([article]({L.article(n['first']['article'])})); pushed by "
                 + _md(", ".join(p["speaker"] for p in n["pushed_by"][:5]) or "unknown"))
    if not data["narratives"]:
        m.append("No recurring claims in this period.")
    m += ["", "## Sources", ""]
    for s in data["sources"]:
        m.append(f"1. <a id=\"{_anchor(s['key'])}\"></a>{s['published'] or ''} {_md(s['title'] or s['key'])} "
                 f"[{_md(s['key'])}]" + (f" <{s['url']}>" if s["url"] else ""))
    return "\n".join(m) + "\n"


def make_report(engine: Engine, country: str, start: str, end: str, *, fmt: str = "html",
                base_url: str | None = None, threshold: float | None = None) -> str:
    data = build(engine, country, start, end, threshold=threshold)
    if fmt == "md":
        return render_markdown(data, base_url=base_url)
    return render_html(data, base_url=base_url)
