"""Actor reports: what one actor did, what was done to them, what they said and what others said
about them, over a period; one self-contained HTML page (no script, no network) or Markdown.

Items are ranked by **evidence** first (how many articles report the same thing: the same event type
between the same actors, or the same statement), then by **importance** (|Goldstein| for events;
direct speech and length for statements). Every item links to its article (its URL, else its
entry in the Sources list, or the dashboard with ``base_url``), and events carry their evidence
sentence. The actor is given by id or by name (``resolve_actor``); generic agents can be reported
too, but they are never picked for a name.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from ..store import read
from ..store import series as S
from ..store.tables import articles, entities, event_actors, events, quotes
from .report import _CSS, QUAD_COLOURS, QUAD_NAMES, _anchor, _Links, _md, sources_html, timeline_svg

ACTOR_SECTIONS = ("Summary", "Timeline", "What they did", "What was done to them", "What they said",
                  "What others said about them", "Sources")
MIN_WORDS = 6  # a statement, not a fragment ("said so")


def resolve_actor(engine: Engine, name_or_id: str) -> str | None:
    """An actor id for ``name_or_id``: the id itself when stored, else the most mentioned actor
    whose name, id or a surface form contains it, leaving out generic agents and groups."""
    if read.get_actor(engine, name_or_id) is not None:
        return name_or_id
    for a in read.list_actors(engine, q=name_or_id, limit=20).items:
        if not read.is_generic(a):
            return a["id"]
    return None


def _events(engine: Engine, role: str, actor_id: str, start: str, end: str, limit: int) -> tuple[list[dict], int]:
    """Events with the actor as ``role``, one entry per happening: events of the same type between
    the same actors are grouped, ranked by the number of articles reporting them, then |Goldstein|."""
    f = {"source_actor" if role == "source" else "target_actor": actor_id}
    groups: dict[tuple, list[dict]] = defaultdict(list)
    n = 0
    for e in read.iter_events(engine, since=start, until=end, **f):
        n += 1
        other = "target" if role == "source" else "source"
        who = tuple(sorted({x.get("id") or (x.get("text") or "").casefold() for x in e[other]}))
        groups[(e["type"], who)].append(e)
    out = []
    for evs in groups.values():
        evs.sort(key=lambda e: (-abs(e["goldstein"] or 0), e["date"] or e["published"] or "", e["id"]))
        best = dict(evs[0])
        best["articles"] = sorted({e["article"] for e in evs})
        best["reports"] = len(evs)
        out.append(best)
    out.sort(key=lambda e: (-len(e["articles"]), -abs(e["goldstein"] or 0), e["date"] or e["published"] or "",
                            e["id"]))
    return out[:limit], n


def _statements(qs: list[dict], limit: int, per_speaker: int | None = None) -> list[dict]:
    """Statements (direct, indirect, mixed; ``MIN_WORDS`` or more), one per wording, ranked by the
    number of articles carrying it, then direct speech, then length; at most ``per_speaker`` each."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for q in qs:
        if q["kind"] in ("direct", "indirect", "mixed") and len(q["content"].split()) >= MIN_WORDS:
            groups[" ".join(q["content"].casefold().split())].append(q)
    ranked = []
    for copies in groups.values():
        q = dict(min(copies, key=lambda q: (q["date"] or "", q["id"])))
        q["articles"] = sorted({c["article"] for c in copies})
        ranked.append(q)
    ranked.sort(key=lambda q: (-len(q["articles"]), q["kind"] != "direct", -len(q["content"]), q["id"]))
    out, used = [], defaultdict(int)
    for q in ranked:
        who = q["speaker_actor_id"] or q["speaker_name"]
        if per_speaker is not None and used[who] >= per_speaker:
            continue
        used[who] += 1
        out.append(q)
        if len(out) >= limit:
            break
    return out


def _quotes_about(engine: Engine, actor: dict, start: str, end: str) -> list[dict]:
    """Quotes by others that name the actor: an entity resolved to it inside the quote, or (for a
    person) the surname written in the quote."""
    found = {q["id"]: q for q in read.iter_quotes(engine, about=actor["id"], since=start, until=end)}
    name = actor.get("name") or ""
    if actor.get("kind") == "person" and len(name.split()) >= 2 and len(name.split()[-1]) >= 4:
        for q in read.iter_quotes(engine, q=name.split()[-1], since=start, until=end):
            if name.split()[-1].casefold() in q["content"].casefold():
                found.setdefault(q["id"], q)
    return [q for q in found.values() if q["speaker_actor_id"] != actor["id"] and q["speaker_name"]]


