"""Cut an article's text into segments at every annotation boundary.

Each segment is a run of text covered by the same set of annotations (quotes,
quote cues, speakers, event triggers, event sentences, actor and place
mentions), so the template can wrap it in one ``<span>`` with classes and
links: nested and overlapping annotations render without any HTML being built
from the text. The text itself stays text: the template escapes it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Segment:
    text: str
    start: int
    end: int
    classes: list[str] = field(default_factory=list)
    quote: int | None = None  # innermost quote id covering the segment
    event: int | None = None  # event whose trigger covers the segment
    actor: str | None = None  # actor id of an entity mention covering the segment
    place: int | None = None
    anchors: list[str] = field(default_factory=list)  # element ids starting here (q-12, e-3)
    title: str | None = None

    @property
    def css(self) -> str:
        return " ".join(self.classes)


def _valid(start: Any, end: Any, n: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n


def segments(text: str, article: dict[str, Any], *, focus_quote: int | None = None,
             focus_event: int | None = None) -> list[Segment]:
    n = len(text)
    spans: list[tuple[int, int, str, Any]] = []  # (start, end, kind, record)
    for q in article.get("quotes", []):
        if _valid(q["start"], q["end"], n):
            spans.append((q["start"], q["end"], "quote", q))
        if _valid(q.get("cue_start"), q.get("cue_end"), n):
            spans.append((q["cue_start"], q["cue_end"], "cue", q))
        if _valid(q.get("speaker_start"), q.get("speaker_end"), n):
            spans.append((q["speaker_start"], q["speaker_end"], "speaker", q))
    for e in article.get("events", []):
        if _valid(e["trigger_start"], e["trigger_end"], n):
            spans.append((e["trigger_start"], e["trigger_end"], "event", e))
        if focus_event is not None and e["id"] == focus_event and _valid(e["sentence_start"], e["sentence_end"], n):
            spans.append((e["sentence_start"], e["sentence_end"], "sentence", e))
    for ent in article.get("entities", []):
        if (ent.get("actor_id") or ent.get("place_geonameid")) and _valid(ent["start"], ent["end"], n):
            spans.append((ent["start"], ent["end"], "entity", ent))
    cuts = sorted({0, n, *[s for s, _, _, _ in spans], *[e for _, e, _, _ in spans]})
    # index spans by start for a sweep: a span covers the segments between its start and end cut
    covering: list[list[tuple[int, int, str, Any]]] = [[] for _ in range(max(len(cuts) - 1, 0))]
    for sp in spans:
        i, j = bisect_left(cuts, sp[0]), bisect_right(cuts, sp[1]) - 1
        for k in range(i, j):
            covering[k].append(sp)
    out: list[Segment] = []
    for k in range(len(cuts) - 1):
        a, b = cuts[k], cuts[k + 1]
        seg = Segment(text=text[a:b], start=a, end=b)
        classes: set[str] = set()
        titles: list[str] = []
        for s, e, kind, rec in sorted(covering[k], key=lambda x: (x[1] - x[0]), reverse=True):
            if kind == "quote":
                classes.add("quote")
                classes.add(f"quote-{rec['kind']}")
                seg.quote = rec["id"]  # sorted longest first: the innermost wins
                if rec["id"] == focus_quote:
                    classes.add("focus")
                if s == a:
                    seg.anchors.append(f"q-{rec['id']}")
            elif kind == "cue":
                classes.add("cue")
            elif kind == "speaker":
                classes.add("speaker")
            elif kind == "event":
                classes.add("event")
                classes.add(f"quad-{rec.get('quad_class') or 0}")
                seg.event = rec["id"]
                if rec["id"] == focus_event:
                    classes.add("focus")
                if s == a:
                    seg.anchors.append(f"e-{rec['id']}")
                titles.append(f"{rec['type']}" + (f" (CAMEO {rec['cameo']})" if rec.get("cameo") else ""))
            elif kind == "sentence":
                classes.add("sentence-focus")
            elif kind == "entity":
                if rec.get("actor_id"):
                    classes.add("actor")
                    seg.actor = rec["actor_id"]
                    titles.append(f"actor {rec['actor_id']}")
                if rec.get("place_geonameid"):
                    classes.add("place")
                    seg.place = rec["place_geonameid"]
        seg.classes = sorted(classes)
        seg.title = "; ".join(dict.fromkeys(titles)) or None
        out.append(seg)
    return out
