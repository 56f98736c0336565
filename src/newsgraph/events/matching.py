"""Rule matching: the features of a trigger word in its parse and the first rule of its lemma
whose constraints they meet (see the rule keys in ``data/verbs.yaml``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .patterns import Rule
from .roles import QUANTITIES, _agent, _object, _passive, _pobj

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def naming_complement(obj: "Token") -> "Token | None":
    """The second noun phrase of "called the killing of X 'a crime'" when the parser made it a
    conjunct of the object: a conjunct with no coordinating word or comma before it ("a strike,
    a rally and a march" is a list)."""
    of = _pobj(obj, "of")  # or an apposition of its "of" noun: "the shooting of the guards 'an act of war'"
    for host, deps in ((obj, ("conj",)), (of, ("conj", "appos"))):
        if host is None or any(c.dep_ == "cc" for c in host.children):
            continue
        for c in host.children:
            if c.dep_ in deps and c.pos_ in ("NOUN", "ADJ") and c.i > host.i:
                gap = obj.doc[obj.i + 1:c.left_edge.i]
                if not any(t.dep_ == "cc" or t.text in (",", ";", "(") for t in gap):
                    return c
    return None


MONEY = frozenset("dollar euro pound yen yuan rupee ruble rouble franc riyal dirham lira shekel "
                  "million billion trillion $ €".split())

# the features of the tokens of the document coded last (a trigger's features are asked for by
# several rules and by the light-verb check): reset when another document comes
_CACHE: dict = {"doc": None, "feats": {}}


def _features(tok: "Token") -> dict:
    if _CACHE["doc"] is not tok.doc:
        _CACHE["doc"], _CACHE["feats"] = tok.doc, {}
    f = _CACHE["feats"].get(tok.i)
    if f is None:
        f = _CACHE["feats"][tok.i] = _compute_features(tok)
    return f


def _predicate_words(c: "Token") -> set[str]:
    """An object predicate and the adjectives on it: "called the envoy *a stupid man*"."""
    return {f"oprd {c.lemma_.lower()}"} | {f"oprd {g.lemma_.lower()}" for g in c.children
                                          if g.dep_ == "amod" and g.pos_ == "ADJ"}


def _subject_words(tok: "Token", subj: "Token | None", passive: bool) -> set[str]:
    """The lemmas of the subject ``subj`` (with its compounds and adjectives; through a quantity's
    "of": "dozens of peacekeepers"), the subject of the governing verb for a bare complement
    ("peacekeepers began deploying"). Computed only for the rules that ask (see :func:`_match`)."""
    if subj is None and tok.dep_ == "xcomp" and not passive:
        subj = _agent(tok.head)
    if subj is None:
        return set()
    if subj.lemma_.lower() in QUANTITIES or subj.pos_ == "NUM" or subj.like_num:
        subj = _pobj(subj, "of") or subj
    return {subj.lemma_.lower()} | {c.lemma_.lower() for c in subj.children
                                    if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "PROPN", "ADJ")}


# nouns that follow an object as its predicate ("held them hostage"), which the parser often
# reads as a second object or as the object with a possessive pronoun
OBJECT_PREDICATES = frozenset(("hostage", "captive"))
PLACE_PREPS = frozenset(("in", "at", "near", "inside"))


