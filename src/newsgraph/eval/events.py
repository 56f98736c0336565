"""Evaluate the event coder on PLOVER gold sentences (``plover-gsr/dev.jsonl``).

One JSON object per line, one gold event per sentence: ``text``, ``date``,
``event_plover2`` (the PLOVER 2.0 type) and ``source`` (a list of
``{actorText, code}``; codes are ISO alpha-3 or IGO/NGO/...). Each sentence is
parsed and coded with :func:`newsgraph.events.extract_events` (anchored on the
row's date); only *asserted, non-negated* events count, as in every other
count of events (flagged future/hypothetical/requested ones are kept in the
output but not counted).

* type recall: share of sentences whose gold type is among the predicted types;
* precision: share of predicted events whose type is the sentence's gold type;
* source accuracy: among sentences where the gold type was found and the gold
  names a source, the share where one predicted event of that type has a
  source actor whose country (or code prefix) is a gold source code;
* confusion: gold type -> predicted types (``-`` for a sentence with none).

Every gold set is cut into a **tune** part and a **heldout** part by a fixed rule
(:func:`split_of`: the first byte of the SHA-1 of a salted key, even = tune): the row id for
PLOVER, the sentence text for PLV. Rules are studied on the tune part only; the held-out part is
reported beside it (``--split tune|heldout|all``) to show whether a change generalises.

PLV (``plv/train.tsv``, real news sentences, :func:`evaluate_plv`): per (sentence, gold root)
pair, recall of the root among the sentence's asserted events (PLV's YIELD is CONCEDE or RETREAT);
precision of the predicted events against the sentence's gold roots (only some pairs of a sentence
are marked, so this is a floor); source overlap of the predicted source span with the gold one.
Real pages (:func:`evaluate_pages`, the team's gold in ``gold/pages/events/``, docs/annotation.md):
precision and recall of asserted events (trigger overlap and same type), source overlap, and
false events per non-political page, dev and held-out pages side by side.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from .pages import load_layer, overlap, predict_pages
from .progress import track

TARGETS = {"recall": 0.80, "precision": 0.70, "source_accuracy": 0.75}
PLV_TARGETS = {"recall": 0.80, "precision": 0.72}
SPLITS = ("tune", "heldout", "all")
_SALT = "newsgraph-events-split:"


def split_of(key: str) -> str:
    """The fixed part of a gold item: ``tune`` or ``heldout`` (half each, by hash of ``key``)."""
    return "tune" if hashlib.sha1((_SALT + key.strip()).encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def _in_split(key: str, split: str) -> bool:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    return split == "all" or split_of(key) == split


def _gold_codes(row: dict) -> set[str]:
    src = row.get("source")
    if not isinstance(src, list):
        return set()
    return {str(s.get("code") or "").upper()[:3] for s in src if s.get("code")}


def _actor_codes(actor) -> set[str]:
    out = set()
    if actor.country:
        out.add(actor.country.upper())
    if actor.code:
        out.add(actor.code.upper()[:3])
    return out


def load_rows(path: str | Path, limit: int | None = None) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
                if limit and len(rows) >= limit:
                    break
    return rows


def _tools(nlp, resolver):
    if nlp is None:
        from ..nlp import load_nlp

        nlp = load_nlp()
    if resolver is None:
        try:
            from ..actors import ActorResolver

            resolver = ActorResolver()
        except Exception:  # pragma: no cover
            resolver = None
    return nlp, resolver


def evaluate(path: str | Path, *, limit: int | None = None, nlp=None, resolver=None,
             split: str = "all") -> dict[str, Any]:
    """Code every gold sentence of ``split`` and score it (see the module docstring)."""
    from ..events import extract_events

    nlp, resolver = _tools(nlp, resolver)
    rows = [r for r in load_rows(path) if _in_split(str(r.get("id") or r["text"]), split)]
    if limit:
        rows = rows[:limit]
    texts = [r["text"] for r in rows]
    t0 = time.perf_counter()
    docs = list(track(nlp.pipe(texts, batch_size=32), len(texts), "sentences"))
    t_parse = time.perf_counter() - t0
    found = n_pred = n_correct_pred = 0
    src_total = src_ok = 0
    confusion: dict[str, Counter] = defaultdict(Counter)
    per_type: dict[str, Counter] = defaultdict(Counter)
    errors = []
    t1 = time.perf_counter()
    for row, doc in zip(rows, docs):
        gold = row.get("event_plover2") or row.get("event")
        events = extract_events(doc, resolver=resolver, published=row.get("date"))
        counted = [e for e in events if e.modality == "asserted" and not e.negated]
        types = [e.type for e in counted]
        n_pred += len(counted)
        n_correct_pred += sum(1 for t in types if t == gold)
        hit = gold in types
        found += hit
        per_type[gold]["n"] += 1
        per_type[gold]["found"] += hit
        for t in types or ["-"]:
            confusion[gold][t] += 1
        codes = _gold_codes(row)
        src_hit = None
        if hit and codes:
            src_total += 1
            src_hit = any(_actor_codes(a) & codes for e in counted if e.type == gold for a in e.source)
            src_ok += bool(src_hit)
        if not hit or src_hit is False:
            errors.append({
                "id": row.get("id"), "gold": gold, "gold_source": sorted(codes), "predicted": types,
                "sources": [[(a.text, a.country) for a in e.source] for e in counted if e.type == gold],
                "text": row["text"],
            })
    t_events = time.perf_counter() - t1
    n = len(rows)
    return {
        "path": str(path),
        "split": split,
        "sentences": n,
        "predicted_events": n_pred,
        "recall": found / n if n else 0.0,
        "precision": n_correct_pred / n_pred if n_pred else 0.0,
        "source_accuracy": src_ok / src_total if src_total else 0.0,
        "source_scored": src_total,
        "per_type": {k: {"n": v["n"], "recall": v["found"] / v["n"]} for k, v in sorted(per_type.items())},
        "confusion": {k: dict(v) for k, v in sorted(confusion.items())},
        "errors": errors,
        "seconds": {"parse": round(t_parse, 3), "events": round(t_events, 3)},
        "targets": dict(TARGETS),
    }


def format_report(result: dict[str, Any]) -> str:
    """A plain-text report: headline figures, per-type recall, confusion table."""
    lines = [
        f"PLOVER event coding on {result['path']} [{result.get('split', 'all')}] ({result['sentences']} sentences, "
        f"{result['predicted_events']} asserted events predicted)",
    ]
    for key in ("recall", "precision", "source_accuracy"):
        target = result["targets"].get(key)
        mark = "ok" if target is not None and result[key] >= target else "below target"
        lines.append(f"  {key:<16} {result[key]:.3f}  (target {target:.2f}: {mark})")
    lines.append(f"  source scored on {result['source_scored']} sentences")
    lines.append("")
    types = sorted({t for row in result["confusion"].values() for t in row} | set(result["confusion"]))
    short = {t: t[:4] for t in types}
    header = "gold \\ pred".ljust(12) + " n   rec  " + " ".join(short[t].rjust(4) for t in types)
    lines.append(header)
    for gold, row in result["confusion"].items():
        pt = result["per_type"][gold]
        cells = " ".join((str(row.get(t, "")) or "").rjust(4) for t in types)
        lines.append(f"{gold:<12}{pt['n']:>2} {pt['recall']:.2f}  {cells}")
    secs = result.get("seconds", {})
    if secs:
        lines.append("")
        lines.append(f"time: parse {secs.get('parse')} s, events {secs.get('events')} s")
    return "\n".join(lines)


# ---------------------------------------------------------------- PLV: real news sentences

PLV_ROOTS = {"YIELD": ("CONCEDE", "RETREAT")}
_TAG = re.compile(r"</?[st]>")


def _gold_span(marked: str, tag: str) -> tuple[int, int] | None:
    """Offsets in the plain sentence of the ``<s>``/``<t>`` span of a marked sentence."""
    m = re.search(f"<{tag}>(.*?)</{tag}>", marked, re.S)
    if m is None:
        return None
    start = len(_TAG.sub("", marked[: m.start()]))
    return start, start + len(_TAG.sub("", m.group(1)))


def load_plv(path: str | Path) -> list[dict]:
    """Rows of ``plv/train.tsv`` grouped by sentence: ``{text, pairs: [{root, source, target}]}``."""
    by_text: dict[str, dict] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            text = row["sentence"]
            item = by_text.setdefault(text, {"text": text, "id": row.get("sentence_id"), "pairs": []})
            offset = 0
            plain = _TAG.sub("", row["marked_sentence"])
            if plain != text:  # marks on a differently spaced copy: find it in the sentence
                offset = text.find(plain)
                offset = 0 if offset < 0 else offset
            src, tar = _gold_span(row["marked_sentence"], "s"), _gold_span(row["marked_sentence"], "t")
            item["pairs"].append({
                "root": row["gold_root"],
                "source": (src[0] + offset, src[1] + offset) if src else None,
                "target": (tar[0] + offset, tar[1] + offset) if tar else None,
            })
    return list(by_text.values())


def _types_of(root: str) -> tuple[str, ...]:
    return PLV_ROOTS.get(root, (root,))


def evaluate_plv(path: str | Path, *, limit: int | None = None, nlp=None, resolver=None,
                 split: str = "all") -> dict[str, Any]:
    """Score the coder on PLV's real news sentences (see the module docstring)."""
    from ..events import extract_events

    nlp, resolver = _tools(nlp, resolver)
    items = [it for it in load_plv(path) if _in_split(it["text"], split)]
    if limit:
        items = items[:limit]
    t0 = time.perf_counter()
    docs = list(track(nlp.pipe([it["text"] for it in items], batch_size=64), len(items), "sentences"))
    t_parse = time.perf_counter() - t0
    pairs = found = n_pred = n_ok = src_total = src_ok = 0
    per_type: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    errors = []
    t1 = time.perf_counter()
    for item, doc in zip(items, docs):
        events = extract_events(doc, resolver=resolver)
        counted = [e for e in events if e.modality == "asserted" and not e.negated]
        types = [e.type for e in counted]
        gold_types = {t for p in item["pairs"] for t in _types_of(p["root"])}
        n_pred += len(counted)
        n_ok += sum(1 for t in types if t in gold_types)
        for t in types:
            per_type[t]["pred"] += 1
            per_type[t]["pred_ok"] += t in gold_types
        seen_roots = set()
        for p in item["pairs"]:
            if p["root"] in seen_roots:
                continue
            seen_roots.add(p["root"])
            pairs += 1
            want = _types_of(p["root"])
            hit = any(t in want for t in types)
            found += hit
            per_type[p["root"]]["n"] += 1
            per_type[p["root"]]["found"] += hit
            for t in types or ["-"]:
                confusion[p["root"]][t] += 1
            src_hit = None
            if hit and p["source"]:
                src_total += 1
                gs, ge = p["source"]
                src_hit = any(a.start is not None and a.end is not None and a.start < ge and gs < a.end
                              for e in counted if e.type in want for a in e.source)
                src_ok += bool(src_hit)
            if not hit or src_hit is False:
                errors.append({"id": item["id"], "gold": p["root"], "predicted": types, "text": item["text"],
                               "sources": [[a.text for a in e.source] for e in counted if e.type in want]})
    t_events = time.perf_counter() - t1
    return {
        "path": str(path),
        "split": split,
        "sentences": len(items),
        "pairs": pairs,
        "predicted_events": n_pred,
        "recall": found / pairs if pairs else 0.0,
        "precision": n_ok / n_pred if n_pred else 0.0,
        "source_overlap": src_ok / src_total if src_total else 0.0,
        "source_scored": src_total,
        "per_type": {k: {"n": v["n"], "recall": v["found"] / v["n"] if v["n"] else None,
                         "predicted": v["pred"], "precision": v["pred_ok"] / v["pred"] if v["pred"] else None}
                     for k, v in sorted(per_type.items())},
        "confusion": {k: dict(v) for k, v in sorted(confusion.items())},
        "errors": errors,
        "seconds": {"parse": round(t_parse, 3), "events": round(t_events, 3)},
        "targets": dict(PLV_TARGETS),
    }


