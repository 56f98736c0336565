"""Who said what: direct, indirect and mixed quotes with resolved speakers.

``extract_quotes(doc)`` is a pure function over a parsed spaCy ``Doc``; the
spaCy component ``newsgraph_quotes`` (see :mod:`newsgraph.quotes.component`)
wraps it and sets ``doc._.quotes``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from newsgraph.model import Quote

__all__ = ["extract_quotes"]


def extract_quotes(doc: Doc, *, resolver: Any = None, lexicon: Any = None, learned_model: Any = None,
                   stances: bool = False) -> list[Quote]:
    """All quotes of ``doc`` (direct, indirect, mixed), in text order.

    ``lexicon``: a :class:`~newsgraph.quotes.lexicon.Lexicon` replacing the word
    lists; ``learned_model=False`` turns off the learned cue back-up
    (:mod:`newsgraph.quotes.learned`); ``stances=True`` adds records of kind ``stance``
    (attributed, but no statement: :mod:`newsgraph.quotes.statement`)."""
    from newsgraph.quotes.extract import extract_quotes as _extract

    return _extract(doc, resolver=resolver, lexicon=lexicon, learned_model=learned_model, stances=stances)
