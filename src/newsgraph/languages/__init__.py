"""Language bundles: what newsgraph needs for one language, loaded by language code.

A bundle is a data file, ``languages/data/<code>.toml``: the language's name, the spaCy pipelines
to try, the PostgreSQL text-search configuration, and the folders of the stages' data for it (cue
lexicon, event patterns, demonyms, actor dictionaries). English is the one bundle for now.

``bundle("en")`` gives a ``Bundle``; ``codes()`` the languages there are bundles for; an unknown
code raises ``InputError`` E405. Read by ``nlp.py`` (the model names), the store's full-text
columns and queries (``text_search``), the narratives (``stop_words``), the stages' data loaders (``bundle().folder(stage)``: the quote cue
lexicon and cue model, the event patterns, the actor dictionaries) and ``pipeline.is_english``
(the bundle's code decides which articles get the NLP stages).

Imports nothing of ours but ``errors``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import InputError

DATA = Path(__file__).parent / "data"
PACKAGE = Path(__file__).resolve().parents[1]
DEFAULT = "en"


@dataclass(frozen=True)
class Bundle:
    code: str
    name: str
    spacy_models: tuple[str, ...]
    text_search: str  # a PostgreSQL regconfig name
    data: dict[str, str]  # stage -> folder, relative to the newsgraph package
    # words left out of the narratives' word vectors: "english" (scikit-learn's built-in list, the
    # only one it has) or the words themselves; () when the bundle gives none
    stop_words: str | tuple[str, ...] = ()

    def folder(self, stage: str) -> Path:
        """The folder of a stage's data for this language (``quotes``, ``events``, ``actors``)."""
        if stage not in self.data:
            raise InputError(f"the {self.code!r} bundle names no {stage!r} data", code="E405")
        return PACKAGE / self.data[stage]


def codes() -> list[str]:
    """The language codes there are bundles for."""
    return sorted(p.stem for p in DATA.glob("*.toml"))


@lru_cache(maxsize=None)
def bundle(code: str = DEFAULT) -> Bundle:
    """The bundle of a language code (``"en"``)."""
    path = DATA / f"{code}.toml"
    if not code.isalpha() or not path.is_file():
        raise InputError(f"no language bundle for {code!r} (there are: {', '.join(codes())})", code="E405")
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    ts = str(raw["text_search"])
    if not ts.replace("_", "").isalpha():  # it goes into SQL as a regconfig name
        raise InputError(f"{path}: text_search {ts!r} is not a configuration name", code="E405")
    stop = raw.get("stop_words", ())
    if isinstance(stop, str) and stop != "english":
        raise InputError(f"{path}: stop_words {stop!r}: give \"english\" or a list of words", code="E405")
    return Bundle(code=raw["code"], name=raw["name"], spacy_models=tuple(raw["spacy_models"]), text_search=ts,
                  data=dict(raw.get("data", {})), stop_words=stop if isinstance(stop, str) else tuple(stop))


__all__ = ["Bundle", "bundle", "codes", "DEFAULT"]
