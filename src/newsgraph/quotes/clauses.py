"""Where a reported clause ends: token-level helpers for :mod:`newsgraph.quotes.reported`.

The parser hangs adverbial clauses, coordinated verbs and closing relative
clauses on the cue verb; these helpers decide which of them belong to the
reported content (``said X, because ...``) and which are the reporter's own
(``..., which includes ...``, ``and added``, ``but he gave no details``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token


def _before_trailing_relative(doc: Doc, a: int, b: int) -> int:
    """End of a reported clause before a closing non-restrictive relative clause
    (``said he supports the bill, which includes ...``): the reporter's aside."""
    j = b - 1
    while j > a and doc[j].is_punct:
        j -= 1
    for k in range(j, a, -1):
        t = doc[k]
        if t.dep_ == "relcl" and t.right_edge.i >= j:
            first = t.left_edge
            if first.i > a + 2 and first.lower_ in ("which", "who", "whom", "whose") and doc[first.i - 1].text == ",":
                return first.i - 1
            break
    return b


def _line_break(doc: Doc, a: int, b: int) -> bool:
    """Is there a line break between tokens ``a`` and ``b``?"""
    return any("\n" in doc[j].text or "\n" in doc[j].whitespace_ for j in range(a, b))


def _finite(doc: Doc, a: int, b: int) -> bool:
    """Do tokens [a, b) hold a clause (a finite verb or a subject)?"""
    return any(doc[j].tag_ in ("VBD", "VBZ", "VBP", "MD") or doc[j].dep_ in ("nsubj", "nsubjpass")
               for j in range(a, b))


def _own_attribution(clause: Token, cues: frozenset[str]) -> bool:
    """An adverbial clause that is an attribution of its own (``..., because he
    worries that ...``, ``..., even as he understands ...``): a cue verb with its
    own subject."""
    return clause.dep_ == "advcl" and clause.lemma_.lower() in cues and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _about_the_speaker(verb: Token, conj: Token) -> bool:
    """``He said X, but he gave no details``: a coordinated clause whose subject is the cue's own
    subject again (a personal pronoun, or the same word) tells what the speaker did, not what they said."""
    subj = [c for c in conj.children if c.dep_ in ("nsubj", "nsubjpass")]
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return False
    if subj[0].lower_ in ("he", "she"):
        return True
    return bool(own) and subj[0].lower_ == own[0].lower_


def _own_clause(verb: Token, cues: frozenset[str]) -> bool:
    """A coordinated verb with a subject of its own that is no cue (``..., but a
    federal judge refused``)."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in cues:
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _clause_tail(verb: Token, comp: Token, end: int, sent_end: int, cues: frozenset[str] | None = None) -> int:
    """Extend a reported clause over what the parser hung on the cue verb after
    it (``said X, because ...``), stopping at a coordinated verb (``and added``)."""
    for child in verb.rights:
        if child.i <= comp.i:
            continue
        if child.dep_ == "cc" and child.i + 1 < sent_end and child.nbor().lower_ == "that":
            continue  # "said that A and that B": one reported content
        if child.dep_ == "conj" and any(g.dep_ == "mark" and g.lower_ == "that" and g.i == child.left_edge.i
                                        for g in child.children) and child.right_edge.i + 1 <= sent_end:
            end = max(end, child.right_edge.i + 1)
            continue
        if child.dep_ == "conj" and cues is not None and _own_clause(child, cues) \
                and child.right_edge.i + 1 <= sent_end and not _about_the_speaker(verb, child):
            # "said X, but a judge refused ...": a clause of its own, not a second cue
            end = max(end, child.right_edge.i + 1)
            continue
        if child.dep_ == "cc" and cues is not None and any(
                c.dep_ == "conj" and c.i > child.i and _own_clause(c, cues) for c in verb.rights):
            continue
        if child.dep_ in ("cc", "conj") or (child.dep_ == "punct" and child.text in (";", ":")):
            break
        if cues is not None and _own_attribution(child, cues):
            break
        if child.dep_ in ("advcl", "prep", "ccomp", "npadvmod", "punct", "dep") and child.right_edge.i + 1 <= sent_end:
            end = max(end, child.right_edge.i + 1)
    return end
