"""Gates: which candidate events are political events at all.

The coder proposes an event wherever a trigger and its arguments fit a pattern; this module
decides whether the result is an event of politics, as PETRARCH and POLECAT do:

* **article topic** (:func:`classify_topic`): the section an article belongs to, judged from
  its words (``data/topics.yaml``, our lists) and PETRARCH2's story-level discards
  (``data/discards.tsv``, converted by :mod:`newsgraph.events.petrarch`). In a sports,
  entertainment, games, products, lifestyle or business article an event is kept only when a
  political actor takes part (:func:`is_political`);
* **sentence gate**: a sentence with a sports or entertainment discard phrase codes nothing
  unless a political actor takes part; in a sentence about an accident, a natural disaster or a
  disease, killing and injuring are not ASSAULT ("an earthquake killed", "died in a crash");
* **actors**: an event with no actor at all is dropped; a type that needs two sides
  (:data:`TWO_SIDED`) with one side missing is dropped when its known side is a company (in a
  political or unknown-topic article the known side being a government, group or person is the
  documented reason to keep it: news often leaves the other side implicit, "the court ordered an
  investigation", and dropping those lost more right events than wrong ones on the PLV tune part);
* **senses**: sports and camera senses of shoot/block/beat/hit ("blocked a shot", "shot 67%",
  "shoot with a wide lens"), commercial offers ("Amazon offers the tablet for $30").

Every rejection has a reason (:func:`reject_reason`), so that tests and users can see why.
Nothing is loaded at import; the data files are read on first use.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import yaml

_FAST_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed: the same data, faster

from ..nlp import doc_text
from ..model import Actor, Event
from .lines import _drop_datelines, dateline_end, headline_line  # noqa: F401 (re-exported)
from .senses import sense_reason

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

DATA = Path(__file__).parent / "data"

POLITICAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "OPP", "SPY", "ELI", "UAF"})
BODIES = frozenset({"IGO", "NGO", "IMG"})
# victims and bystanders a political event may have as its target
CIVILIAN_SECTORS = frozenset({"CVL", "REF", "JRN", "LAB", "EDU", "MED", "REL", "AGR", "CRM"})
TWO_SIDED = frozenset({"ASSAULT", "COERCE", "ACCUSE", "AID", "SANCTION", "AGREE", "CONSULT", "REQUEST",
                       "THREATEN", "SUPPORT", "REJECT", "COOPERATE"})
VIOLENCE = frozenset({"ASSAULT", "COERCE"})
# objects that give shoot/block/beat/hit/fire a sports or camera sense
SPORT_OBJECTS = frozenset("""shot ball goal puck pass basket field point percent % putt pitch hole lens camera
photo photograph picture film scene video movie footage record time par round birdie layup jumper free
throw kick penalty corner serve ace bogey eagle""".split())
SPORT_PREP_OBJECTS = frozenset("lens camera iphone phone field line arc range".split())
SELLERS_OBJECTS = frozenset("""discount price deal sale shipping feature mode model version option plan
subscription trial warranty rate fps resolution experience service repair bundle coupon""".split())
# verbs of winning: with a named side that is no political actor they report a contest
CONTEST_VERBS = frozenset("beat defeat crush thrash rout edge top upset outscore outplay overcome hammer down trounce".split())
# what one fails to do when failing is refusing ("failed to reach agreement", "failed to comply")
DUTIES = frozenset("""reach agree comply honor honour implement meet respect abide deliver pay keep return release
withdraw accept attend sign ratify approve allow recognize recognise condemn cooperate disarm stop end halt
hand extradite lift ease fulfil fulfill observe submit appear""".split())
MONEY = re.compile(r"[$€£¥]\s?\d|\d\s?(?:%|percent|usd|dollars?)\b", re.I)


# ----------------------------------------------------------------- actors


def is_political(actor: Actor) -> bool:
    """A government, official, politician, party, military, police, court, armed group, IGO or
    NGO, protesters or a state (from the Actor record's ``kind``, ``code``, ``country``, ``sector``)."""
    if actor.sector in POLITICAL_SECTORS:
        return True
    code = (actor.code or "").upper()
    if code in BODIES or (actor.country or "") in BODIES:
        return True
    if len(code) >= 6 and code[3:6] in POLITICAL_SECTORS:
        return True
    # the country itself ("Russia", "the United States"): a state acting
    return bool(actor.country) and code == actor.country and actor.kind in ("country", None)


def is_civilian(actor: Actor) -> bool:
    code = (actor.code or "").upper()
    return actor.sector in CIVILIAN_SECTORS or (len(code) >= 6 and code[3:6] in CIVILIAN_SECTORS)


def is_commercial(actor: Actor) -> bool:
    code = (actor.code or "").upper()
    return actor.sector == "BUS" or code.endswith("BUS") or (actor.country or "") == "MNC"


ARMED = frozenset({"MIL", "REB", "COP", "UAF", "SPY"})


ARMED_WORDS = frozenset("""police policeman policemen officer officers soldier soldiers troop troops army
military militant militants rebel rebels guard guards force forces gunman gunmen militia militias fighter
fighters insurgent insurgents jihadist jihadists commando commandos paramilitaries""".split())


def _armed(a: Actor) -> bool:
    code = (a.code or "").upper()
    words = a.text.lower().split()
    return a.sector in ARMED or (len(code) >= 6 and code[3:6] in ARMED) or bool(words and words[-1] in ARMED_WORDS)


def _any_political(actors: Iterable[Actor]) -> bool:
    return any(is_political(a) for a in actors)


@lru_cache(maxsize=1)
def gate_words() -> dict[str, frozenset[str]]:
    """The lists of ``data/gate.yaml`` (lower case)."""
    raw = yaml.load((DATA / "gate.yaml").read_text(encoding="utf-8"), Loader=_FAST_YAML)
    return {k: frozenset(str(w).lower() for w in v) for k, v in raw.items()}


def _head(doc: "Doc", a: Actor) -> str:
    """Lemma of the actor span's head word (its last word when the span is not in ``doc``)."""
    span = doc.char_span(a.start, a.end, alignment_mode="expand") if a.start is not None and a.end is not None else None
    if span is not None and len(span):
        return span.root.lemma_.lower()
    words = a.text.lower().split()
    return words[-1] if words else ""


def political_in(a: Actor, doc: "Doc", topic: str | None) -> bool:
    """:func:`is_political`, less sports sides: an actor headed by a team noun ("the London side")
    and, in a sports or games article, a bare state ("Portugal beat Spain": a national team)."""
    if not is_political(a):
        return False
    W = gate_words()
    if _head(doc, a) in W["team_nouns"]:
        return False
    if topic in W["team_topics"] and not a.sector and (a.code or "") == (a.country or ""):
        return False
    return True


def _generic(a: Actor, doc: "Doc") -> bool:
    """An unresolved common noun such as "a man", "people", "the company"; a counted group ("116
    people", "dozens of residents") is news of its own and not generic."""
    if a.code or _head(doc, a) not in gate_words()["generic_heads"]:
        return False
    span = doc.char_span(a.start, a.end, alignment_mode="expand") if a.start is not None and a.end is not None else None
    return span is None or not any(t.like_num or t.lower_ in ("dozens", "hundreds", "thousands", "millions") for t in span)


def _predicate_adjective(tok: "Token") -> bool:
    """ "The result was alarming", "it is striking that ...": a judgement, not an action (an
    adjective complement, or an 'it' subject standing for a that-clause)."""
    if tok.pos_ == "ADJ" and tok.dep_ == "acomp":
        return True
    kids = list(tok.children)
    if not (tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in kids)):
        return False  # "It warned that ...": 'it' is an actor there
    return any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in kids) and any(
        c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children) for c in kids)


