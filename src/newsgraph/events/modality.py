"""Modality and negation of an event trigger, read off the dependency parse.

``modality``: ``asserted`` | ``future`` | ``hypothetical`` | ``requested``.
Sources of modality, in order: the trigger's own modal auxiliary ("will",
"could", "must"; "would" is future when reported, else hypothetical), a
conditional marker ("if", "unless"), and the word governing the trigger's
clause (``governors`` in ``data/modality.yaml``: "plans to", "ready to",
"called for", "refused to", "the decision to").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .patterns import Patterns

NEGATORS = {"not", "n't", "never", "no", "neither", "nor"}
NEGATIVE_SUBJECTS = {"nobody", "noone", "none", "nothing", "neither"}  # "nobody asked us"
NO_TIME = {"time", "point", "stage", "way", "means", "circumstance", "circumstances"}
COMPLEMENT_DEPS = {"xcomp", "ccomp", "acl", "advcl", "pcomp", "relcl"}


@dataclass
class Modality:
    negated: bool = False
    modality: str = "asserted"
    governor: "Token | None" = None  # the word that set the modality, if any
    modal: "Token | None" = None  # the modal auxiliary, if any
    conditional: bool = False  # an if/unless clause hangs from the trigger
    borrowed: bool = False  # a noun's modality taken from the verb it depends on (no intent of its own)


def _negative_subject(c: "Token") -> bool:
    if c.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if c.lower_ in NEGATIVE_SUBJECTS:
        return True
    if any(g.dep_ == "preconj" and g.lower_ == "neither" for g in c.children):
        return True  # "neither the House nor the Senate provided"
    if c.lower_ == "one" and any(g.lower_ == "no" for g in c.children):  # "no one"
        return True
    return any(g.dep_ in ("det", "preconj") and g.lower_ in ("no", "neither")
               for g in c.children)  # "no country offered", "neither ministry gave details"


def is_question(tok: "Token") -> bool:
    """The trigger's sentence is a direct question ("Did the army attack?")."""
    sent = tok.sent
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in ('"', "”", "’", "'", ")")), None)
    return last is not None and last.text == "?"


def is_negated(tok: "Token") -> bool:
    for c in tok.children:
        if _negative_subject(c):
            return True
        if c.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children):
            return True  # "gave no details", "sent no troops"
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in ("never", "no")):
            return True
        if c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
            return True
        if c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lemma_.lower() in NO_TIME and any(
                d.dep_ == "det" and d.lower_ == "no" for d in g.children) for g in c.children):
            return True  # "at no time did he ask", "in no way supported"
    return False


def is_reported(tok: "Token", P: "Patterns") -> bool:
    """Is the clause of ``tok`` the complement of a reporting verb?"""
    head = tok
    for _ in range(3):
        if head.dep_ in ("ccomp", "xcomp", "conj") and head.head.i != head.i:
            head = head.head
            if head.lemma_.lower() in P.say_verbs:
                return True
        else:
            return False
    return False


