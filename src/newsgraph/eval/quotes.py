"""Scoring quote extraction against PolNeAR (political news attribution gold).

``evaluate(path)`` parses every article under ``path/text`` with the spaCy
pipeline (``nlp.pipe``), runs :func:`newsgraph.quotes.extract_quotes`, and
compares with one annotator's brat file per article (``path/attributions``):

* **recall** at threshold t: a gold content counts as found when one predicted
  quotation (all pieces of a group together) covers at least t of its characters;
* **precision** at t: a predicted quote piece counts as right when at least t
  of its characters lie inside one gold content;
* **speaker accuracy**: over gold contents found at t=0.5 that have a gold
  source, the share whose best-matching prediction has a speaker mention
  overlapping that source;
* per-kind breakdown (direct / indirect / mixed; the gold kind is read from the
  quote marks in the gold content).
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .progress import track

THRESHOLDS = (0.3, 0.5, 0.8)
_QUOTE_CHARS = "\"\u201c\u201d\u00ab\u00bb\u201e"
Ranges = list[tuple[int, int]]


@dataclass
class GoldAttribution:
    content: Ranges
    sources: Ranges = field(default_factory=list)
    cues: Ranges = field(default_factory=list)
    kind: str = "indirect"


def _ranges(spec: str) -> Ranges:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def gold_kind(text: str) -> str:
    # two apostrophes stand for a double quote mark in some sources (''…,'' he said)
    t = text.strip().replace("''", '"')
    n = sum(t.count(c) for c in _QUOTE_CHARS)
    if n == 0:
        return "indirect"
    if t[:1] in _QUOTE_CHARS and (t[-1:] in _QUOTE_CHARS or n == 1):
        inner = t[1:-1] if t[-1:] in _QUOTE_CHARS else t[1:]
        # a quote that closes and reopens around plain narration is still direct
        if not re.search("[\"\u201d\u00bb] [a-z]", inner):
            return "direct"
    return "mixed"


def read_ann(path: Path, text: str) -> list[GoldAttribution]:
    """Attributions of one brat ``.ann`` file (Content/Source/Cue linked by E lines)."""
    spans: dict[str, tuple[str, Ranges]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, spec = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, _ranges(spec))
            except ValueError:
                continue
        elif parts[0].startswith("E"):
            roles = {}
            for arg in parts[1].split():
                role, _, tid = arg.partition(":")
                roles[role] = tid
            events.append(roles)
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if not content or content[0] != "Content":
            continue
        src = spans.get(ev.get("Source", ""), ("", []))[1]
        cue = spans.get(ev.get("Cue", ""), ("", []))[1]
        ctext = " ".join(text[a:b] for a, b in content[1])
        out.append(GoldAttribution(content=content[1], sources=src, cues=cue, kind=gold_kind(ctext)))
    return out


def load_polnear(path: str | Path, *, limit: int | None = None) -> list[tuple[str, str, list[GoldAttribution]]]:
    """(article id, text, gold) for each article with an annotation file (one annotator each)."""
    root = Path(path)
    ann_dir = root / "attributions"
    by_article: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        art = ann.stem.rsplit("_", 1)[0]
        by_article.setdefault(art, ann)
    out = []
    for art in sorted(by_article):
        tpath = root / "text" / f"{art}.txt"
        if not tpath.is_file():
            continue
        text = tpath.read_text(encoding="utf-8")
        out.append((art, text, read_ann(by_article[art], text)))
        if limit and len(out) >= limit:
            break
    return out


def _overlap(a: Ranges, b: Ranges) -> int:
    n = 0
    for s1, e1 in a:
        for s2, e2 in b:
            n += max(0, min(e1, e2) - max(s1, s2))
    return n


def _length(a: Ranges) -> int:
    return sum(e - s for s, e in a)


def speaker_group(gold: Ranges, groups: Iterable[list]) -> list | None:
    """The predicted group (a list of ``(range, quote)``) whose speaker is checked for a gold content:
    among the groups covering at least half of it, the one that fits it best (overlap over union).
    A quotation nested in another (``X said that Y warned "..."``) is covered by both its own record
    and the outer one; the outer record's speaker is not the nested quotation's."""
    glen = max(1, _length(gold))
    best, best_fit = None, 0.0
    for grp in groups:
        ranges = [r for r, _ in grp]
        ov = _overlap(gold, ranges)
        if ov * 2 < glen:
            continue
        fit = ov / (glen + _length(ranges) - ov)
        if fit > best_fit:
            best, best_fit = grp, fit
    return best


def score_article(gold: list[GoldAttribution], quotes: list[Any], tallies: dict) -> None:
    """Add one article's counts to ``tallies``."""
    pieces = [((q.start, q.end), q) for q in quotes if q.end > q.start]
    groups: dict[Any, list] = defaultdict(list)
    for (s, e), q in pieces:
        groups[q.group if q.group is not None else id(q)].append(((s, e), q))
    group_list = list(groups.values())
    gold_ranges = [g.content for g in gold]
    for t in THRESHOLDS:
        for (s, e), q in pieces:
            best = max((_overlap([(s, e)], gr) for gr in gold_ranges), default=0) / max(1, e - s)
            tallies["pred", t, "all"] += 1
            tallies["pred", t, q.kind] += 1
            if best >= t:
                tallies["tp_p", t, "all"] += 1
                tallies["tp_p", t, q.kind] += 1
    for g in gold:
        glen = max(1, _length(g.content))
        best_share, best_group = 0.0, None
        for grp in group_list:
            share = _overlap(g.content, [r for r, _ in grp]) / glen
            if share > best_share:
                best_share, best_group = share, grp
        for t in THRESHOLDS:
            tallies["gold", t, "all"] += 1
            tallies["gold", t, g.kind] += 1
            if best_share >= t:
                tallies["tp_r", t, "all"] += 1
                tallies["tp_r", t, g.kind] += 1
        if best_share >= 0.5 and g.sources:
            tallies["spk_n"] += 1
            tallies["spk_n", g.kind] += 1
            # the piece of the best-fitting group overlapping the gold content most carries the speaker
            best_group = speaker_group(g.content, group_list)
            piece = max(best_group, key=lambda x: _overlap(g.content, [x[0]]))[1]
            sp = piece.speaker
            if sp is not None and _overlap([(sp.start, sp.end)], g.sources) > 0:
                tallies["spk_ok"] += 1
                tallies["spk_ok", g.kind] += 1
            elif sp is None:
                tallies["spk_none"] += 1