def _in_name(tok: "Token") -> bool:
    """Is the trigger a word of a longer name ("the Volatiles Investigating Polar Exploration Rover")?"""
    if tok.ent_type_.lower() not in gate_words()["name_labels"]:
        return False
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent is not None and len(ent) >= 2


# ----------------------------------------------------------------- data


@lru_cache(maxsize=1)
def _topic_words() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]], frozenset[str]]:
    raw = yaml.load((DATA / "topics.yaml").read_text(encoding="utf-8"), Loader=_FAST_YAML)
    non_political = frozenset(raw.pop("non_political"))
    words = {t: frozenset(w for w in ws if " " not in w) for t, ws in raw.items()}
    phrases = {t: tuple(w for w in ws if " " in w) for t, ws in raw.items()}
    return words, phrases, non_political


@lru_cache(maxsize=1)
def _discards() -> dict[tuple[str, str], "re.Pattern[str]"]:
    """(scope, category) -> one regex of the phrases, matched on lower-case text."""
    groups: dict[tuple[str, str], list[str]] = {}
    for line in (DATA / "discards.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        phrase, scope, match, cat = line.split("\t")
        pat = r"\b" + re.escape(phrase).replace(r"\ ", r"\s+") + (r"\b" if match == "word" else "")
        groups.setdefault((scope, cat), []).append(pat)
    return {k: re.compile("|".join(sorted(v, key=len, reverse=True))) for k, v in groups.items()}


@lru_cache(maxsize=1)
def _word_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for topic, ws in _topic_words()[0].items():
        for w in ws:
            index.setdefault(w, []).append(topic)
    return {w: tuple(t) for w, t in index.items()}


def non_political_topics() -> frozenset[str]:
    return _topic_words()[2]


# ----------------------------------------------------------------- topic


def topic_scores(doc: "Doc", title: str | None = None) -> Counter:
    """Cue-word counts per section over the article (and its title)."""
    tokens, untitled = _doc_scores(doc)
    if not title:
        return Counter(untitled)
    return _text_scores(Counter(tokens), (title + "\n" + doc_text(doc)).lower())


_LAST_SCORED: tuple = (None, None, None)  # (weak reference to a Doc, its token counts, its untitled scores)


def _doc_scores(doc: "Doc") -> tuple[Counter, Counter]:
    """``topic_scores``' counts over the tokens, and its whole result without a title, kept for the
    last ``Doc`` scored: the actor stage and the event stage both judge each article's topic."""
    import weakref

    global _LAST_SCORED
    ref, tokens, untitled = _LAST_SCORED
    if ref is not None and ref() is doc:
        return tokens, untitled
    index = _word_index()
    tokens = Counter()
    for tok in doc:
        topics = index.get(tok.lemma_.lower()) or index.get(tok.lower_)
        if topics:
            tokens.update(topics)
    untitled = _text_scores(Counter(tokens), ("\n" + doc_text(doc)).lower())
    _LAST_SCORED = (weakref.ref(doc), tokens, untitled)
    return tokens, untitled


def _text_scores(scores: Counter, text: str) -> Counter:
    """``scores`` plus the cue phrases and PETRARCH2's story discards found in the lower-cased ``text``."""
    _, phrases, _ = _topic_words()
    for topic, ps in phrases.items():
        for p in ps:
            scores[topic] += text.count(p)
    for (scope, cat), rx in _discards().items():
        if scope == "story" and cat in ("sports", "entertainment"):
            scores[cat] += 3 * len(rx.findall(text))
    return scores


def classify_topic(doc: "Doc", title: str | None = None) -> str:
    """``politics``, one of the non-political sections, or ``other`` when the words do not tell.

    A section wins when it has at least 6 cue words and 1.5 times the political cues; politics
    needs 2 cues and to lead; short texts (a single sentence) give ``other`` unless clear. A long
    text that stays ``other`` (at most one political cue word: science, press releases) codes
    only events of political actors."""
    scores = topic_scores(doc, title)
    politics = scores.get("politics", 0)
    best, n = max(((t, c) for t, c in scores.items() if t != "politics"), key=lambda x: x[1], default=("other", 0))
    if n >= 6 and n >= 1.5 * max(politics, 1):
        return best
    if politics >= 2 and politics >= n:
        return "politics"
    return "other"


# ----------------------------------------------------------------- events


def _sentence_discard(text: str) -> str | None:
    low = text.lower()
    for (scope, cat), rx in _discards().items():
        if scope == "sentence" and cat in ("sports", "entertainment", "accident", "disaster", "disease"):
            if rx.search(low):
                return cat
    return None


def _accident(tok: "Token") -> bool:
    """Killing or injuring by an accident, a natural force or an illness (``accident_words`` of
    ``data/gate.yaml``): "killed in a helicopter crash", "an earthquake killed", "died when the
    bus overturned", "the plague that killed millions"."""
    words = gate_words()["accident_words"]
    if tok.dep_ == "relcl" and tok.head.lemma_.lower() in words:
        return True
    for c in tok.children:
        if c.dep_ in ("nsubj", "agent", "prep") or c.dep_ == "advcl":
            for t in c.subtree:
                if t.lemma_.lower() in words and t.pos_ in ("NOUN", "PROPN"):
                    return True
    return False


def _sports_sense(tok: "Token") -> bool:
    ammo = gate_words()["ammunition_modifiers"]
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "npadvmod", "attr") and (
            c.lemma_.lower() in SPORT_OBJECTS or c.like_num or c.text == "%"
        ) and not any(g.lower_ in ammo for g in c.children if g.dep_ in ("amod", "compound")):
            return True
        if c.dep_ == "prep" and c.lower_ in ("with", "from", "through"):
            for g in c.children:
                if g.dep_ == "pobj" and g.lemma_.lower() in SPORT_PREP_OBJECTS | SPORT_OBJECTS:
                    return True
    return False


