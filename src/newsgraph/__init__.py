"""newsgraph: news in, an evidence-linked database of quotes, events, actors and places out.

    >>> import newsgraph
    >>> result = newsgraph.analyze("Putin said on Monday that Russia would help.")  # doctest: +SKIP
    >>> result.quotes[0].speaker.name                                               # doctest: +SKIP
    'Putin'

``analyze`` accepts a text, a path (any format the readers know) or an
``Article`` and returns one ``AnalyzedArticle`` (a list for multi-article files
with ``all=True``). It gives the same records as ``newsgraph extract``. ``analyze_text(text)``
(one ``AnalyzedArticle``) and ``analyze_file(path)`` (a list, one per article of the file) say
which they take and return one type each. Each takes ``options=StageOptions(...)``: the stages'
lexicons, patterns and learned models (``newsgraph.options``, docs/options.md).

``ingest`` reads, analyses and stores files into a database (the one ingest path of every
surface: the CLI, the API upload, feeds and shards), then refreshes the monitor's series:

    >>> newsgraph.ingest(["articles/"], "news.db", workers=4)                        # doctest: +SKIP
"""

from __future__ import annotations

import logging

from .model import AnalyzedArticle, Article
from .options import StageOptions

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_text", "analyze_file", "ingest", "Article", "AnalyzedArticle", "StageOptions",
           "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def analyze(source, *, model: str | None = None, nlp: bool = True, all: bool = False,  # noqa: A002
            options: StageOptions | None = None):
    """Analyse one text, file path or Article. See ``newsgraph.pipeline.analyze``."""
    from .pipeline import analyze as _analyze

    return _analyze(source, model=model, nlp=nlp, all=all, options=options)


def analyze_text(text, **kwargs) -> AnalyzedArticle:
    """Analyse one text (never a file name) or ``Article``. See ``newsgraph.pipeline.analyze_text``."""
    from .pipeline import analyze_text as _analyze_text

    return _analyze_text(text, **kwargs)


def analyze_file(path, **kwargs) -> list[AnalyzedArticle]:
    """Analyse every article of a file or directory. See ``newsgraph.pipeline.analyze_file``."""
    from .pipeline import analyze_file as _analyze_file

    return _analyze_file(path, **kwargs)


def ingest(sources, db, **kwargs):
    """Read, analyse and store ``sources`` into ``db``. See ``newsgraph.ingestion.ingest``."""
    from .ingestion import ingest as _ingest  # lazily: ``import newsgraph`` stays light

    return _ingest(sources, db, **kwargs)
