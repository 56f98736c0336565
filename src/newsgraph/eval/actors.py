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
    for row, doc in zip(rows, nlp.pipe(texts, batch_size=32)):
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
