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
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

TARGETS = {"recall": 0.75, "precision": 0.70, "source_accuracy": 0.80}


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


def evaluate(path: str | Path, *, limit: int | None = None, nlp=None, resolver=None) -> dict[str, Any]:
    """Code every gold sentence and score it (see the module docstring)."""
    from ..events import extract_events

    if nlp is None:
        from ..nlp import load_nlp

        nlp = load_nlp()
    if resolver is None:
        try:
            from ..actors import ActorResolver

            resolver = ActorResolver()
        except Exception:  # pragma: no cover
            resolver = None
    rows = load_rows(path, limit)
    texts = [r["text"] for r in rows]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
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
        f"PLOVER event coding on {result['path']} ({result['sentences']} sentences, "
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


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - thin CLI
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--errors", action="store_true", help="list missed sentences")
    args = ap.parse_args(argv)
    res = evaluate(args.path, limit=args.limit)
    print(format_report(res))
    if args.errors:
        for e in res["errors"]:
            print(f"- {e['id']} gold={e['gold']} {e['gold_source']} pred={e['predicted']} src={e['sources']}\n    {e['text']}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