def _prf(tp_p: int, pred: int, tp_r: int, gold: int) -> dict[str, float]:
    p = tp_p / pred if pred else 0.0
    r = tp_r / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "predicted": pred, "gold": gold}


def evaluate(path: str | Path, *, limit: int | None = None, nlp: Any = None, batch_size: int = 16,
             stances: bool = True) -> dict:
    """Score :func:`newsgraph.quotes.extract_quotes` on a PolNeAR folder.

    PolNeAR annotates stances and beliefs as attributions, so by default the stance records are
    scored too (``stances=False``: statements only, what the pipeline outputs)."""
    from newsgraph.quotes import extract_quotes

    if nlp is None:
        from newsgraph.nlp import load_nlp

        nlp = load_nlp()
    data = load_polnear(path, limit=limit)
    tallies: dict = defaultdict(int)
    t_parse = t_quotes = 0.0
    texts: Iterable[str] = (text for _, text, _ in data)
    t0 = time.perf_counter()
    for (art, text, gold), doc in zip(data, track(nlp.pipe(texts, batch_size=batch_size), len(data), "texts")):
        t1 = time.perf_counter()
        t_parse += t1 - t0
        quotes = extract_quotes(doc, stances=stances)
        t0 = time.perf_counter()
        t_quotes += t0 - t1
        score_article(gold, quotes, tallies)
    result: dict[str, Any] = {"articles": len(data), "path": str(path), "stances": stances, "thresholds": {}}
    for t in THRESHOLDS:
        result["thresholds"][str(t)] = _prf(tallies["tp_p", t, "all"], tallies["pred", t, "all"],
                                            tallies["tp_r", t, "all"], tallies["gold", t, "all"])
    kinds = {}
    for k in ("direct", "indirect", "mixed", "stance"):
        if k == "stance" and not tallies["pred", 0.5, k]:
            continue
        kinds[k] = _prf(tallies["tp_p", 0.5, k], tallies["pred", 0.5, k], tallies["tp_r", 0.5, k], tallies["gold", 0.5, k])
        n = tallies["spk_n", k]
        kinds[k]["speaker_accuracy"] = round(tallies["spk_ok", k] / n, 4) if n else None
    result["kinds"] = kinds
    n = tallies["spk_n"]
    result["speaker"] = {"accuracy": round(tallies["spk_ok"] / n, 4) if n else None, "evaluated": n,
                         "no_speaker": tallies["spk_none"]}
    result["seconds"] = {"parse": round(t_parse, 2), "quotes": round(t_quotes, 2)}
    return result