LONG_TEXT = 120  # tokens: below this a text is a sentence or a brief, whose topic words are too few
NO_COMMENT = frozenset("comment elaborate speak discuss confirm say identify name address answer disclose detail specify".split())
WH_WORDS = frozenset("how why what whom who whose which when where whether if".split())
CAMPAIGN_VERBS = frozenset("launch mount start begin wage conduct carry step intensify".split())
MILITARY_OBJECTS = frozenset("""attack offensive strike airstrike raid assault bombing bombardment invasion war
incursion shelling ambush operation""".split())
MILITARY_MODIFIERS = frozenset("military air aerial armed ground naval bombing counter-terrorism counterterrorism".split())


def _military_object(tok: "Token") -> bool:
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            mods = {g.lemma_.lower() for g in c.children if g.dep_ in ("amod", "compound")}
            return c.lemma_.lower() in MILITARY_OBJECTS and c.lemma_.lower() != "operation" or bool(mods & MILITARY_MODIFIERS)
    return True  # no object: the pattern itself decided


def _for_comment(tok: "Token") -> bool:
    """ "did not respond to a request for comment", "asked for comment": newsroom routine."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            if any(g.lemma_.lower() in ("comment", "interview", "reaction", "statement") for g in c.children):
                return True
    return False


def _asks_question(tok: "Token") -> bool:
    """ "asked whether troops would go", "demanded how he could be so sure", "I asked, well, on whose
    authority?": the complement is a question (a wh-word or whether/if opens it), not an appeal."""
    if any(c.dep_ == "xcomp" for c in tok.children):
        return False  # "asked the minister to resign"
    for c in tok.children:
        if c.dep_ not in ("ccomp", "prep", "dobj", "advcl"):
            continue
        words = [t for t in c.subtree if not t.is_punct and t.dep_ not in ("cc", "intj")]
        if c.dep_ == "prep" and len(words) > 1:
            words = words[1:]  # "on whose authority"
        if c.dep_ == "dobj" and c.tag_ not in ("WP", "WDT"):
            continue
        if words and words[0].lower_ in WH_WORDS and (words[0].tag_ in ("WP", "WP$", "WDT", "WRB") or words[0].dep_ == "mark"):
            return True
    return False


