"""newsgraph: news in, an evidence-linked database of quotes, events, actors and places out.

    >>> import newsgraph
    >>> result = newsgraph.analyze("Putin said on Monday that Russia would help.")  # doctest: +SKIP
    >>> result.quotes[0].speaker.name                                               # doctest: +SKIP
    'Putin'

``analyze`` accepts a text, a path (any format the readers know) or an
``Article`` and returns one ``AnalyzedArticle`` (a list for multi-article files
with ``all=True``). It gives the same records as ``newsgraph extract``.
"""

from __future__ import annotations

import logging

from .model import AnalyzedArticle, Article

__version__ = "0.1.0"
__all__ = ["analyze", "Article", "AnalyzedArticle", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def analyze(source, *, model: str | None = None, nlp: bool = True, all: bool = False):  # noqa: A002
    """Analyse one text, file path or Article. See ``newsgraph.pipeline.analyze``."""
    from .pipeline import analyze as _analyze

    return _analyze(source, model=model, nlp=nlp, all=all)
