"""spaCy component ``newsgraph_quotes``: sets ``doc._.quotes``. After ``newsgraph_actors``
(``newsgraph.component``) it is the quotes stage of the whole pipeline: it uses the article's actor
resolver and stage options from ``doc._.newsgraph_state`` and updates ``doc._.newsgraph``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


def _ensure_extension() -> None:
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", default=None, force=True)


class QuotesComponent:
    """Finds quotes in each doc with :func:`newsgraph.quotes.extract_quotes`.

    ``resolver`` (optional) is an object with ``resolve_span(span)`` used to
    attach actors to speakers; set it as an attribute after ``add_pipe``.
    """

    def __init__(self, nlp: Language, name: str = "newsgraph_quotes", resolver: Any = None) -> None:
        self.name = name
        self.resolver = resolver
        _ensure_extension()

    def __call__(self, doc: Doc) -> Doc:
        from newsgraph.quotes.extract import extract_quotes

        state = doc._.newsgraph_state if Doc.has_extension("newsgraph_state") else None
        if state is not None and self.resolver is None:
            # after newsgraph_actors (newsgraph.component): the article's resolver and stage options
            doc._.quotes = state.run_quotes(doc)
            doc._.newsgraph = state.result()
            return doc
        doc._.quotes = extract_quotes(doc, resolver=self.resolver)
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)


@Language.factory("newsgraph_quotes")
def make_quotes_component(nlp: Language, name: str) -> QuotesComponent:
    """Factory behind ``nlp.add_pipe("newsgraph_quotes")``."""
    return QuotesComponent(nlp, name)
