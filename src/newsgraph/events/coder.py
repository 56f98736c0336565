"""Parse -> PLOVER events: one pass over the tokens of each sentence.

Each verb or noun whose lemma has rules in ``data/verbs.yaml`` /
``data/nouns.yaml`` is a candidate trigger; the first rule whose constraints
hold (preposition, particle, object, complement...) codes it. Source and
target come from the syntax around the trigger: subject / passive agent /
possessive / "by" phrase / nationality adjective as source; object, passive
subject or the rule's prepositions as target. Coordinated actors become
lists, appositions are tried when the head does not resolve, pronouns take
the last matching entity before them. A light verb ("hold talks", "impose a
curfew") hands its subject to the noun it governs. Future intents become
AGREE / THREATEN / REJECT events as in CAMEO ("Iraq said it would allow the
inspectors back"), and "X said Y must ..." a REQUEST by X.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from ..model import Actor, Article, Event, Quote, Span
from .dates import full_date, resolve_date
from .gate import attach_victims, classify_topic, gate_events, gate_words, is_political
from .matching import _match, naming_complement
from .modality import Modality, _noun_modality, modality_of
from .patterns import Patterns, Rule, cameo_info, default_patterns
from .senses import generic_reason, is_wish
from .roles import (
    _actors,
    _agent,
    _agent_of,
    _child,
    _Ctx,
    _default_resolver,
    _location,
    _np_span,
    _object,
    _passive,
    _pobj,
    _reduced_relative,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

logger = logging.getLogger(__name__)

TOPIC_PREPS = {"on", "about", "over", "for", "in", "into"}
# verbs whose object event is someone else's: "called the killing a crime", "condemned the attack"
SPEAKING_OF = frozenset("""call describe term label brand condemn denounce criticize criticise blame deplore
investigate report deny confirm mourn remember witness see watch recall discuss mention welcome praise
regret justify defend hail""".split())
NOMINAL_DEPS = {"amod", "acl", "appos", "attr", "pobj", "pcomp", "nsubj", "dobj", "csubj"}


@dataclass
class _Trigger:
    tok: "Token"
    rule: Rule
    light: "Token | None" = None  # light verb handing its subject to a nominal trigger
    nominal: bool = False
    frame: "Token | None" = None


def _light_verb(ctx: _Ctx, noun: "Token") -> tuple["Token | None", "Token | None"]:
    """(light verb, frame noun) governing ``noun``: "held talks", "launched a
    mediation effort", "began 10 days of war games", "went on strike"."""
    P = ctx.P
    tok, frame = noun, None
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in P.frames:
        frame = tok.head
        tok = frame
    elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in P.frames:
        frame = tok.head.head
        tok = frame
    head = tok.head
    if any(c.dep_ in ("appos", "oprd") for c in tok.children) or _child(head, "oprd") is not None \
            or naming_complement(tok) is not None:
        return None, frame  # "called the killing a crime": the noun is judged, not done
    if tok.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in P.light_verbs:
        return head, frame
    if tok.dep_ == "pobj" and tok.head.lower_ in ("on", "into", "under") and head.head.lemma_.lower() in P.light_verbs:
        return head.head, frame
    if tok.dep_ == "conj":
        first = tok.head
        while first.dep_ == "conj":
            first = first.head
        if first.dep_ in ("dobj", "nsubjpass") and first.head.lemma_.lower() in P.light_verbs:
            return first.head, frame
    return None, frame


def _verb_rule(ctx: _Ctx, tok: "Token") -> Rule | None:
    key = ("vr", tok.i)
    if key not in ctx.cache:
        rules = ctx.P.verbs.get(tok.lemma_.lower())
        ctx.cache[key] = _match(rules, tok) if rules and _is_verb(tok) else None
    return ctx.cache[key]


def _is_verb(tok: "Token") -> bool:
    return tok.pos_ == "VERB" or (tok.tag_.startswith("VB") and tok.pos_ in ("ADJ", "NOUN", "AUX", "PROPN"))


