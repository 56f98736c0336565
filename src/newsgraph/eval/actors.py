"""Actor resolution against the PLOVER gold standard (``plover-gsr/dev.jsonl``).

For each gold ``source``/``target`` actor: parse the sentence, find the
``actorText`` span in it (an elided text like ``"Bosnian Serbs ... forces"``
covers its first to its last piece), resolve the span with
``ActorResolver.resolve_span`` and compare the resolved ``country`` with the
gold ``code``. The gold uses a few legacy CAMEO country codes (JAP, ITL, VTN...);
they are mapped to ISO alpha-3 before comparing.

    newsgraph eval actors --plover-gsr ../shared/eval/plover-gsr/dev.jsonl
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from .progress import track

# legacy CAMEO country codes -> ISO 3166 alpha-3
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "UKG": "GBR", "GMY": "DEU", "SAF": "ZAF",
                "ROM": "ROU", "ZAI": "COD", "BUR": "MMR", "YUG": "SRB", "SUN": "RUS", "DRC": "COD"}


def _gold_actors(row: dict) -> list[tuple[str, dict]]:
    out = []
    for role in ("source", "target"):
        v = row.get(role) or []
        if isinstance(v, dict):
            v = [v]
        for a in v:
            if isinstance(a, dict) and a.get("actorText") and a.get("code"):
                out.append((role, a))
    return out


def find_span(sentence: str, actor_text: str) -> tuple[int, int] | None:
    """Character span of ``actor_text`` in ``sentence`` (``...``/``..`` elisions allowed;
    failing that, its words in order with gaps: "French warships" in "French and
    Egyptian warships")."""
    pieces = [p.strip(" ,") for p in re.split(r"\s*\.{2,}\s*", actor_text) if p.strip(" ,")]
    found = _find_pieces(sentence, pieces)
    if found is None and len(actor_text.split()) > 1:
        found = _find_pieces(sentence, re.findall(r"[\w'-]+", actor_text))
    return found


def _find_pieces(sentence: str, pieces: list[str]) -> tuple[int, int] | None:
    if not pieces:
        return None
    pos, first, last = 0, None, None
    for p in pieces:
        pat = r"\s+".join(re.escape(w) for w in p.split())
        pat = (r"\b" if p[0].isalnum() else "") + pat + (r"\b" if p[-1].isalnum() else "")
        m = re.search(pat, sentence[pos:]) or re.search(pat, sentence[pos:], flags=re.I)
        if m is None:
            return None
        s, e = pos + m.start(), pos + m.end()
        first = s if first is None else first
        last, pos = e, e
    return first, last


def evaluate(path, *, limit: int | None = None, model: str | None = None) -> dict[str, Any]:
    """Accuracy of the resolved country code for each gold actor mention."""
    from ..actors import ActorResolver
    from ..nlp import load_nlp

    nlp = load_nlp(model)
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        rows = rows[:limit]
    texts = [r.get("text", "") for r in rows]
    total = correct = unresolved = not_found = 0
    errors: list[dict] = []
    by_role: Counter = Counter()
    by_role_ok: Counter = Counter()
    for row, doc in zip(rows, track(nlp.pipe(texts, batch_size=32), len(texts), "sentences")):
        resolver = ActorResolver(published=row.get("date"))
        for role, gold in _gold_actors(row):
            total += 1
            by_role[role] += 1
            gold_code = CAMEO_TO_ISO.get(gold["code"], gold["code"])
            found = find_span(doc.text, gold["actorText"])
            actor = None
            if found is None:
                not_found += 1
            else:
                span = doc.char_span(found[0], found[1], alignment_mode="expand")
                actor = resolver.resolve_span(span) if span is not None else resolver.resolve_text(
                    doc.text[found[0]:found[1]])
            got = actor.country if actor else None
            if got is None:
                unresolved += 1
            if got == gold_code:
                correct += 1
                by_role_ok[role] += 1
            else:
                errors.append({"id": row.get("id"), "role": role, "actorText": gold["actorText"],
                               "gold": gold_code, "got": got, "code": actor.code if actor else None,
                               "name": actor.name if actor else None})
    return {
        "sentences": len(rows),
        "actors": total,
        "correct": correct,
        "accuracy": round(correct / total, 4) if total else 0.0,
        "unresolved": unresolved,
        "span_not_found": not_found,
        "by_role": {r: {"n": by_role[r], "accuracy": round(by_role_ok[r] / by_role[r], 4)} for r in by_role},
        "errors": errors,
    }


def format_report(result: dict[str, Any], *, max_errors: int = 40) -> str:
    lines = [
        f"actor resolution (PLOVER gold): {result['correct']}/{result['actors']} "
        f"= {result['accuracy']:.3f} country accuracy over {result['sentences']} sentences",
        f"  unresolved: {result['unresolved']}   actor text not found in sentence: {result['span_not_found']}",
    ]
    for role, d in sorted(result.get("by_role", {}).items()):
        lines.append(f"  {role:<7} n={d['n']:<4} accuracy={d['accuracy']:.3f}")
    errs = result.get("errors") or []
    if errs:
        lines.append(f"errors ({len(errs)}, first {min(len(errs), max_errors)}):")
        for e in errs[:max_errors]:
            lines.append(f"  {e['id']:<28} {e['role']:<6} {e['actorText'][:45]!r:<48} gold={e['gold']} got={e['got']}")
    return "\n".join(lines)


# --- real pages: the entities gold (docs/annotation.md) ---------------------------------------

ACTOR_KINDS = ("person", "organisation", "country")
JUNK_KINDS = ("product", "work", "event", "other")
PLACE_KINDS = ("place", "country")


def _named(ent) -> bool:
    """A predicted mention of a name (not an agent noun such as "police")."""
    return ent.label != "AGENT" and any(c.isupper() for c in ent.text)


def _best_gold(span, golds: list[dict], body_spans: list[tuple[int, int]]) -> dict | None:
    from .pages import overlap

    best, best_ov = None, 0.0
    for g, gs in zip(golds, body_spans):
        ov = overlap(span, gs)
        if ov > best_ov:
            best, best_ov = g, ov
    return best if best_ov >= 0.5 else None


def _actor_junk(actor, gold: dict | None) -> str | None:
    """Why an actor record on a named span is junk, or None."""
    if gold is None:
        return "no entity"
    kind = gold["kind"]
    if kind in JUNK_KINDS:
        return kind
    if kind == "team" and actor.kind != "organisation":
        return "team as " + (actor.kind or "actor")
    return None


def evaluate_pages(aeb_dir, *, split: str = "all", model: str | None = None,
                   predictions: dict | None = None) -> dict[str, Any]:
    """Actor and place records of the real pipeline on the pages' entities gold, by split.

    * actor junk: share of actor records on named spans whose gold is a product, work, event,
      other, a team read as anything but an organisation, or no gold entity at all;
    * country: share of gold people, organisations and countries with a known country whose
      actor record has that country (no record or no country counts as wrong; a country named as a
      location, "in Hong Kong", may have a place record of that country instead);
    * place accuracy: share of place records on gold places/countries with the right country;
    * place junk: share of place records whose gold is not a place or country (or none);
    * coverage: gold actors with an actor record, gold places with a place record.
    Error lists are kept for dev pages only (held-out pages are reported in aggregate)."""
    from .pages import load_layer, predict_pages

    gold = load_layer("entities", aeb_dir, split)
    preds = predictions if predictions is not None else predict_pages(aeb_dir, list(gold), model=model)
    acc: dict[str, Counter] = {}
    errors: list[dict] = []
    for pid, g in gold.items():
        c = acc.setdefault(g["split"], Counter())
        c["pages"] += 1
        pp = preds[pid]
        items = g["items"]
        gspans = [(it["span"]["start"], it["span"]["end"]) for it in items]
        show = g["split"] == "dev"
        best_actor: dict[int, Any] = {}
        best_place: dict[int, Any] = {}
        for ent in pp.result.entities:
            span = pp.span(ent.start, ent.end)
            gi = _best_gold(span, items, gspans) if span else None
            k = items.index(gi) if gi is not None else None
            if ent.actor is not None and _named(ent):
                c["actor_records"] += 1
                why = _actor_junk(ent.actor, gi)
                if why:
                    c["actor_junk"] += 1
                    c["actor_junk_outside"] += span is None
                    c["actor_junk:" + why.split(" as ")[0]] += 1
                    if show:
                        errors.append({"page": pid[:8], "type": "actor junk", "why": why, "text": ent.text,
                                       "got": f"{ent.actor.kind}:{ent.actor.code}:{ent.actor.name}"})
                if k is not None:
                    best_actor.setdefault(k, ent.actor)
            if ent.place is not None:
                c["place_records"] += 1
                if gi is None or gi["kind"] not in PLACE_KINDS:
                    c["place_junk"] += 1
                    c["place_junk_outside"] += span is None
                    c["place_junk:" + (gi["kind"] if gi else "no entity")] += 1
                    if show:
                        errors.append({"page": pid[:8], "type": "place junk", "why": gi["kind"] if gi else "no entity",
                                       "text": ent.text, "got": f"{ent.place.name}:{ent.place.country}"})
                else:
                    want = gi.get("place_country") or (gi.get("country") if gi["kind"] == "country" else None)
                    if want:
                        c["place_judged"] += 1
                        if ent.place.country == want:
                            c["place_right"] += 1
                        elif show:
                            errors.append({"page": pid[:8], "type": "place country", "why": f"gold {want}",
                                           "text": ent.text, "got": f"{ent.place.name}:{ent.place.country}"})
                if k is not None:
                    best_place.setdefault(k, ent.place)
        for k, it in enumerate(items):
            if it["kind"] in ACTOR_KINDS:
                c["gold_actors"] += 1
                a = best_actor.get(k)
                c["gold_actors_covered"] += a is not None
                if it.get("country"):
                    c["country_judged"] += 1
                    got = a.country if a is not None else None
                    if got is None and it["kind"] == "country" and k in best_place:
                        got = best_place[k].country  # "in Hong Kong": the place record names the country
                    c["country_given"] += got is not None
                    if got == it["country"]:
                        c["country_right"] += 1
                    elif show:
                        body = pp.body[it["span"]["start"]:it["span"]["end"]]
                        errors.append({"page": pid[:8], "type": "country", "why": f"gold {it['kind']} {it['country']}",
                                       "text": body, "got": f"{a.kind}:{a.code}:{a.name}" if a else None,
                                       "context": pp.body[max(0, it["span"]["start"] - 60):it["span"]["end"] + 40]})
            if it["kind"] == "place":
                c["gold_places"] += 1
                c["gold_places_covered"] += k in best_place
    out: dict[str, Any] = {"splits": {}, "errors": errors}
    from .pages import PAGE_SPLITS

    for name in PAGE_SPLITS:
        if name in acc:
            out["splits"][name] = _page_figures(acc[name])
    if len(acc) > 1:
        out["splits"]["all"] = _page_figures(sum(acc.values(), Counter()))
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _page_figures(c: Counter) -> dict[str, Any]:
    return {
        "pages": c["pages"],
        "actor_records": c["actor_records"],
        "actor_junk": _ratio(c["actor_junk"], c["actor_records"]),
        "actor_junk_outside_body": _ratio(c["actor_junk_outside"], c["actor_records"]),
        "gold_actors": c["gold_actors"],
        "country_judged": c["country_judged"],
        "country_accuracy": _ratio(c["country_right"], c["country_judged"]),
        "country_given": _ratio(c["country_given"], c["country_judged"]),
        "country_precision": _ratio(c["country_right"], c["country_given"]),
        "place_records": c["place_records"],
        "place_accuracy": _ratio(c["place_right"], c["place_judged"]),
        "place_junk": _ratio(c["place_junk"], c["place_records"]),
        "place_junk_outside_body": _ratio(c["place_junk_outside"], c["place_records"]),
        "actor_coverage": _ratio(c["gold_actors_covered"], c["gold_actors"]),
        "place_coverage": _ratio(c["gold_places_covered"], c["gold_places"]),
        "junk_by_gold_kind": {k: v for k, v in sorted(c.items()) if k.startswith(("actor_junk:", "place_junk:"))},
    }


def format_pages_report(result: dict[str, Any], *, max_errors: int = 60) -> str:
    splits = result["splits"]
    names = list(splits)
    rows = [("pages", "pages", "d"), ("actor records on named spans", "actor_records", "d"),
            ("actor junk (target <= 0.05)", "actor_junk", "f"),
            ("  of it in text outside the gold body", "actor_junk_outside_body", "f"),
            ("named people/orgs/countries judged", "country_judged", "d"),
            ("right country (target >= 0.85)", "country_accuracy", "f"),
            ("  any country given", "country_given", "f"), ("  given country right", "country_precision", "f"),
            ("place records", "place_records", "d"), ("place accuracy (target >= 0.95)", "place_accuracy", "f"),
            ("place junk (target <= 0.03)", "place_junk", "f"),
            ("  of it in text outside the gold body", "place_junk_outside_body", "f"),
            ("coverage: gold actors with a record", "actor_coverage", "f"),
            ("coverage: gold places with a record", "place_coverage", "f")]
    lines = ["actors and places on real pages (entities gold):",
             f"  {'':<38}" + "".join(f"{n:>10}" for n in names)]
    for label, key, fmt in rows:
        cells = []
        for n in names:
            v = splits[n].get(key)
            cells.append(f"{'-':>10}" if v is None else (f"{v:>10d}" if fmt == "d" else f"{v:>10.3f}"))
        lines.append(f"  {label:<38}" + "".join(cells))
    for n in names:
        by = splits[n].get("junk_by_gold_kind") or {}
        if by:
            lines.append(f"  junk by gold kind, {n}: " + ", ".join(f"{k} {v}" for k, v in by.items()))
    errs = result.get("errors") or []
    if errs:
        lines.append(f"dev errors ({len(errs)}, first {min(len(errs), max_errors)}):")
        for e in errs[:max_errors]:
            lines.append(f"  {e['page']} {e['type']:<13} {e['text'][:40]!r:<44} {e['why']:<16} got={e['got']}")
    return "\n".join(lines)