def format_plv_report(result: dict[str, Any]) -> str:
    lines = [
        f"PLV event coding on {result['path']} [{result['split']}] ({result['sentences']} sentences, "
        f"{result['pairs']} (sentence, root) pairs, {result['predicted_events']} asserted events predicted)",
    ]
    for key in ("recall", "precision"):
        target = result["targets"][key]
        mark = "ok" if result[key] >= target else "below target"
        lines.append(f"  {key:<16} {result[key]:.3f}  (target {target:.2f}: {mark})")
    lines.append(f"  source_overlap   {result['source_overlap']:.3f}  (on {result['source_scored']} pairs found)")
    lines.append("")
    lines.append("type          gold  recall  predicted  precision")
    for t, v in result["per_type"].items():
        rec = f"{v['recall']:.2f}" if v["recall"] is not None else "  - "
        prec = f"{v['precision']:.2f}" if v["precision"] is not None else "  - "
        lines.append(f"{t:<12} {v['n']:>5}  {rec:>6}  {v['predicted']:>9}  {prec:>9}")
    secs = result.get("seconds", {})
    if secs:
        lines.append("")
        lines.append(f"time: parse {secs.get('parse')} s, events {secs.get('events')} s")
    return "\n".join(lines)


# ---------------------------------------------------------------- real pages (the team's gold)

