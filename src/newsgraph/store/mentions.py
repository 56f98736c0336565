"""An actor's surface forms split into its aliases (its own named mentions) and the phrases it is
referred to by (role nouns such as "the minister", "the spokesman").

Quotes and events store the mention their stage resolved ("He said", "the Kazakh minister told"),
which is how the text refers to someone, not a name of theirs: listing "He, she, the spokesman" as
aliases read as if the actor were called so, and a pronoun or role resolved to the wrong person
showed up as that person's name. Pronouns are neither aliases nor references.
"""

from __future__ import annotations

import re
import unicodedata

PRONOUNS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them their theirs "
    "who whom whose which that this these those one himself herself itself themselves".split())
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_DETS = frozenset({"the", "a", "an"})


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def _name_words(text: str) -> set[str]:
    """The words of a name, folded ("Kasim-Jomart" gives "kasim-jomart", "kasim", "jomart")."""
    out: set[str] = set()
    for w in _WORD.findall(text or ""):
        f = _fold(w)
        if len(f) > 1 and f not in _DETS:
            out.add(f)
            out.update(p for p in re.split(r"[-'’]", f) if len(p) > 1)
    return out


def is_pronoun(text: str) -> bool:
    words = [_fold(w) for w in _WORD.findall(text or "")]
    return bool(words) and all(w in PRONOUNS for w in words)


def split_mentions(actor: dict, forms: dict[str, int], named: set[str]) -> tuple[dict[str, int], dict[str, int]]:
    """(aliases, referred) of ``actor`` from ``forms`` (surface form -> count). ``named`` holds the
    forms that an entity tagger gave a name label (not the agent nouns of the dictionaries).
    An alias shares a word with the actor's name, or (an actor other than a person: "the Kremlin" for
    the Russian government) is a named entity; a person's named mention always holds a word of the
    person's name. Pronouns are dropped; every other form is a reference ("the Uzbek minister")."""
    name_words = _name_words(actor.get("name") or "")
    person = actor.get("kind") == "person"
    aliases: dict[str, int] = {}
    referred: dict[str, int] = {}
    for text, n in forms.items():
        if not text or is_pronoun(text):
            continue
        own = bool(_name_words(text) & name_words) if name_words else False
        if own or (not person and text in named and any(c.isupper() for c in text)):
            aliases[text] = aliases.get(text, 0) + n
        else:
            text = _sentence_case(text)  # "The minister" at a sentence's start is "the minister"
            referred[text] = referred.get(text, 0) + n
    return aliases, referred


def _sentence_case(text: str) -> str:
    """A reference with its first word lower-cased when that word is a capitalised determiner
    ("The minister" -> "the minister"), so one role noun is listed once, whatever its position."""
    first, sep, rest = text.partition(" ")
    return first.lower() + sep + rest if first.lower() in _DETS and first[:1].isupper() else text


__all__ = ["PRONOUNS", "is_pronoun", "split_mentions"]
