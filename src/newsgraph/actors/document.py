"""Whole articles: ``resolve_doc`` and the mentions spaCy's NER misses.

A mixin of :class:`newsgraph.actors.ActorResolver`: it uses the resolver's
``_resolve`` (one phrase -> actor), ``resolve_span``/``resolve_place`` and its
article memory.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from ..model import Actor, Entity, Place, actor_id
from . import evidence as ev
from .dictionary import combined_code as _code, fold, slug, tokenize
from .places import lookup_place

LOC_PREPS = {"in", "at", "near", "from", "into", "to", "across", "outside", "inside", "within", "around",
             "throughout", "toward", "towards", "through", "via"}
COUNTRYISH = {"country", "adjective", "demonym", "capital"}


def _hyphen_joined(doc):
    """``doc.ents``, each grown over capitalised words joined to it by a hyphen with no space
    ("Tash" "-" "Bulak": spaCy's model may tag "Bulak" alone, or split the name in two)."""
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
        out.append(ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_))
    return out


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


STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
OFFICE_SECTORS = STATE_SECTORS | {"OPP", "PTY"}  # "Opposition deputy X": a member of that country's parliament
US_TITLES = {"sen", "senator", "rep", "congressman", "congresswoman"}
# words that make an unknown organisation a body of a state ("the Department of Social Services")
GOV_BODY_WORDS = {"department": "GOV", "ministry": "GOV", "agency": "GOV", "bureau": "GOV", "administration": "GOV",
                  "commission": "GOV", "directorate": "GOV", "prosecutor": "JUD", "court": "JUD", "tribunal": "JUD",
                  "parliament": "LEG", "senate": "LEG", "assembly": "LEG", "congress": "LEG", "police": "COP",
                  "army": "MIL", "navy": "MIL", "military": "MIL"}


def _plain(text: str) -> str:
    """A mention as the rest of an agent's name: "the workers" -> "workers" (after the country)."""
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words).lower()


