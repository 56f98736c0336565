"""Loading the event pattern files (``data/*.yaml``) into lookup tables.

The files are plain YAML written for newsgraph (see ``docs/events.md``):

* ``verbs.yaml``: verb lemma -> rules (type, mode, CAMEO code, constraints);
* ``nouns.yaml``: nominal triggers, light verbs and frame nouns;
* ``modality.yaml``: reporting verbs, modals and complement governors;
* ``cameo.yaml``: CAMEO code -> Goldstein score and name (quad class by root).

Users extend the coder with their own files: ``load_patterns(extra=[path])``
merges rules in front of the built-in ones for the same lemma.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..languages import bundle

DATA = bundle().folder("events")  # the language bundle's event patterns (languages/data/en.toml)

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
RULE_KEYS = {
    "type", "cameo", "mode", "prep", "particle", "obj", "obj_not", "xcomp", "xcomp_not",
    "ccomp", "no_obj", "target", "has", "compound", "light_only", "of", "climb",
    "obj_ent", "subj_ent", "not_has", "passive", "subj_plural", "prep_obj", "oprd", "light", "subj",
}
DEFAULT_TARGETS = ("obj", "dative", "against", "on", "with", "to")


def _as_set(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset([value.lower()])
    return frozenset(str(v).lower() for v in value)


@dataclass(frozen=True)
class Rule:
    """One trigger rule: constraints plus the coding it produces."""

    lemma: str
    type: str | None
    cameo: str | None = None
    mode: str | None = None
    prep: frozenset[str] = frozenset()
    particle: frozenset[str] = frozenset()
    obj: frozenset[str] = frozenset()
    obj_not: frozenset[str] = frozenset()
    xcomp: bool = False
    xcomp_not: bool = False
    ccomp: bool = False
    no_obj: bool = False
    has: frozenset[str] = frozenset()
    compound: frozenset[str] = frozenset()
    light_only: bool = False
    of: str = "target"
    climb: bool = False
    target: tuple[str, ...] = DEFAULT_TARGETS
    obj_ent: frozenset[str] = frozenset()  # entity label of the object (PERSON, GPE, ...)
    subj_ent: frozenset[str] = frozenset()  # entity label of the subject
    not_has: frozenset[str] = frozenset()  # dependency labels that block the rule
    passive: bool | None = None  # only in the passive (true) / active (false) voice
    subj_plural: bool = False  # a plural or coordinated subject ("Russia and China discussed")
    light: frozenset[str] = frozenset()  # nouns: the light verbs this rule needs ("*reach* an agreement")
    oprd: frozenset[str] = frozenset()  # object-predicate lemmas ("called the killing a crime")
    prep_obj: frozenset[str] = frozenset()  # "prep noun" pairs, one must hang from the verb ("for aid")
    subj: frozenset[str] = frozenset()  # subject lemmas, one must be the subject's (or a word on it)
    source: str = "newsgraph"  # where the rule comes from: newsgraph (our files) or cameo (PETRARCH2)


def _rule(lemma: str, raw: dict, where: str) -> Rule:
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise ValueError(f"{where}: {lemma}: unknown keys {sorted(unknown)}")
    etype = raw.get("type")
    if etype is not None and etype not in PLOVER_TYPES:
        raise ValueError(f"{where}: {lemma}: unknown PLOVER type {etype!r}")
    cameo = raw.get("cameo")
    if etype is not None and (cameo is None or cameo_info(str(cameo))[0] is None):
        raise ValueError(f"{where}: {lemma}: unknown CAMEO code {cameo!r}")
    target = raw.get("target")
    return Rule(
        lemma=lemma,
        type=etype,
        cameo=str(cameo) if cameo is not None else None,
        mode=raw.get("mode"),
        prep=_as_set(raw.get("prep")),
        particle=_as_set(raw.get("particle")),
        obj=_as_set(raw.get("obj")),
        obj_not=_as_set(raw.get("obj_not")),
        xcomp=bool(raw.get("xcomp")),
        xcomp_not=bool(raw.get("xcomp_not")),
        ccomp=bool(raw.get("ccomp")),
        no_obj=bool(raw.get("no_obj")),
        has=_as_set(raw.get("has")),
        compound=_as_set(raw.get("compound")),
        light_only=bool(raw.get("light_only")),
        of=str(raw.get("of", "target")),
        climb=bool(raw.get("climb")),
        target=tuple(str(t).lower() for t in target) if target is not None else DEFAULT_TARGETS,
        obj_ent=frozenset(str(v).upper() for v in (raw.get("obj_ent") or ())),
        subj_ent=frozenset(str(v).upper() for v in (raw.get("subj_ent") or ())),
        not_has=_as_set(raw.get("not_has")),
        passive=raw.get("passive"),
        subj_plural=bool(raw.get("subj_plural")),
        prep_obj=_as_set(raw.get("prep_obj")),
        oprd=_as_set(raw.get("oprd")),
        light=_as_set(raw.get("light")),
        subj=_as_set(raw.get("subj")),
    )


def _rules(table: dict, where: str, skip: Iterable[str] = ()) -> dict[str, tuple[Rule, ...]]:
    out: dict[str, tuple[Rule, ...]] = {}
    for lemma, raw in (table or {}).items():
        if lemma in skip:
            continue
        items = raw if isinstance(raw, list) else [raw]
        out[str(lemma).lower()] = tuple(_rule(str(lemma).lower(), r, where) for r in items)
    return out


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when installed: 5x faster
    """YAML 1.2-style booleans: only true/false, so that prepositions and
    particles such as ``on``/``off`` stay words."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_BOOL = __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))