def _triggers(ctx: _Ctx, sent: "SpacySpan") -> list[_Trigger]:
    P = ctx.P
    out: list[_Trigger] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if _is_verb(tok):
            if tok.dep_ == "amod":
                continue  # "the long-threatened invasion", "visiting King Abdullah"
            rule = _verb_rule(ctx, tok) if lemma in P.verbs else None
            # our own specific rule wins over the noun ("call off the strike"); a CAMEO object
            # pattern of a light verb ("hold talks") leaves the event to the noun
            specific = rule is not None and rule.source != "cameo" and bool(rule.prep or rule.particle or rule.obj or rule.oprd)
            if lemma in P.light_verbs and not specific:
                obj = _object(tok)
                if obj is not None and _noun_trigger_ok(ctx, obj, tok):
                    continue  # the noun carries the event
            if rule is not None and rule.type is not None:
                out.append(_Trigger(tok, rule))
        elif tok.pos_ == "NOUN" and lemma in P.nouns:  # not names: "the Conference of Mayors"
            t = _noun_trigger(ctx, tok)
            if t is not None:
                out.append(t)
    return out


def _noun_trigger_ok(ctx: _Ctx, obj: "Token", light: "Token") -> bool:
    cands = [obj]
    if obj.lemma_.lower() in ctx.P.frames:
        cands += [c for c in obj.children if c.dep_ == "compound"]
        of = _pobj(obj, "of")
        if of is not None:
            cands.append(of)
    for c in cands:
        rules = ctx.P.nouns.get(c.lemma_.lower())
        if rules and c.pos_ in ("NOUN", "PROPN"):
            r = _match(rules, c, light)
            if r is not None and r.type is not None:
                return True
    return False


def _noun_trigger(ctx: _Ctx, tok: "Token") -> _Trigger | None:
    light, frame = _light_verb(ctx, tok)
    if tok.dep_ in ("compound", "amod", "nmod") and frame is None:
        return None
    if tok.dep_ in ("oprd",):
        return None
    if light is None and tok.dep_ == "pobj" and tok.head.lower_ in TOPIC_PREPS:
        host = tok.head.head  # "talks on a troop pullback": a topic, not an event
        if host.pos_ in ("NOUN", "PROPN") and host.lemma_.lower() in ctx.P.nouns:
            return None
    rule = _match(ctx.P.nouns[tok.lemma_.lower()], tok, light)
    if rule is None or rule.type is None:
        return None
    if light is None:
        # the content of another event: "rejected the proposal", "lifted the curfew"
        head = tok.head
        if tok.dep_ == "pobj":
            head = head.head
            if head.dep_ in ("prep", "prt") and head.pos_ == "ADP":
                head = head.head  # "walked out of the talks": a second preposition
        if tok.dep_ in ("dobj", "nsubjpass", "pobj", "attr") and _is_verb(head):
            if _verb_rule(ctx, head) is not None and _verb_rule(ctx, head).type is not None:  # type: ignore[union-attr]
                return None
    return _Trigger(tok, rule, light=light, nominal=True, frame=frame)


# -------------------------------------------------------------- arguments


def _targets_for(ctx: _Ctx, tok: "Token", roles: Iterable[str], skip: set) -> list[Actor]:
    for role in roles:
        if role == "obj":
            t = _object(tok)
        elif role == "dative":
            t = _child(tok, "dative")
            if t is not None and t.pos_ == "ADP":
                t = _child(t, "pobj")
        elif role == "doer":  # "called Russia's invasion a crime": who did the object's deed
            obj = _object(tok)
            t = (_child(obj, "poss") or _pobj(obj, "by")) if obj is not None else None
        elif role == "clause":  # "demanded that the government resign"
            comp = _child(tok, "ccomp", "xcomp")
            t = _agent(comp) if comp is not None else None
        else:
            t = _pobj(tok, role)
        if t is None or t.i in skip:
            continue
        actors = _actors(ctx, t, strict=True)
        if not actors:
            owner = _pobj(t, "of")  # "the buildings of the regional authorities"
            if owner is not None:
                actors = _actors(ctx, owner, strict=True)
        if actors:
            return actors
    return []