class DocumentMixin:
    def resolve_doc(self, doc) -> tuple[list[Entity], list[Actor], list[Place]]:
        """Entities of ``doc`` (``doc.ents`` plus dictionary mentions spaCy missed, such as
        "police", "the Kremlin", "Kazakh") with ``.actor``/``.place`` set; the distinct
        actors of the article (first mention of each ``model.actor_id``); the distinct places."""
        text = self._text = doc.text  # Doc.text is rebuilt on every access
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
        entities: list[Entity] = []
        covered: list[tuple[int, int]] = []
        sports = self._sports = ev.is_sports(doc) or _topic(doc) == "sports"
        full_words = self._full_words = ev.full_name_words(doc)
        self._products = ev.product_names(doc)
        for ent in _hyphen_joined(doc):
            if covered and ent.start_char < covered[-1][1]:
                continue  # the rest of a name joined by a hyphen to the one before
            if ent.label_ in ("PERSON", "ORG") and len(ent) > 1 and ent[0].lower_ in LOC_PREPS and ent[0].is_title:
                from spacy.tokens import Span  # "In Kok-Jar," tagged as one name: the place after "In"

                ent = Span(ent.doc, ent.start + 1, ent.end, label="GPE")
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
            entity = Entity(ent.text, ent.label_, ent.start_char, ent.end_char)
            if ent.label_ in ("GPE", "LOC", "FAC") and sports and ev.team_words(ent) and not self._locative(ent):
                first = lookup_place(ent[0].text, self._context_countries()) if ent[0].is_title else None
                entity.actor = self._team(ent, first.country if first is not None else None)  # "Zentra City"
            elif ent.label_ in ("GPE", "LOC", "FAC"):
                entity.place = self.resolve_place(ent)
                if entity.place is None and ent.label_ == "GPE":
                    entity.place = self._approx_place(ent)
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
                entity.actor = self.resolve_span(ent)
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
                            place is None or place.country not in self.context):
                        place = None  # "Montgomery struck out nine": a name, not Montgomery, Alabama
                    if place is not None and place.country and a is not None and not (
                            {t.lower_ for t in ent if t.is_alpha} & full_words) and not any(
                            fold(t.text) in self.memory for t in ent) and not (
                            prev is not None and prev.is_title and prev.pos_ == "PROPN"):  # a surname is no place
                        entity.place = place
                if ent.label_ == "PERSON" and entity.actor is not None and entity.actor.country is None:
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
                    if place is not None and place.feature_class == "P" and place.country in self.context:
                        entity.actor, entity.place = None, place
                        self.place_tokens.update(range(ent.start, ent.end))  # for the event stage
            entities.append(entity)
            covered.append((ent.start_char, ent.end_char))
        entities.extend(self._extra_mentions(doc, toks, matches, covered))
        entities.sort(key=lambda e: (e.start, e.end))
        self._one_kind_per_name(entities)
        self._carry_country(entities)
        actors: dict[str, Actor] = {}
        places: dict[object, Place] = {}
        for e in entities:
            a = e.actor
            if a is not None and (a.code or a.id):  # agents with no country are no article actor
                actors.setdefault(actor_id(a), a)
            if e.place is not None:
                places.setdefault(e.place.geonameid or e.place.name, e.place)
        return entities, list(actors.values()), list(places.values())

    def _carry_country(self, entities: list[Entity]) -> None:
        """Office gives country through the article: a person or body named once with its country
        ("Foreign Minister of Uzbekistan Dilnoza Rakhimova") has it at every mention, before and
        after ("Rakhimova said"), and in the resolver's memory, which the quote and event stages use."""
        best: dict[str, Actor] = {}
        for e in entities:
            a = e.actor
            if a is not None and a.id and a.country and a.id.startswith(("person:", "org:")):
                cur = best.get(a.id)
                if cur is None or (a.sector and not cur.sector):
                    best[a.id] = a
        if not best:
            return

        def fill(a: Actor) -> None:
            b = best.get(a.id or "")
            if b is None or b is a or (a.country and a.country != b.country):
                return
            if not a.country or (a.sector is None and b.sector):
                a.country, a.code, a.sector = b.country, b.code, b.sector
                a.title = a.title or b.title

        for e in entities:
            if e.actor is not None:
                fill(e.actor)
        for tmpl in self.memory.values():
            fill(tmpl)

    def _surname_of_country(self, ent) -> Actor | None:
        """"Ireland said" tagged as a person, in an article that names "Maya Ireland": the person,
        not the country."""
        if len(ent) != 1 or not ent[0].is_title:
            return None
        found = [e for i, j, es in self.index.match(tokenize(ent.text)) for e in es if e.kind == "country"]
        if not found:
            return None
        from .resolve import DIRECTIONS, NOT_NAMES

        for m in re.finditer(r"\b([A-Z][a-z]+) " + re.escape(ent.text) + r"\b", self._text):
            first = m.group(1)
            if fold(first) in NOT_NAMES or fold(first) in DIRECTIONS or self.index.match(tokenize(first)):
                continue
            name = f"{first} {ent.text}"
            known = self.memory.get(fold(name))
            if known is not None:
                return Actor(**{**known.__dict__, "text": ent.text, "start": ent.start_char, "end": ent.end_char})
            return Actor(text=ent.text, name=name, kind="person", id="person:" + slug(name),
                         start=ent.start_char, end=ent.end_char)
        return None

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
                return self._team(ent, first.country if first is not None else None)
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
                words[0].lower_ not in self._full_words):
            return self._team(ent, first.country)  # "Porto" tagged as a person in a match report
        if not ev.person_team(ent, sports, first):
            return None
        if fold(ent.text) in self.memory:
            return None  # a person of the article ("Rogers" after "Ann Rogers")
        return self._team(ent, first.country if first is not None else None) if sports else Actor(
            text=ent.text, code=None, country=None, sector=None, name=" ".join(t.text for t in words),
            kind="organisation", id="org:" + slug(" ".join(t.text for t in words)), start=ent.start_char,
            end=ent.end_char)

    def _weigh_unknown(self, ent, entity: Entity, full_words: set[str]) -> None:
        """An unknown name (no code, no dictionary entry) that the text shows to be a product, or
        a lone word no full name accounts for, is no actor."""
        from .resolve import PERSON_OFFICES

        a = entity.actor
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
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
        if a is None or a.code or a.country or (a.id and not a.id.startswith(("person:", "org:"))):
            return
        if not any(c.isupper() for c in ent.text) or fold(ev.core(ent.text)) in self.index.not_actors:
            entity.actor = None  # "cubic metres"; a holiday or a measure ("Nowruz", "Celsius")
            return
        if a.name and fold(a.name) in self.memory and self.memory[fold(a.name)].country:
            return
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if nxt is not None and nxt.lower_ in ("river", "lake", "mountains", "valley", "canal", "reservoir", "gorge",
                                              "pass", "steppe", "desert", "sea"):
            entity.actor = None  # "the Ishim river": a place, not a group
            entity.place = self.resolve_place(ent) or self._approx_place(ent)
            return
        if ev.product_reading(ent, set()) or ev.core(ent.text) in self._products or ev.event_name(ent):
            entity.actor = None
            return
        if ent.label_ == "PERSON":
            before = ent.doc[ent.start - 1] if ent.start > 0 else None
            titled = before is not None and before.lower_.rstrip(".") in (
                "mr", "mrs", "ms", "dr", "sir", "lady", "lord", "president", "minister", "senator", "sen",
                "rep", "gov", "governor", "judge", "general", "coach", "captain", "officer", "chief")
            if ev.lone_name(ent, full_words, titled):
                entity.actor = None
        elif ent.label_ == "ORG" and a.kind == "organisation" and ev.person_like(ent):
            # "Cholpon Abdyldaeva, who fled ...", "spokeswoman Irina Volkova" tagged as an organisation
            a.kind, a.id = "person", "person:" + slug(a.name or ent.text)
            self._remember(a, a.name)

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


    def _affiliate(self, ent, actor: Actor) -> None:
        """An unknown person gets the country of the words before the name
        ("Kazakh analyst X", "EurAsEC Director General X") and keeps it for the article."""
        doc, k = ent.doc, ent.start - 1
        while k >= max(self._sent(ent).start, ent.start - 8) and (doc[k].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART")
                                                           or doc[k].tag_ == "POS"):
            k -= 1
        ctx = None
        if k + 1 < ent.start:
            lo = doc[k + 1].idx
            phrase = self._text[lo:ent.end_char]
            labels = [(ent.start_char - lo, ent.end_char - lo, "PERSON")]
            ctx = self._resolve(phrase, lo, labels=labels, remember=False, memory=False)
            if ctx is not None and ctx.kind == "person" and ctx.name == actor.name and ctx.country:
                self._give(actor, ctx.country, ctx.sector, ctx.title)
                return
        # an apposition names the role: "His Uzbek counterpart, Dilnoza Rakhimova", "Tomas Reyes,
        # the UN's humanitarian coordinator"
        root = ent.root
        roles = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if root.dep_ == "appos":
            head = root.head  # "The UN coordinator in Kyrgyzstan, X": the role, not the country
            while head.pos_ == "PROPN" and head.dep_ == "pobj" and head.head.head.pos_ == "NOUN":
                head = head.head.head
            if head.pos_ == "NOUN":
                roles.append(head)
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
        # an office with no country ("Foreign Minister X") is an office of the country the article is about
        if ctx is not None and ctx.kind == "person" and ctx.name == actor.name and not ctx.country and (
                ctx.title or ctx.sector in OFFICE_SECTORS):
            main = self._main_country() or self._near_country(ent)
            if main:
                self._give(actor, main, ctx.sector or "GOV", ctx.title)

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
        if any(e.kind in COUNTRYISH for t in words if t.is_alpha for _i, _j, es in self.index.match(tokenize(t.text))
               for e in es):
            return None  # "Maya Ireland": a country's word inside makes it no unknown village
        if any(fold(t.text) in self.index.not_actors for t in words):
            return None
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
            main = self._main_country()
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

    def _sent(self, span):
        """The sentence of ``span`` (sentences listed once per doc: ``Span.sent`` rescans the doc)."""
        k = bisect.bisect_right(self._sent_starts, span.start) - 1
        return self._sents[max(k, 0)]

    @staticmethod
    def _locative(ent) -> bool:
        root = ent.root
        return root.dep_ == "pobj" and root.head.lower_ in LOC_PREPS

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
            if span is None:
                continue
            nxt = doc[span.end] if span.end < len(doc) else None
            if is_office and nxt is not None and nxt.ent_type_ == "PERSON":
                continue  # a title: "President Vladimir Putin" is the person's mention
            if e.kind in ("agent", "office"):
                actor = self._agent_in_context(span, start, end, self._text[start:end], is_office)
                label = "AGENT"
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
