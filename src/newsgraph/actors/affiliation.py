"""What the words around a person's name say about their country: a US party tag after the
name ("Sen. Ann Bell (D-Ohio)", "Ann Bell, R-Iowa,"), a nationality written straight before it
("Norwegian-born Holm", "the Dutch skater Anna Veld"), a regional body of the region the article
is about ("a spokesman for the regional police, X"), and the group a person is said to lead
("Colonel X, who led the team" after "a team of Danish officers").

A mixin of :class:`newsgraph.actors.ActorResolver` used by ``resolve_doc`` (``document.py``);
docs/actors.md describes the rules.
"""

from __future__ import annotations

import bisect
import re

from ..model import Actor, Entity
from . import evidence as ev
from .dictionary import combined_code as _code, fold, tokenize
from .places import lookup_place

NON_STATES = {"IGO", "NGO", "IMG", "MNC"}
COUNTRY_KINDS = {"country", "adjective", "demonym", "capital"}
# a dictionary country a nationality in the text replaces (a company or NGO founder is still a citizen;
# an official of an international body acts for it)
PRIVATE = {"NGO", "MNC"}
# "(R)", "(D-Minn.)", ", R-Neb.,": the party letter, then the state (optional in brackets)
_PARTY_TAG = re.compile(r"\((?P<p1>[DRI])(?:-(?P<s1>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?))?\)"
                        r"|, (?P<p2>[DRI])-(?P<s2>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)(?=[,;:)]|\.(?:\s|$)|\s|$)")
PARTIES = {"R": "Republican Party", "D": "Democratic Party"}
# party adjectives spaCy tags as a nationality ("the Republican president", "Democratic senators")
PARTY_ADJECTIVES = {"republican": "Republican Party", "democratic": "Democratic Party", "democrat": "Democratic Party"}
REGIONAL = {"regional", "provincial", "district", "local", "municipal", "oblast"}
REGION_NOUNS = {"region", "province", "oblast", "district", "governorate"}
# offices of a town or region: their holder belongs to the country of the places the article names
LOCAL_OFFICES = {"governor", "mayor", "akim", "hokim", "prefect"}
SETTLEMENT_WORDS = {"village", "town", "city", "region", "district", "province", "valley", "border", "area",
                    "crossing", "river", "dam", "reservoir"}
BODY_NAME_WORDS = {"office", "department", "court", "agency", "service", "services", "commission", "bureau",
                   "district", "authority", "board", "council", "ministry", "directorate", "prosecutor's"}
VILLAGE_PREPS = {"in", "near", "at", "from", "to", "of", "outside", "around", "into", "towards", "toward", "via"}
SPACE_WORDS = {"planet", "planets", "moon", "moons", "orbit", "orbiting", "spacecraft", "nasa", "astronomers",
               "telescope", "probe", "solar"}
_NAME_WORD = re.compile(r"[^\W\d_][\w'’]*")
DIRECTION_WORDS = {"eastern", "western", "northern", "southern", "central", "north", "south", "east", "west"}
_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")
# words for a kind of organisation between a nationality and the name ("the Taiwanese publication X")
BODY_NOUNS = {"publication", "newspaper", "daily", "broadcaster", "magazine", "company", "firm", "group", "maker",
              "carmaker", "automaker", "bank", "lender", "insurer", "retailer", "airline", "giant", "startup",
              "developer", "studio", "publisher", "label", "agency", "outlet", "network", "website", "supplier",
              "manufacturer", "conglomerate", "brand", "club", "party", "charity", "organisation", "organization"}
LEAD_VERBS = {"lead", "head", "command", "chair", "run", "direct"}


