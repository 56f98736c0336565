"""Who holds a quotation when the cue's subject is missing or names no one.

Small repairs of the speaker mention found at the cue: the issuer of a document or the user of an
object (``X issued a statement saying ...``, ``X used his speech to call for ...``), the name after a
date read as the subject (``Tuesday in Ohio, former governor X said``), an inverted cue opening its
sentence (``Continued X: "..."``), a participle opening its sentence (``Adding, "..."``), and the
noun phrase in the gap between a quote and its cue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsgraph.quotes.reported import named_speaker, np_bounds, speaker_span, subject_of
from newsgraph.quotes.statement import object_holder

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from newsgraph.quotes.lexicon import Lexicon


def fallback_speaker(doc: Doc, lo: int, hi: int, cue: int, names: set[int]) -> tuple[int, int] | None:
    """A noun phrase in the gap when the parse gives no subject: the first one
    before the cue (``," Ramos, 58, told AFP``), else the first after it
    (``," said the expert``)."""
    best = None
    for j in list(range(lo, cue)) + list(range(cue + 1, hi)):
        t = doc[j]
        if t.is_punct or t.like_num or t.ent_type_ in ("DATE", "TIME"):
            continue
        if t.pos_ in ("PRON", "PROPN", "NOUN") and t.lower_ not in ("it", "this", "that"):
            best = j
            break
    if best is None:
        return None
    head = doc[best]
    while head.head.i != head.i and lo <= head.head.i < hi and head.dep_ in ("compound", "flat", "amod", "det"):
        head = head.head
    s, e = np_bounds(head, names=names)
    return max(s, lo), min(e, hi)




def inverted_or_previous(doc: Doc, verb: Token, hi: int, names: set[int], skip: list[int]):
    """The speaker of a cue verb opening its sentence with no subject: a name right after it
    (``Continued Stone: "..."``), or, for a participle (``Adding, "..."``), the subject of the
    sentence before."""
    if verb.i != verb.sent.start and not doc[verb.sent.start : verb.i].text.strip(" \n\"'\u201c\u201d") == "":
        return None
    end = verb.i + 1
    while end < hi and (doc[end].is_title or doc[end].pos_ == "PROPN" or end in names) and skip[end] < 0:
        end += 1
    if verb.i + 1 < end <= verb.i + 4 and end < hi and doc[end].text in (":", ","):
        return verb.i + 1, end
    if verb.tag_ == "VBG" and verb.i > 0:
        prev = doc[verb.i - 1].sent
        subj = subject_of(prev.root) if prev.root.pos_ in ("VERB", "AUX") else None
        if subj is not None and skip[subj.i] < 0 and (subj.i in names or subj.pos_ in ("PROPN", "PRON")):
            return speaker_span(subj, names, prev.root)
    return None


def better_holder(doc: Doc, a: int, b: int, cue: tuple[int, int] | None, lex: Lexicon, skip: list[int],
                  names: set[int], mentions) -> tuple[int, int]:
    """The speaker mention ``doc[a:b]``, or a better one when it names no one (see the module)."""
    holder = object_holder(list(doc[a:b]), lex)
    if holder is not None and skip[holder.i] < 0:
        return np_bounds(holder)  # "X used his speech to call for ...": X
    if cue is not None and b - a == 1 and doc[a].ent_type_ in ("DATE", "TIME") and a < cue[0]:
        # "Tuesday in Ohio, ..., former governor X said": the date is no one, the name before the cue is
        j = cue[0] - 1
        while j > a and doc[j].dep_ in ("advmod", "aux", "neg"):
            j -= 1
        at = [(s, e) for s, e, _ in mentions if e == j + 1 and s > a]
        if at:
            return min(at)[0], j + 1
        return named_speaker(doc, doc[cue[0]], (a, b), names) or (a, b)
    return a, b


_DASHES = ("-", "\u2013", "\u2014", "--")


def label_before_colon(doc: Doc, colon: int, lo: int, skip: list[int], names: set[int]) -> tuple[int, int] | None:
    """The speaker of a quotation introduced by a name and a colon that ends a heading or a lead-in:
    ``SOME HEADING - Jane Roe and John Doe: "..."``, ``More from Roe: "..."``, ``From the report:
    "..."`` (token span of the name), else None. ``colon`` is the colon's token index."""
    j, first = colon - 1, colon
    while j >= lo and colon - j <= 7 and skip[j] < 0 and (
            doc[j].pos_ == "PROPN" or j in names or doc[j].lower_ == "and" and first < colon
            or doc[j].text == "." and j > lo and doc[j - 1].pos_ == "PROPN"):
        first, j = j, j - 1
    while first < colon and doc[first].lower_ == "and":
        first += 1
    if first < colon and any(doc[x].pos_ == "PROPN" or x in names for x in range(first, colon)) and j >= lo \
            and (doc[j].text in _DASHES or doc[j].lower_ == "from"):
        return first, colon
    # "From the report:", "More from the study:": the noun phrase after "from"
    for f in range(colon - 1, max(lo, colon - 6) - 1, -1):
        if doc[f].lower_ == "from" and skip[f] < 0:
            if f + 1 < colon and all(doc[x].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "PART") or doc[x].text in ("'s", "\u2019s")
                                     for x in range(f + 1, colon)) and (f == lo or doc[f - 1].lower_ in ("more",)
                                                                       or doc[f - 1].text in _DASHES or doc[f - 1].is_space):
                return f + 1, colon
            break
    return None


def focus_events(doc: Doc, registry: Any, skip: list[int]) -> list[tuple[int, Any]]:
    """(char, person) for each name outside quotation marks that is the subject of a main clause:
    the person a later pronoun refers to (:class:`newsgraph.quotes.speakers.SpeakerResolver`)."""
    events = []
    for s, e, person in registry.mentions:
        tok = doc[e - 1]
        if skip[tok.i] >= 0:
            continue
        t = tok
        for _ in range(3):
            if t.dep_ in ("compound", "flat", "appos", "conj") and t.head.i != t.i:
                t = t.head
            else:
                break
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in ("ROOT", "conj") and not _after_relative(doc, s):
            events.append((doc[s].idx, person))
    return events


def _after_relative(doc: Doc, s: int) -> bool:
    """The name opening at token ``s`` follows a relative pronoun (``... both of whom X has feuded
    with``): the subject of a relative clause, whatever the parse, is not the person in focus."""
    for j in range(s - 1, max(-1, s - 4), -1):
        t = doc[j]
        if t.tag_ in ("WP", "WDT", "WP$") and t.lower_ != "what":
            return True
        if t.pos_ in ("VERB", "AUX") or t.is_sent_start or t.text in (".", ";", ":"):
            return False
    return False
