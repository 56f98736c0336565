"""Who: actors and places around a trigger, read off the dependency parse.

Helpers for :mod:`newsgraph.events.coder`: the noun phrase of a token, its
resolution through the actors stage (``resolver.resolve_span``), pronouns (the
last matching entity before them, the reporter of a reported clause, the
speaker of a quote for "we"), coordination, appositions, the agent of a
clause (subject, passive agent, controller of an infinitive, head of a
participle) and the place of an event.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Iterable

from ..model import Actor, Place, Quote
from .patterns import Patterns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

logger = logging.getLogger("newsgraph.events")


SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
NP_LEFT_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "advmod", "predet"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"it", "they", "them", "its", "their"}
SELF_PRONOUNS = {"i", "we", "me", "us", "our", "my"}
RELATIVE = {"who", "which", "that", "whom"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "across", "throughout", "around"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
# common nouns that denote actors even when no dictionary knows them
ACTOR_NOUNS = frozenset("""troop force soldier army military police policeman officer government rebel
militant fighter guerrilla insurgent protester demonstrator official leader authority minister president
premier bandit terrorist militiaman militia gunman worker student farmer prisoner civilian refugee
diplomat ambassador envoy negotiator spokesman spokeswoman court parliament party opposition group
member movement organization organisation agency regime administration coalition union country state
nation people peacekeeper inspector observer activist journalist inhabitant villager settler resident
king emir prince chancellor chief commander general council cabinet ministry navy airforce jet aircraft
helicopter warship tank bulldozer hacker youth citizen national agent officer clan player power
""".split())
QUANTITIES = frozenset("""kg kilogram ton tonne pound lot amount number thousand hundred dozen million
billion series shipment batch consignment quantity load part some all most percent share portion rest
remainder half third majority""".split())

@dataclass
class _Ctx:
    doc: "Doc"
    P: Patterns
    resolver: Any
    published: str | None
    quotes: list[Quote]
    ent_starts: list[int] = field(default_factory=list)
    ents: list[Any] = field(default_factory=list)
    cache: dict = field(default_factory=dict)


# ----------------------------------------------------------------- resolver


def _default_resolver(published: str | None):
    try:
        from ..actors import ActorResolver
    except Exception:  # pragma: no cover - actors not installed
        return None
    try:
        return ActorResolver(published=published)
    except Exception:  # pragma: no cover
        logger.warning("ActorResolver failed to start; events keep actor text only", exc_info=True)
        return None


def _resolve(ctx: _Ctx, span: "SpacySpan") -> Actor | None:
    key = ("a", span.start, span.end)
    if key in ctx.cache:
        return ctx.cache[key]
    actor = None
    if ctx.resolver is not None:
        try:
            actor = ctx.resolver.resolve_span(span)
        except Exception:  # pragma: no cover - a resolver bug must not lose the event
            logger.debug("resolve_span failed on %r", span.text, exc_info=True)
    if actor is not None:
        if actor.start is None:
            actor.start, actor.end = span.start_char, span.end_char
    ctx.cache[key] = actor
    return actor


PERSON_NOUNS = frozenset("""leader president minister premier chancellor king queen emir prince
official spokesman spokeswoman general commander chief secretary ambassador envoy diplomat senator
governor mayor candidate nominee expert analyst scientist interlocutor politician director""".split())


def _actor_like(tok: "Token") -> bool:
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return False
    if tok.pos_ == "PROPN" or tok.ent_type_ in ACTOR_LABELS:
        return True
    return tok.lemma_.lower() in ACTOR_NOUNS


def _np_span(doc: "Doc", tok: "Token") -> "SpacySpan":
    """The noun phrase of ``tok`` without relative clauses, conjuncts or
    trailing prepositions (but with "of X" after a common noun: "the
    President of Belarus")."""
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in NP_LEFT_DEPS:
            left = min(left, c.left_edge.i)
    right = tok.i
    for c in tok.rights:
        if c.dep_ in ("compound", "flat", "nummod") and c.i == right + 1:
            right = c.right_edge.i
        elif c.dep_ == "prep" and c.lower_ == "of" and tok.pos_ in ("NOUN", "PROPN") and c.i == right + 1:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and (pobj.pos_ == "PROPN" or pobj.ent_type_ in ACTOR_LABELS):
                right = pobj.i
                inner = _pobj(pobj, "of")  # "Members of the Association of African Jurists"
                if inner is not None and inner.i > right and (inner.pos_ == "PROPN" or inner.ent_type_ in ACTOR_LABELS):
                    right = inner.i
        else:
            break
    span = doc[left : right + 1]
    # trim leading punctuation, quotes, blank lines and times ("7:45 a.m. Hillary Clinton")
    while len(span) > 1 and (span[0].is_punct or span[0].is_space or span[0].ent_type_ in ("TIME", "DATE")):
        span = doc[span.start + 1 : span.end]
    return span


def _pronoun_antecedent(ctx: _Ctx, tok: "Token") -> Actor | None:
    low = tok.lower_
    if low in SELF_PRONOUNS:
        for q in ctx.quotes:
            if q.start <= tok.idx < q.end and q.speaker is not None:
                if q.speaker.actor is not None:
                    return q.speaker.actor
                if q.speaker.name and ctx.resolver is not None and hasattr(ctx.resolver, "resolve_text"):
                    try:
                        return ctx.resolver.resolve_text(q.speaker.name)
                    except Exception:  # pragma: no cover
                        return None
        return None
    if low in PERSON_PRONOUNS:
        labels = {"PERSON"}
    elif low in ("it", "its"):
        labels = {"GPE", "ORG"}
    elif low in GROUP_PRONOUNS:
        labels = {"GPE", "ORG", "NORP"}
    else:
        labels = None
    if labels is None:
        return None
    # a pronoun in a reported clause refers to the reporter: "Iraq said it would"
    head = tok.head
    for _ in range(3):
        if head.dep_ in ("ccomp", "conj") and head.head.lemma_.lower() in ctx.P.say_verbs:
            subj = _agent_of(ctx, head.head)
            if subj is not None and subj.i != tok.i and subj.pos_ != "PRON":
                ent_ok = subj.ent_type_ in labels or (low in GROUP_PRONOUNS and subj.ent_type_ != "PERSON")
                if ent_ok:
                    return _actor_for(ctx, subj, allow_pronoun=False)
            break
        head = head.head
    if low in PERSON_PRONOUNS:
        # "the Kazakh leader has given the order ... because he realized": the last
        # person-like subject earlier in the sentence
        for prev in reversed(list(tok.sent[: tok.i - tok.sent.start])):
            if prev.dep_ in ("nsubj", "nsubjpass") and prev.pos_ != "PRON" and (
                prev.ent_type_ == "PERSON" or prev.lemma_.lower() in PERSON_NOUNS
            ):
                return _actor_for(ctx, prev, allow_pronoun=False)
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT" and tok.sent.start > 0:
            # "A police spokesman said ... . He warned that ...": the subject of the sentence before
            # when it is a person, named or not (the last named person may be someone he spoke of)
            before = tok.doc[tok.sent.start - 1].sent
            root = before.root
            subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ != "PRON" and (
                    subj.ent_type_ == "PERSON" or subj.lemma_.lower() in PERSON_NOUNS):
                actor = _actor_for(ctx, subj, allow_pronoun=False)
                if actor is not None:
                    return actor
    i = bisect.bisect_left(ctx.ent_starts, tok.idx) - 1
    while i >= 0 and tok.idx - ctx.ents[i].start_char < 600:
        ent = ctx.ents[i]
        if ent.label_ in labels:
            actor = _resolve(ctx, ent)
            if actor is not None:
                return actor
            return Actor(text=ent.text, start=ent.start_char, end=ent.end_char)
        i -= 1
    return None


def _actor_for(ctx: _Ctx, tok: "Token", *, allow_pronoun: bool = True, strict: bool = False) -> Actor | None:
    """The actor named by the noun phrase headed by ``tok`` (None if it names
    no actor)."""
    if tok.pos_ == "PRON":
        if not allow_pronoun or tok.lower_ in RELATIVE:
            return None
        return _pronoun_antecedent(ctx, tok)
    if (tok.lemma_.lower() in QUANTITIES or tok.like_num) and _pobj(tok, "of") is not None:
        return _actor_for(ctx, _pobj(tok, "of"), allow_pronoun=allow_pronoun, strict=strict)  # type: ignore[arg-type]
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return None
    span = _np_span(ctx.doc, tok)
    actor = _resolve(ctx, span)
    if actor is None or (actor.country is None and actor.code is None) or tok.ent_type_ == "PERSON":
        # an apposition names the role: "Kenzo Oshima, the United Nations Emergency Relief Coordinator"
        for c in tok.children:
            if c.dep_ == "appos":
                alt = _resolve(ctx, _np_span(ctx.doc, c))
                if alt is not None and (alt.country or alt.code):
                    return alt
    if actor is not None and (actor.country or actor.code):
        return actor
    if actor is not None or _actor_like(tok):
        # borrow a country from a possessive pronoun ("their forces") or a
        # location ("demonstrators in Baghdad")
        hint = None
        for t in span:  # a nationality or country inside: "Young Algerians", "Ethnic Albanians"
            if t.i != tok.i and t.ent_type_ in ("NORP", "GPE") and t.ent_iob_ == "B":
                hint = _resolve(ctx, _entity_span(ctx.doc, t))
                if hint is not None and hint.country:
                    break
                hint = None
        if hint is None and tok.ent_type_ in ("NORP", "GPE") and len(span) > 1:
            hint = _resolve(ctx, _entity_span(ctx.doc, tok))
        poss = _child(tok, "poss")
        if hint is None and poss is not None and poss.pos_ == "PRON":
            hint = _pronoun_antecedent(ctx, poss)
        if hint is None:
            where = _pobj(tok, "in")
            if where is None:  # "a newspaper based in Beirut", "workers affiliated with the union"
                for c in tok.children:
                    if c.dep_ == "acl" and c.tag_ == "VBN":
                        where = _pobj(c, "in") or _pobj(c, "with") or _pobj(c, "to")
                        break
            if where is not None and (where.ent_type_ in ("GPE", "LOC", "ORG", "NORP") or where.pos_ == "PROPN"):
                hint = _resolve(ctx, _np_span(ctx.doc, where))
        base = actor or Actor(text=span.text, start=span.start_char, end=span.end_char)
        if hint is not None and hint.country:
            # the same actor, now with a country: a person or organisation keeps its id (stored once,
            # not again under a name-made id); a sector agent's id names its country (as the resolver's)
            named = base.id if base.id and not base.id.startswith("agent:") else None
            agent = f"agent:{hint.country}:{base.sector}" if base.sector and not named else None
            base = Actor(text=base.text, start=base.start, end=base.end, country=hint.country,
                         code=base.code or hint.country, sector=base.sector, name=base.name, kind=base.kind or "group",
                         id=named or agent, title=base.title)
        if actor is not None and not strict:
            return base
        if _actor_like(tok):
            return base
    return None


def _actors(ctx: _Ctx, tok: "Token | None", *, strict: bool = False) -> list[Actor]:
    """Actors of ``tok`` and its conjuncts ("the United States and Jordan");
    coordinated nationality adjectives give one actor each ("Hungarian and
    Romanian officials")."""
    if tok is None:
        return []
    out: list[Actor] = []
    heads = [tok, *[c for c in tok.conjuncts if c.i > tok.i and c.pos_ in ("NOUN", "PROPN", "PRON")]]
    for h in heads:
        of = _pobj(h, "of") if h.pos_ == "NOUN" else None
        if of is not None and of.conjuncts:
            # "the leaders of Armenia, Belarus and Kazakhstan": one actor per country
            parts = [_resolve(ctx, _np_span(ctx.doc, p)) for p in (of, *of.conjuncts)]
            if all(a is not None and a.country for a in parts):
                out.extend(parts)  # type: ignore[arg-type]
                continue
        adj = next((c for c in h.lefts if c.dep_ == "amod" and c.conjuncts), None)
        if adj is not None:
            parts = [adj, *adj.conjuncts]
            resolved = [_resolve(ctx, ctx.doc[p.i : p.i + 1]) for p in parts]
            if all(a is not None and a.country for a in resolved):
                out.extend(resolved)  # type: ignore[arg-type]
                continue
        a = _actor_for(ctx, h, strict=strict)
        if a is not None:
            out.append(a)
    seen: set = set()
    uniq = []
    for a in out:
        key = (a.start, a.end, a.text)
        if key not in seen:
            seen.add(key)
            uniq.append(a)
    return uniq


# -------------------------------------------------------------- syntax


def _child(tok: "Token", *deps: str) -> "Token | None":
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def _pobj(tok: "Token", prep: str) -> "Token | None":
    """The object of ``tok``'s preposition ``prep`` ("to" also covers datives)."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            obj = _child(c, "pobj", "pcomp")
            if obj is not None:
                return obj
    return None


def _reduced_relative(tok: "Token") -> "Token | None":
    """The noun a past participle modifies ("the leader detained after a protest"), also when the
    parser made the participle the main verb of that noun's subject ("X, the farmers' leader
    detained after a protest, was released": the apposition runs into the participle, which has
    no object, and the real predicate is its subjectless conjunct)."""
    if tok.tag_ not in ("VBN", "VBD"):
        return None
    if tok.dep_ == "acl":  # (a participle is tagged VBD now and then)
        noun = tok.head
        if noun.pos_ not in ("NOUN", "PROPN") or _child(tok, "nsubj", "nsubjpass", "aux") is not None:
            return None
        return noun.head if noun.dep_ == "appos" and noun.head.pos_ == "PROPN" else noun  # "X, the leader detained"
    if tok.dep_ != "ROOT" or _child(tok, "dobj", "obj", "ccomp", "xcomp", "auxpass", "aux") is not None:
        return None
    subj = _child(tok, "nsubj")
    appos = _child(subj, "appos") if subj is not None else None
    if appos is None or appos.right_edge.i != tok.i - 1:
        return None
    if any(c.dep_ == "conj" and c.i > tok.i and _child(c, "nsubj", "nsubjpass") is None
           and _child(c, "auxpass", "aux") is not None for c in tok.children):
        return subj
    return None


def _passive(tok: "Token") -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or _reduced_relative(tok) is not None


def _object(tok: "Token") -> "Token | None":
    if _passive(tok):
        return _child(tok, "nsubjpass") or _reduced_relative(tok)
    return _child(tok, "dobj", "obj")


STATIVE = {"oppose", "commit", "prepare", "determine", "resolve", "involve", "engage"}


def _agent(tok: "Token") -> "Token | None":
    """Who does what ``tok`` says: subject, or passive agent (a participle on a noun: "by" only)."""
    if _passive(tok):
        by = _pobj(tok, "by")
        if by is None and tok.lemma_.lower() in STATIVE:
            return _child(tok, "nsubjpass")  # "Israel is opposed to ..."
        return by
    subj = _child(tok, "nsubj", "csubj")
    if subj is not None and subj.lower_ in RELATIVE and tok.dep_ == "relcl":
        return tok.head
    return subj


def _agent_of(ctx: _Ctx, tok: "Token", depth: int = 0) -> "Token | None":
    """The agent of ``tok``, inherited through control, coordination and
    participles when the clause has none of its own."""
    key = ("ag", tok.i)
    if key in ctx.cache:
        return ctx.cache[key]
    agent = _agent(tok)
    if agent is None and not _passive(tok) and depth < 4 and tok.head.i != tok.i:
        head = tok.head
        dep = tok.dep_
        if dep in ("advcl", "acl") and tok.tag_ == "VB" and not any(c.dep_ in ("aux", "mark", "auxpass") for c in tok.children):
            # a bare verb as an adverbial clause is a garbled parse of a finite verb whose subject
            # lies elsewhere ("the position that settlements are illegal, present an obstacle and
            # threaten ..."): it does not share the main clause's subject
            ctx.cache[key] = None
            return None
        if dep in ("xcomp", "ccomp", "conj", "advcl", "pcomp", "dep", "acomp") and head.pos_ in ("VERB", "AUX", "ADJ"):
            # ("acomp": "the United States is willing to withdraw": the copula's subject)
            if dep == "xcomp" and head.pos_ == "VERB":
                obj = _child(head, "dobj")
                if obj is None:
                    obj = _pobj(head, "on") or _pobj(head, "upon")
                if obj is not None and ctx.P.governors.get(head.lemma_.lower()) in ("requested", None):
                    agent = obj
            if agent is None and dep == "conj" and _passive(head):
                if head.dep_ in ("ccomp", "conj") and head.head.pos_ in ("VERB", "AUX"):
                    # "said that lessons should be learned ..., and called on": misattached
                    return _agent_of(ctx, head.head, depth + 1)
                agent = _child(head, "nsubjpass")
            if agent is None:
                agent = _agent_of(ctx, head, depth + 1)
        elif dep == "pcomp" and head.dep_ == "prep":
            agent = _agent_of(ctx, head.head, depth + 1) if head.head.pos_ in ("VERB", "AUX") else None
        elif dep == "acl" and head.pos_ in ("NOUN", "PROPN"):
            if tok.tag_ == "VBG" and _actor_like(head):
                agent = head
            elif tok.tag_ == "VBG":
                if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB":
                    agent = _agent_of(ctx, head.head, depth + 1)
            else:
                agent = _child(head, "poss")
                if agent is None:  # "welcomed the Swedish move to drop it": Sweden's move, not the welcomer's
                    agent = next((c for c in head.children if c.dep_ in ("amod", "compound")
                                  and c.ent_type_ in ("NORP", "GPE", "ORG")), None)
                if agent is None and head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB":
                    agent = _agent_of(ctx, head.head, depth + 1)
                elif agent is None and head.dep_ in ("nsubj", "attr"):
                    agent = None
    ctx.cache[key] = agent
    return agent


def _entity_span(doc: "Doc", tok: "Token") -> "SpacySpan":
    """The named entity around ``tok`` (by its IOB tags: no scan of doc.ents)."""
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


# nouns naming a settlement or an area whose name follows "of": "the village of X", "the outskirts of X"
SETTLEMENT_NOUNS = frozenset("""village town city hamlet settlement district region province oblast county
municipality township commune suburb outskirts""".split())


def _place_token(obj: "Token | None", is_place, depth: int = 0) -> "Token | None":
    """The place that a prepositional object names: itself, or the place at the end of a chain -
    "the village of X", "a jail in X", "a field near the town of X", "X's compound", "the Kabul
    airport", "a hamlet, X"."""
    if obj is None or depth > 4:
        return None
    if is_place(obj):
        return obj
    nxt: list["Token"] = []
    if obj.lemma_.lower() in SETTLEMENT_NOUNS or obj.lower_ in SETTLEMENT_NOUNS:
        of = _pobj(obj, "of")
        if of is not None and of.pos_ == "PROPN" and of.ent_type_ != "NORP":
            return of  # "the town of X": a place whatever spaCy tagged it
        if of is not None:
            nxt.append(of)
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
            nxt.append(_child(c, "pobj"))  # type: ignore[arg-type]
    nxt.append(_child(obj, "appos"))  # type: ignore[arg-type]
    for n in nxt:
        found = _place_token(n, is_place, depth + 1)
        if found is not None:
            return found
    inner = _child(obj, "compound", "poss")
    return inner if is_place(inner) else None


