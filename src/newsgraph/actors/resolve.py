"""Mentions -> actors.

``ActorResolver`` is made once per article (its ``published`` date picks office
holders, and it remembers the people named in the article so that a later
"Tokayev" is the earlier "Kasim-Jomart Tokayev"). The dictionary index and the
place index are built once per process (see ``dictionary.get_index``).

How a phrase is read (``_resolve``): the phrase is matched against the index
(longest match first); words after a preposition ("police in Jericho") or
after "anti-"/"pro-" only give context. Then, in order:

1. a known person (or one named earlier in the article) -> that person, with
   the country and office they held on the article date;
2. an organisation or group -> it, with a sector from an agent word after it
   ("UN peacekeepers" -> IGO MIL);
3. a country (name, adjective, demonym, capital): with an office word and a
   date, the office holder ("the Russian president" -> Vladimir Putin); with an
   agent word, country + sector ("Kazakh police" -> KAZCOP); a capital or seat
   of power alone -> the government (Moscow -> RUSGOV); else the country;
4. an agent word alone -> its sector, no country;
5. an unknown proper name -> an actor with text and kind but no code.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..model import Actor, Place
from .dictionary import Index, combined_code as _code, fold, get_index, slug, tokenize
from .document import DocumentMixin
from .holders import OfficeHolderMixin
from .places import lookup_place, resolve_place as _resolve_place
from .words import (COUNTRYISH, DIRECTIONS, FORMER, NEGATORS, NOT_NAMES, ORG_LABELS, ORG_WORDS,  # noqa: F401
                    PERSON_LABELS, PERSON_OFFICES, PREPS, SURNAME_OFFICES, TITLE_WORDS, TITLES, close_word)

_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


class ActorResolver(DocumentMixin, OfficeHolderMixin):
    """Resolve actor and place mentions of one article.

    ``published``: the article date (YYYY-MM-DD) used to pick office holders.
    ``extra_dictionaries``: user dictionary files (YAML/CSV, or PETRARCH-format
    ``.txt``), added to those named in ``NEWSGRAPH_ACTOR_DICTS``.
    """

    def __init__(self, *, published: str | None = None, extra_dictionaries: Iterable = ()) -> None:
        self.published = (published or "")[:10] or None
        self.extra_dictionaries = list(extra_dictionaries)
        self.index: Index = get_index(self.extra_dictionaries)
        self.reset()

    def reset(self) -> None:
        """Forget the people and countries of the current article."""
        self.memory: dict[str, Actor] = {}  # folded surname / full name -> actor template
        self.context: list[str] = []  # countries the article talks about, in order
        self.place_context: list[str] = []  # countries of the article's unambiguous place names
        self.place_names: set[str] = set()  # folded names of the article's places (set by resolve_doc)

    # -- public API --------------------------------------------------------------------------

    def resolve_text(self, text: str) -> Actor | None:
        return self._no_place_name(self._resolve(text, 0, labels=None))

    def resolve_span(self, span) -> Actor | None:
        labels = _span_labels(span)
        if not labels and getattr(span, "label_", ""):
            labels = [(0, len(span.text), span.label_)]
        return self._no_place_name(self._resolve(span.text, span.start_char, labels=labels))


    def resolve_place(self, span_or_text) -> Place | None:
        return _resolve_place(span_or_text, self._context_countries())

    def _context_countries(self) -> list[str]:
        """The countries the article names, then those of the places it names that have one
        country only ("Gaza", "Hebron": Bethlehem is then the West Bank town)."""
        return list(dict.fromkeys([*self.context, *getattr(self, "place_context", ())]))

    def _cname(self, iso3: str | None) -> str:
        return self.index.country_names.get(iso3 or "", iso3 or "")

    def _resolve(self, text: str, offset: int, labels, remember: bool = True, memory: bool = True) -> Actor | None:
        toks = tokenize(text)
        if not toks:
            return None
        # strip a leading "the"/"a": the actor text keeps them, matching does not need them
        matches = self._drop_embedded(toks, text, self._with_evidence(self.index.match(toks), toks, labels), labels)
        spans = []  # (i, j, entries, context_only)
        negated_spans: list = []
        prep_seen = False
        mi = 0
        for ti, (fw, ow, s, e) in enumerate(toks):
            if mi < len(matches) and matches[mi][0] == ti:
                i, j, entries = matches[mi]
                negated = i > 0 and toks[i - 1][0] in NEGATORS and text[toks[i - 1][3]:toks[i][2]] == "-"
                if not negated:  # "anti-Syria journalist" is not Syrian
                    spans.append((i, j, entries, prep_seen))
                else:
                    negated_spans.append((i, j, entries, True))
                mi += 1
            elif fw in PREPS and (mi == 0 or matches[mi - 1][1] <= ti):
                prep_seen = True
        memory_hits = self._memory_hits(toks, matches) if memory else []
        date_former = any(t[0] in FORMER for t in toks[:3])
        a_start, a_end = offset, offset + len(text)

        # 1. persons
        persons = [(i, j, [e for e in es if e.kind == "person"], ctx) for i, j, es, ctx in spans]
        persons = [(i, j, es, ctx) for i, j, es, ctx in persons if es]
        head_words = [x for x in spans if not x[3] and (x[2][0].kind in ("org", "country", "demonym") or (
            x[2][0].kind == "agent" and x[2][0].sector != "GOV"))]
        # "Prime Minister of Kyrgyzstan Akylbek Japarov" is Japarov; "supporters of Putin" is not Putin
        main_persons = [p for p in persons if not p[3]] or ([] if head_words else persons)
        for i, j, es, ctx in main_persons:
            full = [e for e in es if len(tokenize(e.name)) <= j - i]
            other = any(x.kind != "person" for x in next(m[2] for m in spans if m[0] == i))
            usable = full or [e for e in es if (e.alone and not other) or fold(e.name) in self.memory
                              or self._title_before(toks, i)]
            if not usable:
                continue
            remembered = None
            if not full and memory:  # the dictionary took the name's words: ask the memory for them
                remembered = next((a for k in range(i, j) for a in (self.memory.get(toks[k][0]),)
                                   if a is not None and a.kind == "person" and toks[k][0] not in NOT_NAMES), None)
            if remembered is not None and fold(remembered.name or "") not in {fold(x.name) for x in usable}:
                # "Martin" after "Jean-Pierre Martin" in the article is that Martin, not a
                # dictionary person known by the same surname
                return Actor(**{**remembered.__dict__, "text": text, "start": a_start, "end": a_end})
            e = self._pick_person(usable)
            actor = self._person_actor(e, text, a_start, a_end)
            if remember:
                self._remember(actor, e.name)
            return actor
        if memory_hits:
            # "Kyrgyz Energy Minister Bakyt Jumabaev": a remembered person is the head, not "Energy"
            tmpl = next((a for a in memory_hits if a.kind == "person"), memory_hits[0])
            return Actor(**{**tmpl.__dict__, "text": text, "start": a_start, "end": a_end})

        agents = [(i, j, es, ctx) for i, j, es, ctx in spans if es[0].kind in ("agent", "office")]
        main_agents = [a for a in agents if not a[3]]
        offices = [(i, j, next(e for e in es if e.kind == "office")) for i, j, es, ctx in main_agents
                   if any(e.kind == "office" for e in es)]
        strong = [a for a in main_agents if not a[2][0].weak] or main_agents
        agent_sector = strong[0][2][0].sector if strong else None
        if not main_agents and agents and not any(not c for *_x, c in spans):
            agent_sector = ([a for a in agents if not a[2][0].weak] or agents)[0][2][0].sector
        # the agent words of the name ("at least ten American workers": "workers", after a preposition)
        naming = strong or [a for a in agents if a[2][0].sector == agent_sector]

        # 2. organisations and groups
        orgs = [(i, j, next(e for e in es if e.kind == "org"), ctx) for i, j, es, ctx in spans
                if any(e.kind == "org" for e in es)]
        main_orgs = [o for o in orgs if not o[3]]
        countries = [(i, j, next(e for e in es if e.kind in COUNTRYISH), ctx) for i, j, es, ctx in spans
                     if any(e.kind in COUNTRYISH for e in es)]
        main_countries = [c for c in countries if not c[3]]
        if main_orgs:
            i, j, e, _ = main_orgs[0]
            if e.country in ("IGO", "NGO", "IMG") or not main_countries or main_countries[0][0] > i:
                after = [a for a in strong if a[0] >= j and not a[2][0].weak]
                sector = after[0][2][0].sector if after else e.sector
                named = self._unknown_name(toks, text, labels, spans + negated_spans, after=j)
                table = self.index.org_tables.get(e.name or "")
                if table and offices and offices[0][0] >= j and not named and not date_former:
                    # "NATO Secretary General" -> who held the office on the date
                    oi, oj, _oe = offices[0]
                    found = self.holder(table, " ".join(t[0] for t in toks[oi:oj]))
                    pe = self.index.persons.get(found[0]) if found else None
                    if pe is not None:
                        return self._person_actor(pe, text, a_start, a_end)
                if named and self._label_kind(labels, named, None) == "person":
                    # "EurAsEC Director General Vladimir Lepekhin": a person of that body
                    actor = Actor(text=text, code=_code(e.country, sector or "GOV"), country=e.country,
                                  sector=sector or "GOV", name=named, kind="person", id="person:" + slug(named),
                                  start=a_start, end=a_end)
                    if remember:
                        self._remember(actor, named)
                    return actor
                return Actor(text=text, code=_code(e.country, sector), country=e.country, sector=sector,
                             name=e.name, kind=e.actor_kind or "organisation", id=e.id, start=a_start, end=a_end)

        # 3. countries
        use = main_countries or (countries if (agents or not spans or all(c for *_x, c in spans)) else [])
        if use:
            i, j, e, _ = use[0]
            country = e.country
            if offices and not date_former:
                oi, oj, oe = offices[0]
                named = self._unknown_name(toks, text, labels, spans + negated_spans, after=oj)
                found = self.holder(country, toks[oi][0] if oj - oi == 1 else " ".join(t[0] for t in toks[oi:oj]))
                title = None
                key = self._office_key(country, " ".join(t[0] for t in toks[oi:oj]))
                if key:
                    title = (self.index.holders.get(country) or {}).get(key, {}).get("title")
                if found and not named:
                    pe = self.index.persons.get(found[0])
                    if pe is not None:
                        actor = self._person_actor(pe, text, a_start, a_end)
                        actor.title = title or actor.title
                        return actor
                return Actor(text=text, code=_code(country, "GOV"), country=country, sector="GOV",
                             name=named, kind="person", id=("person:" + slug(named)) if named else None,
                             start=a_start, end=a_end, title=title or text[toks[oi][2]:toks[oj - 1][3]].title())
            if agent_sector:
                if country in ("IGO", "NGO"):
                    code = country
                else:
                    code = _code(country, agent_sector)
                named = self._unknown_name(toks, text, labels, spans + negated_spans, after=0)
                last = toks[-1][0]
                if named and last in PERSON_OFFICES and not any(lab in PERSON_LABELS for _s, _e, lab in labels or []):
                    # "Kyrgyz Energy Minister": the portfolio is part of the title; an office holder,
                    # not a body called "Energy" nor a person called so
                    return Actor(text=text, code=code, country=country, sector=agent_sector, name=None, kind="person",
                                 id=None, start=a_start, end=a_end, title=text[toks[-2][2] if len(toks) > 1 else toks[-1][2]:toks[-1][3]].title())
                if named and self._label_kind(labels, named, agent_sector) != "person":
                    # "the Free Albanian Workers Party", "the Liberal Party of Canada": a body of that
                    # country named by the whole phrase, not a person called "Free" or "Liberal"
                    whole = _LEADING_ARTICLE.sub("", text).strip()
                    return Actor(text=text, code=code, country=country, sector=agent_sector, name=whole,
                                 kind="organisation", id="org:" + slug(whole), start=a_start, end=a_end)
                kind = "person" if named else "group"
                actor = Actor(text=text, code=code, country=country, sector=agent_sector,
                              name=named or f"{self._cname(country)} {_words(toks, naming)}".strip(),
                              kind=kind, id=("person:" + slug(named)) if named else f"agent:{country}:{agent_sector}",
                              start=a_start, end=a_end)
                if named and remember:
                    self._remember(actor, named)
                return actor
            if e.kind == "capital":
                return Actor(text=text, code=_code(country, "GOV"), country=country, sector="GOV", name=e.name,
                             kind="organisation", id=e.id, start=a_start, end=a_end)
            named = self._unknown_name(toks, text, labels, spans + negated_spans, after=0)
            if named and self._label_kind(labels, named, None) != "person":
                # "Kyrgyz Energy" tagged ORG: an organisation of that country, not a person
                return Actor(text=text, code=country, country=country, sector=None, name=named,
                             kind="organisation", id="org:" + slug(named), start=a_start, end=a_end)
            if named:  # "Iran's religious leader Ayatollah X": a person of that country
                actor = Actor(text=text, code=country, country=country, sector=None, name=named, kind="person",
                              id="person:" + slug(named), start=a_start, end=a_end)
                if remember:
                    self._remember(actor, named)
                return actor
            return Actor(text=text, code=country, country=country, sector=None, name=self._cname(country),
                         kind="country", id=e.id, start=a_start, end=a_end)
        if main_orgs or orgs:
            i, j, e, _ = (main_orgs or orgs)[0]
            return Actor(text=text, code=_code(e.country, e.sector), country=e.country, sector=e.sector,
                         name=e.name, kind=e.actor_kind or "organisation", id=e.id, start=a_start, end=a_end)

        # 4. agents without a country: the place after a preposition may give one
        named = self._unknown_name(toks, text, labels, spans + negated_spans, after=0)
        if agent_sector and not named:
            place_country = self._place_country(toks, text) or self._fuzzy_country(toks, spans)
            return Actor(text=text, code=_code(place_country, agent_sector) if place_country else None,
                         country=place_country, sector=agent_sector,
                         name=(f"{self._cname(place_country)} " if place_country else "") + _words(toks, naming),
                         kind="group",
                         id=f"agent:{place_country}:{agent_sector}" if place_country else None,
                         start=a_start, end=a_end)
        # 5. a place of a known country counts for its country; then a misspelt
        # country ("Afganistan"); else an unknown name
        if not any(lab in PERSON_LABELS for _s, _e, lab in labels or []):
            place_labels = any(lab in ("GPE", "LOC", "FAC") for _s, _e, lab in labels or [])
            if place_labels or not named:
                place_country = self._place_country(toks, text, whole=True)
            else:  # "Gary Johnson" is no place in Gary, Indiana: the whole name must be a place
                place = lookup_place(named, self._context_countries())
                place_country = place.country if place is not None else None
            place_country = place_country or self._fuzzy_country(toks, spans)
            if place_country:
                return Actor(text=text, code=_code(place_country, agent_sector), country=place_country,
                             sector=agent_sector, name=None, kind="group", id=None, start=a_start, end=a_end)
        if not named or fold(named) in self.index.not_actors:
            return None  # no name; or a measure, a feast, a region ("the envoy for Central Asia")
        agent_toks = {k for i, j, _es, _c in spans for k in range(i, j)}
        after_name = [k for k, t in enumerate(toks) if t[2] >= text.find(named) + len(named)]
        if self._place_word(named) or ("-" in named and len(after_name) == 1 and after_name[0] not in agent_toks
                                       and toks[after_name[0]][1].isalpha() and toks[after_name[0]][1].islower()):
            # "Tash" of "Tash-Bulak", the article's place; "the nearby Kyzyl-Bel crossing": a thing
            # named after a place (a hyphenated name before a common noun), no actor
            return None
        kind = self._label_kind(labels, named, agent_sector)
        if kind == "organisation" and labels and any(lab == "ORG" and ls == 0 and le == len(text)
                                                     for ls, le, lab in labels):
            # an organisation tagged as a whole keeps its whole name ("the Department of Social
            # Services" is not "Social Services")
            named = _LEADING_ARTICLE.sub("", text).strip() or named
        local = None
        if kind == "person" and agent_sector and getattr(self, "_text", "")[offset:offset + len(text)] == text:
            # "District governor X": a local office is one of the country of the article's regions
            local = self._local_country(offset, offset + max(text.find(named), 0))
        actor = Actor(text=text, code=_code(local, agent_sector) if local else None, country=local,
                      sector=agent_sector if kind == "person" else None, name=named, kind=kind, id=f"{'person' if kind == 'person' else 'org'}:{slug(named)}",
                      start=a_start, end=a_end)
        if remember and kind == "person":
            self._remember(actor, named)
        return actor

    # -- small pieces ------------------------------------------------------------------------

    @staticmethod
    def _with_evidence(matches, toks, labels):
        """Drop readings that need the text's support and lack it: a one-word Phoenix
        organisation name counts only where spaCy tagged the words an organisation."""
        out = []
        for i, j, entries in matches:
            if any(e.evidence for e in entries):
                s, e_ = toks[i][2], toks[j - 1][3]
                org = any(lab == "ORG" and ls <= s and e_ <= le for ls, le, lab in labels or [])
                entries = [e for e in entries if not e.evidence or org]
            if entries:
                out.append((i, j, entries))
        return out

    def _drop_embedded(self, toks, text, matches, labels):
        """Drop readings that are part of a longer name: a surname or capital followed or
        preceded by another capitalised word ("Fox News", "Chelsea Clinton", "Washington
        Post", "Nassau County"), a demonym ending a person's name ("Mark Cuban")."""
        taken = {k for i, j, _es in matches for k in range(i, j)}
        persons = [(s, e) for s, e, lab in labels or [] if lab in PERSON_LABELS]

        def loose(k: int) -> bool:  # a capitalised word of no known meaning
            return (0 <= k < len(toks) and k not in taken and toks[k][1][:1].isupper()
                    and toks[k][0] not in NOT_NAMES)

        def glued(a: int, b: int) -> bool:  # tokens a and b separated by one space or a hyphen only
            return text[toks[a][3]:toks[b][2]] in (" ", "-")

        def hyphened(a: int, b: int) -> bool:  # "Kok-Jar": one word, whatever its parts mean
            return 0 <= a and b < len(toks) and text[toks[a][3]:toks[b][2]] == "-" and toks[b][1][:1].isupper()

        out = []
        for i, j, entries in matches:
            after = loose(j) and glued(j - 1, j)
            before = loose(i - 1) and glued(i - 1, i)
            keep = []
            inside_word = (hyphened(j - 1, j) and loose(j)) or (hyphened(i - 1, i) and loose(i - 1))
            if (j - i == 1 and before and toks[i][1][:1].isupper() and toks[i][0] in SURNAME_OFFICES
                    and not any(loose(k) for k in range(j, min(j + 1, len(toks))))
                    and all(e.kind in ("agent", "office") for e in entries)):
                # "Kevin King", "Lorna Bishop": an office word that is a common surname, written after a
                # given name, ends the name; it is no office ("Energy Minister", "Liberal Party" stay)
                continue
            for e in entries:
                if inside_word and e.kind in ("person", "org", "capital"):
                    continue  # a word inside a hyphenated name: "Kok" of "Kok-Jar" is not Wim Kok
                if e.kind == "person" and len(tokenize(e.name or "")) > j - i and (after or before):
                    continue
                if e.kind == "capital" and (after or (before and j == len(toks) and j - i == 1
                                                      and toks[i - 1][0] not in DIRECTIONS)):
                    continue  # "Debola Lagos", a name ending in a capital's word, is no government
                if e.kind == "org" and j - i == 1 and (after or before):
                    continue  # one word of a longer unknown name: "Brussels" of "Brussels Sprouts Recipe"
                if e.kind in ("adjective", "demonym") and before and (j == len(toks) or loose(j)):
                    continue  # "Mark Cuban"
                in_person = any(s <= toks[i][2] and toks[j - 1][3] <= en for s, en in persons)
                if e.kind == "country" and j - i == 1 and (
                        (after and in_person and text[toks[j - 1][3]:toks[j][2]] == " ")
                        or (before and toks[i - 1][0] not in DIRECTIONS and text[toks[i - 1][3]:toks[i][2]] == " ")):
                    continue  # "Chad Morris" (a person), "Maya Ireland": a name, not the country
                if e.kind in COUNTRYISH and any(s <= toks[i][2] and toks[j - 1][3] <= en and j == _last(toks, en)
                                                and any(loose(k) for k in range(i)) for s, en in persons):
                    continue
                keep.append(e)
            if keep:
                out.append((i, j, keep))
        return out

    def _title_before(self, toks, i: int) -> bool:
        return i > 0 and toks[i - 1][0] in TITLES

    def _memory_hits(self, toks, matches) -> list[Actor]:
        if not self.memory:
            return []
        taken = {k for i, j, _ in matches for k in range(i, j)}
        hits = []

        def other_name(k: int, a: Actor) -> bool:  # "Chelsea Clinton", "Clinton Foundation"
            if not (0 <= k < len(toks)) or k in taken or not toks[k][1][:1].isupper():
                return False
            return toks[k][0] not in NOT_NAMES and toks[k][0] not in {w[0] for w in tokenize(a.name or "")}

        office_words = {i for i, j, es in matches if j - i == 1 and all(e.kind in ("agent", "office") for e in es)}
        for k, (fw, ow, _s, _e) in enumerate(toks):
            if ow[:1].isupper() and fw in self.memory and (k not in taken or k in office_words):
                a = self.memory[fw]
                if k in taken and (a.kind != "person" or tokenize(a.name or "")[-1][0] != fw
                                   or (k > 0 and (toks[k - 1][1][:1].isupper() or toks[k - 1][0] in ("the", "s")))
                                   or (k + 1 < len(toks) and toks[k + 1][1][:1].isupper())):
                    # an office word is the article's person only as that person's surname standing
                    # alone ("King and Weeks were freed"), not "the King" nor "Saudi King Salman"
                    continue
                if not (other_name(k - 1, a) or other_name(k + 1, a)):
                    hits.append(a)
        return hits

    def _remember(self, actor: Actor, name: str | None) -> None:
        if not name:
            return
        tmpl = Actor(**{**actor.__dict__})
        words = [t for t in tokenize(name)]
        self.memory[fold(name)] = tmpl
        if len(words) >= 2:
            self.memory[words[-1][0]] = tmpl
        if actor.country and actor.country not in ("IGO", "NGO", "IMG"):
            self.context.append(actor.country)

    def _unknown_name(self, toks, text, labels, spans, after: int) -> str | None:
        """A proper name in the phrase that the dictionary does not know."""
        taken = {k for i, j, _es, _c in spans for k in range(i, j)}
        named_taken = {k for i, j, es, _c in spans for k in range(i, j) if es[0].kind != "person"}

        def name_word(k: int) -> bool:  # a capitalised word of a name; "King" of "Kevin King" too
            t = toks[k]
            if not t[1][:1].isupper():
                return False
            if t[0] not in NOT_NAMES:
                return True
            return (t[0] in SURNAME_OFFICES and k > 0 and k - 1 not in taken
                    and toks[k - 1][1][:1].isupper() and toks[k - 1][0] not in NOT_NAMES
                    and text[toks[k - 1][3]:t[2]] == " " and (k + 1 == len(toks) or not toks[k + 1][1][:1].isupper()))
        if labels:
            for s, e, lab in labels:
                if lab in PERSON_LABELS:
                    inside = [k for k, t in enumerate(toks) if t[2] >= s and t[3] <= e]
                    if inside and not all(k in taken for k in inside) and inside[-1] >= after:
                        # "Gary Johnson": a known surname is part of an unknown full name
                        words = [toks[k] for k in inside if k not in named_taken and name_word(k)]
                        # "cubic metres" tagged PERSON is no name
                        if words:
                            return text[words[0][2]:words[-1][3]]
        run: list[int] = []
        best: list[int] = []
        for k, t in enumerate(toks):
            if run and text[toks[k - 1][3]:t[2]].strip(" -'’"):  # punctuation ends a name
                if len(run) > len(best):
                    best = run
                run = []
            if k >= after and k not in taken and name_word(k):
                run.append(k)
            else:
                if len(run) > len(best):
                    best = run
                run = []
        if len(run) > len(best):
            best = run
        if not best or (len(best) == 1 and best[0] == 0 and labels is None and len(toks) > 1):
            return None
        if labels is not None and not any(lab in PERSON_LABELS | {"ORG"} for _s, _e, lab in labels) and len(best) < 2:
            return None
        nxt = best[-1] + 1
        if nxt < len(toks) and nxt in taken and toks[nxt][1][:1].islower() and toks[best[-1]][0].endswith(
                ("an", "ese", "ic", "ish", "ern")) and not (labels and any(lab in PERSON_LABELS for *_x, lab in labels)):
            return None  # "Central Asian governments", "Nordic diplomats": a region's adjective before an agent
        return text[toks[best[0]][2]:toks[best[-1]][3]]

    @staticmethod
    def _label_kind(labels, named: str, agent_sector) -> str:
        for _s, _e, lab in labels or []:
            if lab in PERSON_LABELS:
                return "person"
            if lab in ORG_LABELS:
                return "organisation"
        words = named.split()
        if len(words) in (2, 3) and not ORG_WORDS & {fold(w) for w in words}:
            return "person"
        return "organisation"

    def _fuzzy_country(self, toks, spans) -> str | None:
        """A capitalised word one or two letters off a country word ("Phillippines")."""
        taken = {k for i, j, _es in self.index.match(toks) for k in range(i, j)}
        words = _country_words(self.index)
        for k, (fw, ow, _s, _e) in enumerate(toks):
            if k in taken or len(fw) < 5 or not ow[:1].isupper():
                continue
            if lookup_place(ow) is not None:  # "Indiana" is a place, not a misspelt "Indian"
                continue
            close = close_word(fw, words, 0.86)  # difflib.get_close_matches(fw, words, n=1, cutoff=0.86)
            if close:
                return words[close]
        return None

    def _place_country(self, toks, text, whole: bool = False) -> str | None:
        """Country of a place name in the phrase (after a preposition, or the whole phrase)."""
        n = len(toks)
        starts = range(n) if whole else [k + 1 for k in range(n) if toks[k][0] in PREPS or toks[k][0] == "the"]
        ctx = self._context_countries()
        known = {k for i, j, _es in self.index.match(toks) for k in range(i, j)}  # "University" is no town
        for k in starts:
            for m in range(min(n, k + 4), k, -1):
                if k >= n or not toks[k][1][:1].isupper() or k in known or toks[m - 1][0] in NOT_NAMES:
                    break
                place = lookup_place(text[toks[k][2]:toks[m - 1][3]], ctx)
                if place is not None:  # "Central Asia" is a region, not the town of Central
                    if place.country:
                        return place.country
                    break
        return None


_CWORDS: dict[int, dict[str, str]] = {}


def _country_words(index: Index) -> dict[str, str]:
    """One-word country names, adjectives and demonyms -> country (for fuzzy matching)."""
    words = _CWORDS.get(id(index))
    if words is None:
        words = {}
        for key, bucket in index.keys.items():
            if len(key) == 1 and len(key[0]) >= 5:
                cs = {e.country for _f, e in bucket if e.kind in COUNTRYISH}
                if len(cs) == 1 and all(e.kind in COUNTRYISH for _f, e in bucket):
                    words[key[0]] = cs.pop()
        _CWORDS[id(index)] = words
    return words


def _span_labels(span) -> list[tuple[int, int, str]]:
    """Entity pieces inside ``span`` as (start, end, label), offsets relative to the span,
    read from the tokens (``Span.ents`` scans the whole doc on each call)."""
    out: list[list] = []
    base = span.start_char
    for t in span:
        if not t.ent_type_:
            continue
        s, e = t.idx - base, t.idx + len(t.text) - base
        if out and t.ent_iob_ == "I" and out[-1][2] == t.ent_type_:
            out[-1][1] = e
        else:
            out.append([s, e, t.ent_type_])
    return [tuple(x) for x in out]


def _last(toks, end: int) -> int:
    """Index after the last token ending at or before ``end``."""
    k = 0
    while k < len(toks) and toks[k][3] <= end:
        k += 1
    return k


def _words(toks, agents) -> str:
    if not agents:
        return ""
    i, j = agents[0][0], agents[0][1]
    return " ".join(t[0] for t in toks[i:j])
