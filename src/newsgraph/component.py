"""spaCy component ``newsgraph``: every stage after the parse, as ``newsgraph extract`` runs them.

    >>> import spacy, newsgraph.component                      # doctest: +SKIP
    >>> nlp = spacy.load("en_core_web_sm")                      # doctest: +SKIP
    >>> nlp.add_pipe("newsgraph", config={"published": "2025-03-18"})  # doctest: +SKIP
    >>> nlp(text)._.newsgraph.quotes                            # doctest: +SKIP

It calls ``pipeline.annotate`` on the parsed ``Doc`` (actors and places, quotes, events, with one
actor resolver shared by the stages), so ``doc._.newsgraph`` is the ``AnalyzedArticle`` that
``analyze_text(text)`` gives for the same text, date and model. ``published`` (config, or
``doc._.newsgraph_published`` per doc) dates relative expressions ("on Monday"); ``options`` (config:
the fields of ``newsgraph.options.StageOptions``) sets the stages' lexicons, patterns and models. The quotes stage
alone is ``newsgraph_quotes`` (``newsgraph.quotes.component``). Components per stage (actors,
events) are not there yet: ``annotate`` is the one place the stages are chained.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .language import detect_language
from .model import Article
from .options import StageOptions
from .pipeline import annotate

for _ext in ("newsgraph", "newsgraph_published"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


class NewsgraphComponent:
    def __init__(self, nlp: Language, name: str = "newsgraph", published: str | None = None,
                 options: dict | StageOptions | None = None) -> None:
        self.name = name
        self.published = published
        self.options = options if isinstance(options, StageOptions) else StageOptions.from_mapping(
            options or {}, f"component {name}")

    def __call__(self, doc: Doc) -> Doc:
        article = Article(text=doc.text, published=doc._.newsgraph_published or self.published)
        article.language = detect_language(article.text)
        doc._.newsgraph = annotate(doc, article, self.options)
        return doc


@Language.factory("newsgraph", default_config={"published": None, "options": {}})
def make_newsgraph_component(nlp: Language, name: str, published: str | None, options: dict) -> NewsgraphComponent:
    """Factory behind ``nlp.add_pipe("newsgraph")``; ``options``: ``StageOptions`` fields
    (``{"learned_cues": False, "event_patterns": ["my.yaml"]}``)."""
    return NewsgraphComponent(nlp, name, published, options)


__all__ = ["NewsgraphComponent", "make_newsgraph_component"]