def _has_arg(tok: "Token", rule: Rule) -> bool:
    """Does the noun name what it acts on ("attacks on the buildings")?"""
    return any(c.dep_ == "prep" and c.lower_ in rule.target and c.lower_ in ("on", "against") for c in tok.children)


def _nationality_source(ctx: _Ctx, tok: "Token") -> "Token | None":
    for c in tok.lefts:
        if c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ in ("NORP", "GPE", "ORG") or c.pos_ == "PROPN"):
            return c
    return None


def _nominal_args(ctx: _Ctx, trig: _Trigger) -> tuple[list[Actor], list[Actor]]:
    tok, rule = trig.tok, trig.rule
    src_tok = _child(tok, "poss")
    if src_tok is None:
        src_tok = _pobj(tok, "by")
    national = False
    if src_tok is None:
        src_tok = _nationality_source(ctx, tok)
        national = src_tok is not None
    of = _pobj(tok, "of")
    source = _actors(ctx, src_tok) if src_tok is not None else []
    if national and not any(a.country for a in source):
        source, src_tok = [], None  # "the Chelsea explosion": a place, not an actor
    elif national and rule.type == "PROTEST":
        # "the Kazakh protests": held by that country's people, not by its state
        source = [Actor(text=a.text, start=a.start, end=a.end, country=a.country, code=f"{a.country}CVL",
                        sector="CVL", kind="group") if a.kind == "country" and a.country else a for a in source]
    of_role, patient = rule.of, []
    if source and rule.of == "target" and of is None and src_tok is not None and src_tok.dep_ == "poss" and rule.type in (
            "COERCE", "ASSAULT") and all(a.kind == "person" or not is_political(a) for a in source):
        source, patient, src_tok = [], source, None  # "Assange's arrest", "the activist's murder": the patient
    if not source and trig.light is not None:
        source = _actors(ctx, _agent_of(ctx, trig.light))
        if source:
            of_role = "target"  # "convened a summit of the CSTO": the CSTO takes part
    if not source and of_role == "source" and of is not None:
        src_tok = of
        source = _actors(ctx, of)
    if trig.light is None and not any(a.country for a in source) and tok.dep_ == "dobj" and tok.head.pos_ == "VERB" \
            and tok.head.lemma_.lower() not in ctx.P.say_verbs and tok.head.lemma_.lower() not in SPEAKING_OF:
        # "the United States speeded up the withdrawal of some invasion forces"
        gov = _actors(ctx, _agent_of(ctx, tok.head))
        if tok.head.lemma_.lower() in gate_words()["patient_verbs"]:
            source, patient = [], gov  # "Kazakhstan faces sanctions": the target
        elif any(a.country for a in gov):
            source = gov
    if not source and rule.climb and tok.dep_ == "pobj":
        verb = tok.head.head
        if verb.pos_ in ("VERB", "AUX"):
            source = _actors(ctx, _agent_of(ctx, verb))
    skip = {src_tok.i} if src_tok is not None else set()
    target: list[Actor] = []
    between = _pobj(tok, "between") or _pobj(tok, "among")
    if between is None and trig.frame is not None:  # "a mediation effort between A and B"
        between = _pobj(trig.frame, "between") or _pobj(trig.frame, "among")
    if between is not None:
        members = _actors(ctx, between)
        if not source and members:
            source, target = members[:1], members[1:]
        else:
            target = members
    if not target:
        roles = list(rule.target)
        if of_role == "target":
            roles.append("of")
        target = _targets_for(ctx, tok, [r for r in roles if r not in ("obj", "dative")], skip)
        if not target and trig.frame is not None:
            target = _targets_for(ctx, trig.frame, [r for r in rule.target if r not in ("obj", "dative")], skip)
    return source, target or patient


