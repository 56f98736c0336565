"""Combining reported-speech findings: nested attributions and quotations a
reported clause runs into."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from newsgraph.quotes.marks import Region
from newsgraph.quotes.reported import Reported, np_bounds, trim_chars

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
    the outer content stops before it; or unless it is a statement of its own, a verb of saying
    with its subject (``Y said X, Z testified``: both records stand)."""
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
        if _nested_statement(doc, rep, outer):
            continue  # "Sondland said X, Morrison testified": one record per source
        dropped.add(n)
    return [rep for n, rep in enumerate(reported) if n not in dropped and all(e > s for s, e in rep.pieces)]


# verbs of saying whose clause is a statement of its own even inside another one's content
_NESTED_CUES = {"say", "tell", "add", "state", "announce", "declare", "write", "tweet", "post", "reply", "respond",
                "explain", "claim", "insist", "argue", "warn", "confirm", "acknowledge", "admit", "report",
                "testify", "allege", "assert", "contend", "deny", "predict", "promise", "vow"}


def _nested_statement(doc: Doc, rep: Reported, outer: Reported) -> bool:
    """Whether ``rep``, whose cue lies in ``outer``'s content, is an attribution of its own: a verb of
    saying with its own subject as speaker (``X said Y, the Times reported``: X's statement and the
    Times' report; ``according to CNN, X said Y``). A participle (``..., saying Y``) inherits a subject
    the parse often gets wrong inside another clause: it stays dropped."""
    if rep.origin != "verb" or rep.speaker is None:
        return False
    cue = doc[rep.cue_start]
    if cue.lemma_.lower() not in _NESTED_CUES:
        return False
    if cue.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("aux", "auxpass") for c in cue.children):
        return False
    a, b = rep.speaker
    return any(c.dep_ == "nsubj" and a <= c.i < b for c in cue.children)


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


def coordinated_speakers(doc: Doc, speaker: tuple[int, int], names: set[int]) -> list[tuple[int, int]]:
    """Mentions coordinated with a speaker mention ("Mayor Tom Bell and Governor Ruth Adler said"):
    each conjunct that names someone, as a token span."""
    a, b = speaker
    root = next((t for t in doc[a:b] if t.head.i < a or t.head.i >= b or t.head.i == t.i), None)
    out = []
    todo = [c for c in root.children if c.dep_ == "conj" and c.i >= b] if root is not None else []
    while todo:
        c = todo.pop(0)
        if c.pos_ in ("PROPN", "NOUN") and (c.i in names or c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "NORP", "GPE")):
            out.append(np_bounds(c, names=names))
            todo += [g for g in c.children if g.dep_ == "conj"]
    return out


def _on_cue_line(text: str, doc: Doc, reported: list[Reported]) -> list[Reported]:
    """Reported content stays on the line of its cue (the parser's sentences
    can run over a line break after a closing quote)."""
    out = []
    for rep in reported:
        pos = doc[rep.cue_start].idx
        ls, le = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
        le = len(text) if le < 0 else le
        pieces = [trim_chars(text, max(s, ls), min(e, le)) for s, e in rep.pieces]
        rep.pieces = [(s, e) for s, e in pieces if e - s >= 3]
        if rep.pieces:
            out.append(rep)
    return out


_PAGE_VOICE = {"i", "we", "you"}
_CLAUSE_OPENERS = {"although", "though", "but", "while", "whereas", "and", "so"}


def _cut_page_voice(doc: Doc, text: str, reported: list[Reported], in_quote: list[bool]) -> None:
    """A reported content stops before a clause the page says in its own voice (``The report claims
    X, although given the source we would not rule out Y``): an ``although``/``but``... clause whose
    subject is ``I``, ``we`` or ``you`` outside quotation marks."""
    starts = [t.idx for t in doc]
    for rep in reported:
        new = []
        for s, e in rep.pieces:
            a, b = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
            cut = e
            for j in range(a + 1, b):
                t = doc[j]
                if t.lower_ not in _PAGE_VOICE or in_quote[j] or t.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                edge = t.head.left_edge.i
                opener = next((k for k in range(max(a + 1, edge - 6), j) if doc[k].lower_ in _CLAUSE_OPENERS
                               and k > a and doc[k - 1].text in (",", ";", "\u2014", "-")), None)
                if opener is not None:
                    cut = min(cut, doc[opener - 1].idx)
                    break
            if cut < e:
                cs, ce = trim_chars(text, s, cut)
                if ce > cs:
                    new.append((cs, ce))
                    continue
            new.append((s, e))
        rep.pieces = new


_OTHER_OPENERS = {"while", "whereas", "but"}
_NAMED = ("PERSON", "ORG", "GPE", "NORP")


def cut_other_holders(doc: Doc, text: str, reported: list[Reported], in_quote: list[bool], lex) -> None:
    """A reported content stops before a clause that reports another named holder's act or words
    (``The UN said the decision changes nothing, while the Arab League condemned the move``): an
    opener after a comma, then a named subject other than the speaker and a cue verb (a stance
    verb too: the stance is no record of its own on pages, so the coordination cut of
    :func:`_outermost` does not see it)."""
    starts = [t.idx for t in doc]
    cues = lex.all_cue_lemmas
    for rep in reported:
        spk = set(range(*rep.speaker)) if rep.speaker else set()
        new = []
        for s, e in rep.pieces:
            a, b = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
            cut = e
            for j in range(a + 2, b):
                t = doc[j]
                if t.lower_ not in _OTHER_OPENERS or doc[j - 1].text != "," or in_quote[j]:
                    continue
                subj = next((c for c in doc[j + 1 : min(b, j + 8)] if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None or subj.i in spk or not (subj.ent_type_ in _NAMED or subj.pos_ == "PROPN"):
                    continue
                if subj.head.lemma_.lower() in cues and subj.head.i < b:
                    cut = doc[j - 1].idx
                    break
            if cut < e:
                cs, ce = trim_chars(text, s, cut)
                if ce - cs >= 3:
                    new.append((cs, ce))
                    continue
            new.append((s, e))
        rep.pieces = new