PARTITIVES = frozenset("series set batch trove cache bundle stack pile number lot couple handful collection volume amount combination mix range variety".split())


def _object_head(tok: "Token") -> "Token | None":
    """The object of a verb, also when the verb is a relative clause on it ("the messages he provided"),
    through a partitive ("a series of messages")."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None and tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
        obj = tok.head
    return _partitive(obj) if obj is not None else None


def _verb_of(tok: "Token") -> "Token":
    """The word a noun is the object of ("attended the hearing", "sat in on the trial")."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head


def _modifier_of(a: Actor, tok: "Token") -> bool:
    """Is the actor a name or an adjective in front of the noun ("a Wikileaks conference")?"""
    return a.start is not None and any(
        c.dep_ in ("compound", "amod", "nmod") and c.left_edge.idx <= a.start <= c.idx for c in tok.lefts)


def _partitive(obj: "Token") -> "Token":
    """ "a series of messages" -> messages."""
    if obj.lemma_.lower() in PARTITIVES:
        of = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
        return of if of is not None else obj
    return obj


def _commercial_offer(tok: "Token", sent_text: str) -> bool:
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
    if obj is not None and obj.lemma_.lower() in SELLERS_OBJECTS:
        return True
    return bool(MONEY.search(sent_text))


def reject_reason(ev: Event, doc: "Doc", topic: str | None = None) -> str | None:
    """Why ``ev`` is not a political event, or None to keep it."""
    actors = ev.source + ev.target
    political = any(political_in(a, doc, topic) for a in actors)
    if topic in non_political_topics() and not political:
        return f"{topic} article without a political actor"
    if topic == "other" and not political and len(doc) >= LONG_TEXT:
        return "an article with no political subject and no political actor"
    if not actors:
        return "no actor"
    W = gate_words()
    if ev.source and all(_head(doc, a) in W["non_agents"] for a in ev.source):
        return "a thing, not an actor, as source"  # "the dollar was supported by data"
    span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
    tok = span.root if span is not None else None
    if tok is not None and _in_name(tok):
        return "a word of a name"
    if tok is not None and _predicate_adjective(tok):
        return "an adjective ('it is striking that')"
    if not ev.source and tok is not None and tok.pos_ == "VERB":
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        doer = subj if subj is not None else agent
        if doer is not None and _partitive(doer).lemma_.lower() in W["non_agents"]:
            return "a thing, not an actor, as subject"  # "the crisis boosted X", "supported by a number of factors"
    sense = sense_reason(ev, tok, _armed)
    if sense is not None:
        return sense
    sent_text = ev.sentence.text  # (Doc.text is rebuilt from the tokens on every access)
    cat = _sentence_discard(sent_text)
    if cat in ("sports", "entertainment") and not political:
        return f"{cat} sentence"
    if ev.type in VIOLENCE and tok is not None:
        if cat in ("accident", "disaster", "disease") and not ev.source:
            return f"{cat}, not an assault"
        if _accident(tok) and not any(is_political(a) for a in ev.source):
            return "accident or natural force, not an assault"
    if tok is not None and ev.type in ("ASSAULT", "PROTEST") and tok.lemma_.lower() in (
        "shoot", "block", "beat", "hit", "fire", "strike", "attack", "defeat", "crush"
    ) and _sports_sense(tok) and not any(is_political(a) or is_civilian(a) for a in ev.target):
        return "sports or camera sense"  # (fired at protesters or at troops is no sport)
    if ev.type == "ASSAULT" and tok is not None and tok.lemma_.lower() in CONTEST_VERBS and not any(
            _armed(a) for a in actors) and not (_object_head(tok) is not None and _object_head(
            tok).lemma_.lower() in W["craft_objects"]):
        return "a contest won, not an assault"  # "the Tigers beat the Bears", "beat the incumbent in the vote"
    if ev.type == "REJECT" and tok is not None and tok.lemma_.lower() == "fail" and not any(
            c.dep_ == "xcomp" and c.lemma_.lower() in DUTIES for c in tok.children):
        return "a failure, not a refusal"  # "tried to save him but failed to do so"
    if ev.type == "REJECT" and tok is not None and tok.lemma_.lower() in ("decline", "refuse") and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in NO_COMMENT for c in tok.children):
        return "declined to comment (reporting, not politics)"
    if ev.type == "ASSAULT" and tok is not None and tok.lemma_.lower() in CAMPAIGN_VERBS and not any(
            _armed(a) for a in actors) and not _military_object(tok):
        return "a campaign, not an attack"  # "launched an ad campaign", "started a drive"
    if ev.type == "REQUEST" and tok is not None and _for_comment(tok):
        return "a request for comment (reporting, not politics)"
    if ev.type == "REQUEST" and tok is not None and tok.lemma_.lower() in W["question_verbs"] and _asks_question(tok):
        return "a question asked, not a request"
    if ev.type in ("ACCUSE", "COERCE", "SANCTION") and tok is not None and tok.pos_ == "NOUN" and tok.dep_ in (
            "dobj", "pobj") and _verb_of(tok).lemma_.lower() in W["presence_verbs"]:
        return "present at a hearing or a trial, not its doer"  # "relatives attended the hearing"
    if ev.type == "AGREE" and tok is not None and tok.lemma_.lower() == "agree" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in W["opinion_objects"]
            for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children):
        return "agreeing with a view, not an agreement"  # "agree with the judge's decision"
    if ev.type == "AID" and not ev.target and not any(political_in(a, doc, topic) for a in ev.source):
        return "aid to no one named, by no political actor"  # "the doctors contributed money"
    if ev.type == "AID" and tok is not None and tok.pos_ == "VERB":
        given = [_object_head(tok)] + [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                                      for g in c.children if g.dep_ == "pobj"]  # "provided X with documents"
        given = [_partitive(g) for g in given if g is not None]
        if any(g.lemma_.lower() in W["information_nouns"] for g in given):
            return "information handed over, not aid"
    if ev.type in ("AGREE", "AID") and tok is not None and tok.lemma_.lower() in ("offer", "provide", "give", "sell") \
            and not political and _commercial_offer(tok, sent_text):
        return "commercial offer"
    if ev.type == "REQUEST" and tok is not None and tok.lemma_.lower() in W["opinion_verbs"] and all(
            _head(doc, a) in W["non_agents"] for a in ev.target):
        return "an opinion, not an appeal to anyone"  # "we suggest that the plumes are weaker"
    if ev.type == "CONSULT" and ev.mode in ("visit", "host") and not any(
            (a.code or a.kind == "person") and not is_commercial(a) for a in ev.target):
        return "a visit to no actor (a site, a hospital, a company)"  # "hosts several manufacturers"
    if ev.type == "CONSULT" and not ev.target and tok is not None and tok.pos_ == "NOUN" and ev.source and all(
            _modifier_of(a, tok) and a.country != "IGO" and a.code != "IGO" for a in ev.source):
        return "one party's own gathering, not a meeting between actors"  # "a Wikileaks conference"
    if ev.type in TWO_SIDED and not (ev.source and ev.target):
        side = ev.source or ev.target
        if all(is_commercial(a) for a in side):
            return f"{ev.type} with one side only, a company"
        if all(_generic(a, doc) for a in side):
            return f"{ev.type} with one side only, a generic noun"
    if ev.type == "THREATEN" and tok is not None and tok.lemma_.lower() == "warn" and ev.target and all(
            _generic(a, doc) for a in ev.target) and any(c.dep_ == "xcomp" for c in tok.children):
        return "advice to the public, not a threat"  # "officials warned people to stay away"
    return None