def format_report(result: dict) -> str:
    """A plain-text table of :func:`evaluate`'s result."""
    lines = [f"PolNeAR quotes: {result['articles']} articles ({result['path']})", "",
             f"{'overlap':>8} {'P':>7} {'R':>7} {'F1':>7} {'pred':>6} {'gold':>6}"]
    for t, m in result["thresholds"].items():
        lines.append(f"{t:>8} {m['precision']:7.3f} {m['recall']:7.3f} {m['f1']:7.3f} {m['predicted']:6d} {m['gold']:6d}")
    lines += ["", f"{'kind@0.5':>8} {'P':>7} {'R':>7} {'F1':>7} {'pred':>6} {'gold':>6} {'spk':>6}"]
    for k, m in result["kinds"].items():
        acc = f"{m['speaker_accuracy']:6.3f}" if m["speaker_accuracy"] is not None else "     -"
        lines.append(f"{k:>8} {m['precision']:7.3f} {m['recall']:7.3f} {m['f1']:7.3f} {m['predicted']:6d} {m['gold']:6d} {acc}")
    sp = result["speaker"]
    acc = f"{sp['accuracy']:.3f}" if sp["accuracy"] is not None else "-"
    lines += ["", (f"speaker accuracy: {acc} over {sp['evaluated']} found quotes with a gold source "
                   f"({sp['no_speaker']} predicted without speaker)")]
    sec = result.get("seconds") or {}
    if sec:
        total = sec["parse"] + sec["quotes"]
        share = sec["quotes"] / sec["parse"] if sec["parse"] else 0.0
        lines.append(f"time: parse {sec['parse']:.1f}s, quotes {sec['quotes']:.1f}s "
                     f"(+{share:.0%} over the parse, {total:.1f}s total)")
    return "\n".join(lines)


# --- real pages (gold/pages/quotes, docs/annotation.md) ------------------------------------------

_NAME_DROP = {"the", "of", "a", "an", "s", "and", "for", "mr", "mrs", "ms", "dr", "rep", "sen", "gov"}
# spellings of one country that a lenient name match must still equate
_NAME_ALIASES = {"us": "united states", "u s": "united states", "america": "united states",
                 "uk": "united kingdom", "britain": "united kingdom", "u k": "united kingdom"}


def _name_words(name: str) -> set[str]:
    t = name.casefold().replace("\u2019", "'").replace("'s ", " ").replace("'s", "")
    t = re.sub(r"[^\w\s]", " ", t)
    t = " ".join(t.split())
    for k, v in _NAME_ALIASES.items():
        t = re.sub(rf"\b{k}\b", v, t)
    return {w for w in t.split() if w not in _NAME_DROP}


