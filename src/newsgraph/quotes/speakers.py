"""From a speaker mention to a person: names, pronouns, descriptions, role nouns.

A :class:`PersonRegistry` is built once per document: one :class:`Person` per
person named in the article (clustered by surname, canonical name = fullest
form), with the title and affiliation read from the text around the name.
:class:`SpeakerResolver` then walks the speaker mentions in text order and
resolves each one against what a reader knows at that point:

* a name -> that person;
* ``he``/``she``/``him`` -> the person most recently in focus (subject of a
  main clause or speaker of a quote);
* ``the Kazakh leader``, ``the President of Belarus`` -> the person with that
  affiliation and office;
* ``the analyst``, ``the source`` -> the most recent compatible speaker
  (so the same description can point to different people in one article).

Anything else stays as described (``the Prime Minister of Kyrgyzstan``).
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsgraph.model import Speaker
from newsgraph.quotes.gender import compatible, latest_with
from newsgraph.quotes.lexicon import PRONOUNS_OTHER, PRONOUNS_PERSON, Lexicon
from newsgraph.quotes.mentions import _title_words, describe_tokens
from newsgraph.quotes.orgs import acronyms, apposed_name, expand, org_by_head, org_name, org_noun
from newsgraph.quotes.persons import Person, PersonRegistry, _cap

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

logger = logging.getLogger(__name__)

_HEAD_OF_STATE = {"president", "prime minister", "leader", "premier", "king", "queen", "emir", "chancellor",
                  "head of state", "head"}
_DETS = {"the", "this", "that", "these", "those"}
_ORG_ENTS = {"ORG", "NORP", "GPE"}


@dataclass
class Resolved:
    """The outcome for one mention."""

    name: str | None
    title: str | None = None
    affiliation: str | None = None
    person: Person | None = None
    how: str | None = None  # name | pronoun | description | role | mention
    extent: tuple[int, int] | None = None  # a longer mention (tokens): the description and its set-off name



@dataclass
class _Focus:
    last_person: Person | None = None
    last_speaker: Person | None = None
    recent: list[Person] = field(default_factory=list)  # speakers, most recent last
    seen: list[Person] = field(default_factory=list)  # main-clause subjects and speakers, most recent last
    # an unnamed speaker described by a role ("A police spokesman said ...") after the last person:
    # "He warned ..." next is that speaker, not a person named before
    last_role: "Resolved | None" = None


class SpeakerResolver:
    """Resolve speaker mentions in text order (call :meth:`resolve` with increasing positions)."""

    def __init__(self, doc: Doc, registry: PersonRegistry, lex: Lexicon, *, focus_events: list[tuple[int, Person]],
                 resolver: Any = None, quoted: list[bool] | None = None) -> None:
        self.quoted = quoted  # tokens inside quotation marks: no antecedents there
        self.doc = doc
        self.reg = registry
        self.lex = lex
        self.focus = _Focus()
        self.events = sorted(focus_events, key=lambda e: e[0])
        self._ev = 0
        self.actor_resolver = resolver
        self._unnamed: dict[str, Resolved] = {}
        self._actor_cache: dict[int, Any] = {}
        # organisations that spoke or were the subject of a clause, for "it" and "the statement"
        self._orgs: list[tuple[int, str, str]] = sorted(
            (ent.start_char, _strip_space(ent.text), ent.label_) for ent in doc.ents
            if ent.label_ in _ORG_ENTS and ent.root.dep_ in ("nsubj", "nsubjpass"))
        self._org_spoke: tuple[int, Resolved] | None = None
        self._acronyms = acronyms(doc)  # "CBP" -> "Customs and Border Protection"
        self._person_tokens = {j for s, e, _ in registry.mentions for j in range(s, e)}
        self._last_spoke: tuple[str, int] | None = None  # ("org" | "other", char) of the latest speaker
        self._pos = 0  # token of the mention being resolved

    def resolve(self, start: int, end: int) -> Resolved:
        """Resolve the mention spanning tokens [start, end)."""
        before = self._org_spoke
        found = self._resolve(start, end)
        org = found.person is None and found.name is not None and self._org_spoke is not before
        self._last_spoke = ("org" if org else "other", self.doc[start].idx)
        return found

    def _advance(self, pos: int) -> None:
        while self._ev < len(self.events) and self.events[self._ev][0] < pos:
            self.focus.last_person = self.events[self._ev][1]
            self.focus.seen.append(self.focus.last_person)
            self.focus.last_role = None
            self._ev += 1

    def note_speaker(self, person: Person | None, resolved: "Resolved | None" = None) -> None:
        if person is not None:
            self.focus.last_person = person
            self.focus.last_speaker = person
            self.focus.recent.append(person)
            self.focus.seen.append(person)
            self.focus.last_role = None
        elif resolved is not None and resolved.how in ("description", "mention") and resolved.title:
            self.focus.last_person, self.focus.last_role = None, resolved

    def _resolve(self, start: int, end: int) -> Resolved:
        doc = self.doc
        self._pos = start
        self._advance(doc[start].idx)
        toks = list(doc[start:end])
        person = self.reg.person_in(start, end)
        if person is not None:
            return self._from_person(person, "name")
        words = [t.lower_ for t in toks if not t.is_punct]
        if len(words) == 1 and words[0] in PRONOUNS_PERSON:
            gender = PRONOUNS_PERSON[words[0]]
            p = self._subject_before(start, gender) or self._in_focus(gender)
            if p is not None and words[0] not in ("i", "me"):
                return self._from_person(p, "pronoun")
            role = self.focus.last_role
            if role is not None and words[0] not in ("i", "me"):
                return Resolved(name=role.name, title=role.title, affiliation=role.affiliation, how="pronoun")
            return Resolved(name=None, how="pronoun")
        if len(words) == 1 and words[0] in ("who", "that", "which") and toks[0].head.dep_ == "relcl":
            ante = toks[0].head.head  # "Weaver, who endorsed ..." -> Weaver
            if ante.i < start:
                from newsgraph.quotes.reported import np_bounds

                a, b = np_bounds(ante)
                if b <= start:
                    r = self.resolve(a, b)
                    return Resolved(name=r.name, title=r.title, affiliation=r.affiliation, person=r.person,
                                    how="relative")
        if len(words) == 1 and words[0] in ("it", "its"):
            org = self._latest_org(doc[start].idx)
            return Resolved(name=org, how="pronoun")  # "It has previously said ...": the ministry
        if len(words) == 1 and words[0] in ("they", "them") and self._last_spoke is not None \
                and self._last_spoke[0] == "org" and self._org_spoke is not None \
                and doc[start].idx - self._org_spoke[0] < 600:
            # "Big Machine denied it. '...,' they said": the organisation that just spoke
            return Resolved(name=self._org_spoke[1].name, how="pronoun")
        if len(words) == 1 and words[0] in PRONOUNS_OTHER:
            return Resolved(name=None, how="pronoun")
        core = [t for t in toks if t.is_alpha and t.lower_ not in _DETS]
        owner = [c for c in core[-1].children if c.dep_ == "poss" and start <= c.i < end
                 and (c.pos_ in ("PROPN", "PRON") or c.ent_type_ in _ORG_ENTS)] if core else []
        if owner and core[-1].lemma_.lower() in self.lex.document_nouns:
            # "CBP's guidelines recommend ...", "her letter says ...": whoever issued them
            a = owner[0].left_edge.i if owner[0].left_edge.i >= start else owner[0].i
            r = self._resolve(a, owner[0].i + 1)
            return Resolved(name=r.name, title=r.title, affiliation=r.affiliation, person=r.person,
                            how=r.how if r.person is not None else "description")
        if core and core[-1].lemma_.lower() in self.lex.document_nouns and not any(
                t.ent_type_ in _ORG_ENTS or t.pos_ == "PROPN" for t in core):
            # "the statement said", "the office release": whoever issued it
            outlet = self._cited_outlet(start) if core[-1].lemma_.lower() in ("report", "article", "story") else None
            org = outlet or self._latest_org(doc[start].idx)  # "the report": the outlet just cited, if any
            return Resolved(name=org, how="description")  # none named before: unresolved
        if not any(t.pos_ == "PROPN" for t in toks):
            # "The company that runs the show, Dick Clark Productions, denies": the name set off after it
            run = apposed_name(doc, start, end, self._person_tokens)
            if run is not None:
                r = self._resolve(*run)
                return Resolved(name=r.name, title=r.title, affiliation=r.affiliation, person=r.person,
                                how=r.how if r.person is not None else "apposition", extent=(start, run[1]))
        named_body = self._place_body(toks, start)
        if named_body is not None:
            return Resolved(name=named_body, how="description")
        noun = org_noun(toks)
        if noun is not None:
            # "the agency" -> the European Space Agency named before; "the company" -> the organisation
            # that spoke last (or was last a subject)
            mods = [t.lower_ for t in toks[1:-1] if t.is_alpha]
            name = org_by_head(doc, doc[start].idx, noun, mods) or self._recent_org(doc[start].idx)
            if name is not None:
                found = Resolved(name=name, how="description")
                self._org_spoke = (doc[start].idx, found)
                return found
        found = self._describe(toks)
        root = _root(toks)
        if found.person is None and found.name and root is not None and (
                root.ent_type_ in _ORG_ENTS or root.lemma_.lower() in _BODIES
                or root.pos_ == "PROPN" and (root.ent_type_ not in ("PERSON", "DATE", "TIME") or org_name(toks))
                and root.lower_ not in self.reg.by_surname):
            self._org_spoke = (doc[start].idx, found)  # "the US military said ..." -> "it", "the statement"
        return found

    def _place_body(self, toks: list[Token], start: int) -> str | None:
        """``the city's police``, ``the state's prosecutors``: the body the article named before with
        its place (``Hong Kong police``, ``Dallas police``), else None."""
        words = [t for t in toks if not t.is_space]
        if len(words) != 4 or words[0].lower_ not in _DETS or words[1].lower_ not in _PLACE_NOUNS \
                or words[2].text not in ("'s", "\u2019s"):
            return None
        body = words[3]
        if body.lemma_.lower() not in _BODIES and body.lemma_.lower() not in self.lex.speaker_nouns:
            return None
        doc = self.doc
        for j in range(start - 1, max(-1, start - 400), -1):
            t = doc[j]
            if t.lower_ != body.lower_ and t.lemma_.lower() != body.lemma_.lower():
                continue
            k = j - 1
            if k >= 0 and doc[k].text in ("'s", "\u2019s"):
                k -= 1  # "Hong Kong's police"
            a = k + 1
            while k >= 0 and k > j - 5 and doc[k].text[:1].isupper() and (
                    doc[k].pos_ == "PROPN" or doc[k].ent_type_ in _ORG_ENTS) and not doc[k].is_sent_start:
                a = k
                k -= 1
            if k >= 0 and doc[k].text[:1].isupper() and doc[k].is_sent_start and (
                    doc[k].pos_ == "PROPN" or doc[k].ent_type_ in _ORG_ENTS):
                a = k  # the place opens the sentence
            if a < j and doc[a].text[:1].isupper() and doc[a].pos_ == "PROPN":
                return _strip_space(self.reg.text[doc[a].idx : t.idx + len(t.text)])
        return None

    def _recent_org(self, pos: int, window: int = 1500) -> str | None:
        """The organisation that spoke last, or the latest organisation entity that was a subject, within
        ``window`` characters before ``pos``."""
        best = None
        if self._org_spoke is not None and pos - self._org_spoke[0] <= window:
            best = self._org_spoke
        for at, name, label in self._orgs:
            if at >= pos:
                break
            if label == "ORG" and pos - at <= window and (best is None or at > best[0]):
                best = (at, Resolved(name=name))
        return best[1].name if best else None

    def _in_focus(self, gender: str | None) -> Person | None:
        """The person in focus, or, when that one cannot be the pronoun (``she`` for a man), the
        latest compatible person who was a main-clause subject or a speaker (among the last 8)."""
        p = self.focus.last_person
        if p is None or compatible(p, gender):
            return p
        found = next((q for q in reversed(self.focus.seen[-8:]) if compatible(q, gender)), None)
        return found or latest_with(self.reg, gender, self._pos)

    def _subject_before(self, start: int, gender: str | None = None) -> Person | None:
        """A person who is the subject of an earlier clause of the pronoun's own sentence ("When
        President X announced it, he said ..."): the nearest compatible antecedent."""
        doc = self.doc
        lo = doc[start].sent.start
        k = bisect.bisect_left(self.reg._mention_starts, lo)
        found = None
        while k < len(self.reg.mentions) and self.reg.mentions[k][1] <= start:
            s, e, p = self.reg.mentions[k]
            if self.quoted is not None and self.quoted[e - 1]:
                k += 1
                continue  # '"Pat is passionate," she said': not her
            t = doc[e - 1]
            while t.dep_ in ("compound", "flat") and t.head.i != t.i and lo <= t.head.i < start:
                t = t.head
            if t.dep_ in ("nsubj", "nsubjpass") and compatible(p, gender):
                found = p
            k += 1
        return found

    def _latest_org(self, pos: int) -> str | None:
        k = bisect.bisect_left(self._orgs, (pos, ""))
        best = self._orgs[k - 1] if k > 0 else None
        if self._org_spoke is not None and (best is None or self._org_spoke[0] >= best[0]):
            return self._org_spoke[1].name
        return best[1] if best else None

    def holder(self, toks: list[Token]) -> bool:
        """Whether a mention can be someone who speaks (:func:`newsgraph.quotes.statement.can_speak`)."""
        from newsgraph.quotes.statement import can_speak

        return can_speak(toks, self.lex)

    def _from_person(self, p: Person, how: str) -> Resolved:
        return Resolved(name=p.name, title=p.title, affiliation=p.affiliation, person=p, how=how)

    def _describe(self, toks: list[Token]) -> Resolved:
        lex = self.lex
        text = self.reg.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)] if toks else ""
        plain = _unquoted(toks)  # 'the "Pose" actor': the actor (a quoted title is no affiliation)
        words = [t.lower_ for t in plain]
        definite = bool(words) and words[0] in _DETS
        core = words[1:] if definite else words
        title, affiliation = describe_tokens(plain[1:] if definite else plain, lex)
        root = _root(toks)
        by = [g for c in (root.children if root is not None else ()) if c.dep_ in ("prep", "agent")
              and c.lower_ in ("by", "from") for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
        if by and root.pos_ == "NOUN":
            # "preliminary tests by Digital Foundry", "a report from Reuters": whoever made them
            from newsgraph.quotes.reported import np_bounds

            a, b = np_bounds(by[0])
            return self.resolve(a, b)
        if definite and re.fullmatch(r"\d+-year-old", "".join(core)):
            match = self.focus.last_person or self._by_role("generic")  # "the 56-year-old said": the person in focus
            match = self._named_since(toks[0].i, match) or match
            if match is not None:
                return self._from_person(match, "description")
        # "the Kazakh leader", "the President of Belarus", "the Russian president"
        if definite and title and affiliation:
            match = self._by_office(title.lower(), affiliation)
            if match is not None:
                return self._from_person(match, "description")
        # role nouns: "the analyst", "the political scientist", "the source"
        role = " ".join(core)
        role_class = lex.roles.get(role) or (lex.roles.get(core[-1]) if core and len(core) <= 3 else None)
        if definite and role_class and not affiliation:
            match = self._by_title(core) or self._by_holder(toks) or self._by_role(role_class)
            if match is not None:
                return self._from_person(match, "description")
        possessive = any(t.text in ("'s", "\u2019s") for t in toks)
        if definite or possessive:
            # "Austria's interior minister", "China's ambassador to Britain", "the Wikileaks founder":
            # the person the article names in that role
            match = self._by_holder(toks)
            if match is not None:
                return self._from_person(match, "description")
        key = re.sub(r"\s+", " ", text.lower())
        if key.startswith(("a ", "an ")):
            named = self._named_next(toks)
            if named is not None:
                return self._from_person(named, "description")
        if key.startswith(("a ", "an ", "another ", "one ", "some ")):
            return Resolved(name=_strip_space(text), title=_cap(title) if title else None, affiliation=affiliation,
                            how="mention")
        if key not in self._unnamed:
            self._unnamed[key] = Resolved(name=_strip_space(text), title=_cap(title) if title else None,
                                          affiliation=affiliation, how="mention")
        return self._unnamed[key]

    def _cited_outlet(self, start: int) -> str | None:
        """``… according to sources cited by Taiwanese publication DigiTimes. … The report claims …``:
        with no organisation named as a subject before, the outlet named in the two sentences before
        with a word for a publication in front of it (``publication``, ``newspaper``, ``outlet`` …)."""
        doc = self.doc
        lo = doc[start].sent.start
        for _ in range(2):
            if lo > 0:
                lo = doc[lo - 1].sent.start
        found = None
        for t in doc[lo:start]:
            if t.lemma_.lower() not in _OUTLETS or t.pos_ != "NOUN":
                continue
            j = t.i + 1
            while j < start and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                j += 1
            if j > t.i + 1:
                found = _strip_space(self.reg.text[doc[t.i + 1].idx : doc[j - 1].idx + len(doc[j - 1].text)])
        return found

    def _named_since(self, start: int, focus: Person | None) -> Person | None:
        """``… talks with Mourinho's representatives. The Portuguese boss had been out of work … The
        56-year-old said``: the person named in the two sentences before, when the person in focus is
        not named there (one such person only, not counting names in prepositional objects)."""
        sent = self.doc[start].sent
        lo = sent.start
        for _ in range(2):
            if lo > 0:
                lo = self.doc[lo - 1].sent.start
        near = {p.id: p for s, e, p in self.reg.mentions if lo <= s and e <= start}
        if focus is not None and focus.id in near:
            return None
        # not a name in a by-phrase or other prepositional object ("sacked by Manchester United")
        actors = {p.id: p for s, e, p in self.reg.mentions if lo <= s and e <= start
                  and self.doc[s:e].root.dep_ != "pobj"}
        return next(iter(actors.values())) if len(actors) == 1 else None

    def _named_next(self, toks: list[Token]) -> Person | None:
        """``… a career Army officer who described the call as "improper". Lt. Col. X told lawmakers …``:
        a person described with a relative clause and named as the subject opening the next sentence
        (named there for the first time) who goes on speaking (its verb a cue) is that person."""
        root = _root(toks)
        if root is None or root.pos_ != "NOUN" or root.lemma_.lower() in _BODIES:
            return None
        if not any(c.dep_ == "relcl" and c.left_edge.lower_ in ("who", "whom") for c in root.children):
            return None
        head = root.lemma_.lower()
        if not (head in self.lex.roles or head in self.lex.speaker_nouns or root.lower_ in _title_words(self.lex)):
            return None
        sent = root.sent
        if sent.end >= len(self.doc):
            return None
        nxt = self.doc[sent.end].sent
        first = self.reg.person_in(nxt.start, min(nxt.end, nxt.start + 6))
        if first is None or not (nxt.start_char <= first.name_start < nxt.end_char):
            return None
        if any(s < sent.start for s, _, q in self.reg.mentions if q is first):
            return None  # named before: not the one introduced here
        name_tok = self.doc.char_span(first.name_start, first.name_end, alignment_mode="expand")
        if name_tok is None or name_tok.root.dep_ not in ("nsubj", "nsubjpass") or name_tok.root.head.dep_ != "ROOT":
            return None
        if name_tok.root.head.lemma_.lower() not in self.lex.all_cue_lemmas:
            return None  # "Mark Dunne, the mayor, later visited": someone else doing something else
        roles = {w for w in self.reg.role_words.get(first.id, set())
                 if w in self.lex.roles or w in self.lex.speaker_nouns} - {head, root.lower_}
        if roles:
            return None  # "A neighbour who ... said X. Police Chief Y said": Y is introduced as someone else
        return first

    def _by_office(self, title: str, affiliation: str) -> Person | None:
        aff = affiliation.lower()
        best = None
        for p in self.reg.persons:
            if not p.affiliation or p.affiliation.lower() != aff:
                continue
            pt = (p.title or "").lower()
            if title == pt or (title in _HEAD_OF_STATE and (pt in _HEAD_OF_STATE or not pt)):
                if best is None or p in self.focus.recent and (best not in self.focus.recent or
                                                                _last_index(self.focus.recent, p) > _last_index(self.focus.recent, best)):
                    best = p
        return best

    def _is_state_leader(self, p: Person) -> bool:
        return (p.title or "").lower() in _HEAD_OF_STATE and bool(p.affiliation) and \
            self.lex.country_of(p.affiliation) is not None

    def _by_title(self, core: list[str]) -> Person | None:
        """"the minister" → the latest person in focus whose own title holds that noun
        ("Energy Minister Bakyt Jumabaev"), rather than whoever was mentioned last."""
        if not core:
            return None
        head = core[-1]
        for p in reversed(self.focus.recent[-20:]):
            if p.title and head in p.title.lower().split():
                return p
        return None

    def _by_holder(self, toks: list[Token]) -> Person | None:
        """The person whose mentions carry the description's role noun (and its capitalised words:
        countries, organisations) in the words around their name; one candidate, or the latest
        speaker among several."""
        words = [t for t in toks if (t.is_alpha or "-" in t.text) and t.lower_ not in _DETS]
        if not words:
            return None
        head = words[-1]
        for n, t in enumerate(words):
            if t.lower_ in ("of", "to", "for", "at", "in", "from") and n > 0:
                head = words[n - 1]
                break
        role = head.lower_.split("-")[-1]
        lex = self.lex
        if role in _BODIES or head.lemma_.lower() in _BODIES:
            return None  # "the city's police" is the force, not its commissioner
        if not (role in lex.roles or head.lemma_.lower() in lex.roles or role in lex.speaker_nouns
                or role in _title_words(lex)):
            return None
        caps = {lex.country_of(t.text) or t.lower_ for t in words if t.text[:1].isupper() and t.i != head.i
                and t.lower_ not in _title_words(lex)}
        cands, fits = [], []
        for p in self.reg.persons:
            rw = self.reg.role_words.get(p.id, set())
            if role not in rw and not any(w.split("-")[-1] == role for w in rw):
                continue
            cands.append(p)
            have = {lex.country_of(w) or w for w in rw} | {(p.affiliation or "").lower()}
            have |= {h.lower() for h in have if h}
            if all(c.lower() in have for c in caps):
                fits.append(p)
        cands = fits or cands  # the description's country or body, when a holder's words name it
        if len(cands) == 1:
            return cands[0]
        for p in reversed(self.focus.recent):
            if p in cands:
                return p
        return None

    def _by_role(self, role_class: str) -> Person | None:
        for p in reversed(self.focus.recent[-20:]):
            if role_class == "expert" and self._is_state_leader(p):
                continue
            return p
        p = self.focus.last_person
        if p is not None and not (role_class == "expert" and self._is_state_leader(p)):
            return p
        return None

    def speaker(self, start: int, end: int, resolved: Resolved) -> Speaker:
        """A :class:`Speaker` record for the mention tokens [start, end)."""
        doc = self.doc
        s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        actor = None
        if self.actor_resolver is not None and resolved.person is not None:
            actor = self._actor(resolved.person)
        elif self.actor_resolver is not None:
            try:
                actor = self.actor_resolver.resolve_span(doc[start:end])
            except Exception:  # the actors stage is optional: a failure there loses the actor only
                logger.debug("actor resolver failed on %r", doc[start:end].text, exc_info=True)
                actor = None
        name, ok = resolved.name, resolved.name is not None
        if ok and resolved.person is None and resolved.how == "mention" and not self.holder(list(doc[start:end])):
            name, ok = None, False  # "the pressure", "the 10": kept as written, unresolved
        if ok and resolved.person is None:
            name = expand(name, self._acronyms)  # "CBP" -> "Customs and Border Protection"
        return Speaker(name=name, mention=self.reg.text[s:e], start=s, end=e, title=resolved.title if ok else None,
                       affiliation=resolved.affiliation if ok else None, actor=actor if ok else None,
                       resolved_from=resolved.how, resolved=ok)

    def _actor(self, p: Person) -> Any:
        if p.id not in self._actor_cache:
            span = self.doc.char_span(p.name_start, p.name_end, alignment_mode="expand")
            try:
                self._actor_cache[p.id] = self.actor_resolver.resolve_span(span) if span is not None else None
            except Exception:  # see speaker()
                logger.debug("actor resolver failed on %r", p.name, exc_info=True)
                self._actor_cache[p.id] = None
        return self._actor_cache[p.id]


_BODIES = {"government", "administration", "ministry", "department", "office", "agency", "authority", "police",
           "military", "army", "force", "court", "council", "committee", "commission", "parliament", "party",
           "campaign", "company", "firm", "group", "team", "club", "union", "organisation", "organization",
           "embassy", "service", "league", "publication", "newspaper", "outlet", "network"}


# words that present a name as a news outlet ("Taiwanese publication DigiTimes")
_OUTLETS = {"publication", "newspaper", "outlet", "magazine", "journal", "daily", "tabloid", "broadcaster",
            "website", "site", "blog", "paper", "network", "channel"}
# the place a body belongs to, said of a place the article has named ("the city's police")
_PLACE_NOUNS = {"city", "country", "state", "county", "town", "island", "territory", "region", "province",
                "nation", "district", "capital", "village", "borough", "kingdom"}


def _unquoted(toks: list[Token]) -> list[Token]:
    """The tokens outside quotation marks (and the marks themselves dropped)."""
    out, inside = [], False
    for t in toks:
        if t.text in ('"', "\u201c", "\u201d"):
            inside = not inside if t.text not in ("\u201c", "\u201d") else t.text == "\u201c"
            continue
        if not inside:
            out.append(t)
    return out if out else toks


def _root(toks: list[Token]) -> Token | None:
    """The head of a mention: its token whose head lies outside it."""
    ids = {t.i for t in toks}
    for t in toks:
        if not t.is_punct and (t.head.i not in ids or t.head.i == t.i):
            return t
    return toks[-1] if toks else None


def _last_index(seq: list[Person], p: Person) -> int:
    for i in range(len(seq) - 1, -1, -1):
        if seq[i] is p:
            return i
    return -1


def _strip_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
