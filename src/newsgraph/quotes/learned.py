"""A learned back-up for cue words the lists in ``cues.yaml`` do not cover.

PolNeAR-style attribution marks stances as well as speech (``X made a case
for ...``, ``X was more upbeat about ...``, ``X's questions about ...``): far
too many phrasings for word lists.  After the rules have run, every verb, noun
and adjective outside quotes and outside the content already found gets a
*candidate* content read off the parse (its complement clause, infinitive,
object or prepositional object); a small logistic model over parse features
(``data/cue_model.json``) decides whether the word attributes that content to
its subject or possessor.

The model is built from PolNeAR *train* only by :mod:`newsgraph.eval.train_cues`
(``python -m newsgraph.eval.train_cues --polnear <train dir>``).  Scoring is a
sum of a few dozen weights per candidate: linear in the document.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsgraph.languages import bundle
from newsgraph.quotes.lexicon import Lexicon
from newsgraph.quotes.reported import Reported, speaker_span, subject_of, trim_chars

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_MODEL_FILE = "cue_model.json"
_TAIL = {"oprd", "xcomp", "ccomp", "acomp", "prep", "dative", "advcl", "attr"}
_MIN_CHARS = 6


class CueModel:
    """Weights of a logistic model over string features (see :func:`features`)."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float) -> None:
        self.weights, self.bias, self.threshold = weights, bias, threshold

    def probability(self, feats: list[str]) -> float:
        w = self.weights
        z = self.bias + sum(w.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def accept(self, feats: list[str], cand: Any) -> bool:
        return self.probability(feats) >= self.threshold

    @classmethod
    def from_json(cls, data: dict) -> CueModel:
        return cls(weights=data["weights"], bias=data["bias"], threshold=data["threshold"])


@lru_cache(maxsize=1)
def default_model() -> CueModel | None:
    """The model shipped in ``data/`` (None when the file is absent)."""
    path = bundle().folder("quotes") / _MODEL_FILE  # the language bundle's quotes folder
    try:
        return CueModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None


def _span_chars(doc: Doc, text: str, a: int, b: int) -> tuple[int, int]:
    s, e = trim_chars(text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
    while e > s and text[e - 1] in ".!?;,":
        e -= 1
    return s, e


def _content(tok: Token) -> tuple[str, int, int, int, Token] | None:
    """(how, first token, end token, cue end token, head) of the content a word would report."""
    rights = list(tok.rights)
    for c in rights:
        if c.dep_ == "ccomp" or (c.dep_ in ("acl", "relcl") and tok.pos_ == "NOUN"
                                 and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)):
            return "clause", c.left_edge.i, c.right_edge.i + 1, tok.i + 1, c
    for c in rights:
        if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.lefts):
            return "inf", c.left_edge.i, c.right_edge.i + 1, tok.i + 1, c
    for c in rights:
        if c.dep_ in ("dobj", "oprd") and tok.pos_ in ("VERB", "AUX"):
            end = c.right_edge.i + 1
            for sib in rights:
                if sib.i > c.i and sib.dep_ in _TAIL:
                    end = max(end, sib.right_edge.i + 1)
                elif sib.i > c.i and sib.dep_ in ("cc", "conj", "punct"):
                    break
            return "obj", c.left_edge.i, end, tok.i + 1, c
    for c in rights:
        if c.dep_ in ("prep", "agent") and c.lower_ not in ("in", "at", "during", "after", "before", "since", "by"):
            obj = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
            if obj:
                return "prep:" + c.lower_, obj[0].left_edge.i, obj[0].right_edge.i + 1, c.i + 1, obj[0]
            return None
    return None


def _source(tok: Token) -> Token | None:
    """The holder: a verb's subject, a noun's possessor, an adjective's subject."""
    if tok.pos_ in ("VERB", "AUX"):
        return subject_of(tok)
    if tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ == "poss":
                return c
        if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
            return subject_of(tok.head)  # "X raised questions about ...", "X took swipes at ..."
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
            return subject_of(tok.head.head)  # "X has come out in support of ..."
        return None
    if tok.dep_ in ("acomp", "oprd") and tok.head is not tok:
        return subject_of(tok.head)
    return None


_PERSONAL = {"i", "we", "you", "he", "she", "they", "who"}


def _holder(src: Token, lex: Lexicon) -> bool:
    """Whether ``src`` can hold a view: a named person, organisation, country or group, a personal
    pronoun, a proper name, or a role noun of ``roles.yaml`` ("officials", "the minister")."""
    if src.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or src.pos_ == "PROPN":
        return True
    if src.pos_ == "PRON":
        return src.lower_ in _PERSONAL
    return src.lemma_.lower() in lex.roles or src.lower_ in lex.roles