def _entity_places(ctx: _Ctx) -> dict[int, tuple["SpacySpan", Place]]:
    """Token -> (span, place) of the entities the actors stage placed (``resolver.entity_places``:
    a GeoNames place, or a village GeoNames lacks placed at its region or country)."""
    if "entity_places" not in ctx.cache:
        out: dict[int, tuple["SpacySpan", Place]] = {}
        for ent in getattr(ctx.resolver, "entity_places", None) or ():
            span = ctx.doc.char_span(ent.start, ent.end)
            if span is not None and span.text == ent.text:  # (not an entity of another document)
                out.update((t.i, (span, ent.place)) for t in span)
        ctx.cache["entity_places"] = out
    return ctx.cache["entity_places"]


def _untagged_place(ctx: _Ctx, tok: "Token") -> Place | None:
    """A proper name spaCy left untagged after a place preposition, when GeoNames knows it as a
    town or region (in the article's countries: ``resolve_place`` asks for them)."""
    k = tok.i
    while k > tok.sent.start and (ctx.doc[k - 1].pos_ == "PROPN" or (
            ctx.doc[k - 1].text == "-" and not ctx.doc[k - 1].whitespace_)) and ctx.doc[k - 1].ent_iob_ == "O":
        k -= 1
    span = ctx.doc[k:tok.i + 1]
    if ctx.resolver is None or not span.text[:1].isupper():
        return None
    try:
        place = ctx.resolver.resolve_place(span)
    except Exception:  # pragma: no cover
        return None
    if place is None or place.precision not in ("city", "region") or not place.geonameid:
        return None
    if place.start is None:
        place.text, place.start, place.end = span.text, span.start_char, span.end_char
    return place