def modality_of(tok: "Token", P: "Patterns") -> Modality:
    m = Modality(negated=is_negated(tok))
    if is_question(tok):
        m.modality = "hypothetical"  # a question asserts nothing
        return m
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD" or c.dep_ == "aux" and c.lower_ in P.future_modals:
            low = c.lower_
            m.modal = c
            if low in P.future_modals or low == "wo":
                m.modality = "future"
            elif low in ("would", "'d"):
                m.modality = "future" if is_reported(tok, P) else "hypothetical"
            elif low in P.hypothetical_modals:
                m.modality = "hypothetical"
            elif low in P.requested_modals:
                m.modality = "requested"
        elif c.dep_ == "mark" and c.lower_ in P.hypothetical_marks and tok.dep_ == "advcl":
            m.modality = "hypothetical"
        elif c.dep_ == "mark" and c.lower_ in ("whether", "if") and tok.dep_ == "ccomp":
            m.modality = "hypothetical"  # an indirect question: "could not verify whether Russia attacked"
        elif c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "unless" for g in c.children):
            m.conditional = True
        elif c.dep_ == "aux" and c.lower_ == "to" and tok.dep_ == "xcomp" and tok.head.lemma_ == "go":
            m.modality = "future"
    # a copula's modal sits on the adjective: "is ready to", "would be willing to"
    if m.modality != "asserted":
        return m
    if tok.head.i == tok.i:
        return m
    dep = tok.dep_
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    gov = tok.head
    if dep == "pcomp" and gov.dep_ == "prep":
        gov = gov.head  # "accused X of violating", "a proposal for signing"
    elif dep == "pobj" and tok.tag_ == "VB" and gov.lower_ == "to" and gov.head.i != gov.i:
        # an infinitive the parser hung from "to" as a preposition ("threatening to assault")
        dep, infinitive, gov = "xcomp", True, gov.head
    if dep == "xcomp" and infinitive and gov.lemma_ == "be":
        # "it was not possible to verify", "it is unlikely to happen": the adjective governs
        adj = next((c for c in gov.children if c.dep_ == "acomp" and c.lemma_.lower() in P.governors), None)
        gov = adj if adj is not None else gov
    if dep in COMPLEMENT_DEPS:
        g = P.governors.get(gov.lemma_.lower())
        if gov.lemma_.lower() == "go" and gov.tag_ != "VBG":
            g = None  # "going to" is future, "went on to" is not
        if dep == "ccomp" and any(c.dep_ == "nsubjpass" and c.lower_ != "it" for c in gov.children):
            g = None  # "Noel is charged with five counts; Thomas is charged with three": no speech verb
        if g == "asserted" and gov.pos_ == "NOUN":
            det = next((c.lower_ for c in gov.children if c.dep_ == "det"), None)
            if det in ("any", "no"):  # "no knowledge of any efforts to urge": none is reported
                g = "hypothetical"
        if g is not None and (dep != "advcl" or infinitive or g == "negated"):
            m.governor = gov
            if g == "negated":
                m.negated = not m.negated
            else:
                m.modality = g
        elif infinitive and dep in ("advcl", "acl", "relcl"):
            m.modality = "hypothetical"  # purpose: "blocked roads to demand reforms"
            m.governor = gov
    if dep == "xcomp" and gov.pos_ == "ADJ" and gov.dep_ == "acomp" and is_negated(gov.head):
        m.negated = not m.negated  # "police are not able to end the violence"
    if dep == "conj" and tok.tag_ == "VB" and gov.tag_ != "VB" and not any(
            c.dep_ in ("aux", "nsubj", "nsubjpass") for c in tok.children):
        # "threatening to assault and kill X" parsed with "kill" on "threatening": a bare verb after
        # the governor's own to-infinitive is that infinitive's conjunct
        inf = next((c for c in gov.children if c.dep_ == "xcomp" and c.i < tok.i
                    and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
        if inf is not None:
            return modality_of(inf, P)
    mismatch = dep == "conj" and tok.tag_ != "VBN" and any(c.dep_ in ("nsubjpass", "auxpass") for c in gov.children) and not any(
        c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)  # active conjunct of a passive: misattached
    # (a participle shares the passive: "should be impeached and removed")
    if m.modality == "asserted" and dep in ("xcomp", "conj") and gov.pos_ in ("VERB", "AUX", "ADJ") and not mismatch:
        if gov.pos_ == "ADJ" and gov.dep_ == "acomp" and gov.head.i != gov.i:
            gov = gov.head  # "will be able to reach": the modal sits on the copula
        inherited = modality_of(gov, P)
        if inherited.modality != "asserted":
            m.modality = inherited.modality
            m.governor = inherited.governor or gov
            m.modal = inherited.modal
            m.conditional = m.conditional or inherited.conditional
    return m


# ----------------------------------------------------------------- nominal events

GOAL_PREPS = frozenset("for toward towards".split())


def _governing_verb(tok: "Token") -> "Token | None":
    """The verb a noun is the goal of: "would pave the way *for* talks", "could open the door for
    talks", "will prepare for an offensive". Only a goal ("for", "toward") borrows the verb's
    modality: an object may name a real event the verb acts on ("urged them to halt the attacks")."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in GOAL_PREPS or tok.head.dep_ != "prep":
        return None
    h = tok.head.head
    if h.pos_ in ("NOUN", "PROPN") and h.dep_ in ("dobj", "nsubjpass"):
        h = h.head  # "the way", "the door", "the ground"
    return h if h.pos_ in ("VERB", "AUX") else None


def _noun_modality(tok: "Token", P: "Patterns") -> Modality:
    """A nominal event takes the modality of the word it depends on: "the
    need for dialogue", "plans for an offensive"."""
    while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i != tok.i:
        tok = tok.head  # "would cover water releases, the withdrawal of troops": the first conjunct's word
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    from .gate import gate_words  # (gate imports nothing of this module)

    if tok.dep_ == "dobj" and head.lemma_.lower() in gate_words()["patient_verbs"]:
        return modality_of(head, P)  # "would face sanctions", "did not suffer an attack"
    g = P.governors.get(head.lemma_.lower()) if head.i != tok.i else None
    verb = _governing_verb(tok) if g is None else None
    if verb is not None:
        # the verb's own modality: "the swap would pave the way for talks", "hopes to reach an agreement"
        inherited = modality_of(verb, P)
        stated = inherited.modal is not None or inherited.conditional or (
            inherited.governor is not None and inherited.governor.lemma_.lower() in P.governors)
        if inherited.modality != "asserted" and stated:  # not a purpose clause: "flew in to attend talks"
            return Modality(modality=inherited.modality, governor=inherited.governor or head, modal=inherited.modal,
                            conditional=inherited.conditional, borrowed=True)
    if g is None or g == "asserted":
        return Modality()
    if g == "negated":
        return Modality(negated=True, governor=head)
    return Modality(modality=g, governor=head)
