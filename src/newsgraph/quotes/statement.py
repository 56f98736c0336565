"""Is a reported attribution a statement, or a stance?

A quote is a **statement**: someone said or wrote something with propositional content. The
rules and the learned back-up also find **stances** (PolNeAR annotates them): the object of a verb
that is not a statement (``praised the team``, ``called for calm``, ``denied the allegations``), a
thought, feeling or intention (``X believes ...``, ``X wants to ...``, ``X decided to ...``), and
text with nobody behind it. :func:`is_statement` tells them apart by evidence:

* the cue word is a speech word: not in ``not_speech`` of ``cues.yaml``; a cue only the learned
  model knows must be a word of the lists (``say``, ``claim``, ``accuse``, ...);
* the content is a clause (its head is a verb: a finite clause, an infinitive, a gerund, or a noun
  with a gerund or infinitive complement: ``accused China of using ...``, ``urged Vietnam to ...``),
  holds quoted words (a mixed quote), or is what a speech verb was about (``topic_objects`` of
  ``cues.yaml``: ``warned of the danger of clashes``);
* someone holds it: a speaker mention, or a passive speech verb (``he is accused of ...``) or a
  source phrase (``according to ...``).

First- and second-person holders outside quotation marks (``I prefer ...``, ``you will want ...``,
``we called it ...``) are the page's own voice, never quotes (:func:`page_voice`).
A ``Label: text`` line is a statement when the label is a transcript tag (capitals) or the text
speaks for the label (first person, or no clause with a subject of its own: ``Lynch: No outside
influence ...``); ``Julian Assange: Sweden drops inquiry`` is a headline about someone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.quotes.lexicon import Lexicon
from newsgraph.quotes.reported import Reported

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_PAGE_VOICE = {"i", "me", "we", "us", "you"}
_FIRST_PERSON = {"i", "me", "my", "we", "us", "our", "mine", "ours"}
_CLAUSE_DEPS = {"pcomp", "xcomp", "ccomp", "csubj", "advcl", "acl"}


def cue_head(doc: Doc, rep: Reported) -> Token:
    """The content word of the cue (``has said`` -> ``said``, ``did not reveal`` -> ``reveal``)."""
    toks = [doc[i] for i in range(rep.cue_start, min(rep.cue_end, len(doc)))]
    for t in toks:
        if t.pos_ in ("VERB", "NOUN", "ADJ") and t.dep_ not in ("aux", "auxpass", "neg"):
            return t
    return toks[0] if toks else doc[rep.cue_start]


def page_voice(doc: Doc, rep: Reported) -> bool:
    """The holder is ``I``, ``we`` or ``you``: the page speaking."""
    if rep.speaker is None:
        return False
    words = [doc[i].lower_ for i in range(*rep.speaker) if not doc[i].is_punct]
    return len(words) == 1 and words[0] in _PAGE_VOICE


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    out = []
    i = _first_token(doc, start)
    while i < len(doc) and doc[i].idx < end:
        out.append(doc[i])
        i += 1
    return out


def _first_token(doc: Doc, char: int) -> int:
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < char:
            lo = mid + 1
        else:
            hi = mid
    return lo


def clausal(doc: Doc, start: int, end: int) -> bool:
    """Whether the text [start, end) is a clause rather than a noun phrase."""
    toks = _tokens(doc, start, end)
    if not toks:
        return False
    ids = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    for r in roots:
        if r.pos_ in ("VERB", "AUX") or r.tag_ == "VBG":
            return True
    deps = {r.dep_ for r in roots}
    if "oprd" in deps or "dobj" in deps and deps & {"attr", "xcomp", "ccomp"}:
        return True  # "called Trump a fascist": a small clause
    for r in roots:
        for c in r.children:
            if c.i in ids and (c.dep_ in ("oprd", "attr") or c.dep_ == "prep" and c.lower_ == "as"):
                return True  # "portrayed immigrants as criminals", "the deal ... as a giveaway"
            if c.i in ids and c.pos_ in ("VERB", "AUX") and c.dep_ in _CLAUSE_DEPS:
                return True  # "China of using coercion", "the investigation to be resumed"
            if c.i in ids and c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ == "pcomp" and g.pos_ in ("VERB", "AUX"):
                        return True
    return False


def _passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _speech(lemma: str, lex: Lexicon) -> bool:
    return lemma not in lex.not_speech and (
        lemma in lex.all_cue_lemmas or lemma in lex.cue_nouns or lemma in lex.noun_objects)


def is_statement(doc: Doc, text: str, rep: Reported, lex: Lexicon, kind: str) -> bool:
    """Whether ``rep`` (already known to be ``kind`` indirect or mixed) reports a statement."""
    if rep.origin in ("source", "headline"):
        return True  # "according to X", "Clinton Says Russians Hacked DNC"
    if rep.origin == "label":
        return label_statement(doc, text, rep)
    head = cue_head(doc, rep)
    lemma = head.lemma_.lower()
    if lemma in lex.not_speech or head.lower_ in lex.not_speech:
        return False
    if rep.origin == "learned" and not _speech(lemma, lex):
        return False
    if rep.speaker is None and not _passive(head):
        return False  # nobody holds it ("Share it with a friend", "appeared pale")
    if kind == "mixed":
        return True
    return any(clausal(doc, s, e) or _topic_object(doc, s, e, head, lemma, lex) for s, e in rep.pieces)


def _topic_object(doc: Doc, start: int, end: int, head: Token, lemma: str, lex: Lexicon) -> bool:
    """``warned of <noun phrase>``: the object of a speech verb's topic preposition."""
    preps = lex.topic_objects.get(lemma)
    if not preps:
        return False
    for t in _tokens(doc, start, end):
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in preps and t.head.head.i == head.i:
            return True
    return False


def label_statement(doc: Doc, text: str, rep: Reported) -> bool:
    label = [doc[i] for i in range(*rep.speaker)] if rep.speaker else []
    if label and all(t.is_upper or t.is_punct for t in label if t.is_alpha or t.is_punct):
        return True  # a transcript: "TAPPER: ..."
    for s, e in rep.pieces:
        toks = _tokens(doc, s, e)
        if any(t.lower_ in _FIRST_PERSON for t in toks):
            return True
        for t in toks:
            if t.tag_ in ("VBD", "VBZ", "VBP", "MD") and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN") for c in t.children):
                return False  # a headline about the label's person, not their words
    return True
