"""Combining reported-speech findings: nested attributions and quotations a
reported clause runs into."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from newsgraph.quotes.marks import Region
from newsgraph.quotes.reported import Reported

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def _extend_over_quotes(reported: list[Reported], regions: list[Region], top: list[int]) -> None:
    """A reported clause that opens a quotation runs to the quotation's end
    (``said that "ethanol people" "do a fantastic job. And ..."``)."""
    starts = [regions[i].start for i in top]
    for rep in reported:
        new = []
        for s, e in rep.pieces:
            k = bisect.bisect_left(starts, s)
            while k < len(top) and starts[k] < e:
                r = regions[top[k]]
                if r.end > e and r.paragraph == regions[top[k]].paragraph:
                    e = r.end
                k += 1
            new.append((s, e))
        rep.pieces = new


# words before a second speaker that start an attribution of its own ("A said X, although critics
# have said Y": two records)
_CONTRAST = {"and", "while", "but", "whereas", ";", "although", "though"}


def _outermost(doc: Doc, text: str, reported: list[Reported]) -> list[Reported]:
    """Drop attributions whose cue sits inside another one's content ("X said
    that the terrorists wanted to ...": the terrorists are not quoted) -- unless
    the inner one is coordinated with the outer ("A said X, and B said Y"): then
    the outer content stops before it."""
    pieces = sorted(((s, e, n) for n, rep in enumerate(reported) for s, e in rep.pieces), key=lambda p: p[0])
    starts = [p[0] for p in pieces]
    reach: list[tuple[int, int]] = []  # running (max end, index into pieces)
    best = (-1, -1)
    for i, (_, e, _) in enumerate(pieces):
        if e > best[0]:
            best = (e, i)
        reach.append(best)
    dropped: set[int] = set()
    for n, rep in enumerate(reported):
        pos = doc[rep.cue_start].idx
        k = bisect.bisect_right(starts, pos) - 1
        if k < 0 or reach[k][0] <= pos:
            continue
        outer_s, outer_e, outer_n = pieces[reach[k][1]]
        if outer_n == n:
            continue
        outer = reported[outer_n]
        opos = doc[outer.cue_start].idx
        if any(a <= opos < b for a, b in rep.pieces) and (rep.pieces[0][0] < outer.pieces[0][0] or (
                rep.pieces[0][0] == outer.pieces[0][0] and rep.cue_start > outer.cue_start)):
            # each cue inside the other's content ("X is considering Y, according to Z"):
            # the one whose content takes in the other's clause from its start stands
            dropped.add(outer_n)
            continue
        cut = _coordination_start(doc, rep, outer)
        if cut is not None and outer_s < cut < outer_e and outer_n not in dropped:
            new_end = cut
            while new_end > outer_s and (text[new_end - 1].isspace() or text[new_end - 1] in ",;"):
                new_end -= 1
            outer.pieces = [(a, new_end if (a, b) == (outer_s, outer_e) else b) for a, b in outer.pieces]
            continue
        dropped.add(n)
    return [rep for n, rep in enumerate(reported) if n not in dropped and all(e > s for s, e in rep.pieces)]


def _coordination_start(doc: Doc, rep: Reported, outer: Reported) -> int | None:
    """Char offset where an attribution coordinated with ``outer`` begins
    (``A said X, and B said Y``); None when ``rep`` is part of outer's content
    (``said that she supports A but supports B``)."""
    if rep.speaker is None or rep.speaker[0] < outer.cue_end:
        return None
    a = rep.speaker[0]
    cue = doc[rep.cue_start]
    if not (cue.dep_ == "conj" and outer.cue_start <= cue.head.i < outer.cue_end) and not (a > 0 and doc[a - 1].lower_ in _CONTRAST):
        return None
    j = a - 1
    while j >= 0 and (doc[j].is_punct or doc[j].dep_ == "cc" or doc[j].lower_ in _CONTRAST) and j >= a - 3:
        j -= 1
    return doc[j + 1].idx if j + 1 < a else doc[a].idx