class AffiliationMixin:
    # -- US party tags -----------------------------------------------------------------------

    def _party_tags(self, doc) -> list[tuple[int, int, str, int, str | None, int]]:
        """``(start, end, letter, letter_start, state, state_start)`` of each party tag written
        straight after a person's name (spaCy's PERSON): "(R)", "(D-N.Y.)", ", R-Texas"."""
        person_ends = {e.end_char for e in doc.ents if e.label_ == "PERSON"}
        out = []
        for m in _PARTY_TAG.finditer(self._text):
            g = "1" if m.group("p1") else "2"
            if m.start() not in person_ends and m.start() - 1 not in person_ends:
                continue
            state = m.group("s" + g)
            out.append((m.start(), m.end(), m.group("p" + g), m.start("p" + g), state,
                        m.start("s" + g) if state else -1))
        return out

    def _party_entities(self, tags, entities: list[Entity], covered: list[tuple[int, int]]) -> list[Entity]:
        """The party letter of each tag as the party's mention (an organisation of the US), the state
        as a place, and the person before the tag a US actor (Congress when a state is given)."""
        out = []
        for start, end, letter, lstart, state, sstart in tags:
            person = next((e for e in reversed(entities) if e.end <= start and e.actor is not None
                           and e.actor.kind == "person" and not self._text[e.end:start].strip(" ,(")), None)
            if person is not None and (person.actor.country is None or person.actor.country in NON_STATES):
                self._give(person.actor, "USA", person.actor.sector or ("LEG" if state else None), None)
            name = PARTIES.get(letter)
            party = self._resolve(name, lstart, labels=None, remember=False) if name else None
            if party is not None:
                party.text, party.start, party.end = letter, lstart, lstart + 1
                out.append(Entity(letter, "ORG", lstart, lstart + 1, actor=party))
            if state:
                place = lookup_place(state, ["USA"])
                if place is not None and place.country == "USA" and place.precision == "region":
                    place.text, place.start, place.end = state, sstart, sstart + len(state)
                    out.append(Entity(state, "GPE", sstart, sstart + len(state), place=place))
            covered.append((start, end))
        return out

    def _party_adjective(self, ent) -> Actor | None:
        """"the Republican president": a US party named by its adjective (spaCy's NORP)."""
        name = PARTY_ADJECTIVES.get(ent.text.lower())
        if name is None or ent.label_ != "NORP":
            return None
        actor = self._resolve(name, ent.start_char, labels=None, remember=False)
        if actor is not None:
            actor.text, actor.start, actor.end = ent.text, ent.start_char, ent.end_char
        return actor

    # -- a nationality before the name ---------------------------------------------------------

    def _nationality_before(self, ent) -> str | None:
        """The country of a nationality adjective written straight before a name: "Australian-born
        X", "the Dutch skater X" is not read here (the title words are), only the adjective itself
        or "<adjective>-born" next to the name."""
        doc = ent.doc
        k = ent.start - 1
        if k >= 2 and doc[k].lower_ == "born" and doc[k - 1].text == "-":
            k -= 2
        elif k >= 1 and doc[k].lower_.endswith("-born"):
            word = doc[k].text[:-5]
            return self._adjective_country(word)
        if k < 0 or not doc[k].text[:1].isupper() or doc[k].ent_type_ not in ("NORP", "GPE", ""):
            return None
        if k >= 1 and doc[k - 1].text[:1].isupper() and doc[k - 1].is_alpha and doc[k - 1].pos_ != "DET" and (
                k - 1 != self._sent(ent).start):
            return None  # "the South Korean X", "New Zealand": a longer name, not one adjective
        return self._adjective_country(doc[k].text)

    def _country_after_name(self, ent) -> str | None:
        """A country written straight after a person's name as theirs: "X of Canada won the race",
        "X (Norway)" (results, lists of entrants), "X, a 25-year-old Norwegian," (a demonym as the
        apposition's noun). A country name of one entity, nothing else."""
        doc = ent.doc
        k = ent.end
        if k + 2 < len(doc) and doc[k].text == ",":  # "X, a 25-year-old Norwegian, won": a demonym as the noun
            m = k + 1
            while m < len(doc) and m < k + 8 and (doc[m].lower_ in ("a", "an", "the", "-", "year", "years", "old")
                                                  or doc[m].like_num or doc[m].lower_.endswith("-year-old")):
                m += 1
            if m < len(doc) and doc[m].ent_type_ == "NORP" and (m + 1 >= len(doc) or doc[m + 1].pos_ not in (
                    "NOUN", "PROPN", "ADJ")) and not doc[m].text.endswith("-born"):
                return self._adjective_country(doc[m].text)
            return None
        if k + 1 >= len(doc) or doc[k].lower_ not in ("of", "("):
            return None
        nxt = next((e for e in doc.ents if e.start == k + 1 or (e.start == k + 2 and doc[k + 1].lower_ == "the")), None)
        if nxt is None or nxt.label_ != "GPE":
            return None
        if doc[k].text == "(" and (nxt.end >= len(doc) or doc[nxt.end].text != ")"):
            return None
        entries = [e for i, j, es in self.index.match(tokenize(ev.core(nxt.text))) for e in es]
        countries = {e.country for e in entries if e.kind == "country"}
        if len(countries) != 1 or any(e.kind != "country" for e in entries):
            return None
        c = next(iter(countries))
        place = lookup_place(ev.core(nxt.text), [c])
        if place is None or place.precision != "country":
            return None  # "X of Texas": a US state is a country entry of the USA, no nationality
        return c if c not in NON_STATES else None

    def _nationality_of_body(self, ent) -> str | None:
        """An organisation introduced by a nationality and a word for its kind ("the Taiwanese
        publication X", "German carmaker X"): that country."""
        doc = ent.doc
        k = ent.start - 1
        if k < 1 or doc[k].lower_ not in BODY_NOUNS:
            return None
        return self._adjective_country(doc[k - 1].text) if doc[k - 1].text[:1].isupper() else None

    def _based_in(self, ent) -> str | None:
        """An organisation named with "in <town or country>" straight after it ("the Polytechnic
        University in Hong Kong"): the country of that place."""
        doc = ent.doc
        if ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "in" or doc[ent.end + 1].ent_type_ != "GPE":
            return None
        k = ent.end + 1
        while k < len(doc) and doc[k].ent_type_ == "GPE" and (k == ent.end + 1 or doc[k].ent_iob_ == "I"):
            k += 1
        place = lookup_place(doc[ent.end + 1:k].text, self._context_countries())
        return place.country if place is not None and place.country not in NON_STATES else None

    def _adjective_country(self, word: str) -> str | None:
        entries = [e for _i, _j, es in self.index.match(tokenize(word)) for e in es]
        if entries and all(e.kind in ("adjective", "demonym") for e in entries):
            countries = {e.country for e in entries}
            if len(countries) == 1:
                c = next(iter(countries))
                return c if c and c not in NON_STATES else None
        return None

    def _given_nationality(self, actor: Actor, country: str) -> None:
        """A nationality the text writes next to the name beats a dictionary's non-state country
        (a founder of an NGO is still a citizen of a state) and fills an empty one."""
        if actor.country and actor.country not in PRIVATE:
            return
        sector = actor.sector if actor.country is None else None
        actor.country, actor.sector, actor.code = country, sector, _code(country, sector)
        actor.country_basis = "nationality"
        if actor.kind == "person":
            self._remember(actor, actor.name)

    # -- a regional body, a group the person leads ---------------------------------------------

    def _regional_country(self, lo: int, hi: int) -> str | None:
        """"a spokesman for the regional interior department": the country of the regions the
        article names ("the Andijan region"), when they are all of one country."""
        words = {w[0] for w in tokenize(self._text[lo:hi])}
        if not words & REGIONAL:
            return None
        found = set()
        for m in re.finditer(r"\b(?:([A-Z][\w-]+) )?([A-Z][\w-]+) (?:%s)\b" % "|".join(REGION_NOUNS), self._text):
            names = [f"{m.group(1)} {m.group(2)}", m.group(2)] if m.group(1) else [m.group(2)]
            place = next((p for p in (lookup_place(n, self._context_countries()) for n in names) if p is not None), None)
            if place is not None and place.country:
                found.add(place.country)
        return next(iter(found)) if len(found) == 1 else None

    def _local_country(self, lo: int, hi: int) -> str | None:
        """"District governor X", "Governor X" after "the governor in Andijan": a local official's
        country is that of the regions the article names ("the Andijan region") or of the place
        named with the office ("the governor in/of Andijan"), when they are all of one country.
        ``lo:hi``: the words before the name in the article's text; None outside an article."""
        text = getattr(self, "_text", None) or ""
        words = {w[0] for w in tokenize(text[lo:hi])} if 0 <= lo < hi <= len(text) else set()
        if not words & (REGIONAL | LOCAL_OFFICES):
            return None
        found = set()
        region = self._regional_country(lo, hi) if words & REGIONAL else None
        if region:
            found.add(region)
        if words & LOCAL_OFFICES:
            pat = r"\b(?:%s)s? (?:in|of|for) (?:the )?([A-Z][\w-]+)\b" % "|".join(sorted(LOCAL_OFFICES))
            for m in re.finditer(pat, text, flags=re.I):
                if not m.group(1)[:1].isupper():
                    continue
                place = lookup_place(m.group(1), self._context_countries())
                if place is not None and place.country:
                    found.add(place.country)
        return next(iter(found)) if len(found) == 1 else None

    def _led_group_country(self, ent) -> str | None:
        """"Colonel X, who led the team": the country of the group named before with that noun ("a
        team of six Danish officers")."""
        root = ent.root
        for rel in root.children:
            if rel.dep_ != "relcl" or rel.lemma_.lower() not in LEAD_VERBS:
                continue
            obj = next((c for c in rel.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
            if obj is None:
                continue
            for t in reversed(ent.doc[:ent.start]):
                if t.lemma_.lower() != obj.lemma_.lower() or t.i == obj.i:
                    continue
                lo, hi = t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)
                if hi - lo > 120:
                    continue
                group = self._resolve(self._text[lo:hi], lo, labels=None, remember=False, memory=False)
                if group is not None and group.country and group.country not in NON_STATES and group.kind != "person":
                    return group.country
        return None


# prepositions after a noun that name what the noun is about, not where ("investigations into X")
ABOUT_PREPS = {"into", "about", "against", "with", "for", "on", "over", "of"}


class StrongerReadingMixin:
    def _acronyms(self, entities: list[Entity]) -> None:
        """An acronym made of the initials of an organisation the article names ("CPUC" after "the
        California Public Utilities Commission", "NDC" after "the Northern Dairy Cooperative") is that
        organisation, when nothing else reads it."""
        known: dict[str, Actor] = {}
        for e in entities:
            a = e.actor
            if a is None or a.kind != "organisation" or not a.name or not (a.country or a.code):
                continue
            words = [w for w in _NAME_WORD.findall(a.name) if w[:1].isupper()]
            if len(words) >= 2:
                known.setdefault("".join(w[0] for w in words), a)
        if not known:
            return
        for e in entities:
            text = e.text.strip()
            a = e.actor
            if e.label != "ORG" or not (2 <= len(text) <= 8 and text.isalpha() and text.isupper()) or (
                    a is not None and (a.country or a.code)):
                continue
            tmpl = known.get(text)
            if tmpl is not None:
                e.actor = Actor(**{**tmpl.__dict__, "text": e.text, "start": e.start, "end": e.end})

    """Names that are no place GeoNames lacks: the body a building stands for, a thing's name."""

    def _body_named(self, ent) -> Actor | None:
        """A building tagged FAC that the dictionaries know by its whole name as a body ("the White
        House", a seat of government): the body."""
        actor = self.resolve_span(ent)
        if actor is not None and actor.kind == "organisation" and actor.code and actor.name:
            return actor
        return None

    @staticmethod
    def _names_a_thing(ent) -> bool:
        """An unknown name that modifies a noun ("a Netflix documentary") or follows a noun's
        "into"/"about" ("investigations into the Bidens"): no village of the article's country."""
        root = ent.root
        while root.dep_ == "conj" and root.head.i < root.i:
            root = root.head
        if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN" and root.head.i > ent.end - 1:
            return root.head.lower_ not in SETTLEMENT_WORDS
        return root.dep_ == "pobj" and root.head.lower_ in ABOUT_PREPS and root.head.head.pos_ == "NOUN"

    @staticmethod
    def _village_evidence(ent) -> bool:
        """An unknown name may be a village GeoNames lacks unless it is written like something else:
        two or more plain words with no place preposition before them ("Ivana Jelic and Pavle Petrovic
        found ...": a person's name), or a name listed with a person, organisation or product ("the
        Altima and Maxima")."""
        words = [t for t in ent if t.is_alpha and t.lower_ != "the"]
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        root = ent.root
        locative = (before is not None and before.lower_ in VILLAGE_PREPS) or (
            root.dep_ == "pobj" and root.head.lower_ in VILLAGE_PREPS) or (
            bool(words) and (words[-1].lower_ in SETTLEMENT_WORDS or words[-1].lower_ in REGION_NOUNS))
        if len(words) >= 2 and "-" not in ent.text and not locative:
            return False
        mates = [t for t in (*root.conjuncts, root.head if root.dep_ == "conj" else root) if not ent.start <= t.i < ent.end]
        return not any(t.ent_type_ in ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART") for t in mates)

    @staticmethod
    def _inside_org_name(ent) -> bool:
        """A place's name that is a word of an organisation's name: before capitalised words ending in a
        body's noun ("the U.S. Attorney's Office"), or after "<Body> of/for" ("the Western District of
        New York"). The whole is the body; the place is no place record of its own."""
        doc = ent.doc
        k = ent.end
        if ent[-1].tag_ == "POS" or (k < len(doc) and doc[k].tag_ == "POS"):
            return False  # "South Dakota's Department of Social Services": the state owns the body
        while k < len(doc) and k - ent.end < 6 and (doc[k].is_title or doc[k].tag_ == "POS"):
            if doc[k].lower_ in BODY_NAME_WORDS:
                return True
            k += 1
        if ent.start >= 2 and doc[ent.start - 1].lower_ in ("of", "for") and doc[ent.start - 2].is_title:
            return doc[ent.start - 2].lower_ in BODY_NAME_WORDS
        return False

    @staticmethod
    def _in_space(ent, names) -> bool:
        """A planet or moon ("Jupiter", "Titan") in an article about space: no town of that name."""
        if fold(ev.core(ent.text)) not in names:
            return False
        return any(t.lower_ in SPACE_WORDS for t in ent.doc)

    def _college_side(self, ent) -> Actor | None:
        """In a sports report, a direction and a state ("Eastern Michigan", "Northern Illinois") or a
        name and "State" ("Penn State") named as a side - the subject of a verb, the owner of a player's
        role, a name of a sentence with a score ("45-17"), or a side in play - is a team (an
        organisation of that state's country), not the state or a person."""
        words = [t for t in ent if t.lower_ != "the" and t.is_alpha]
        if not getattr(self, "_sports", False) or len(words) < 2 or len(words) > 3:
            return None
        if words[0].lower_ in DIRECTION_WORDS and words[0].is_title:
            core = words[1:]
        elif words[-1].text == "State":
            core = words[:-1]
        else:
            return None
        place = lookup_place(" ".join(t.text for t in core), self._context_countries())
        if place is None and words[-1].text != "State":
            return None
        sent = self._sent(ent)
        scored = bool(_SCORE.search(sent.text))
        if not (scored or ev.side_named(ent) or ev.plays(ent)):
            return None
        return self._team(ent, place.country if place is not None else self._main_country())

    def _repeat_mentions(self, doc, entities: list[Entity]) -> list[Entity]:
        """Later mentions spaCy left untagged of a person the article names in full ("Heyward said",
        "Sondland's appearance" after "Cameron Heyward", "Gordon Sondland"): the full name, or the
        surname when it is one person's only, written as a proper noun (spaCy's PROPN, so "Weeks later"
        stays a word) outside every other mention, and no name of a place or country of the article."""
        by_key: dict[str, dict[str, Actor]] = {}
        for e in entities:
            a = e.actor
            if a is None or a.kind != "person" or not a.id or not a.id.startswith("person:") or not a.name:
                continue
            words = a.name.split()
            if len(words) < 2:
                continue
            for key in (a.name, words[-1]):
                by_key.setdefault(fold(key), {})[a.id] = a
        if not by_key:
            return []
        places = {fold(ev.core(e.text)) for e in entities if e.place is not None}
        spans = sorted((e.start, e.end) for e in entities)
        starts = [s for s, _e in spans]
        out = []
        for tok in doc:
            if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_:
                continue
            found = None
            for n in (3, 2, 1):  # the longest name first
                if tok.i + n > len(doc):
                    continue
                span = doc[tok.i:tok.i + n]
                key = fold(span.text)
                if key in by_key and all(t.pos_ == "PROPN" for t in span):
                    found = span, by_key[key]
                    break
            if found is None:
                continue
            span, actors = found
            prev = doc[span.start - 1] if span.start > 0 else None
            nxt = doc[span.end] if span.end < len(doc) else None
            if any(t is not None and t.pos_ == "PROPN" and t.text[:1].isupper() for t in (prev, nxt)):
                continue  # part of a longer name: another Biden, "Trump Tower"
            if len(actors) != 1 or fold(span.text) in places or self._adjective_country(span.text) or any(
                    es for _i, _j, es in self.index.match(tokenize(span.text)) if any(x.kind in COUNTRY_KINDS for x in es)):
                continue
            k = bisect.bisect_right(starts, span.start_char) - 1
            if (k >= 0 and spans[k][1] > span.start_char) or (k + 1 < len(spans) and spans[k + 1][0] < span.end_char):
                continue  # inside or across another mention
            a = next(iter(actors.values()))
            actor = Actor(**{**a.__dict__, "text": span.text, "start": span.start_char, "end": span.end_char})
            out.append(Entity(span.text, "PERSON", span.start_char, span.end_char, actor=actor))
        return out

    def _person_as_place(self, ent) -> Actor | None:
        """A surname or full name tagged as a place, of a person the article has named in full before
        ("Fleck would prefer" after "Coach P.J. Fleck"), not after a place preposition and no country's
        word: that person."""
        words = [t for t in ent if t.lower_ != "the"]
        if not words or len(words) > 3 or self._locative(ent) or self._adjective_country(ent.text):
            return None
        known = self.memory.get(fold(ev.core(ent.text)))
        if known is None or known.kind != "person" or not known.name or len(known.name.split()) < 2:
            return None
        if any(x.kind in COUNTRY_KINDS for _i, _j, es in self.index.match(tokenize(ent.text)) for x in es):
            return None
        return Actor(**{**known.__dict__, "text": ent.text, "start": ent.start_char, "end": ent.end_char})
