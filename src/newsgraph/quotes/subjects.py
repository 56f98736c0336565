"""The subject of a finite cue verb the parser left without one (``..., Ohio, Brenda Johnson also
railed``, ``Sen. X (D-Mass.) said``, ``..., her adviser, Jake Y, said``): read from the words right
before the verb. Used by :func:`newsgraph.quotes.reported.subject_of`."""

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
