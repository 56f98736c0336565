"""The people named in one document: :class:`Person` and :class:`PersonRegistry`.

One :class:`Person` per person named in the article (clustered by surname,
canonical name = fullest form), with the title and affiliation read from the
text around the name, and every capitalised token equal to a known surname
recorded as a mention.  :mod:`newsgraph.quotes.speakers` resolves speaker
mentions against this registry.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.nlp import doc_text
from newsgraph.quotes.gender import set_genders
from newsgraph.quotes.lexicon import Lexicon
from newsgraph.quotes.mentions import _clean_name_tokens, _title_words, describe_tokens
from newsgraph.quotes.orgs import PLATFORMS, org_name

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


@dataclass
class Person:
    id: int
    name: str
    surname: str
    title: str | None = None
    affiliation: str | None = None
    name_start: int = 0  # char span of the fullest name mention
    name_end: int = 0
    gender: str | None = None  # "m" | "f" from a given name, an honorific or a role word; None: unknown


class PersonRegistry:
    """The people named in one document."""

    def __init__(self, doc: Doc, lex: Lexicon, *, text: str | None = None) -> None:
        self.doc = doc
        self.text = doc_text(doc) if text is None else text
        self.lex = lex
        self.persons: list[Person] = []
        self.by_surname: dict[str, Person] = {}
        self.mentions: list[tuple[int, int, Person]] = []  # token index start, end, person (sorted)
        self._mention_starts: list[int] = []
        self._kin: dict[str, list[Person]] = {}  # surname -> the different people who bear it
        self._build()

    def _build(self) -> None:
        doc, lex = self.doc, self.lex
        full: dict[int, Person] = {}  # token -> the person of the full name it belongs to
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            toks = _clean_name_tokens(list(ent), lex)
            if not toks or not any(t.text[:1].isupper() for t in toks):
                continue
            if len(toks) == 1 and (toks[0].lower_ in lex.demonyms or toks[0].lower_ in lex.roles):
                continue
            if " ".join(t.lower_ for t in toks) in PLATFORMS or org_name(toks):
                continue  # "posted on Twitter", "Dick Clark Productions": a service, a company
            core = toks
            while len(core) > 1 and (core[-1].text.rstrip(".").lower() in _SUFFIXES or core[-1].is_punct):
                core = core[:-1]  # "James Kennedy Jr.": the surname is Kennedy
            surname = core[-1].text.lower()
            name = self.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)]
            person = self.by_surname.get(surname)
            if person is not None and not _same_person(person.name, name):
                # "Marta Kowalski" and "her mother, Ana Kowalski": one family name, two people
                person = next((q for q in self._kin.get(surname, ()) if _same_person(q.name, name)), None)
                if person is None:
                    person = Person(id=len(self.persons), name=name, surname=surname,
                                    name_start=toks[0].idx, name_end=toks[-1].idx + len(toks[-1].text))
                    self.persons.append(person)
                    self._kin.setdefault(surname, [self.by_surname[surname]]).append(person)
            if person is None:
                person = Person(id=len(self.persons), name=name, surname=surname,
                                name_start=toks[0].idx, name_end=toks[-1].idx + len(toks[-1].text))
                self.persons.append(person)
                self.by_surname[surname] = person
            elif len(name.split()) > len(person.name.split()):
                person.name = name
                person.name_start, person.name_end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            for t in toks:
                full[t.i] = person
            if person.title is None or person.affiliation is None:
                title, aff = self._title_near(toks[0].i, toks[-1].i + 1, ent)
                person.title = person.title or title
                person.affiliation = person.affiliation or aff
        # a name given family name first ("Liu Xiaming" ... "Liu said"): one person
        for p in list(self.persons):
            if " " in p.name:
                continue
            for q in self.persons:
                if q is not p and " " in q.name and q.name.split()[0].lower() == p.surname \
                        and self.by_surname.get(q.surname) is q:
                    self.by_surname[p.surname] = q
                    self.persons.remove(p)
                    q.title, q.affiliation = q.title or p.title, q.affiliation or p.affiliation
                    break
        # every capitalised token equal to a known surname is a mention (NER misses many)
        for t in doc:
            if t.text[:1].isupper() and t.lower_ in self.by_surname:
                p = self.by_surname[t.lower_]
                if t.lower_ in self._kin:
                    # two people share the name: the one whose full name this is; a bare surname stays
                    # with the first one named (the story's subject, as before)
                    p = full.get(t.i) or p
                start = t.i
                while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha \
                        and doc[start - 1].lower_ not in lex.demonyms and doc[start - 1].lower_ not in _title_words(lex) \
                        and start > t.i - 3:
                    start -= 1
                self.mentions.append((start, t.i + 1, p))
        self._mention_starts = [m[0] for m in self.mentions]
        set_genders(self)
        # the words around each person's mentions ("Interior Minister X", "X, the commander of ..."):
        # what a role description ("the minister", "China's ambassador") can match
        self.role_words: dict[int, set[str]] = {}
        for s, e, p in self.mentions:
            words = self.role_words.setdefault(p.id, set())
            j = s - 1
            while j >= max(doc[s].sent.start, s - 7):
                t = doc[j]
                if (t.is_punct and t.text not in ("-", "\u2019s", "'s")) or t.pos_ in ("VERB", "AUX") or t.is_space:
                    break
                words.add(t.lower_)
                j -= 1
            if s - 2 >= doc[s].sent.start and doc[s - 1].text == "," and self._kin_noun(doc[s - 2]):
                # "The victim's mother, Ana Kowalski, said": a family or case role set off before the name
                j = s - 2
                while j >= max(doc[s].sent.start, s - 8):
                    t = doc[j]
                    if (t.is_punct and t.text not in ("-", "\u2019s", "'s")) or t.pos_ in ("VERB", "AUX") or t.is_space:
                        break
                    words.add(t.lower_)
                    j -= 1
            words.update(self._case_role(e - 1))
            if e < len(doc) and doc[e].text == "," and e < doc[e - 1].sent.end:
                j = e + 1
                while j < min(doc[e - 1].sent.end, e + 9):
                    t = doc[j]
                    if t.is_punct and t.text != "-" or t.pos_ in ("VERB", "AUX") or t.is_space:
                        break
                    words.add(t.lower_)
                    j += 1

    def _case_role(self, last: int) -> set[str]:
        """``X was charged``, ``a man, X, was arrested``: X is the suspect; ``X was killed``, ``X died``:
        the victim (verbs in ``roles.yaml``, ``case_roles``), so ``the suspect said`` can find X."""
        t = self.doc[last]
        for _ in range(4):
            if t.dep_ in ("compound", "flat", "appos") and t.head.i != t.i:
                t = t.head
            else:
                break
        if t.dep_ not in ("nsubjpass", "nsubj"):
            return set()
        verb = t.head.lemma_.lower()
        out: set[str] = set()
        for role, verbs in self.lex.case_roles.items():
            passive, active = verbs
            if (t.dep_ == "nsubjpass" and verb in passive) or (t.dep_ == "nsubj" and verb in active):
                out.add(role)
        return out

    def _kin_noun(self, t: Token) -> bool:
        """A noun for a relative or a party to a case ("mother", "victim", "lawyer") that can stand
        before a name set off by a comma; not a document or a body ("In a statement, X said")."""
        return t.pos_ == "NOUN" and t.lower_ in self.lex.apposed_roles

    def _title_near(self, start: int, end: int, ent: Span) -> tuple[str | None, str | None]:
        doc, lex = self.doc, self.lex
        sent_start = ent.sent.start
        # left: "Kazakh President", "President of Belarus", "EurAsEC Director General"
        left: list[Token] = []
        i = start - 1
        tw = _title_words(lex)
        while i >= sent_start and len(left) < 8:
            t = doc[i]
            if t.is_punct and t.text not in ("-",):
                break
            if t.lower_ in tw or t.lower_ in ("of", "the") or t.lower_ in lex.demonyms or \
                    (t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ")):
                left.insert(0, t)
                i -= 1
                continue
            break
        while left and left[0].lower_ in ("of", "the"):
            left.pop(0)
        title, aff = describe_tokens(left, lex)
        if title:
            return _cap(title), aff
        # right apposition: ", president of the Middle East Institute"
        sent_end = ent.sent.end
        if end < sent_end and doc[end].text == ",":
            right: list[Token] = []
            j = end + 1
            while j < sent_end and doc[j].text not in (",", ".", ";", ":", "(", ")") and doc[j].pos_ not in ("VERB", "AUX") \
                    and len(right) < 12:
                right.append(doc[j])
                j += 1
            while right and right[0].lower_ in ("a", "an", "the"):
                right.pop(0)
            t2, a2 = describe_tokens(right, lex)
            if t2 and right and right[0].lower_ in tw:
                return _cap(t2), a2
        return None, aff

    def person_in(self, start: int, end: int) -> Person | None:
        """The last person named within tokens [start, end)."""
        k = bisect.bisect_left(self._mention_starts, start)
        found = None
        while k < len(self.mentions) and self.mentions[k][0] < end:
            m_end = self.mentions[k][1]
            possessive = m_end < end and self.doc[m_end].lower_ in ("'s", "\u2019s", "'", "\u2019")
            if m_end <= end and not possessive:
                found = self.mentions[k][2]
            k += 1
        return found


def _cap(title: str) -> str:
    return title


def _first_words(name: str) -> list[str]:
    return [w.rstrip(".").lower() for w in name.split() if w.rstrip(".").lower() not in _SUFFIXES]


def _same_person(a: str, b: str) -> bool:
    """Two written names of one person: one is a single word, the words of one lie within the other's
    ("Van Der Beek" ~ "James Van Der Beek"), or the first names agree (one may be an initial:
    "J. Smith" ~ "John Smith"). "Marta Kowalski" and "Ana Kowalski" are two people."""
    wa, wb = _first_words(a), _first_words(b)
    if len(wa) < 2 or len(wb) < 2 or set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    fa, fb = wa[0], wb[0]
    return fa == fb or (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))