def _seen(engine: Engine, actor_id: str) -> tuple[str | None, str | None]:
    """The first and last publication day of the articles naming, quoting or coding the actor."""
    from sqlalchemy import func

    arts = select(entities.c.article_id).where(entities.c.actor_id == actor_id).union(
        select(quotes.c.article_id).where(quotes.c.speaker_actor_id == actor_id),
        select(events.c.article_id).join(event_actors, event_actors.c.event_id == events.c.id)
        .where(event_actors.c.actor_id == actor_id)).subquery()
    with engine.connect() as conn:
        return tuple(conn.execute(select(func.min(articles.c.published), func.max(articles.c.published))
                                  .where(articles.c.id.in_(select(arts.c.article_id)))).one())


def build_actor(engine: Engine, actor_id: str, start: str | None = None, end: str | None = None, *,
                limit: int = 15) -> dict[str, Any]:
    """Everything an actor report shows, as plain data. ``start``/``end`` default to the first and
    last day the actor is seen. ``KeyError`` for an unknown id."""
    a = read.get_actor(engine, actor_id)
    if a is None:
        raise KeyError(actor_id)
    if not start or not end:
        first, last = _seen(engine, actor_id)
        start, end = start or first or "0001-01-01", end or last or "9999-12-31"
    did, n_did = _events(engine, "source", actor_id, start, end, limit)
    done, n_done = _events(engine, "target", actor_id, start, end, limit)
    own = list(read.iter_quotes(engine, actor=actor_id, since=start, until=end))
    said = _statements(own, limit)
    about_all = _quotes_about(engine, a, start, end)
    about = _statements(about_all, limit, per_speaker=2)
    rows = {r["day"]: r for r in S.load(engine, scope="actor", key=actor_id, start=start, end=end)}
    timeline = [rows.get(d) or {"day": d, "events": 0, "quad1": 0, "quad2": 0, "quad3": 0, "quad4": 0, "quotes": 0}
                for d in S.days_between(start, end)] if len(S.days_between(start, end)) <= 731 else []
    keys = set()
    for item in did + done + said + about:
        keys |= set(item["articles"])
    with engine.connect() as conn:
        sources = [dict(r) for r in conn.execute(
            select(articles.c.key, articles.c.title, articles.c.published, articles.c.url, articles.c.site)
            .where(articles.c.key.in_(sorted(keys))).order_by(articles.c.published, articles.c.key)).mappings()]
    country = None
    if a.get("country"):
        country = read.country_name(a["country"]) or a["country"]
    return {"actor": {k: a.get(k) for k in ("id", "name", "kind", "code", "country", "sector", "title")},
            "country_name": country, "offices": [o["title"] for o in a.get("offices", [])][:5],
            "aliases": [x["text"] for x in a.get("aliases", [])][:8], "start": start, "end": end,
            "totals": {"events_as_source": n_did, "events_as_target": n_done, "quotes": len(own),
                       "quotes_about": len(about_all)},
            "did": did, "done_to": done, "said": said, "about": about, "timeline": timeline, "sources": sources}


# --- rendering -----------------------------------------------------------------------------------

def _who(actors: list[dict]) -> str:
    return ", ".join(x.get("name") or x.get("text") or "?" for x in actors) or "—"


def _evidence_note(item: dict) -> str:
    n = len(item["articles"])
    return f"{n} articles" if n > 1 else "1 article"


