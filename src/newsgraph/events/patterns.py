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

DATA = Path(__file__).parent / "data"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
RULE_KEYS = {
    "type", "cameo", "mode", "prep", "particle", "obj", "obj_not", "xcomp", "xcomp_not",
    "ccomp", "no_obj", "target", "has", "compound", "light_only", "of", "climb",
    "obj_ent", "subj_ent", "not_has", "passive", "subj_plural",
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
    )


def _rules(table: dict, where: str, skip: Iterable[str] = ()) -> dict[str, tuple[Rule, ...]]:
    out: dict[str, tuple[Rule, ...]] = {}
    for lemma, raw in (table or {}).items():
        if lemma in skip:
            continue
        items = raw if isinstance(raw, list) else [raw]
        out[str(lemma).lower()] = tuple(_rule(str(lemma).lower(), r, where) for r in items)
    return out


class _Loader(yaml.SafeLoader):
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


def load_patterns(extra: Iterable[str | Path] = ()) -> Patterns:
    """Read the built-in pattern files, then user files (same format as
    verbs.yaml, with optional top-level ``verbs:``/``nouns:`` sections)."""
    verbs = _rules(_read(DATA / "verbs.yaml"), "verbs.yaml")
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