def name_match(predicted: str | None, gold: str) -> bool:
    """Lenient match of a resolved speaker name with the gold ``speaker_name``: the content words of
    one are a subset of the other's ("Esper" ~ "Mark Esper", "police" ~ "Hong Kong police",
    "the US" ~ "United States"), or the same first and last name around a middle initial or a
    suffix ("Patrick W. Carlineo" ~ "Patrick Carlineo Jr."). An empty name never matches."""
    if not predicted:
        return False
    a, b = _name_words(predicted), _name_words(gold)
    if bool(a) and bool(b) and (a <= b or b <= a):
        return True
    # one person written two ways: the same first and last name ("Patrick W. Carlineo" ~ "Patrick Carlineo Jr.")
    pa, pb = [w for w in _ordered_words(predicted)], [w for w in _ordered_words(gold)]
    return len(pa) >= 2 and len(pb) >= 2 and pa[0] == pb[0] and pa[-1] == pb[-1]


def _ordered_words(name: str) -> list[str]:
    words = re.sub(r"[^\w\s]", " ", name.casefold()).split()
    return [w for w in words if w not in _NAME_DROP and w not in ("jr", "sr", "ii", "iii")]


def _gold_attributions(items: list[dict]) -> list[dict]:
    """Gold items grouped into attributions (the pieces of one quotation share a ``group``)."""
    groups: dict[Any, list[dict]] = {}
    for n, it in enumerate(items):
        groups.setdefault(("g", it["group"]) if it.get("group") is not None else ("i", n), []).append(it)
    out = []
    for pieces in groups.values():
        first = pieces[0]
        out.append({"ranges": [(p["content"]["start"], p["content"]["end"]) for p in pieces],
                    "speaker": first.get("speaker"), "speaker_name": first.get("speaker_name"),
                    "kind": first.get("kind", "indirect")})
    return out


def score_page(gold_items: list[dict], pred: Any, tallies: dict, keys: tuple[str, ...]) -> list[dict]:
    """Add one page's counts under each key of ``keys`` (e.g. the split and ``split/section``);
    returns the page's errors (offsets and labels only, no text)."""
    from .pages import overlap

    gold = _gold_attributions(gold_items)
    pieces = []
    for q in pred.result.quotes:
        span = pred.span(q.start, q.end) if q.end > q.start else None
        pieces.append((span, q))
    groups: dict[Any, list] = defaultdict(list)
    for span, q in pieces:
        if span is not None:
            groups[q.group if q.group is not None else id(q)].append((span, q))
    errors = []

    def add(name: str, n: int = 1) -> None:
        for k in keys:
            tallies[k, name] += n

    for span, q in pieces:
        add("pred")
        best = 0.0
        if span is not None:
            best = max((_overlap([span], g["ranges"]) for g in gold), default=0) / max(1, span[1] - span[0])
        if best >= 0.5:
            add("tp_p")
        else:
            add("false_outside" if span is None else "false_" + q.kind)
            errors.append({"error": "false", "kind": q.kind, "at": list(span) if span else None,
                           "speaker": q.speaker.name if q.speaker else None})
    for g in gold:
        add("gold")
        glen = max(1, _length(g["ranges"]))
        best_share, best_group = 0.0, None
        for grp in groups.values():
            share = _overlap(g["ranges"], [r for r, _ in grp]) / glen
            if share > best_share:
                best_share, best_group = share, grp
        if best_share < 0.5:
            errors.append({"error": "missed", "kind": g["kind"], "at": list(g["ranges"][0])})
            continue
        add("tp_r")
        if g["speaker"] is None:
            continue
        add("spk_n")
        best_group = speaker_group(g["ranges"], groups.values())
        span, q = max(best_group, key=lambda x: _overlap(g["ranges"], [x[0]]))
        sp = q.speaker
        ok = False
        if sp is not None:
            if g["speaker_name"]:
                ok = name_match(sp.name or sp.mention, g["speaker_name"])
            else:
                mention = pred.span(sp.start, sp.end)
                ok = overlap(mention, (g["speaker"]["start"], g["speaker"]["end"])) > 0
        if ok:
            add("spk_ok")
        else:
            errors.append({"error": "speaker", "at": list(g["ranges"][0]), "gold": g["speaker_name"],
                           "predicted": (sp.name or sp.mention) if sp else None})
    return errors


