"""Lines of a page that are not sentences of the article: headlines, links and captions kept
with the text, and datelines ("KABUL (Pajhwok) --") that the parse makes a subject. Used by
:func:`newsgraph.events.gate.gate_events`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..model import Event

LINE_ENDS = tuple('.!?"”’\')»:;…')


def headline_line(text: str, pos: int) -> bool:
    """Is ``pos`` on a line that is a headline, a link or a caption kept with the article (no
    closing punctuation, under 25 words) in a text of several lines? ("Also on example.com:
    Minister threatened with arrest", "SEE MORE: 800 students under siege")."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start: len(text) if end < 0 else end].strip()
    return bool(line) and not line.endswith(LINE_ENDS) and len(line.split()) < 25


DATELINE = re.compile(r"[A-Z][A-Z .'’-]{1,40}(?:,[^\n—–]{1,40}?)?\s*(?:\([^)\n]{1,40}\)\s*)?(?:—|--|–|-|:)\s")


def dateline_end(text: str, pos: int) -> int:
    """End of the dateline ("KABUL (Pajhwok) --", "HANOI, Vietnam (AP) —") that opens the line of
    ``pos``, or -1. The parse often makes a dateline the subject of the first sentence."""
    start = text.rfind("\n", 0, pos) + 1
    m = DATELINE.match(text, start)
    return m.end() if m else -1


def _drop_datelines(ev: Event, doc: "Doc", text: str, resolver) -> None:
    end = dateline_end(text, ev.trigger.start)
    if end <= 0 or not any(a.end is not None and a.end <= end for a in ev.source + ev.target):
        return
    had_source = bool(ev.source)
    ev.source = [a for a in ev.source if a.end is None or a.end > end]
    ev.target = [a for a in ev.target if a.end is None or a.end > end]
    if had_source and not ev.source and resolver is not None:
        # the subject the dateline displaced: the first actor between the dateline and the trigger
        for chunk in doc.noun_chunks:
            if chunk.start_char >= end and chunk.end_char <= ev.trigger.start:
                try:
                    actor = resolver.resolve_span(chunk)
                except Exception:
                    actor = None
                if actor is not None:
                    ev.source = [actor]
                    break
            elif chunk.start_char > ev.trigger.start:
                break