NON_POLITICAL = {"sports", "products", "lifestyle", "entertainment", "games"}


def _asserted(item: dict) -> bool:
    return item.get("modality", "asserted") == "asserted"


def evaluate_pages(aeb_dir: str | Path, *, split: str = "all", model: str | None = None) -> dict[str, Any]:
    """Precision, recall and false events per non-political page on the annotated pages.

    A predicted asserted event is right when its trigger, mapped onto the gold body, overlaps the
    trigger of a gold asserted event of the same type (each gold event matched once). Events in
    text outside the gold body (furniture the reader kept) are false. Reported per split (dev,
    heldout) for the pages whose gold file exists."""
    gold = load_layer("events", aeb_dir, None if split == "all" else split)
    preds = predict_pages(aeb_dir, sorted(gold)) if gold else {}
    parts: dict[str, Counter] = defaultdict(Counter)
    per_type: dict[str, Counter] = defaultdict(Counter)
    for pid, g in gold.items():
        pp = preds[pid]
        part = parts[g["split"]]
        nonpol = g["section"] in NON_POLITICAL
        items = [it for it in g["items"] if _asserted(it)]
        part["pages"] += 1
        part["nonpol_pages"] += nonpol
        part["gold"] += len(items)
        used: set[int] = set()
        for ev in pp.result.events:
            if ev.modality != "asserted" or ev.negated:
                continue
            part["pred"] += 1
            per_type[ev.type]["pred"] += 1
            span = pp.span(ev.trigger.start, ev.trigger.end)
            match = None
            for k, it in enumerate(items):
                tr = (it["trigger"]["start"], it["trigger"]["end"])
                if k not in used and it["type"] == ev.type and span and overlap(span, tr) > 0:
                    match = k
                    break
            if match is None:
                part["false"] += 1
                part["nonpol_false"] += nonpol
                continue
            used.add(match)
            part["tp"] += 1
            per_type[ev.type]["tp"] += 1
            gsrc = items[match].get("source")
            if gsrc:
                part["src_scored"] += 1
                gs = (gsrc["start"], gsrc["end"])
                part["src_ok"] += any(overlap(pp.span(a.start, a.end), gs) > 0 for a in ev.source)
        for it in items:
            per_type[it["type"]]["gold"] += 1
        per_type_found = Counter(items[k]["type"] for k in used)
        for t, n in per_type_found.items():
            per_type[t]["found"] += n
    out: dict[str, Any] = {"path": str(aeb_dir), "split": split, "parts": {}}
    for name, c in sorted(parts.items()):
        out["parts"][name] = {
            "pages": c["pages"], "non_political_pages": c["nonpol_pages"],
            "gold_events": c["gold"], "predicted_events": c["pred"], "correct": c["tp"],
            "precision": c["tp"] / c["pred"] if c["pred"] else 0.0,
            "recall": c["tp"] / c["gold"] if c["gold"] else 0.0,
            "source_overlap": c["src_ok"] / c["src_scored"] if c["src_scored"] else 0.0,
            "false_per_non_political_page": c["nonpol_false"] / c["nonpol_pages"] if c["nonpol_pages"] else 0.0,
        }
    out["per_type"] = {t: dict(v) for t, v in sorted(per_type.items())}
    return out


