"""Who speaks when the parse does not say it plainly: the subject of a finite cue verb the parser left
without one (``..., Ohio, Brenda Johnson also railed``, ``Sen. X (D-Mass.) said``, ``..., her adviser,
Jake Y, said``), read from the words right before the verb (used by
:func:`newsgraph.quotes.reported.subject_of`); the named issuer of a document that is an ``according
to`` source (``a recent report from X``, ``a court document filed by X``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def orphan_subject(verb: Token) -> Token | None:
    """The noun right before a finite verb with no subject, past adverbs and auxiliaries; a name
    before a party label in parentheses; the name an apposition describes or that is one."""
    # a finite verb the parser left without a subject ("..., Ohio, Brenda Johnson also
    # railed"): the noun right before it, past adverbs and auxiliaries
    j = verb.i - 1
    while j >= verb.sent.start and verb.doc[j].dep_ in ("advmod", "aux", "neg") and j > verb.i - 4:
        j -= 1
    k = next((k for k in range(j - 1, max(verb.sent.start, j - 7), -1) if verb.doc[k].text == "("), 0)
    if verb.doc[j].text == ")" and k > verb.sent.start and verb.doc[k - 1].pos_ == "PROPN" \
            and verb.doc[k - 1].ent_type_ not in ("DATE", "TIME"):
        return verb.doc[k - 1]  # "... Sen. X (D-Mass.) said": the name before the party label
    if j > verb.sent.start and verb.doc[j].text == "," and verb.doc[j - 1].dep_ == "appos" \
            and verb.doc[j - 1].head.pos_ == "PROPN" and verb.doc[j - 1].head.i < j - 1:
        # "..., Senator X, the majority leader, said": the name the apposition describes
        return verb.doc[j - 1].head
    if j > verb.sent.start and verb.doc[j].text == "," and verb.doc[j - 1].dep_ == "appos" \
            and verb.doc[j - 1].ent_type_ == "PERSON":
        return verb.doc[j - 1]  # "In a statement to X, her adviser, Jake Y, said": the name
    if j >= verb.sent.start and verb.doc[j].pos_ in ("PROPN", "NOUN", "PRON") \
            and verb.doc[j].dep_ in ("pobj", "dobj", "appos", "npadvmod", "dep") \
            and verb.doc[j].ent_type_ not in ("DATE", "TIME"):  # "on Tuesday wrote"
        return verb.doc[j]
    return None


def issuer(src: Token) -> Token | None:
    """The named issuer of a source that is a document (``a recent report from X``, ``a court document
    filed by X``): the object of ``by``/``from``, on the noun or on a participle after it."""
    if src.pos_ != "NOUN":
        return None
    preps = [c for c in src.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
    preps += [g for c in src.children if c.dep_ == "acl" and c.tag_ == "VBN" for g in c.children
              if g.dep_ == "agent" or g.dep_ == "prep" and g.lower_ == "by"]
    for p in preps:
        obj = next((g for g in p.children if g.dep_ == "pobj"), None)
        if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")):
            return obj
    return None


def with_issuer(src: Token, span: tuple[int, int], hi: int) -> tuple[int, int]:
    """The source mention ``span`` (tokens) of ``according to <src>``, stretched over the document's
    named issuer when there is one before token ``hi`` (``a recent report from X``)."""
    by = issuer(src)
    if by is not None and by.right_edge.i < hi:
        return span[0], max(span[1], by.right_edge.i + 1)
    return span