def _verb_args(ctx: _Ctx, trig: _Trigger) -> tuple[list[Actor], list[Actor]]:
    tok = trig.tok
    agent = _agent_of(ctx, tok)
    source = _actors(ctx, agent) if agent is not None else []
    skip = {agent.i} if agent is not None else set()
    target = _targets_for(ctx, tok, trig.rule.target, skip)
    if not target and trig.rule.type == "CONSULT" and tok.dep_ == "xcomp" and agent is not None and agent.head.i == tok.head.i:
        # "Putin invited Rahmon to call": Rahmon calls Putin
        target = _actors(ctx, _agent(tok.head))
    obj = _object(tok) if not target else None
    if obj is not None:  # the object names the event: "paid a visit *to* Kazakhstan", "made threats *against*"
        target = _targets_for(ctx, obj, [r for r in trig.rule.target if r not in ("obj", "dative")], skip)
    if not target and trig.rule.mode in ("release", "arrest", "detain"):
        held = _object(tok)  # "three professors were released": people freed or held are its target
        if held is not None and held.lemma_.lower() in gate_words()["people_nouns"] and held.i not in skip:
            np = _np_span(ctx.doc, held)
            target = [Actor(text=np.text, start=np.start_char, end=np.end_char, kind="group")]
    if not target and obj is None and trig.rule.type == "THREATEN":
        act = _child(tok, "xcomp")  # "threatened to kill the envoy": the envoy is threatened
        if act is not None:
            target = _targets_for(ctx, act, ["obj"], skip)
    return source, target


# -------------------------------------------------------------- assembly


def _date_ents(ctx: _Ctx, sent: "SpacySpan") -> list[tuple["SpacySpan", "Token"]]:
    """The DATE and TIME entities inside ``sent`` (as ``sent.ents`` gives them) with their roots,
    found once per sentence: ``_date`` is asked for every candidate event."""
    key = ("date_ents", sent.start)
    found = ctx.cache.get(key)
    if found is None:
        if "date_ents" not in ctx.cache:
            ctx.cache["date_ents"] = [e for e in ctx.doc.ents if e.label_ in ("DATE", "TIME")]
        found = ctx.cache[key] = [(e, e.root) for e in ctx.cache["date_ents"]
                                  if e.start >= sent.start and e.end <= sent.end]
    return found


def _date(ctx: _Ctx, sent: "SpacySpan", anchors: list["Token"], future: bool) -> str | None:
    best = None
    anchor_ids = {t.i for t in anchors}
    for ent, root in _date_ents(ctx, sent):
        head = root
        attached = False
        if root.dep_ in ("poss", "compound", "nmod", "amod") and root.head.pos_ == "NOUN" and \
                root.head.i not in anchor_ids and root.head.dep_ == "pobj":
            continue  # "pulled back after last month's crisis": the date of the crisis
        for _ in range(6):  # "in a phone call in July 2019, he asked": the date is the asking's
            if head.i in anchor_ids:
                attached = True
                break
            if head.pos_ in ("VERB", "AUX") and head.i != root.i:
                break  # the date of another verb ("who met last month, agreed")
            if head.head.i == head.i:
                break
            head = head.head
        if attached:
            best = ent
            break
    if best is not None:
        resolved = resolve_date(best.text, ctx.published, future=future)
        if resolved:
            return full_date(resolved)
    return ctx.published


def _event(ctx: _Ctx, etype: str, cameo: str, mode: str | None, trigger: "Token", sent: "SpacySpan") -> Event:
    goldstein, quad, _ = cameo_info(cameo)
    return Event(
        type=etype,
        trigger=Span(trigger.text, trigger.idx, trigger.idx + len(trigger.text)),
        sentence=Span(sent.text, sent.start_char, sent.end_char),
        mode=mode,
        cameo=cameo,
        quad_class=quad,
        goldstein=goldstein,
    )


