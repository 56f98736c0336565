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
