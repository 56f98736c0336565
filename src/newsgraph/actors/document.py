"""Whole articles: ``resolve_doc`` and the mentions spaCy's NER misses.

A mixin of :class:`newsgraph.actors.ActorResolver`: it uses the resolver's
``_resolve`` (one phrase -> actor), ``resolve_span``/``resolve_place`` and its
article memory.
"""

from __future__ import annotations

import bisect
import re

from ..nlp import doc_text
from ..model import Actor, Entity, Place, actor_id
from . import evidence as ev
from .dictionary import combined_code as _code, fold, tokenize
from .places import lookup_place
from .affiliation import AffiliationMixin, StrongerReadingMixin
from .context import OFFICE_SECTORS, STATE_SECTORS, ContextMixin, _shared_office_names
from .words import NOT_NAMES, PERSON_OFFICES

LOC_PREPS = {"in", "at", "near", "from", "into", "to", "across", "outside", "inside", "within", "around",
             "throughout", "toward", "towards", "through", "via"}
COUNTRYISH = {"country", "adjective", "demonym", "capital"}
SETTLEMENT_NOUNS = {"village", "town", "city", "hamlet", "settlement", "municipality", "township", "commune"}
ENVOYS = {"ambassador", "envoy", "consul", "representative", "emissary", "attache", "attaché", "delegate"}
TITLE_HEADS = {"secretary", "minister", "head", "chief", "heads", "ministers", "secretaries", "undersecretary"}


def _hyphen_joined(doc):
    """``doc.ents``, each grown over capitalised words joined to it by a hyphen with no space
    ("Tash" "-" "Bulak": spaCy's model may tag "Bulak" alone, or split the name in two), and cut at
    a line break."""
    from spacy.tokens import Span

    out = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while (start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_
               and not doc[start - 2].whitespace_ and doc[start - 2].text[:1].isupper()):
            start -= 2
        while (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
               and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper()):
            end += 2
        # a name never runs over a line break ("Castiglioni\n\nMilano Design": two lines, a heading)
        end = next((k for k in range(start, end) if "\n" in doc[k].text), end)
        if end <= start:
            continue
        out.append(ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_))
    return out


def _after_position(ent):
    """A person's name written after a team and a position in capitals ("Zentras DL Ray Moss",
    tagged as one person): the name after the position."""
    from spacy.tokens import Span

    for k in range(ent.start + 1, ent.end - 2):
        t = ent.doc[k]
        if t.is_upper and t.is_alpha and 2 <= len(t.text) <= 3 and all(x.is_title for x in ent.doc[k + 1:ent.end]):
            return Span(ent.doc, k + 1, ent.end, label="PERSON")
    return ent


_STATE_TAG = re.compile(r"\([DRI]-((?:[A-Z][a-z]*\.?\s?){1,2}?[A-Z]?[a-z]*\.?)\)|(?<=[A-Za-z]), ((?:[A-Z][a-z]?[a-z]*\.){1,2})")
_DATELINE_END = re.compile(r"\s*(?:[—–-]|,|\()")


def _dateline_place(name: str, start: int, end: int, text: str, context) -> Place | None:
    """A name in capitals that opens a paragraph and is followed by a dash, a comma or a bracket
    ("VIENNA —", "HANOI (AP) -", "BUFFALO, N.Y. —") is a dateline: a place whatever spaCy tagged it."""
    if len(name) < 3 or not name.isupper() or not any(c.isalpha() for c in name):
        return None
    before = text[:start].rstrip(" \t")
    if before and not before.endswith("\n"):
        return None
    if not _DATELINE_END.match(text[end:end + 3]):
        return None
    place = lookup_place(name.title(), context)
    if place is None:
        return None
    place.text, place.start, place.end = name, start, end
    return place


def _in_title(ent) -> bool:
    """A mention right after "<office> of" ("Secretary of State", "Head of State")."""
    doc = ent.doc
    return ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in TITLE_HEADS


def _topic(doc) -> str | None:
    """The event gate's reading of the article's section (``sports``, ``politics``...), if it loads."""
    try:
        from ..events.gate import classify_topic
    except ImportError:  # pragma: no cover - the events stage is part of the package
        return None
    return classify_topic(doc)