def _intent(ctx: _Ctx, ev: Event, m: Modality, clause: "Token") -> tuple[str, str] | None:
    """CAMEO codes stated intentions as events of their own: future
    cooperation -> AGREE (03), future conflict or conditional -> THREATEN (13),
    refused cooperation -> REJECT (12)."""
    if m.modality != "future" or m.borrowed or not ev.source or ev.type in ("REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE"):
        return None
    gov = m.governor
    if is_wish(gov):
        return None  # "eager to withdraw": a wish, not a promise
    if gov is not None and _is_verb(gov) and _verb_rule(ctx, gov) is not None:
        return None  # "agreed to", "threatened to": the governor is the event
    if gov is not None and gov.lemma_.lower() in ctx.P.possessor_nouns and ctx.P.nouns.get(gov.lemma_.lower()):
        return None
    root = (ev.cameo or "00")[:2]
    warned = clause.dep_ == "ccomp" and clause.head.lemma_.lower() in ("warn", "threaten")
    conflict = (ev.quad_class or 0) >= 3 or ev.type in ("SANCTION",) or m.conditional or warned
    if m.negated:
        if (ev.quad_class or 0) >= 3:
            return None
        return "REJECT", ctx.P.intent["intent_reject"].get(root, ctx.P.intent["intent_reject"]["default"])
    if conflict:
        return "THREATEN", ctx.P.intent["intent_threaten"].get(root, ctx.P.intent["intent_threaten"]["default"])
    return "AGREE", ctx.P.intent["intent_agree"].get(root, ctx.P.intent["intent_agree"]["default"])


DECIDING = frozenset("choose decide opt vote elect decision choice".split())


def _decided_against(tok: "Token") -> bool:
    """ "chose not to provide the vaccines", "its decision not to vaccinate": a refusal stated as
    one (the negation sits on the infinitive a word of deciding governs)."""
    return tok.dep_ in ("xcomp", "acl") and tok.head.lemma_.lower() in DECIDING and any(
        c.dep_ == "neg" for c in tok.children)


def _warning(ctx: _Ctx, verb: "Token", sent: "SpacySpan") -> Event | None:
    """ "warned that police will no longer tolerate rallies": a THREATEN."""
    comp = _child(verb, "ccomp")
    if comp is None:
        return None
    m = modality_of(comp, ctx.P)
    if m.modality != "future":
        return None
    source = _actors(ctx, _agent_of(ctx, verb))
    if not source:
        return None
    ev = _event(ctx, "THREATEN", "130", None, verb, sent)
    ev.source = source
    ev.target = _actors(ctx, _child(verb, "dobj"), strict=True) if _child(verb, "dobj") is not None else []
    m_own = modality_of(verb, ctx.P)
    ev.negated, ev.modality = m_own.negated, m_own.modality
    ev.date = _date(ctx, sent, [verb], False)
    return ev


def _reported_request(ctx: _Ctx, verb: "Token", m: Modality, sent: "SpacySpan") -> Event | None:
    """ "Russia said Sudan must return the helicopter": a REQUEST by Russia to Sudan."""
    if m.modal is None or m.modal.lower_ not in ctx.P.requested_modals or m.negated:
        return None
    head = verb
    if head.dep_ != "ccomp" or head.head.lemma_.lower() not in ctx.P.say_verbs:
        return None
    sayer = _actors(ctx, _agent_of(ctx, head.head))
    subj = _agent(verb) if not _passive(verb) else _child(verb, "nsubjpass")
    if subj is not None and subj.lower_ in ("we", "i", "us", "you", "one"):
        return None  # "we must teach love": an exhortation, not a demand on someone else
    addressee = _actors(ctx, subj, strict=True) if subj is not None else []
    if not sayer or not addressee:
        return None
    if {a.country for a in sayer} == {a.country for a in addressee} and sayer[0].text == addressee[0].text:
        return None
    ev = _event(ctx, "REQUEST", "100", None, m.modal, sent)
    ev.source, ev.target = sayer, addressee
    return ev