def format_pages_report(result: dict[str, Any]) -> str:
    lines = [f"Events on annotated real pages of {result['path']} [{result['split']}]"]
    lines.append("part     pages  non-pol  gold  pred  right  precision  recall  source  false/non-pol page")
    for name, p in result["parts"].items():
        lines.append(f"{name:<8} {p['pages']:>5}  {p['non_political_pages']:>7}  {p['gold_events']:>4}  "
                     f"{p['predicted_events']:>4}  {p['correct']:>5}  {p['precision']:>9.3f}  {p['recall']:>6.3f}  "
                     f"{p['source_overlap']:>6.3f}  {p['false_per_non_political_page']:>8.2f}")
    if not result["parts"]:
        lines.append("(no gold files for this split)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - thin CLI
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", help="plover-gsr .jsonl or PLV .tsv")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--split", default="all", choices=SPLITS)
    ap.add_argument("--errors", action="store_true", help="list missed sentences")
    args = ap.parse_args(argv)
    if str(args.path).endswith(".tsv"):
        res = evaluate_plv(args.path, limit=args.limit, split=args.split)
        print(format_plv_report(res))
    else:
        res = evaluate(args.path, limit=args.limit, split=args.split)
        print(format_report(res))
    if args.errors:
        for e in res["errors"]:
            print(f"- {e['id']} gold={e['gold']} {e.get('gold_source', '')} pred={e['predicted']} "
                  f"src={e['sources']}\n    {e['text']}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