def _compute_features(tok: "Token") -> dict:
    preps, particles, deps, pobjs = set(), set(), set(), set()
    placed: set[str] = set()  # prepositions only of a place: never read as a particle
    for c in tok.children:
        deps.add(c.dep_)
        if c.dep_ in ("prep", "agent", "dative"):
            when = [g for g in c.children if g.dep_ == "pobj"]
            if when and all(g.ent_type_ in ("DATE", "TIME") for g in when):
                continue  # "called it a crime on Monday" is no "call on"
            preps.add(c.lower_)
            if c.lower_ in PLACE_PREPS and when and all(g.ent_type_ in ("GPE", "LOC", "FAC") for g in when):
                placed.add(c.lower_)  # "gave out vaccine ... in Egypt" is no "give in"
            for g in c.children:
                if g.dep_ == "pobj":
                    pobjs.add(f"{c.lower_} {g.lemma_.lower()}")
                    # the noun's kind as well: "on a peacekeeping mission" also reads "on peacekeeping"
                    pobjs.update(f"{c.lower_} {h.lemma_.lower()}" for h in g.children
                                 if h.dep_ in ("compound", "amod") and h.pos_ in ("NOUN", "ADJ"))
                    if g.lower_ in ("which", "whom") and tok.dep_ == "relcl":
                        # "the torture to which he was subjected": the relative stands for the noun
                        pobjs.add(f"{c.lower_} {tok.head.lemma_.lower()}")
                elif g.dep_ == "prep":  # "backed out of the deal": the second preposition's noun
                    pobjs.update(f"{g.lower_} {h.lemma_.lower()}" for h in g.children if h.dep_ == "pobj")
        elif c.dep_ == "oprd" or (c.dep_ in ("acomp", "advmod", "ccomp", "xcomp") and (
                c.pos_ in ("ADJ", "ADV") or c.lemma_ in ("go", "free"))):
            pobjs.update(_predicate_words(c))  # "called it a crime", "let them free"
        elif c.dep_ in ("advcl", "npadvmod") and c.tag_ not in ("VBG", "VBN", "VBD") and not any(
                g.dep_ in ("mark", "aux", "nsubj", "det", "poss", "dobj") for g in c.children):
            pobjs.add(f"oprd {c.lemma_.lower()}")  # "held them hostage", "set them free" parsed as adverbial clauses
        elif c.dep_ == "ccomp" and c.tag_ in ("VBP", "NN", "NNS", "JJ") and any(g.dep_ == "nsubj" for g in c.children) \
                and not any(g.dep_ in ("mark", "aux", "auxpass", "dobj", "neg") for g in c.children):
            pobjs.add(f"oprd {c.lemma_.lower()}")  # "held [three professors hostage]" parsed as a clause
        elif c.dep_ == "dobj":  # "called the killing a crime" parsed as an apposition
            if c.lemma_.lower() in OBJECT_PREDICATES and (
                    any(g.dep_ == "poss" and g.pos_ == "PRON" for g in c.children)
                    or any(g.dep_ == "compound" and (g.tag_ in ("NNS", "NNPS") or g.pos_ == "PROPN")
                           for g in c.children)  # "held two engineers hostage" read as a compound
                    or any(d.dep_ == "dobj" and d.i < c.i for d in tok.children)):
                # "held her captive" (her read as a possessor), "held two journalists hostage"
                # (two objects): the noun is the object's predicate, not the thing held
                pobjs.add(f"oprd {c.lemma_.lower()}")
            for g in c.children:
                if g.dep_ == "appos":
                    pobjs.update(_predicate_words(g))
            named = naming_complement(c)
            if named is not None:
                pobjs.update(_predicate_words(named))
        elif c.dep_ in ("ccomp", "advcl", "xcomp"):  # "called for the nominee to be taken"
            preps.update(g.lower_ for g in c.children if g.dep_ == "mark" and g.lower_ == "for")
        elif c.dep_ == "prt":
            particles.add(c.lower_)
            preps.add(c.lower_)  # "called on" parsed with a particle
        elif c.dep_ == "dobj" and c.lower_ == "fire":
            preps.add("fire")
    obj = _object(tok)
    if obj is None and tok.pos_ in ("NOUN", "PROPN"):
        obj = _pobj(tok, "on") or _pobj(tok, "against")
    subj = _agent(tok) if tok.pos_ not in ("NOUN", "PROPN") else None
    passive = _passive(tok)
    objs: set[str] = set()
    heads: set[str] = set()
    if obj is not None:
        if any(c.dep_ == "prep" and c.lower_ == "to" for c in obj.children) and tok.pos_ == "VERB":
            preps.add("to")  # "returned the statue to Italy" parsed with "to" on the statue
        objs.add(obj.lemma_.lower())
        if obj.lemma_.lower() in QUANTITIES or obj.pos_ == "NUM" or obj.like_num or obj.lower_ == "state":
            # "700 kg of medicine", "a state of siege": the "of" noun names the thing
            of = _pobj(obj, "of")
            if of is not None:
                objs.add(of.lemma_.lower())
        if obj.lemma_.lower() in MONEY or obj.ent_type_ == "MONEY":
            # "10 million dollars in aid", "$5 billion in loans": the "in" noun names what the money is
            what = _pobj(obj, "in")
            if what is not None and what.ent_type_ not in ("GPE", "DATE", "LOC"):
                objs.add(what.lemma_.lower())
        heads = set(objs)  # CAMEO patterns name head nouns: "fire engines" is no "fire" (ceasefire)
        for c in obj.children:
            if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "PROPN", "ADJ"):
                objs.add(c.lemma_.lower())
    return {
        "preps": preps,
        "particles": particles | (preps - placed),
        "deps": deps,
        "objs": objs,
        "heads": heads,
        "obj_tok": obj,
        "obj_ent": obj.ent_type_ if obj is not None else "",
        "subj_ent": subj.ent_type_ if subj is not None else "",
        "subj_plural": subj is not None and (bool(subj.conjuncts) or subj.tag_ in ("NNS", "NNPS")),
        "passive": passive,
        "pobjs": pobjs,
        "subj_tok": subj,
        "subj_words": None if tok.pos_ not in ("NOUN", "PROPN") else set(),  # on demand
    }


def _compounds(tok: "Token") -> set[str]:
    return {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}


def _match(rules: Iterable[Rule], tok: "Token", light: "Token | None" = None) -> Rule | None:
    f = _features(tok)
    comps = _compounds(tok) if tok.pos_ in ("NOUN", "PROPN") else set()
    for r in rules:
        if r.prep and not (r.prep & f["preps"]):
            continue
        if r.particle and not (r.particle & f["particles"]):
            continue
        if r.obj and not (r.obj & (f["heads"] if r.source == "cameo" else f["objs"])):
            continue
        if r.obj_not and (r.obj_not & f["objs"]):
            continue
        if r.prep_obj and not (r.prep_obj & f["pobjs"]):
            continue
        if r.oprd and not any(f"oprd {w}" in f["pobjs"] for w in r.oprd):
            continue
        if r.xcomp and "xcomp" not in f["deps"]:
            continue
        if r.xcomp_not and "xcomp" in f["deps"]:
            continue
        if r.ccomp and "ccomp" not in f["deps"]:
            continue
        if r.no_obj and f["obj_tok"] is not None and not f["passive"]:
            continue
        if r.has and not (r.has <= f["deps"]):
            continue
        if r.compound and not (r.compound & comps):
            continue
        if r.light_only and light is None:
            continue
        if r.light and (light is None or light.lemma_.lower() not in r.light):
            continue
        if r.obj_ent and f["obj_ent"] not in r.obj_ent:
            continue
        if r.subj_ent and f["subj_ent"] not in r.subj_ent:
            continue
        if r.not_has and (r.not_has & f["deps"]):
            continue
        if r.passive is not None and r.passive != f["passive"]:
            continue
        if r.subj_plural and not f["subj_plural"]:
            continue
        if r.subj:
            if f["subj_words"] is None:
                f["subj_words"] = _subject_words(tok, f["subj_tok"], f["passive"])
            if not (r.subj & f["subj_words"]):
                continue
        return r
    return None