def _page_metrics(tallies: dict, key: str) -> dict[str, Any]:
    m = _prf(tallies[key, "tp_p"], tallies[key, "pred"], tallies[key, "tp_r"], tallies[key, "gold"])
    n = tallies[key, "spk_n"]
    m["speaker_accuracy"] = round(tallies[key, "spk_ok"] / n, 4) if n else None
    m["speaker_evaluated"] = n
    m["pages"] = tallies[key, "pages"]
    # where the false records are: text the reader kept outside the gold body, or by kind
    m["false"] = {k: tallies[key, "false_" + k] for k in ("outside", "direct", "indirect", "mixed")}
    return m


def evaluate_pages(aeb: str | Path, *, split: str = "dev", limit: int | None = None,
                   model: str | None = None) -> dict:
    """Score the quotes of real pages (read from their HTML by the real reader) against the team's
    gold (``gold/pages/quotes``). Only pages of ``split`` (dev, heldout, fresh, fresh2 or all) that have a gold file
    are read; a held-out page is reported in aggregate, per split and section."""
    from .pages import PAGE_SPLITS, load_layer, predict_pages

    gold = load_layer("quotes", aeb, split)
    ids = list(gold)[:limit] if limit else list(gold)
    preds = predict_pages(aeb, ids, model=model)
    tallies: dict = defaultdict(int)
    errors: dict[str, list] = {}
    for pid in ids:
        g = gold[pid]
        keys = (g["split"], f"{g['split']}/{g['section']}")
        for k in keys:
            tallies[k, "pages"] += 1
        errs = score_page(g["items"], preds[pid], tallies, keys)
        if g["split"] == "dev":
            errors[pid[:8]] = errs
    result: dict[str, Any] = {"path": str(aeb), "split": split, "pages": len(ids), "splits": {}}
    for sp in PAGE_SPLITS:
        if tallies[sp, "pages"]:
            secs = sorted({k[0].split("/", 1)[1] for k in tallies if k[0].startswith(sp + "/")})
            result["splits"][sp] = {"all": _page_metrics(tallies, sp),
                                    "sections": {s: _page_metrics(tallies, f"{sp}/{s}") for s in secs}}
    result["dev_errors"] = errors
    return result


def format_pages_report(result: dict) -> str:
    lines = [f"Quotes on real pages: {result['pages']} pages with gold ({result['path']}, split {result['split']})"]
    head = f"{'':>16} {'pages':>5} {'P':>7} {'R':>7} {'F1':>7} {'pred':>5} {'gold':>5} {'spk':>6} {'n':>4}"
    for sp, block in result["splits"].items():
        lines += ["", f"{sp}:", head]
        for name, m in [("all", block["all"])] + list(block["sections"].items()):
            acc = f"{m['speaker_accuracy']:6.3f}" if m["speaker_accuracy"] is not None else "     -"
            lines.append(f"{name:>16} {m['pages']:5d} {m['precision']:7.3f} {m['recall']:7.3f} {m['f1']:7.3f} "
                         f"{m['predicted']:5d} {m['gold']:5d} {acc} {m['speaker_evaluated']:4d}")
    for sp, block in result["splits"].items():
        f = block["all"]["false"]
        lines.append(f"{sp} false records: {f['outside']} outside the gold body (reader), {f['direct']} direct, "
                     f"{f['indirect']} indirect, {f['mixed']} mixed")
    lines += ["", "P: a predicted piece is right when half of it lies in one gold content (text the reader kept "
              "outside the gold body counts as false); R: a gold quotation is found when one predicted "
              "quotation covers half of it; spk: speaker name right, over found quotations with a gold speaker."]
    return "\n".join(lines)
