"""Gender of the people an article names, for pronoun agreement only (``Tom Bell met Ann Kerr. She
said ...`` is Ann Kerr's). Known only when the article shows it and nothing contradicts it: the given
name of the fullest name (``data/first_names.yaml``), an honorific (``Mr.``, ``Ms.``) or a gendered
role word right before a mention (``the actress X``). Unknown fits any pronoun."""

from __future__ import annotations

import bisect
from functools import lru_cache
from pathlib import Path
from typing import Any

_HONORIFICS = {"mr": "m", "mr.": "m", "ms": "f", "ms.": "f", "mrs": "f", "mrs.": "f", "miss": "f", "sir": "m",
               "dame": "f", "lady": "f", "lord": "m"}
_GENDER_WORDS = {"actress": "f", "congresswoman": "f", "chairwoman": "f", "spokeswoman": "f", "businesswoman": "f",
                 "wife": "f", "mother": "f", "daughter": "f", "sister": "f", "queen": "f", "princess": "f",
                 "grandmother": "f", "widow": "f", "congressman": "m", "chairman": "m", "spokesman": "m",
                 "businessman": "m", "husband": "m", "father": "m", "son": "m", "brother": "m", "king": "m",
                 "prince": "m", "grandfather": "m", "widower": "m"}


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    import yaml

    data = yaml.safe_load((Path(__file__).parent / "data" / "first_names.yaml").read_text(encoding="utf-8")) or {}
    return {n: g[0] for g in ("female", "male") for n in data.get(g) or ()}


def set_genders(reg: Any) -> None:
    """Each person's gender when the article shows it and nothing contradicts it: the given name of
    the fullest name (``first_names.yaml``), an honorific (``Mr.``, ``Ms.``) or a gendered role word
    right before a mention (``the actress X``, ``his wife X``)."""
    names = _given_names()
    seen: dict[int, set[str]] = {}
    doc = reg.doc
    for p in reg.persons:
        first = p.name.split()[0].lower().rstrip(".") if " " in p.name else ""
        if first in names:
            seen.setdefault(p.id, set()).add(names[first])
    for s, _, p in reg.mentions:
        for j in range(max(0, s - 2), s + 1):
            g = _HONORIFICS.get(doc[j].lower_) or (_GENDER_WORDS.get(doc[j].lower_) if j < s else None)
            if g:
                seen.setdefault(p.id, set()).add(g)
    for p in reg.persons:
        g = seen.get(p.id, set())
        p.gender = next(iter(g)) if len(g) == 1 else None


def compatible(p: Any, gender: str | None) -> bool:
    return p is not None and (gender is None or p.gender is None or p.gender == gender)


def latest_with(reg: Any, gender: str | None, before: int, window: int = 120) -> Any:
    """The person ``reg`` (a :class:`~newsgraph.quotes.speakers.PersonRegistry`) names last before
    token ``before`` (within ``window`` tokens) whose gender is known to be ``gender``: the nearest
    antecedent a gendered pronoun can take when the person in focus cannot be it."""
    k = bisect.bisect_left(reg._mention_starts, before) - 1
    while k >= 0 and before - reg.mentions[k][0] <= window:
        p = reg.mentions[k][2]
        if gender is not None and p.gender == gender:
            return p
        k -= 1
    return None