def _stance_content(ctx: _Ctx, tok: "Token") -> bool:
    """An infinitive on a noun that a verb of stance takes as its object, with no doer named on the
    noun ("welcomed the move to drop the charges", "condemned the decision to expel"): the one who
    welcomes is not the one who acts, and the act is what the stance is about. With a doer on the
    noun ("Sweden's move", "the Russian decision") the act is coded, with that doer."""
    noun = tok.head
    if tok.dep_ not in ("acl", "xcomp") or noun.pos_ != "NOUN" or noun.dep_ != "dobj":
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False  # a participle ("a lawsuit accusing the cartel") is no infinitive
    if _child(noun, "poss") is not None or _nationality_source(ctx, noun) is not None or _pobj(noun, "of"):
        return False
    rule = _verb_rule(ctx, noun.head) if _is_verb(noun.head) else None
    return rule is not None and rule.type in ("SUPPORT", "ACCUSE", "REJECT")


def _is_name(a: Actor) -> bool:
    """A named actor (a person, an organisation), not a common-noun group."""
    if a.kind == "person":
        return True
    words = [w for w in a.text.split()[1:] if w.lower() not in ("the", "of", "and")]
    return any(w[:1].isupper() for w in words)


def _key(a: Actor) -> tuple:
    return (a.id or a.name or a.text.lower(), a.code)


NOT_ARTICLES = frozenset({"wall", "listing", "guide", "product", "error"})


def extract_events(
    doc: "Doc",
    *,
    resolver: Any = None,
    quotes: Iterable[Quote] = (),
    published: str | None = None,
    patterns: Patterns | None = None,
    article: Article | None = None,
    topic: str | None = None,
    gate: bool = True,
) -> list[Event]:
    """Code the events of a parsed document (see the module docstring).

    ``article``: the document's ``Article``; its ``topic`` is set from the text when empty (the
    article gate, :mod:`newsgraph.events.gate`), and a page that is not an article (a cookie
    wall, a link list, a guide: ``page_type``) gives no events. ``topic`` overrides the judged
    topic. ``gate=False`` keeps the candidates the gates would drop (for study)."""
    if article is not None:
        if article.page_type in NOT_ARTICLES:
            return []
        if article.topic is None:
            article.topic = classify_topic(doc, article.title)
        topic = topic or article.topic
    elif topic is None and gate:
        topic = classify_topic(doc)
    if resolver is None:
        resolver = _default_resolver(published)
    events = _extract(doc, resolver=resolver, quotes=quotes, published=published, patterns=patterns)
    attach_victims(events, doc, resolver)
    return gate_events(events, doc, topic, resolver) if gate else events


