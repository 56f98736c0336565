"""Readings of a trigger that report no event, whatever the dictionary says (issue 14).

Small, general checks on the parse, applied by the coder before it builds an event:

- **generic clauses**: a verb in a relative clause on "anything", "whatever", "everyone" ("will do
  anything you ask") states no act; a present-tense stance verb in a relative clause describes a
  group ("the activists who oppose the war") rather than reporting a rejection; a gerund that is
  the subject of a clause names an activity in general ("meeting with them was part of the
  process");
- **wishes are no promises**: "eager to withdraw", "keen to talk" state what someone wants, not an
  offer or commitment, so no AGREE is made of them (PLOVER's AGREE covers offers, promises and
  stated readiness: "willing to provide", "ready to contribute").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

INDEFINITES = frozenset("""anything everything something whatever whichever anyone anybody everyone
everybody whoever nothing""".split())
STANCE_VERBS = frozenset("oppose support back favor favour resist defy reject".split())
DESIRES = frozenset("eager keen hope want wish desire aspire anxious impatient long".split())
SUBJECT_DEPS = frozenset({"csubj", "nsubj", "nsubjpass", "csubjpass"})


def generic_reason(tok: "Token") -> str | None:
    """Why the verb trigger ``tok`` reports no event (or None when it may)."""
    if tok.dep_ == "relcl":
        head = tok.head
        if head.lower_ in INDEFINITES:
            return "generic: a relative clause on an indefinite ('anything you ask')"
        if (tok.lemma_.lower() in STANCE_VERBS and tok.tag_ in ("VBP", "VBZ")
                and not any(c.dep_ in ("aux", "auxpass", "neg") for c in tok.children)):
            return "generic: a stance describing a group ('those who oppose the war')"
    if tok.tag_ in ("VBG", "NN") and tok.dep_ in SUBJECT_DEPS and not any(
            c.dep_ in ("nsubj", "poss", "aux", "det", "nummod") for c in tok.children) and (
            tok.tag_ == "VBG" or tok.head.lemma_ == "be"):
        # "meeting them was useful", "meeting with the rebels was part of it": an activity in general
        return "generic: a gerund as a clause's subject ('meeting them was useful')"
    return None


def is_wish(governor: "Token | None") -> bool:
    """The word that made an event future is a wish ("eager to", "hopes to"), not a promise."""
    return governor is not None and governor.lemma_.lower() in DESIRES


# ----------------------------------------------------------------- gate checks (called by gate.reject_reason)

NO_AID_OBJECTS = frozenset("""documentation evidence proof opportunity chance platform insight glimpse look
reason example context clarity""".split())  # photographs and intelligence given to a state stay AID


def _about(tok: "Token") -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "about" for c in tok.children) or any(
        c.dep_ == "dobj" and any(g.dep_ == "prep" and g.lower_ == "about" for g in c.children) for c in tok.children)


def _question_asked(tok: "Token") -> bool:
    """ "asked about the talks", '"Is it over?" she asked': a question, not an appeal."""
    if any(c.dep_ == "xcomp" for c in tok.children):
        return False  # "asked the minister to resign"
    before = [t for t in tok.doc[max(0, tok.i - 3):tok.i] if not (t.is_space or t.is_quote)]
    if before and before[-1].text == "?" and not any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
        return True  # '"…?" asked one farmer': a cue after the question, its subject parsed as an object
    if _about(tok):
        return True  # "asked about the talks", "asked Morrison about his concerns"
    if any(c.dep_ == "dobj" for c in tok.children):
        return False  # "asked them for help"
    for c in tok.children:
        if c.dep_ == "ccomp" and any(t.text == "?" for t in c.subtree):
            return True
    # the question quoted before its cue: '"…?" Schiff asked' (parsed apart from the verb)
    left = min([tok.i] + [t.i for c in tok.children if c.dep_ == "nsubj" for t in c.subtree])
    prev = [t for t in tok.doc[max(0, left - 3):left] if not t.is_space]  # (the parser may split the quote off)
    return any(t.text == "?" for t in prev) and not any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)


def _let_go_elsewhere(tok: "Token") -> bool:
    """ "Let them go to Astana" (a destination), "Let the men go!" (an imperative: no subject): no
    one said to have released anyone."""
    go = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() == "go"), None)
    if go is None:
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("to", "into", "home", "abroad") or c.dep_ == "advmod"
           and c.lower_ in ("home", "abroad", "there", "ahead") for c in go.children):
        return True
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and tok.tag_ == "VB"


def _second_person(tok: "Token") -> bool:
    """ "allows you to choose", "offers you a discount": product copy or advice to the reader."""
    for c in tok.children:
        if c.dep_ in ("dobj", "dative") and c.lower_ in ("you", "yourself"):
            return True
        if c.dep_ in ("xcomp", "ccomp") and any(g.dep_ == "nsubj" and g.lower_ == "you" for g in c.children):
            return True
    return False


ANIMALS = frozenset("""animal rabbit hare deer bird chicken hen duck goose pig boar cow cattle sheep goat
horse dog cat rat mouse bat fish shark whale dolphin snake crocodile alligator lion tiger elephant
monkey wolf fox squirrel insect mosquito""".split())
HAZARDS = frozenset("""air quality weather flood storm fire wildfire heat smog pollution tsunami tornado
hurricane health travel amber snow ice frost drought avalanche""".split())
VISIT_WORDS = frozenset("visit trip tour stop".split())


def _place_inside_country(a) -> bool:
    """A target resolved to a country only because it is a place in it (a state, a province, a town):
    not a capital standing for its government ("a trip to Beijing" is CHNGOV) and not the country."""
    if a.sector or a.kind == "organisation" or a.kind == "person" and len(a.text.split()) > 1:
        return False  # a capital for its government, a person's full name
    from ..actors.places import lookup_place

    place = lookup_place(a.text[4:] if a.text.lower().startswith("the ") else a.text)
    return place is not None and place.precision in ("region", "city")


def sense_reason(ev, tok: "Token | None", armed) -> str | None:
    """Why ``ev`` (its trigger token ``tok``) is no political event on a reading of the parse."""
    if tok is None:
        return None
    lemma = tok.lemma_.lower()
    if ev.type == "REQUEST" and lemma in ("ask", "inquire", "enquire", "wonder") and _question_asked(tok):
        return "a question asked, not a request"
    if lemma == "let" and ev.mode == "release" and _let_go_elsewhere(tok):
        return "'let them go to X' or 'let X go!': a permission or an appeal, not a release"
    if ev.type == "PROTEST" and lemma == "take" and ev.source and all(armed(a) for a in ev.source):
        return "armed forces on the streets, not a protest"  # "the army took to the streets to clear them"
    if ev.type in ("AID", "AGREE") and lemma in ("provide", "give", "offer"):
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None and tok.dep_ in ("relcl", "acl") and tok.head.pos_ == "NOUN":
            obj = tok.head  # "the documentation he provided"
        if obj is not None and obj.lemma_.lower() in NO_AID_OBJECTS:
            return "a document, image or opportunity handed over, not aid"
    if ev.type == "CONSULT" and ev.mode in ("visit", "multilateral") and lemma in VISIT_WORDS and ev.target and all(
            _place_inside_country(a) for a in ev.target):
        return "a visit to a place inside a country, not to an actor"  # "visited Nevada and Iowa"
    if ev.type == "ASSAULT" and lemma in ("strike", "hit") and (
            any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children)
            or any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in tok.children)
            and not any(c.dep_ == "dobj" for c in tok.children)):
        return "an impression ('struck me as odd', 'it is striking that'), not an attack"
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objs:  # "killed and ate a rabbit": the object of the conjoined verb
        objs = [g for c in tok.children if c.dep_ == "conj" for g in c.children if g.dep_ == "dobj"]
    if ev.type == "ASSAULT" and objs and all(o.lemma_.lower() in ANIMALS for o in objs):
        return "an animal killed, not an assault"
    if ev.type == "MOBILIZE" and tok.pos_ == "NOUN" and any(
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in HAZARDS for c in tok.children):
        return "a hazard alert (air quality, weather), not a mobilisation"
    if _second_person(tok):
        return "addressed to 'you' (product copy or advice)"
    return None