def _name_inside(placed: dict, span: "SpacySpan") -> Place | None:
    """A facility or area named after a place the actors stage placed elsewhere in the article
    ("the Tash-Bulak dam" after "Tash-Bulak"): that place, its evidence the name inside ``span``."""
    for name_span, place in placed.values():
        name = name_span.text
        if name == span.text or len(name) < 3:
            continue
        m = re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", span.text)
        if m is not None:
            start = span.start_char + m.start()
            return replace(place, text=name, start=start, end=start + len(name))
    return None


def _location(ctx: _Ctx, toks: Iterable["Token"]) -> Place | None:
    """The place of an event: the object of a place preposition on one of ``toks`` ("in X", "at a
    jail in X", "near the village of X"), or of "on" when a place preposition follows ("on a field
    near X"). The place is the one the actors stage gave that name when it did (villages GeoNames
    lacks included, at their stated ``precision``), else its GeoNames place, else its text alone."""
    also = getattr(ctx.resolver, "place_tokens", None) or ()  # names the resolver found to be places
    placed = _entity_places(ctx)

    def is_place(tok: "Token | None") -> bool:
        return tok is not None and (tok.ent_type_ in PLACE_LABELS or tok.i in also or tok.i in placed)

    for t in toks:
        if t is None:
            continue
        for c in t.children:
            if c.dep_ != "prep" or c.lower_ not in PLACE_PREPS | {"on"}:
                continue
            obj = _child(c, "pobj")
            if c.lower_ == "on":  # "on a field near X", "on the outskirts of X"; not "sanctions on X"
                if obj is None or is_place(obj):
                    continue
                chain = [_child(p, "pobj") for p in obj.children if p.dep_ == "prep" and p.lower_ in PLACE_PREPS]
                if obj.lower_ in ("outskirts", "edge", "edges"):
                    chain.append(_pobj(obj, "of"))
                obj = next((f for f in (_place_token(x, is_place, 1) for x in chain) if f is not None), None)
            else:
                direct, obj = obj, _place_token(obj, is_place)
                if obj is None and direct is not None:
                    if direct.pos_ == "PROPN" and direct.ent_iob_ == "O":
                        found = _untagged_place(ctx, direct)  # "met in Osh", no entity tag on "Osh"
                    else:  # "near the Ulan-Sorok bridge", Ulan-Sorok placed elsewhere in the article
                        found = _name_inside(placed, _np_span(ctx.doc, direct))
                    if found is not None:
                        return found
            if obj is None:
                continue
            known = placed.get(obj.i)
            if known is not None:
                span, place = known
                place = replace(place)  # the event's own copy
            else:
                span = _entity_span(ctx.doc, obj)
                place = None
                if ctx.resolver is not None:
                    try:
                        place = ctx.resolver.resolve_place(span)
                    except Exception:  # pragma: no cover
                        place = None
                if place is None:
                    place = _name_inside(placed, span)  # "near the Tash-Bulak dam": where Tash-Bulak was placed
                if place is None:
                    place = Place(text=span.text, start=span.start_char, end=span.end_char)
            if place.start is None:
                place.text, place.start, place.end = span.text, span.start_char, span.end_char
            return place
    return None