def _extract(
    doc: "Doc",
    *,
    resolver: Any = None,
    quotes: Iterable[Quote] = (),
    published: str | None = None,
    patterns: Patterns | None = None,
) -> list[Event]:
    P = patterns or default_patterns()
    if resolver is None:
        resolver = _default_resolver(published)
    ents = sorted(doc.ents, key=lambda e: e.start_char)
    ctx = _Ctx(doc, P, resolver, published, list(quotes), [e.start_char for e in ents], ents)
    quote_bounds = sorted(((q.start, q.end, q) for q in ctx.quotes), key=lambda x: x[0])
    qstarts = [b[0] for b in quote_bounds]
    events: list[Event] = []
    seen: set = set()
    for sent in doc.sents:
        sent_events: list[Event] = []
        for trig in _triggers(ctx, sent):
            rule = trig.rule
            clause = trig.light if trig.light is not None else trig.tok
            if generic_reason(trig.tok) is not None:
                continue  # "anything you ask", "those who oppose it", "meeting them was useful"
            if trig.nominal:
                source, target = _nominal_args(ctx, trig)
                if not source and not target and not _has_arg(trig.tok, rule):
                    continue
                m = modality_of(trig.light, P) if trig.light is not None else _noun_modality(trig.tok, P)
            else:
                source, target = _verb_args(ctx, trig)
                if not source and not target and (
                    trig.tok.tag_ == "VBG" or trig.tok.dep_ in NOMINAL_DEPS or not _passive(trig.tok)
                ):
                    continue  # no one doing it: "destroying the institutions" as a noun; garbled parses
                if not source and _reduced_relative(trig.tok) is not None:
                    continue  # "activists detained last week": background to the sentence, no agent named
                if _stance_content(ctx, trig.tok):
                    continue  # "Egypt welcomed the move to drop the charges": Egypt dropped nothing
                m = modality_of(trig.tok, P)
            mode = rule.mode
            if trig.light is not None and trig.light.lemma_.lower() == "host" and rule.type == "CONSULT":
                mode = "host"
            if rule.type == "CONSULT" and (len(source) + len(target) >= 3 or any(a.country == "IGO" for a in source + target)):
                mode = "multilateral"
            src_keys = {_key(a) for a in source}
            target = [a for a in target if _key(a) not in src_keys]
            ev = _event(ctx, rule.type, rule.cameo, mode, trig.tok, sent)  # type: ignore[arg-type]
            ev.source, ev.target = source, target
            ev.negated, ev.modality = m.negated, m.modality
            anchors = [t for t in (trig.tok, trig.light) if t is not None]
            if trig.nominal and trig.light is None and trig.tok.dep_ == "pobj":
                anchors.append(trig.tok.head.head)  # "in 2020, in dialogue with Putin, he advocated"
            ev.date = _date(ctx, sent, anchors, m.modality == "future")
            ev.location = _location(ctx, anchors + [t for t in (_object(trig.tok),) if t is not None])
            if ev.location is not None and ev.location.country:
                for i, a in enumerate(source):
                    if not a.country and not a.code and a.kind in (None, "group") and not _is_name(a):
                        # "demonstrators blocked streets in Hong Kong": locals
                        source[i] = Actor(text=a.text, start=a.start, end=a.end, country=ev.location.country,
                                          code=ev.location.country + (a.sector or ""), sector=a.sector,
                                          name=a.name, kind="group")
            intent = _intent(ctx, ev, m, clause)
            if intent is None and m.negated and m.modality == "asserted" and ev.source and (
                    ev.type in ("CONCEDE", "AGREE") or (ev.quad_class or 0) in (1, 2) and _decided_against(trig.tok)):
                # "did not give permission", "has not accepted the demands": a refusal
                root = (ev.cameo or "00")[:2]
                intent = "REJECT", ctx.P.intent["intent_reject"].get(root, ctx.P.intent["intent_reject"]["default"])
            if intent is not None:
                # one trigger, one type: the stated intent replaces the future event it states
                extra = _event(ctx, intent[0], intent[1], rule.type.lower(), trig.tok, sent)  # type: ignore[union-attr]
                extra.source, extra.target = list(source), list(target)
                extra.date, extra.location = ev.date, ev.location
                if m.negated and m.modal is not None and m.modal.lower_ in ("would", "'d"):
                    # "said Russia would not allow": a conditional refusal, marked with the statement's
                    # modality and not counted as asserted (one type: REJECT, no CONCEDE). "will not end
                    # the strike" stays an asserted refusal, as CAMEO and both gold sets code it
                    extra.modality = m.modality
                sent_events.append(extra)
            else:
                sent_events.append(ev)
        for tok in sent:
            if tok.lemma_.lower() in ("warn", "threaten") and _is_verb(tok):
                threat = _warning(ctx, tok, sent)
                if threat is not None:
                    sent_events.append(threat)
            if tok.tag_ == "MD" and tok.lower_ in P.requested_modals and tok.head.pos_ in ("VERB", "AUX"):
                req = _reported_request(ctx, tok.head, modality_of(tok.head, P), sent)
                if req is not None:
                    req.date = _date(ctx, sent, [tok.head, tok.head.head], False)
                    sent_events.append(req)
        ends = {(e.trigger.end, e.type) for e in sent_events}
        for ev in sent_events:
            key = (ev.trigger.start, ev.type)
            if key in seen or (ev.trigger.start - 1, ev.type) in ends:
                continue  # "let free": one event of two adjacent words
            seen.add(key)
            i = bisect.bisect_right(qstarts, ev.trigger.start) - 1
            for j in (i, i - 1):  # the nearest quotes starting before the trigger
                if j >= 0 and quote_bounds[j][0] <= ev.trigger.start < quote_bounds[j][1]:
                    ev.claimed_by = quote_bounds[j][2].speaker
                    break
            events.append(ev)
    return events
