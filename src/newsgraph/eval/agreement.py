"""Agreement between two annotators of the page gold (docs/annotation.md, "Agreement between annotators").

A second annotator annotated a few pages of ``gold/pages/pages.yaml`` again, independently, into
``gold/pages/agreement/<layer>/<page id>.json`` (same format, written with
``python -m newsgraph.eval.pages anchor ... --dest gold/pages/agreement``). This module scores the
second annotation against the main gold with the rules a system is scored with, so that the
figures read as a ceiling for the evaluation figures:

* **events**: asserted events only; a second-annotator event is right when its trigger overlaps the
  trigger of an unused main-gold event of the same type (overlapping triggers lie in one sentence),
  as in :func:`newsgraph.eval.events.evaluate_pages`. Source agreement: on matched pairs whose main
  event has a source, the two sources overlap.
* **quotes**: :func:`newsgraph.eval.quotes.score_page` itself, with the second annotation in the
  place of the predictions: a piece is right when half of it lies in one main quotation, a main
  quotation is found when one second-annotator quotation covers half of it; speaker agreement on
  found quotations with a speaker (lenient name match, or overlapping mentions when unnamed).
* **entities**: exact span match; on matched spans, kind agreement, and country agreement (``country``
  of actors and countries, ``place_country`` of places) where either annotator gives one.

F1 is reported per page and per split (dev, heldout), the main gold taken as the reference (events
and entities are symmetric; for quotes precision and recall swap when the roles do). A page where
neither annotator has anything of a layer agrees fully (P = R = F1 = 1). Counts of the kinds of
disagreement come with the figures (offsets and labels only: nothing here prints article text).

    python -m newsgraph.eval.agreement [--aeb DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from .pages import GOLD_DIR, check_file, gold_body, overlap, page_list
from .quotes import score_page

AGREEMENT_DIR = GOLD_DIR / "agreement"
LAYERS = ("events", "quotes", "entities")
DEFAULT_AEB = Path(__file__).resolve().parents[4] / "shared" / "eval" / "aeb"


def _span(s: dict | None) -> tuple[int, int] | None:
    return (s["start"], s["end"]) if s else None


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


# --- events ------------------------------------------------------------------------------------

def compare_events(main: list[dict], second: list[dict]) -> Counter:
    """Counts of one page: ``gold``, ``pred``, ``tp`` (asserted events, trigger overlap and same type),
    ``src_n``/``src_ok`` and the kinds of disagreement of the unmatched events."""
    c: Counter = Counter()
    gold = [it for it in main if it.get("modality", "asserted") == "asserted"]
    pred = [it for it in second if it.get("modality", "asserted") == "asserted"]
    c["gold"], c["pred"] = len(gold), len(pred)
    used: set[int] = set()
    matched: set[int] = set()
    for j, ev in enumerate(pred):
        tr = _span(ev["trigger"])
        match = next((k for k, g in enumerate(gold)
                      if k not in used and g["type"] == ev["type"] and overlap(tr, _span(g["trigger"])) > 0), None)
        if match is None:
            continue
        used.add(match)
        matched.add(j)
        c["tp"] += 1
        gsrc = _span(gold[match].get("source"))
        if gsrc:
            c["src_n"] += 1
            c["src_ok"] += overlap(_span(ev.get("source")), gsrc) > 0
    # why the others do not match: the other annotator has an event on that trigger with another
    # modality or another type, or none at all
    for side, mine, done, other in (("second", pred, matched, main), ("main", gold, used, second)):
        for k, ev in enumerate(mine):
            if k in done:
                continue
            near = [o for o in other if overlap(_span(ev["trigger"]), _span(o["trigger"])) > 0]
            if not near:
                c[f"event only {side}"] += 1
            elif any(o["type"] == ev["type"] and o.get("modality", "asserted") == "asserted" for o in near):
                c[f"two events on one trigger ({side})"] += 1
            elif any(o.get("modality", "asserted") != "asserted" for o in near):
                c[f"modality differs ({side} asserted)"] += 1
            else:
                c[f"type differs ({side})"] += 1
    return c


def _events_figures(c: Counter) -> dict[str, Any]:
    p = c["tp"] / c["pred"] if c["pred"] else (1.0 if not c["gold"] else 0.0)
    r = c["tp"] / c["gold"] if c["gold"] else (1.0 if not c["pred"] else 0.0)
    return {"main": c["gold"], "second": c["pred"], "matched": c["tp"], "precision": round(p, 4),
            "recall": round(r, 4), "f1": round(_f1(p, r), 4), "source": _ratio(c["src_ok"], c["src_n"])}


# --- quotes ------------------------------------------------------------------------------------

def _as_prediction(items: list[dict], body: str) -> SimpleNamespace:
    """A second annotation dressed as a page prediction for :func:`quotes.score_page` (spans are
    already gold-body offsets, so the alignment is the identity)."""
    quotes = []
    for it in items:
        spk = it.get("speaker")
        speaker = None
        if spk or it.get("speaker_name"):
            speaker = SimpleNamespace(name=it.get("speaker_name"),
                                      mention=body[spk["start"]:spk["end"]] if spk else None,
                                      start=spk["start"] if spk else None, end=spk["end"] if spk else None)
        c = it["content"]
        quotes.append(SimpleNamespace(start=c["start"], end=c["end"], group=it.get("group"),
                                      kind=it.get("kind"), speaker=speaker))

    def span(start: int | None, end: int | None) -> tuple[int, int] | None:
        return None if start is None or end is None else (start, end)

    return SimpleNamespace(result=SimpleNamespace(quotes=quotes), span=span)


def compare_quotes(main: list[dict], second: list[dict], body: str) -> Counter:
    tallies: dict = Counter()
    errors = score_page(main, _as_prediction(second, body), tallies, ("page",))
    c = Counter({name: n for (_, name), n in tallies.items()})
    for e in errors:
        if e["error"] == "speaker":
            c["speaker differs"] += 1
            continue
        side, other = ("second", main) if e["error"] == "false" else ("main", second)
        near = e.get("at") and any(overlap(tuple(e["at"]), _span(it["content"])) > 0 for it in other)
        # the other annotator has a quotation there, with other bounds (overlap under half)
        c[f"content bounds ({side})" if near else f"quote only {side}"] += 1
    return c


def _quotes_figures(c: Counter) -> dict[str, Any]:
    p = c["tp_p"] / c["pred"] if c["pred"] else (1.0 if not c["gold"] else 0.0)
    r = c["tp_r"] / c["gold"] if c["gold"] else (1.0 if not c["pred"] else 0.0)
    return {"main": c["gold"], "second": c["pred"], "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(_f1(p, r), 4), "speaker": _ratio(c["spk_ok"], c["spk_n"])}


# --- entities ----------------------------------------------------------------------------------

def _country(it: dict) -> str | None:
    return it.get("place_country") if it["kind"] == "place" else it.get("country")


def compare_entities(main: list[dict], second: list[dict]) -> Counter:
    c: Counter = Counter(gold=len(main), pred=len(second))
    by_span = {_span(it["span"]): it for it in main}
    seen: set = set()
    for it in second:
        s = _span(it["span"])
        g = by_span.get(s)
        if g is None or s in seen:
            near = any(overlap(s, t) > 0 for t in by_span)
            c["span bounds (second)" if near else "mention only second"] += 1
            continue
        seen.add(s)
        c["tp"] += 1
        c["kind_ok"] += g["kind"] == it["kind"]
        if g["kind"] != it["kind"]:
            c[f"kind {g['kind']} (main) / {it['kind']} (second)"] += 1
        a, b = _country(g), _country(it)
        if a or b:
            c["country_n"] += 1
            c["country_ok"] += a == b
            if a != b:
                c["country differs"] += 1
    second_spans = [_span(it["span"]) for it in second]
    for s in by_span:
        if s not in seen:
            near = any(overlap(s, t) > 0 for t in second_spans)
            c["span bounds (main)" if near else "mention only main"] += 1
    return c


def _entities_figures(c: Counter) -> dict[str, Any]:
    p = c["tp"] / c["pred"] if c["pred"] else (1.0 if not c["gold"] else 0.0)
    r = c["tp"] / c["gold"] if c["gold"] else (1.0 if not c["pred"] else 0.0)
    return {"main": c["gold"], "second": c["pred"], "matched": c["tp"], "precision": round(p, 4),
            "recall": round(r, 4), "f1": round(_f1(p, r), 4), "kind": _ratio(c["kind_ok"], c["tp"]),
            "country": _ratio(c["country_ok"], c["country_n"])}


FIGURES = {"events": _events_figures, "quotes": _quotes_figures, "entities": _entities_figures}
_COUNTS = {"gold", "pred", "tp", "tp_p", "tp_r", "src_n", "src_ok", "spk_n", "spk_ok", "kind_ok",
           "country_n", "country_ok", "page"}


def compare_layer(layer: str, main: list[dict], second: list[dict], body: str) -> Counter:
    if layer == "events":
        return compare_events(main, second)
    if layer == "quotes":
        return compare_quotes(main, second, body)
    return compare_entities(main, second)


def _load(path: Path, body: str) -> list[dict]:
    return check_file(path, body)["items"]


def evaluate(aeb_dir: str | Path = DEFAULT_AEB, *, second_dir: Path = AGREEMENT_DIR,
             main_dir: Path = GOLD_DIR) -> dict[str, Any]:
    """Per layer: figures per page and per split for the pages that both annotators annotated,
    and the counts of each kind of disagreement per split."""
    pages = {p["id"]: p for p in page_list()}
    out: dict[str, Any] = {"path": str(aeb_dir), "layers": {}}
    for layer in LAYERS:
        per_page, per_split, kinds = {}, {}, {}
        for path in sorted((Path(second_dir) / layer).glob("*.json")):
            pid = path.stem
            main_path = Path(main_dir) / layer / path.name
            if pid not in pages or not main_path.exists():
                continue
            body = gold_body(aeb_dir, pid)
            c = compare_layer(layer, _load(main_path, body), _load(path, body), body)
            split = pages[pid]["split"]
            per_page[pid[:8]] = {"split": split, "section": pages[pid]["section"], **FIGURES[layer](c)}
            for key in (split, "all"):
                per_split.setdefault(key, Counter()).update(c)
                per_split[key]["pages"] += 1
                kinds.setdefault(key, Counter()).update({k: v for k, v in c.items() if k not in _COUNTS})
        out["layers"][layer] = {
            "pages": per_page,
            "splits": {k: {"pages": v["pages"], **FIGURES[layer](v)} for k, v in per_split.items()},
            "disagreements": {k: dict(v.most_common()) for k, v in kinds.items()},
        }
    return out


def format_report(result: dict[str, Any]) -> str:
    lines = ["Agreement of the second annotation with the main page gold (F1 of one against the other, "
             "main as reference)"]
    extra = {"events": ("source", "source"), "quotes": ("speaker", "speaker"), "entities": ("kind", "kind")}
    for layer, block in result["layers"].items():
        name, key = extra[layer]
        more = "  country" if layer == "entities" else ""
        lines += ["", f"{layer}:", f"{'':>18} {'main':>5} {'2nd':>5} {'P':>6} {'R':>6} {'F1':>6} {name:>8}{more}"]
        rows = [(f"{pid} {v['split'][:3]}", v) for pid, v in block["pages"].items()]
        rows += [(f"[{k}] {v['pages']} pages", v) for k, v in sorted(block["splits"].items())]
        for label, v in rows:
            def fmt(x: float | None) -> str:
                return f"{x:8.3f}" if x is not None else "       -"
            tail = f"  {fmt(v['country'])}" if layer == "entities" else ""
            lines.append(f"{label:>18} {v['main']:5d} {v['second']:5d} {v['precision']:6.3f} {v['recall']:6.3f} "
                         f"{v['f1']:6.3f} {fmt(v[key])}{tail}")
        if layer == "quotes":
            lines.append("  main: quotations (the pieces of one quotation together); 2nd: pieces; speaker: over "
                         "found main quotations with a speaker")
        for split, kinds in sorted(block["disagreements"].items()):
            if split != "all" and kinds:
                lines.append(f"  disagreements [{split}]: " + ", ".join(f"{k} {n}" for k, n in kinds.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsgraph.eval.agreement", description=__doc__.split("\n")[0])
    ap.add_argument("--aeb", default=str(DEFAULT_AEB), help="the article-extraction benchmark folder")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    result = evaluate(args.aeb)
    print(json.dumps(result, indent=1) if args.json else format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