# ----------------------------------------------------------------- victims of violence


def anchor_country(events: list[Event]) -> str | None:
    """The country the article's events are most about: the most frequent state among their
    actors and locations (IGOs and NGOs left out)."""
    counts: Counter = Counter()
    for ev in events:
        for a in ev.source + ev.target:
            if a.country and a.country not in BODIES and a.country != "MNC":
                counts[a.country] += 1
        if ev.location is not None and ev.location.country:
            counts[ev.location.country] += 1
    return counts.most_common(1)[0][0] if counts else None


def _patient(tok: "Token") -> "Token | None":
    weapons = gate_words()["weapon_objects"]  # "opened fire", "fired rounds": no patient
    for c in tok.children:
        if c.dep_ in ("nsubjpass", "dobj") and c.lemma_.lower() not in weapons:
            return c
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "against"):
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _nearby_country(doc: "Doc", text: str, pos: int, resolver) -> str | None:
    """The country of the nearest place name in the trigger's paragraph ("the security forces
    in Kazakhstan", "Kazakhstan's independence")."""
    if resolver is None or not hasattr(resolver, "resolve_place"):
        return None
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    best = None
    for ent in doc.ents:
        if ent.label_ == "GPE" and start <= ent.start_char and ent.end_char <= end:
            dist = abs(ent.start_char - pos)
            if best is None or dist < best[0]:
                best = (dist, ent)
    if best is None:
        return None
    try:
        place = resolver.resolve_place(best[1])
    except Exception:  # a failing resolver costs the country, not the event
        return None
    return getattr(place, "country", None) or None