def features(tok: Token, src: Token | None, how: str, n_tokens: int, chead: Token | None = None) -> list[str]:
    """String features of a candidate cue word."""
    lem = tok.lemma_.lower()
    head = tok.head
    f = [f"lem={lem}", f"pos={tok.pos_}", f"tag={tok.tag_}", f"dep={tok.dep_}", f"how={how}",
         f"lem|how={lem}|{how}", f"lem|dep={lem}|{tok.dep_}", f"hlem={head.lemma_.lower()}",
         f"hdep={head.dep_}", f"pos|how={tok.pos_}|{how}"]
    for c in tok.children:
        f.append(f"cd={c.dep_}")
        if c.dep_ in ("aux", "neg", "advmod", "prt"):
            f.append(f"c={c.dep_}:{c.lower_}")
        if c.dep_ == "prt":
            f.append(f"lem|prt={lem}|{c.lower_}")
    if tok.pos_ == "ADJ" and head is not tok:
        f.append(f"adj_head={head.lemma_.lower()}")
    if src is None:
        f.append("src=none")
    else:
        f.append(f"src_pos={src.pos_}")
        f.append(f"src_ent={src.ent_type_ or '-'}")
        if src.pos_ == "PRON":
            f.append(f"src_pron={src.lower_}")
        else:
            f.append(f"src_lem={src.lemma_.lower()}")
    if chead is not None:
        f.append(f"ch_pos={chead.pos_}")
        f.append(f"ch_ent={chead.ent_type_ or '-'}")
        f.append(f"lem|ch_pos={lem}|{chead.pos_}")
    bucket = "1" if n_tokens <= 2 else "2" if n_tokens <= 5 else "3" if n_tokens <= 12 else "4"
    f.append(f"len={bucket}")
    f.append(f"how|len={how}|{bucket}")
    f.append(f"lem|len={lem}|{bucket}")
    return f


def candidates(doc: Doc, text: str, skip_token: list[bool], covered: list[tuple[int, int]]):
    """Yield (token, source token, features, content char span, cue end) for each
    word that could report something not covered by ``covered`` (sorted char spans)."""
    import bisect

    starts = [s for s, _ in covered]
    reach: list[int] = []
    best = -1
    for _, e in covered:
        best = max(best, e)
        reach.append(best)

    def inside(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and reach[k] > pos

    for tok in doc:
        if tok.pos_ not in ("VERB", "NOUN", "ADJ") or skip_token[tok.i] or not tok.is_alpha:
            continue
        if inside(tok.idx):
            continue
        found = _content(tok)
        if found is None:
            continue
        how, a, b, cue_end, chead = found
        if b <= a or any(skip_token[j] for j in range(a, b)):  # quoted words are the rules' business
            continue
        s, e = _span_chars(doc, text, a, b)
        if e - s < _MIN_CHARS or inside(s) or inside(e - 1):
            continue
        src = _source(tok)
        yield tok, src, features(tok, src, how, b - a, chead), (s, e), cue_end


def find_learned(doc: Doc, text: str, lex: Lexicon, skip_token: list[bool], names: set[int],
                 found: list[Reported], *, model: Any = None) -> list[Reported]:
    """Attributions the model accepts among words the rules left alone."""
    model = model if model is not None else default_model()
    if model is None or model is False:
        return []
    covered = sorted({p for rep in found for p in rep.pieces}
                     | {(doc[rep.cue_start].idx, doc[rep.cue_end - 1].idx + 1) for rep in found})
    out = []
    last = (-1, -1)  # the latest accepted content: no attribution nested in it
    for tok, src, feats, (s, e), cue_end in candidates(doc, text, skip_token, covered):
        if src is None:
            continue  # nobody to attribute it to
        if last[0] <= tok.idx < last[1] or not model.accept(feats, (tok, s, e)):
            continue  # (train_cues records every candidate here: the model is trained on them all)
        if not _holder(src, lex):
            continue  # nobody who can hold a view ("a convoy of trucks reached ...")
        last = (min(s, tok.idx), e)
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head if tok.pos_ == "ADJ" else None
        spk = speaker_span(src, names, verb) if src is not None else None
        out.append(Reported(cue_start=tok.i, cue_end=max(tok.i + 1, cue_end), pieces=[(s, e)], speaker=spk,
                            origin="learned"))
    return out