def _read(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader) or {}


@lru_cache(maxsize=1)
def _cameo_table() -> dict[str, tuple[float, str]]:
    return {str(k): (float(v[0]), str(v[1])) for k, v in _read(DATA / "cameo.yaml").items()}


def quad_class(code: str | None) -> int | None:
    """GDELT quad class of a CAMEO code from its 2-digit root."""
    if not code or len(code) < 2 or not code[:2].isdigit():
        return None
    root = int(code[:2])
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 8:
        return 2
    if 9 <= root <= 13:
        return 3
    if 14 <= root <= 20:
        return 4
    return None


def cameo_info(code: str | None) -> tuple[float | None, int | None, str | None]:
    """(Goldstein score, quad class, name) of a CAMEO code; unknown codes fall
    back to their longest listed prefix."""
    if not code:
        return None, None, None
    table = _cameo_table()
    for n in range(len(code), 1, -1):
        hit = table.get(code[:n])
        if hit:
            return hit[0], quad_class(code), hit[1]
    return None, None, None


class VerbTable(dict):
    """Verb lemma -> rules: the team's own rules, then those of PETRARCH2's CAMEO verb dictionary
    (``data/cameo_verbs.json``, converted by :mod:`newsgraph.events.petrarch`). The dictionary is
    read on first use and a verb's rules are built the first time it is looked up."""

    def __init__(self, own: dict[str, tuple[Rule, ...]], path: Path | None = DATA / "cameo_verbs.json") -> None:
        super().__init__(own)
        self._path = path
        self._index: dict | None = None
        self._built: set[str] = set()
        self._protos: dict[tuple[int, str], list] = {}

    def _cameo(self) -> dict:
        if self._index is None:
            if self._path is None or not self._path.exists():
                self._index = {"blocks": [], "verbs": {}}
            else:
                import json

                self._index = json.loads(self._path.read_text(encoding="utf-8"))
        return self._index

    def _block_rules(self, block: int, particle: str) -> list[tuple[frozenset[str] | None, dict]]:
        """A block's usable patterns as (verbs it was written for or None, a Rule's fields with no
        lemma), built once per process for each (block, particle) and copied for each verb."""
        key = (block, particle)
        got = self._protos.get(key)
        if got is None:
            part = frozenset([particle]) if particle else frozenset()
            got = []
            for obj, prep, pobj, code, etype, mode, written_for in self._cameo()["blocks"][block]["patterns"]:
                if not obj and not pobj:
                    continue  # a verb and a bare preposition: too weak a cue (see docs/events.md)
                rule = Rule(lemma="", type=etype, cameo=code, mode=mode, obj=frozenset(obj),
                            prep=frozenset([prep]) if prep else frozenset(), particle=part,
                            prep_obj=frozenset(f"{prep} {w}" for w in pobj), source="cameo")
                got.append((frozenset(written_for) if written_for else None, rule.__dict__))
            self._protos[key] = got
        return got

    def _build(self, lemma: str) -> None:
        self._built.add(lemma)
        entries = self._cameo()["verbs"].get(lemma)
        if not entries:
            return
        extra: list[Rule] = []
        new = object.__new__
        for block, own, particle in sorted(entries, key=lambda e: not e[2]):
            for written_for, fields in self._block_rules(block, particle):
                if written_for is not None and lemma not in written_for:
                    continue  # another verb's pattern ("extend a solution" is no "announce a solution")
                # a copy of the block's rule with this lemma: the frozen dataclass's __init__ costs
                # ~5 us a rule and a process builds ~20k of them (0.11 -> 0.0x s CPU)
                rule = new(Rule)
                rule.__dict__.update(fields)
                rule.__dict__["lemma"] = lemma
                extra.append(rule)
            # the verb's own or its block's code alone (no object pattern) is not used: on the PLV
            # tune part those codings were right 24 times in 115
        dict.__setitem__(self, lemma, dict.get(self, lemma, ()) + tuple(extra))

    def __contains__(self, lemma: object) -> bool:
        return dict.__contains__(self, lemma) or lemma in self._cameo()["verbs"]

    def __getitem__(self, lemma: str) -> tuple[Rule, ...]:
        if lemma not in self._built:
            self._build(lemma)
        return dict.__getitem__(self, lemma)

    def get(self, lemma: str, default=None):  # type: ignore[override]
        if lemma not in self._built:
            self._build(lemma)
        return dict.get(self, lemma, default)

    def __setitem__(self, lemma: str, rules: tuple[Rule, ...]) -> None:
        if lemma not in self._built:
            self._build(lemma)
        dict.__setitem__(self, lemma, rules)


