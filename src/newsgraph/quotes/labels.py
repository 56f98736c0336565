"""Attributions without a cue verb.

* **Labels**: a headline or transcript line ``Name: content``
  (``Lynch: No outside influence on FBI probe``, ``TAPPER: Specifically, ...``):
  a short label naming a source, a colon, and the rest of the line.
* **Noun cues**: a speech or belief noun with a complement clause
  (``Trump's claim that ...``, ``his warning that ...``, ``the argument by X
  that ...``); the source is the possessor or the ``by``/``from``/``of`` object.

Both give :class:`~newsgraph.quotes.reported.Reported` records, so they go
through the same mixed/direct handling as reported speech.  The words come
from ``cues.yaml`` (``label_skip``, ``nouns``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsgraph.quotes.lexicon import Lexicon
from newsgraph.quotes.reported import Reported, np_bounds, trim_chars

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_LINE_RE = re.compile(r"[^\n]+")
_LABEL_MAX_WORDS = 6
_LABEL_MAX_CHARS = 60


def find_labels(doc: Doc, text: str, lex: Lexicon, skip_token: list[bool], starts: list[int]) -> list[Reported]:
    """``Label: content`` lines (one pass over the lines)."""
    import bisect

    out: list[Reported] = []
    for m in _LINE_RE.finditer(text):
        ls, le = m.start(), m.end()
        colon = text.find(":", ls, min(le, ls + _LABEL_MAX_CHARS))
        if colon < 0:
            continue
        label = text[ls:colon].strip()
        words = label.split()
        if not words or len(words) > _LABEL_MAX_WORDS or not label[:1].isupper():
            continue
        if label.lower().strip(" .'\u2019s") in lex.label_skip or words[0].lower().strip(",.;") in lex.label_skip:
            continue
        cs, ce = trim_chars(text, colon + 1, le)
        if len(text[cs:ce].split()) < 3 or text[colon + 1 : colon + 2].isdigit():
            continue
        a = bisect.bisect_left(starts, ls)
        k = bisect.bisect_left(starts, colon)
        if k >= len(doc) or doc[k].idx != colon or doc[k].text != ":" or k <= a:
            continue  # "2:40 p.m.", "http://..."
        toks = [doc[j] for j in range(a, k)]
        if any(skip_token[t.i] for t in toks) or skip_token[k]:
            continue
        if any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in toks) or not any(
                t.pos_ == "PROPN" or (t.is_upper and len(t.text) > 1) for t in toks):
            continue  # "He added:" is a cue verb's business; "The point:" names nobody
        spk_s, spk_e = a, k
        while spk_s < spk_e and (doc[spk_s].is_punct or doc[spk_s].is_space):
            spk_s += 1
        if spk_e <= spk_s:
            continue
        out.append(Reported(cue_start=k, cue_end=k + 1, pieces=[(cs, ce)], speaker=(spk_s, spk_e), origin="label"))
    return out


def find_noun_cues(doc: Doc, text: str, lex: Lexicon, skip_token: list[bool], names: set[int]) -> list[Reported]:
    """``<source>'s claim that <clause>`` and friends."""
    out: list[Reported] = []
    nouns = lex.cue_nouns
    for tok in doc:
        if tok.pos_ != "NOUN" or skip_token[tok.i]:
            continue
        lemma = tok.lemma_.lower()
        if lemma in lex.noun_objects:
            r = _noun_object(doc, text, tok, lex.noun_objects[lemma], names)
            if r is not None:
                out.append(r)
                continue
        if lemma not in nouns:
            continue
        clause = None
        for c in tok.rights:
            if c.dep_ in ("acl", "ccomp", "relcl", "appos") and any(
                    g.dep_ == "mark" and g.lower_ == "that" and g.i == c.left_edge.i for g in c.children):
                clause = c
                break
        if clause is None:
            continue
        src = None
        for c in tok.children:
            if c.dep_ == "poss" and c.lower_ not in ("its",):
                src = c
            elif c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of") and c.i < clause.i:
                po = [x for x in c.children if x.dep_ == "pobj"]
                if po and po[0].pos_ in ("PROPN", "PRON", "NOUN"):
                    src = po[0]
        if src is None:
            # "X made/issued/repeated the claim that ..." -- the subject of the governing verb
            head = tok.head
            if tok.dep_ in ("dobj", "pobj") and head.pos_ in ("VERB", "ADP"):
                v = head if head.pos_ == "VERB" else head.head
                if v.pos_ in ("VERB", "AUX"):
                    for c in v.children:
                        if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "PRON", "NOUN"):
                            src = c
        s = clause.left_edge.i + 1  # after "that"
        e = clause.right_edge.i + 1
        if e - s < 3:
            continue
        cs = doc[s].idx
        ce = doc[e - 1].idx + len(doc[e - 1].text)
        cs, ce = trim_chars(text, cs, ce)
        while ce > cs and text[ce - 1] in ".!?;,":
            ce -= 1
        if ce - cs < 12:
            continue
        spk = np_bounds(src, names=names) if src is not None else None
        out.append(Reported(cue_start=tok.i, cue_end=tok.i + 1, pieces=[(cs, ce)], speaker=spk, origin="noun"))
    return out


def _noun_object(doc: Doc, text: str, noun, preps: frozenset[str], names: set[int]) -> Reported | None:
    """``Trump's support for X``, ``her criticism of Y``: a possessor speaks about
    the prepositional object."""
    poss = [c for c in noun.children if c.dep_ == "poss" and c.lower_ not in ("its",)]
    if not poss:
        return None
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ in preps:
            obj = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
            if not obj:
                return None
            a, b = obj[0].left_edge.i, obj[0].right_edge.i + 1
            cs, ce = trim_chars(text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
            if ce - cs < 4:
                return None
            return Reported(cue_start=noun.i, cue_end=c.i + 1, pieces=[(cs, ce)],
                            speaker=np_bounds(poss[0], names=names), origin="noun")
    return None
