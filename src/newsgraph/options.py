"""Stage options: the data and models the NLP stages use, set from ``analyze``, ``ingest``, the
spaCy component, the config file and the CLI alike.

    >>> from newsgraph.options import StageOptions
    >>> opts = StageOptions(event_patterns=("my_verbs.yaml",), learned_cues=False)
    >>> newsgraph.analyze_text(text, options=opts)                      # doctest: +SKIP
    >>> newsgraph.ingest(["news/"], "news.db", options=opts)            # doctest: +SKIP

On the command line: ``newsgraph extract --stage event_patterns=my_verbs.yaml --stage
learned_cues=false FILE`` or a ``[stages]`` table in the ``--config`` file (docs/options.md).

Plain, hashable data (paths and flags, no loaded objects): it travels to worker processes and
keys the cache of loaded stage data (``pipeline.stage_data``). Imports nothing of ours but
``errors``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any, Mapping

from .errors import InputError


@dataclass(frozen=True)
class StageOptions:
    # quotes: a folder holding cues.yaml, roles.yaml and demonyms.csv (the layout of quotes/data/)
    quote_lexicon: str | None = None
    # quotes: a cue model file (the JSON of quotes/data/cue_model.json, see quotes/learned.py)
    quote_model: str | None = None
    learned_cues: bool = True  # False: no learned cue back-up, the cue lexicon only
    quote_stances: bool = False  # also return attributed non-statements (kind "stance")
    # events: pattern files added before the built-in ones (the format of events/data/verbs.yaml)
    event_patterns: tuple[str, ...] = ()
    cameo_verbs: bool = True  # False: our own verb patterns only, without PETRARCH2's dictionary
    event_gate: bool = True  # False: keep the candidates the article and sentence gates would drop
    # actors: dictionaries (YAML/CSV or PETRARCH .txt) added to the built-in ones
    actor_dictionaries: tuple[str, ...] = ()

    @property
    def is_default(self) -> bool:
        return self == DEFAULT

    def to_dict(self) -> dict[str, Any]:
        return {f.name: (list(v) if isinstance(v := getattr(self, f.name), tuple) else v) for f in fields(self)}

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], where: str = "stage options") -> "StageOptions":
        """Options from a mapping (a ``[stages]`` table, a component config, parsed flags); a value
        may be a string as written on a command line. Unknown names and unreadable values raise
        ``InputError`` E404."""
        known = {f.name: f for f in fields(cls)}
        out: dict[str, Any] = {}
        for name, raw in values.items():
            if name not in known:
                raise InputError(f"{where}: unknown stage option {name!r} (known: {', '.join(known)})", code="E404")
            default = getattr(DEFAULT, name)
            if isinstance(default, bool):
                out[name] = _flag(raw, f"{where}: {name}")
            elif isinstance(default, tuple):
                items = raw if isinstance(raw, (list, tuple)) else str(raw).split(os.pathsep)
                out[name] = tuple(str(p) for p in items if str(p).strip())
            else:
                out[name] = None if raw is None or not str(raw).strip() else str(raw)
        return replace(DEFAULT, **out)

    def merged(self, values: Mapping[str, Any], where: str = "stage options") -> "StageOptions":
        """These options with ``values`` (as ``from_mapping`` reads them) put over them."""
        new = StageOptions.from_mapping(values, where)
        return replace(self, **{k: getattr(new, k) for k in values})


def _flag(raw: Any, where: str) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise InputError(f"{where}={raw!r} is not true or false", code="E404")


def parse_pairs(pairs: list[str] | tuple[str, ...], where: str = "--stage") -> dict[str, str]:
    """``["name=value", …]`` (the CLI's ``--stage``) as a mapping; a repeated list option
    (``event_patterns``, ``actor_dictionaries``) collects its values."""
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"{where} {pair!r}: expected NAME=VALUE", code="E404")
        if isinstance(getattr(DEFAULT, name, None), tuple):
            out.setdefault(name, []).append(value.strip())
        else:
            out[name] = value.strip()
    return out


DEFAULT = StageOptions()

__all__ = ["StageOptions", "DEFAULT", "parse_pairs"]