def render_actor_html(data: dict, *, base_url: str | None = None) -> str:
    L, e, a, t = _Links(data, base_url), escape, data["actor"], data["totals"]
    title = f"{a['name'] or a['id']}: {data['start']} to {data['end']}"
    about = ", ".join(x for x in (a.get("kind"), data.get("country_name"), a.get("code")) if x)

    def links(keys: list[str]) -> str:
        return " ".join(f'<a href="{e(L.article(k))}">{"source" if i == 0 else i + 1}</a>'
                        for i, k in enumerate(keys[:5]))

    h = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
         f"<title>newsgraph report — {e(title)}</title><style>{_CSS}</style></head><body>",
         f"<h1>newsgraph report — {e(title)}</h1>",
         f'<p class="muted">{e(about)} · id {e(a["id"])}'
         + (f" · {e('; '.join(data['offices']))}" if data["offices"] else "") + "</p>",
         '<h2 id="summary">Summary</h2>',
         f"<p>{t['events_as_source']} events as actor, {t['events_as_target']} as target; {t['quotes']} "
         f"quotations by them, {t['quotes_about']} by others naming them.</p>"]
    if data["timeline"]:
        h.append('<h2 id="timeline">Timeline</h2><p class="legend">'
                 + "".join(f'<span><span class="sw" style="background:{QUAD_COLOURS[q]}"></span>{QUAD_NAMES[q]}'
                           "</span>" for q in (1, 2, 3, 4)) + "<span>- - quotations</span></p>")
        h.append(timeline_svg(data["timeline"]))
    for sid, head, items, other in (("did", "What they did", data["did"], "target"),
                                    ("done-to", "What was done to them", data["done_to"], "source")):
        h.append(f'<h2 id="{sid}">{head}</h2>')
        if not items:
            h.append('<p class="muted">No events in this period.</p>')
            continue
        h.append(f"<table><tr><th>date</th><th>event</th><th>{'whom' if other == 'target' else 'by whom'}</th>"
                 "<th>evidence</th><th>reported in</th></tr>")
        for ev in items:
            h.append(f"<tr><td>{e(ev['date'] or ev['published'] or '')}</td><td>{e(ev['type'])} "
                     f"{e(ev['cameo'] or '')} (q{ev['quad_class']}, {ev['goldstein']})</td>"
                     f"<td>{e(_who(ev[other]))}</td><td>{e(ev['evidence'] or '')}</td>"
                     f"<td>{_evidence_note(ev)}: {links(ev['articles'])}</td></tr>")
        h.append("</table>")
    for sid, head, items in (("said", "What they said", data["said"]),
                             ("about", "What others said about them", data["about"])):
        h.append(f'<h2 id="{sid}">{head}</h2>')
        if not items:
            h.append('<p class="muted">No statements in this period.</p>')
        for q in items:
            said = f"“{e(q['content'])}”" if q["kind"] == "direct" else f"<i>(reported)</i> {e(q['content'])}"
            who = e(q["speaker_name"] or "") + (f", {e(q['speaker_title'])}" if q.get("speaker_title") else "")
            h.append(f'<blockquote>{said}<br><span class="muted">— {who}, {e(q["date"] or "")}, '
                     f'{_evidence_note(q)}: {links(q["articles"])}</span></blockquote>')
    h.extend(sources_html(data["sources"], L))
    return "\n".join(h)


def render_actor_markdown(data: dict, *, base_url: str | None = None) -> str:
    L, a, t = _Links(data, base_url), data["actor"], data["totals"]
    about = ", ".join(x for x in (a.get("kind"), data.get("country_name"), a.get("code")) if x)

    def links(keys: list[str]) -> str:
        return " ".join(f"([{'article' if i == 0 else i + 1}]({L.article(k)}))" for i, k in enumerate(keys[:5]))

    m = [f"# newsgraph report — {_md(a['name'] or a['id'])}: {data['start']} to {data['end']}", "",
         f"{_md(about)} · id `{a['id']}`" + (f" · {_md('; '.join(data['offices']))}" if data["offices"] else ""),
         "", "## Summary", "",
         f"{t['events_as_source']} events as actor, {t['events_as_target']} as target; {t['quotes']} quotations by "
         f"them, {t['quotes_about']} by others naming them.", ""]
    for head, items, other in (("What they did", data["did"], "target"),
                               ("What was done to them", data["done_to"], "source")):
        m += [f"## {head}", ""]
        if not items:
            m += ["No events in this period.", ""]
            continue
        m += [f"| date | event | {'whom' if other == 'target' else 'by whom'} | evidence | reported in |",
              "|---|---|---|---|---|"]
        for ev in items:
            m.append(f"| {ev['date'] or ev['published'] or ''} | {ev['type']} {ev['cameo'] or ''} (q{ev['quad_class']},"
                     f" {ev['goldstein']}) | {_md(_who(ev[other]))} | {_md(ev['evidence'])} | "
                     f"{_evidence_note(ev)} {links(ev['articles'])} |")
        m.append("")
    for head, items in (("What they said", data["said"]), ("What others said about them", data["about"])):
        m += [f"## {head}", ""]
        if not items:
            m += ["No statements in this period.", ""]
        for q in items:
            said = f"“{_md(q['content'])}”" if q["kind"] == "direct" else f"*(reported)* {_md(q['content'])}"
            m += [f"> {said} — {_md(q['speaker_name'])}, {q['date']}, {_evidence_note(q)} {links(q['articles'])}", ""]
    m += ["## Sources", ""]
    for s in data["sources"]:
        m.append(f"1. <a id=\"{_anchor(s['key'])}\"></a>{s['published'] or ''} {_md(s['title'] or s['key'])} "
                 f"[{_md(s['key'])}]" + (f" <{s['url']}>" if s["url"] else ""))
    return "\n".join(m) + "\n"


def make_actor_report(engine: Engine, actor_id: str, start: str | None = None, end: str | None = None, *,
                      fmt: str = "html", base_url: str | None = None) -> str:
    data = build_actor(engine, actor_id, start, end)
    return render_actor_markdown(data, base_url=base_url) if fmt == "md" else render_actor_html(data, base_url=base_url)