def attach_victims(events: list[Event], doc: "Doc", resolver=None) -> None:
    """ASSAULT and COERCE on places and things ("airports were seized", "attacks on the
    buildings of the regional authorities") are conflict events of the state they happen in:
    a target with no country takes the event's location country, else the country of the nearest
    place named in the paragraph, else the article's :func:`anchor_country`; an attack with no
    target gets its patient (the thing attacked or seized) as one."""
    home = text = None
    for ev in events:
        if ev.type not in VIOLENCE or any(a.country for a in ev.target):
            continue
        country = ev.location.country if ev.location is not None and ev.location.country else None
        if country is None:
            if text is None:
                text = doc_text(doc)
            country = _nearby_country(doc, text, ev.trigger.start, resolver)
        if country is None:
            if home is None:
                home = anchor_country(events) or ""
            country = home or None
        if country is None:
            continue
        for i, a in enumerate(ev.target):
            if not a.country and a.kind in (None, "group", "organisation"):
                ev.target[i] = Actor(text=a.text, start=a.start, end=a.end, country=country,
                                     code=country + (a.sector or ""), sector=a.sector, name=a.name, kind=a.kind or "group")
        if ev.target:
            continue
        span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
        pat = _patient(span.root) if span is not None else None
        if pat is None or pat.pos_ not in ("NOUN", "PROPN") or pat.ent_type_ in ("PERSON", "DATE", "TIME"):
            continue
        np = doc[pat.left_edge.i: pat.i + 1]
        ev.target = [Actor(text=np.text, start=np.start_char, end=np.end_char, country=country, code=country,
                           kind="group")]


def gate_events(events: list[Event], doc: "Doc", topic: str | None = None, resolver=None) -> list[Event]:
    """The events that pass :func:`reject_reason` and are not on a headline or link line; a
    dateline is never an actor."""
    text = doc_text(doc) if events else ""
    for ev in events:
        _drop_datelines(ev, doc, text, resolver)
    kept = [ev for ev in events if reject_reason(ev, doc, topic) is None]
    if kept:
        if text.count("\n") >= 3:  # an article of several paragraphs, not a sentence
            kept = [ev for ev in kept if not headline_line(text, ev.trigger.start)]
    return kept