@dataclass
class Patterns:
    verbs: dict[str, tuple[Rule, ...]]
    nouns: dict[str, tuple[Rule, ...]]
    light_verbs: frozenset[str]
    frames: frozenset[str]
    say_verbs: frozenset[str]
    future_modals: frozenset[str]
    hypothetical_modals: frozenset[str]
    requested_modals: frozenset[str]
    hypothetical_marks: frozenset[str]
    governors: dict[str, str]
    possessor_nouns: frozenset[str]
    intent: dict[str, dict[str, str]] = field(default_factory=dict)


def load_patterns(extra: Iterable[str | Path] = (), *, cameo: bool = True) -> Patterns:
    """Read the built-in pattern files, then user files (same format as
    verbs.yaml, with optional top-level ``verbs:``/``nouns:`` sections).
    ``cameo=False`` leaves out PETRARCH2's verb dictionary (our rules only)."""
    verbs = VerbTable(_rules(_read(DATA / "verbs.yaml"), "verbs.yaml"), DATA / "cameo_verbs.json" if cameo else None)
    nouns_raw = _read(DATA / "nouns.yaml")
    nouns = _rules(nouns_raw, "nouns.yaml", skip=("light_verbs", "frames"))
    for path in extra:
        raw = _read(Path(path))
        sections = raw if ("verbs" in raw or "nouns" in raw) else {"verbs": raw}
        for name, target in (("verbs", verbs), ("nouns", nouns)):
            for lemma, rules in _rules(sections.get(name) or {}, str(path)).items():
                target[lemma] = rules + target.get(lemma, ())
    mod = _read(DATA / "modality.yaml")
    governors: dict[str, str] = {}
    for modality in ("future", "hypothetical", "requested", "negated", "asserted"):
        for word in mod["governors"].get(modality, []):
            governors[str(word).lower()] = modality
    intent = {k: {str(a): str(b) for a, b in mod[k].items()} for k in ("intent_agree", "intent_threaten", "intent_reject")}
    return Patterns(
        verbs=verbs,
        nouns=nouns,
        light_verbs=_as_set(nouns_raw.get("light_verbs")),
        frames=_as_set(nouns_raw.get("frames")),
        say_verbs=_as_set(mod.get("say_verbs")),
        future_modals=_as_set(mod.get("future_modals")),
        hypothetical_modals=_as_set(mod.get("hypothetical_modals")),
        requested_modals=_as_set(mod.get("requested_modals")),
        hypothetical_marks=_as_set(mod.get("hypothetical_marks")),
        governors=governors,
        possessor_nouns=_as_set(mod.get("possessor_nouns")),
        intent=intent,
    )


@lru_cache(maxsize=1)
def default_patterns() -> Patterns:
    return load_patterns()