_US_STATE_COUNTRIES = {"georgia"}  # country names that are also US states


def _place_countries(doc) -> list[str]:
    """Countries of the place names of ``doc`` that GeoNames knows in one country only."""
    from .places import norm_place, place_index

    idx = place_index()
    out = []
    for e in doc.ents:
        if e.label_ in ("GPE", "LOC"):
            cands = idx.get(norm_place(e.text)) or []
            countries = {c.country for c in cands}
            if len(countries) == 1 and None not in countries:
                out.append(next(iter(countries)))
    return out


def _plain(text: str) -> str:
    """A mention as the rest of an agent's name: "the workers" -> "workers" (after the country)."""
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words).lower()


class DocumentMixin(ContextMixin, AffiliationMixin, StrongerReadingMixin):
    def resolve_doc(self, doc) -> tuple[list[Entity], list[Actor], list[Place]]:
        """Entities of ``doc`` (``doc.ents`` plus dictionary mentions spaCy missed, such as
        "police", "the Kremlin", "Kazakh") with ``.actor``/``.place`` set; the distinct
        actors of the article (first mention of each ``model.actor_id``); the distinct places."""
        text = self._text = doc_text(doc)  # Doc.text is rebuilt on every access
        self.place_names = set()
        self._doc = doc
        self.place_tokens: set[int] = set()  # tokens of names spaCy did not tag as places but are
        self._sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        self._sent_starts = [x.start for x in self._sents]
        toks = tokenize(text)
        # one-word Phoenix names need spaCy's word for it (resolve_span checks it): none here
        matches = [(i, j, es) for i, j, es in self.index.match(toks) if not all(e.evidence for e in es)]
        self._country_at: list[tuple[int, str]] = []  # (offset, country) of each country word
        for i, j, entries in matches:  # first pass: what countries is this article about?
            e = entries[0]
            if e.kind in COUNTRYISH and e.country:
                if len(entries) == 1 and j - i == 1 and toks[i][0] in _US_STATE_COUNTRIES:
                    continue  # "Georgia": the country or the US state; the other words will tell
                self.context.append(e.country)
                self._country_at.append((toks[i][2], e.country))
        self.place_context = _place_countries(doc)
        self._envoys: set[str] = set()  # ids of envoys named by their title ("Ambassador X")
        entities: list[Entity] = []
        covered: list[tuple[int, int]] = []
        sports = self._sports = ev.is_sports(doc) or _topic(doc) == "sports"
        full_words = self._full_words = ev.full_name_words(doc)
        self._products = ev.product_names(doc)
        party_tags = self._party_tags(doc)  # "(R)", "(D-Minn.)", ", R-Neb.," after a person's name
        for ent in _hyphen_joined(doc):
            if covered and ent.start_char < covered[-1][1]:
                continue  # the rest of a name joined by a hyphen to the one before
            if any(s <= ent.start_char and ent.end_char <= e for s, e, *_rest in party_tags):
                continue  # "R-Neb." tagged as a place: the party and the state (below)
            if ent.label_ in ("PERSON", "ORG") and len(ent) > 1 and ent[0].lower_ in LOC_PREPS and ent[0].is_title:
                from spacy.tokens import Span  # "In Kok-Jar," tagged as one name: the place after "In"

                ent = Span(ent.doc, ent.start + 1, ent.end, label="GPE")
            if ent.label_ == "PERSON":
                ent = _after_position(ent)  # "Zentras QB Ray Moss": the player, not his team and position
            if ent.label_ in ("PERSON", "ORG"):
                ent = self._place_before_surname(ent)  # "the forum in Valdai Tokayev": the person Tokayev
            hyphen_word = "-" in ent.text and not any(c.isspace() for c in ent.text)
            known = self.memory.get(fold(ent.text))
            if ent.label_ in ("PERSON", "ORG") and hyphen_word and (known is None or not known.country) and (
                    ent.label_ == "PERSON" or self._locative(ent)) and (
                    (self.resolve_span(ent) or Actor(text="")).code is None):
                # one hyphenated word tagged as a person ("Tash-Bulak", "Kara-Suu"), or as an unknown
                # organisation after "in"/"near": a place name far more often than a surname used
                # alone before any full mention
                place = self.resolve_place(ent) or self._approx_place(ent)
                entity = Entity(ent.text, "GPE", ent.start_char, ent.end_char, place=place)
                if place is not None and ent.label_ == "ORG":
                    self.place_tokens.update(range(ent.start, ent.end))  # for the event stage
                entities.append(entity)
                covered.append((ent.start_char, ent.end_char))
                continue
            dateline = _dateline_place(ent.text, ent.start_char, ent.end_char, self._text, self._context_countries())
            if dateline is not None:  # "VIENNA — ...", "HANOI (AP) -": the place the story is filed from
                entities.append(Entity(ent.text, "GPE", ent.start_char, ent.end_char, place=dateline))
                covered.append((ent.start_char, ent.end_char))
                continue
            entity = Entity(ent.text, ent.label_, ent.start_char, ent.end_char)
            college = self._college_side(ent) if sports and ent.label_ in ("GPE", "LOC", "PERSON", "ORG") else None
            if college is not None:
                entity.actor = college  # "Eastern Michigan rolled past Northern Illinois, 45-17"
            elif ent.label_ in ("GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART") and self._person_as_place(ent) is not None:
                entity.actor = self._person_as_place(ent)  # "Fleck said", tagged as a place after "P.J. Fleck"
            elif ent.label_ in ("GPE", "LOC", "FAC") and sports and ev.team_words(ent) and not self._locative(ent):
                first = lookup_place(ent[0].text, self._context_countries()) if ent[0].is_title else None
                entity.actor = self._team(ent, self._town_country(first))  # "Zentra City"
            elif ent.label_ == "FAC" and self._body_named(ent) is not None:
                entity.actor = self._body_named(ent)  # "at the White House": the body, not a town's other name
            elif ent.label_ in ("GPE", "LOC", "FAC"):
                space = self._in_space(ent, self.index.celestial)  # "Titan's icy crust": a moon, no town
                space = space or self._inside_org_name(ent)  # "the U.S. Attorney's Office": the body's name
                entity.place = None if self._adjective_only(ent) or space else self.resolve_place(ent)
                if entity.place is None and not space and (ent.label_ == "GPE" or self._settlement_named(ent)) and (
                        self._settlement_named(ent) or (not self._names_a_thing(ent) and self._village_evidence(ent))):
                    entity.place = self._approx_place(ent)  # ("the village of X" tagged LOC: X too)
                if ev.team_reading(ent, entity.place, sports, self._locative(ent)):
                    entity.actor, entity.place = self._team(ent, entity.place.country), None
                elif not self._locative(ent):
                    actor = self.resolve_span(ent)
                    # a town standing for its country only ("Andijan said") is a place, not an actor
                    if actor is not None and actor.code and not (
                            actor.kind == "group" and actor.name is None and actor.sector is None):
                        entity.actor = actor
            elif ent.label_ in ("PERSON", "ORG") and self._team_named(ent, sports) is not None:
                entity.actor = self._team_named(ent, sports)
            elif ent.label_ == "PERSON" and self._surname_of_country(ent) is not None:
                entity.actor = self._surname_of_country(ent)
            elif ent.label_ in ("PERSON", "ORG", "NORP"):
                entity.actor = self.resolve_span(ent) or self._party_adjective(ent)
                if ent.label_ in ("PERSON", "ORG") and entity.actor is not None and entity.actor.kind == "person":
                    nationality = self._nationality_before(ent) or self._country_after_name(ent)  # "X of Canada"
                    if nationality:
                        self._given_nationality(entity.actor, nationality)
                elif ent.label_ == "ORG" and entity.actor is not None and entity.actor.kind == "organisation" and (
                        not entity.actor.country):
                    home = self._nationality_of_body(ent)  # "the Taiwanese publication X"
                    if home:
                        self._given_nationality(entity.actor, home)
                    elif self._based_in(ent):  # "the Polytechnic University in Hong Kong"
                        self._give(entity.actor, self._based_in(ent), entity.actor.sector, None)
                if _in_title(ent) and entity.actor is not None and entity.actor.kind == "group" and not entity.actor.id:
                    entity.actor = None  # "Secretary of State X": the words of a title, no agent "state"
                if sports and entity.actor is not None and entity.actor.kind == "country":
                    # "England beat Wales" tagged NORP/ORG: national teams, when named as a side
                    name = " ".join(t.text for t in ent if t.is_alpha and t.lower_ != "the")  # not "2-0"
                    place = lookup_place(name, self._context_countries()) if name else None
                    if place is not None and place.precision == "country" and ev.team_reading(ent, place, True, False):
                        entity.actor = self._team(ent, place.country)
                self._weigh_unknown(ent, entity, full_words)
                self._state_body(ent, entity.actor)
                a = entity.actor
                if ent.label_ in ("NORP", "ORG") and (a is None or (
                        a.kind == "group" and a.name is None and a.sector is None and a.id is None)):
                    # "the Andijan region" (NORP), "Reyes" (ORG) standing only for the country of a town
                    # of that name: no actor; a place when it is one
                    entity.actor = None
                    place = self.resolve_place(ent)
                    prev = ent.doc[ent.start - 1] if ent.start > 0 else None
                    if ent.label_ == "ORG" and not self._locative(ent) and (
                            place is None or place.country not in self.context or ent.root.dep_ == "nsubj"):
                        place = None  # "Montgomery struck out nine": a name, not Montgomery, Alabama
                    if place is not None and place.country and a is not None and not (
                            {t.lower_ for t in ent if t.is_alpha} & full_words) and not any(
                            fold(t.text) in self.memory for t in ent) and not (
                            prev is not None and prev.is_title and prev.pos_ == "PROPN"):  # a surname is no place
                        entity.place = place
                if entity.actor is not None and entity.actor.country is None and (
                        ent.label_ == "PERSON" or entity.actor.kind == "person"):  # a person tagged ORG too
                    self._affiliate(ent, entity.actor)
                if (ent.label_ == "PERSON" and len(ent) == 1 and entity.actor is not None
                        and entity.actor.code is None and fold(ent.text) not in self.memory):
                    place = self.resolve_place(ent)  # "Baikonur" tagged as a person
                    if place is not None and place.feature_class == "P":
                        entity.actor, entity.place = None, place
                if ent.label_ == "ORG" and (entity.actor is None or not (entity.actor.id or entity.actor.name)):
                    # a town of a country the article is about, tagged as an organisation ("Jalal-Abad"):
                    # no named actor, only the town's country
                    place = self.resolve_place(ent)
                    if place is not None and place.feature_class == "P" and place.country in self.context and (
                            self._locative(ent) or ent.root.dep_ != "nsubj"):  # "Chelsea have paid": a club
                        entity.actor, entity.place = None, place
                        self.place_tokens.update(range(ent.start, ent.end))  # for the event stage
            entities.append(entity)
            covered.append((ent.start_char, ent.end_char))
        entities.extend(self._party_entities(party_tags, entities, covered))
        entities.extend(self._state_tags(covered))
        for e in self._extra_mentions(doc, toks, matches, covered):
            dateline = _dateline_place(e.text, e.start, e.end, text, self._context_countries())
            if dateline is not None:  # "VIENNA —" read as the seat of government: the dateline's place
                e.label, e.actor, e.place = "GPE", None, dateline
            entities.append(e)
        entities.sort(key=lambda e: (e.start, e.end))
        self._one_kind_per_name(entities)
        entities = self._company_before_product(entities)
        self._lone_surnames(entities)
        repeats = self._repeat_mentions(doc, entities)  # "Heyward said", untagged after "Cameron Heyward"
        if repeats:
            entities = sorted(entities + repeats, key=lambda e: (e.start, e.end))
        if ev.is_games(doc):
            self._characters(doc, entities)
        self._acronyms(entities)  # "CPUC" after "the California Public Utilities Commission"
        self._teams_throughout(entities)  # "the loss at Minnesota" after "Minnesota's game"
        self._carry_country(entities)
        self._article_prior(entities)
        self._places_in_full_context(entities)  # "Palm Beach" before the article names the US
        self._doc = None  # no Doc outlives the parse (the pipeline frees its strings per batch)
        # for the event stage: an event "in" a named place gets the place its entity got (a village
        # GeoNames lacks included, placed at its region or country)
        self.entity_places = [e for e in entities if e.place is not None]
        # for the quote and event stages: names of places are no actors ("Tash" of "Tash-Bulak")
        self.place_names = {fold(e.text) for e in entities if e.place is not None or (
            e.label in ("GPE", "LOC", "FAC") and e.actor is None)}
        actors: dict[str, Actor] = {}
        places: dict[object, Place] = {}
        for e in entities:
            a = e.actor
            if a is not None and (a.code or a.id):  # agents with no country are no article actor
                actors.setdefault(actor_id(a), a)
            if e.place is not None:
                places.setdefault(e.place.geonameid or e.place.name, e.place)
        return entities, list(actors.values()), list(places.values())

    def _state_tags(self, covered: list[tuple[int, int]]) -> list[Entity]:
        """US states that spaCy leaves untagged in a party tag ("(D-Minn.)", "(R-Texas)") or after a
        town and a comma ("Buffalo, N.Y."): place mentions."""
        out = []
        for m in _STATE_TAG.finditer(self._text):
            g = 1 if m.group(1) else 2
            start, end, name = m.start(g), m.end(g), m.group(g)
            if any(s < end and start < e for s, e in covered):
                continue
            if g == 2:  # "Buffalo, N.Y.": an abbreviation after a capitalised town ("you, Miss." is none)
                prev = re.search(r"([A-Za-z]+)$", self._text[:m.start()])
                if prev is None or not prev.group(1)[:1].isupper() or fold(prev.group(1)) in NOT_NAMES:
                    continue
            place = lookup_place(name, ["USA"])
            if place is None or place.country != "USA" or place.precision != "region":
                continue
            place.text, place.start, place.end = name, start, end
            out.append(Entity(name, "GPE", start, end, place=place))
            covered.append((start, end))
        return out

    def _adjective_only(self, ent) -> bool:
        """A nationality adjective tagged as a place ("through Kazakh mediators"): a country's
        adjective or demonym, no town that happens to bear that name."""
        if len(ent) != 1 or ent.root.dep_ not in ("amod", "compound", "nmod") or ent.root.head.pos_ != "NOUN":
            return False
        entries = [e for _i, _j, es in self.index.match(tokenize(ent.text)) for e in es]
        return bool(entries) and all(e.kind in ("adjective", "demonym") for e in entries)

    def _place_before_surname(self, ent):
        """"at the forum in Valdai Tokayev, he said": a place name after "in"/"at" run into the surname of
        a person the article has named already, tagged as one name. The person's mention alone."""
        from spacy.tokens import Span

        doc = ent.doc
        if len(ent) != 2 or ent.start == 0 or doc[ent.start - 1].lower_ not in LOC_PREPS:
            return ent
        known = self.memory.get(fold(ent[-1].text))
        if known is None or known.kind != "person" or fold(ent.text) in self.memory or (
                fold(ent[0].text) in {fold(w) for w in (known.name or "").split()}):
            return ent
        return Span(doc, ent.end - 1, ent.end, label="PERSON")

    def _company_before_product(self, entities: list[Entity]) -> list[Entity]:
        """A known company's name before its product's name is the company's own mention ("the Zentrix
        Quillo 2 port", "Zentrix's Quillo"): a name with no actor whose first word is a company or
        medium of the dictionaries and whose other words are a product (spaCy's PRODUCT, or a name the
        article shows to be a product) is cut in two: the company (an organisation) and the product."""
        out = []
        for e in entities:
            words = list(re.finditer(r"[\w.&-]+(?:[’']s)?", e.text))
            if e.actor is not None or e.place is not None or e.label not in ("ORG", "PRODUCT", "WORK_OF_ART") or (
                    len(words) < 2):
                out.append(e)
                continue
            k = 1 if words[0].group().lower() == "the" and len(words) > 2 else 0
            first = words[k].group()
            owner = first[:-2] if first.endswith(("’s", "'s")) else first
            rest = e.text[words[k + 1].start():].strip()
            found = self.index.keys.get(tuple(t[0] for t in tokenize(owner))) or []
            company = next((x for _f, x in found if x.kind == "org" and x.sector in ("BUS", "JRN") and x.country), None)
            if company is None or not (e.label == "PRODUCT" or first != owner or ev.core(rest) in self._products or (
                    rest.split()[0] in self._products)):
                out.append(e)
                continue
            start = e.start + words[k].start()
            actor = self._resolve(owner, start, labels=[(0, len(owner), "ORG")])
            if actor is None or actor.country != company.country:
                out.append(e)
                continue
            rest_start = e.start + words[k + 1].start()
            out.append(Entity(owner, "ORG", start, start + len(owner), actor=actor))
            out.append(Entity(self._text[rest_start:e.end], "PRODUCT", rest_start, e.end))
        return out

    def _characters(self, doc, entities: list[Entity]) -> None:
        """In a games article, a name no dictionary knows, with no country, that never speaks and is
        never introduced as a person ("Mega Zentrafox learns Iron Tail") is a character, a move or an
        item of the game: no actor. People of the article (developers who said something) stay."""
        by_id: dict[str, list[Entity]] = {}
        for e in entities:
            a = e.actor
            if a is not None and a.kind in ("person", "organisation") and not a.country and not a.code and (
                    a.id and a.id.startswith(("person:", "org:"))) and e.label in ("PERSON", "ORG"):
                by_id.setdefault(a.id, []).append(e)
        for mentions in by_id.values():
            spans = [doc.char_span(e.start, e.end, alignment_mode="expand") for e in mentions]
            if mentions[0].actor.kind == "organisation" and len(mentions[0].text.split()) > 1:
                continue  # "Zentra Studios": a name of more words tagged as an organisation may well be one
            if not any(sp is not None and ev.speaks(sp) for sp in spans):
                for e in mentions:
                    e.actor = None

    def _affiliate(self, ent, actor: Actor) -> None:
        """An unknown person gets the country of the words before the name
        ("Kazakh analyst X", "EurAsEC Director General X") and keeps it for the article."""
        doc, k = ent.doc, ent.start - 1
        lo_k = max(self._sent(ent).start, ent.start - 8)
        while lo_k > max(0, ent.start - 8) and not (doc[lo_k - 1].is_punct or doc[lo_k - 1].is_space):
            lo_k -= 1  # a sentence split inside the title ("Kyrgyz | Prime Minister X"): no boundary
        while k >= lo_k and (doc[k].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART") or doc[k].tag_ == "POS" or (
                doc[k].lower_ in ("to", "at") and k > lo_k and doc[k - 1].lemma_.lower() in ENVOYS)):
            k -= 1  # "China's ambassador to Britain X": the envoy's own state comes before "to"
        ctx = None
        if k + 1 < ent.start:
            lo = doc[k + 1].idx
            phrase = self._text[lo:ent.end_char]
            labels = [(ent.start_char - lo, ent.end_char - lo, "PERSON")]
            ctx = self._resolve(phrase, lo, labels=labels, remember=False, memory=False)
            envoy = next((t for t in doc[k + 1:ent.start] if t.lemma_.lower() in ENVOYS), None)
            if envoy is not None and envoy.i + 1 < ent.start and doc[envoy.i + 1].lower_ in ("to", "at") and not any(
                    e.kind in COUNTRYISH for _i, _j, es in self.index.match(tokenize(self._text[lo:envoy.idx]))
                    for e in es):
                return  # "Ambassador to Britain X": the host state is not the envoy's own
            if ctx is not None and ctx.kind == "person" and ctx.name == actor.name and ctx.country:
                self._give(actor, ctx.country, ctx.sector, ctx.title)
                return
            if ctx is not None and ctx.kind == "organisation" and ctx.id and ctx.country and (
                    ctx.sector in STATE_SECTORS) and ctx.country not in ("IGO", "NGO", "IMG", "MNC") and (
                    doc[ent.start - 1].pos_ == "NOUN"):
                # "White House adviser X", "Defence Ministry official X": a state body's staff are its state's
                self._give(actor, ctx.country, ctx.sector, None)
                return
        # an apposition names the role: "His Uzbek counterpart, Dilnoza Rakhimova", "Tomas Reyes,
        # the UN's humanitarian coordinator"
        root = ent.root
        roles = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if root.dep_ == "appos":
            head = root.head  # "The UN coordinator in Kyrgyzstan, X": the role, not the country
            while head.pos_ == "PROPN" and head.dep_ == "pobj" and head.head.head.pos_ == "NOUN":
                head = head.head.head
            if head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.lower_ in PERSON_OFFICES):
                roles.append(head)  # "the then UK Home Secretary, X": a title in capitals too
        office, office_at = None, (0, 0)  # an apposition's office of no country ("a spokesman for the regional police, X")
        for r in roles:
            if r.i < ent.start:  # "His Uzbek counterpart, X": the words up to the role's noun
                lo, hi = r.left_edge.idx, min(r.idx + len(r.text), ent.start_char)
            else:  # "X, chairman of the Joint Chiefs": the whole apposition
                lo, hi = r.left_edge.idx, r.right_edge.idx + len(r.right_edge.text)
            if not (0 <= lo < hi) or hi - lo > 120:
                continue
            role = self._resolve(self._text[lo:hi], lo, labels=None, remember=False, memory=False)
            if role is not None and role.country and role.kind in ("group", "organisation", "country", "person") and (
                    role.kind != "person" or not role.name):
                self._give(actor, role.country, role.sector or ("GOV" if role.title else None), role.title)
                return
            if office is None and role is not None and not role.country and not role.id and (
                    role.kind in ("group", "person") and role.sector in OFFICE_SECTORS):
                right = r.right_edge.idx + len(r.right_edge.text)  # with its "for the regional police"
                office, office_at = role, (lo, right if r.i > ent.start else min(right, ent.start_char))
        if office is not None and ctx is None:
            # only a country named just before: an article's main country is often the other side's;
            # a regional body is one of the region the article names ("the regional police")
            main = self._near_country(ent) or self._regional_country(*office_at)
            if main:
                self._give(actor, main, office.sector, office.title)
                return
        # an office with no country ("Foreign Minister X") is an office of the country the article is
        # about, unless the person is said to lead a group of another ("Colonel X, who led the team")
        led = self._led_group_country(ent)
        envoy = k + 1 < ent.start and any(t.lemma_.lower() in ENVOYS for t in doc[k + 1:ent.start])
        if ctx is not None and ctx.kind == "person" and ctx.name == actor.name and not ctx.country and (
                ctx.title or ctx.sector in OFFICE_SECTORS):
            # an envoy is posted to the country an article about him is mostly about: not his own
            main = led or (None if envoy or (actor.name or ent.text).lower() in _shared_office_names(doc)  # "Ministers X and Y"
                           else self._main_country() or self._near_country(ent))
            if envoy and actor.id:
                self._envoys.add(actor.id)  # nor the article's country (_article_prior)
            if main:
                self._give(actor, main, ctx.sector or "GOV", ctx.title)
                return
        if led:
            self._give(actor, led, None, None)

    def _sent(self, span):
        """The sentence of ``span`` (sentences listed once per doc: ``Span.sent`` rescans the doc)."""
        k = bisect.bisect_right(self._sent_starts, span.start) - 1
        return self._sents[max(k, 0)]

    @staticmethod
    def _settlement_named(ent) -> bool:
        """The name after "the village/town/... of"."""
        root = ent.root
        return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in SETTLEMENT_NOUNS

    @staticmethod
    def _locative(ent) -> bool:
        """The name of a place by its syntax: after "in", "near"... or "the village/town/... of"."""
        root = ent.root
        while root.dep_ == "conj" and root.head.i < root.i:  # "from Kok-Jar, Sary-Tash and Jangy-Aryk"
            root = root.head
        return root.dep_ == "pobj" and root.head.lower_ in LOC_PREPS or DocumentMixin._settlement_named(ent)

    def _extra_mentions(self, doc, toks, matches, covered) -> list[Entity]:
        """Dictionary mentions spaCy did not tag: agents, seats of power, adjectives."""
        out = []
        for i, j, entries in matches:
            start, end = toks[i][2], toks[j - 1][3]
            if any(s < end and start < e for s, e in covered):
                continue
            e = entries[0]
            if e.kind in ("agent", "office") and all(t[1][:1].isupper() for t in toks[i:j]):
                # "the Justice Department" written as a name: the body, not the agent noun
                e = next((x for x in entries if x.kind == "org"), e)
            is_office = e.kind in ("agent", "office") and any(x.kind == "office" for x in entries)
            if e.kind == "agent" and not is_office and (e.weak or fold(self._text[start:end]) in self.index.no_mention):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or ev.word_in_capitals(span):  # "there IS a bar" is no Islamic State
                continue
            nxt = doc[span.end] if span.end < len(doc) else None
            if is_office and nxt is not None and nxt.ent_type_ == "PERSON":
                continue  # a title: "President Vladimir Putin" is the person's mention
            if e.kind in ("agent", "office"):
                actor = self._agent_in_context(span, start, end, self._text[start:end], is_office)
                named = actor is not None and actor.kind == "person" and (actor.name or "").endswith(" " + self._text[start:end])
                label = "PERSON" if named else "AGENT"  # "King" after "Kevin King" is his name, no agent noun
            else:
                actor = self._resolve(self._text[start:end], start, labels=None)
                label = {"org": "ORG", "person": "PERSON", "capital": "ORG"}.get(e.kind, "NORP")
                if self._sports and actor is not None and actor.kind == "country" and e.kind == "country":
                    place = lookup_place(self._text[start:end], self._context_countries())
                    if place is not None and ev.team_reading(span, place, True, False):
                        actor, label = self._team(span, place.country), "ORG"  # "England beat Wales"
            if actor is None:
                continue
            out.append(Entity(self._text[start:end], label, start, end, actor=actor))
            covered.append((start, end))
        return out

    def _agent_in_context(self, span, start: int, end: int, text: str, is_office: bool = False) -> Actor | None:
        """An agent word with the country its noun phrase gives ("security forces in Kazakhstan")."""
        head = span.root
        lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
        sent = self._sent(span)
        lo, hi = max(lo, sent.start_char, start - 80), min(hi, sent.end_char, end + 120)
        # the words before it ("the Kazakh leader", "Russian troops") say who it is
        left = self._resolve(self._text[lo:end], lo, labels=None, remember=False) if lo < start else None
        if left is not None and left.kind == "person" and left.name and {
                w[0] for w in tokenize(left.name)} & {w[0] for w in tokenize(self._text[lo:end])}:
            # "Clinton's campaign director" is not Clinton; "the Obama administration" is USAGOV
            actor = self._resolve(text, start, labels=None)
            if actor is not None and left.country and not actor.country:
                actor.country, actor.code = left.country, _code(left.country, actor.sector)
                actor.name = f"{self._cname(left.country)} {actor.name or _plain(text)}".strip()
                actor.id = f"agent:{left.country}:{actor.sector}"
            return actor
        if left is not None and left.country and left.sector:
            left.text, left.start, left.end = text, start, end
            return left
        # the rest of the phrase may give a country ("security forces in Kazakhstan")
        ctx = self._resolve(self._text[lo:hi], lo, labels=None, remember=False)
        if is_office and ctx is not None and ctx.kind == "person" and ctx.country:
            ctx.text, ctx.start, ctx.end = text, start, end  # "the President of Belarus Alexander Lukashenko"
            return ctx
        actor = self._resolve(text, start, labels=None)
        if actor is None:
            return None
        if ctx is not None and ctx.country and not actor.country and ctx.kind != "person":
            actor.country = ctx.country
            actor.code = ctx.country + (actor.sector or "") if ctx.country not in ("IGO", "NGO", "IMG") else ctx.country
            actor.id = f"agent:{actor.country}:{actor.sector}"
            actor.name = f"{self._cname(actor.country)} {actor.name or _plain(text)}".strip()
        return actor

    # -- the core ----------------------------------------------------------------------------
