"""spaCy components: every stage after the parse, as ``newsgraph extract`` runs them.

The whole pipeline in one component:

    >>> import spacy, newsgraph.component                      # doctest: +SKIP
    >>> nlp = spacy.load("en_core_web_sm")                      # doctest: +SKIP
    >>> nlp.add_pipe("newsgraph", config={"published": "2025-03-18"})  # doctest: +SKIP
    >>> nlp(text)._.newsgraph.quotes                            # doctest: +SKIP

or one component per stage, in this order, over one shared state per doc
(``doc._.newsgraph_state``, a ``pipeline.Annotation``: the article's actor resolver, its options):

    >>> nlp.add_pipe("newsgraph_actors", config={"published": "2025-03-18"})  # doctest: +SKIP
    >>> nlp.add_pipe("newsgraph_quotes")                        # doctest: +SKIP
    >>> nlp.add_pipe("newsgraph_events")                        # doctest: +SKIP

Both set ``doc._.newsgraph``, the ``AnalyzedArticle`` that ``analyze_text(text)`` gives for the
same text, date, model and options (the per-stage components update it after each stage; they
also set ``doc._.quotes`` and ``doc._.events``). ``published`` (config, or
``doc._.newsgraph_published`` per doc) dates relative expressions ("on Monday"); ``options``
(config: the fields of ``newsgraph.options.StageOptions``) sets the stages' lexicons, patterns and
models. ``newsgraph_quotes`` (``newsgraph.quotes.component``) without ``newsgraph_actors`` before it
finds quotes alone, with no actor resolver; ``newsgraph_events`` without it resolves the actors
itself. ``pipeline.annotate`` runs the same three steps.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .language import detect_language
from .model import Article
from .options import StageOptions
from .pipeline import Annotation, annotate
from .quotes import component as _quotes_component  # noqa: F401  (registers newsgraph_quotes)

for _ext in ("newsgraph", "newsgraph_published", "newsgraph_state", "events"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


def _options(options: dict | StageOptions | None, name: str) -> StageOptions:
    return options if isinstance(options, StageOptions) else StageOptions.from_mapping(
        options or {}, f"component {name}")


def _article(doc: Doc, published: str | None) -> Article:
    article = Article(text=doc.text, published=doc._.newsgraph_published or published)
    article.language = detect_language(article.text)
    return article


class NewsgraphComponent:
    def __init__(self, nlp: Language, name: str = "newsgraph", published: str | None = None,
                 options: dict | StageOptions | None = None) -> None:
        self.name = name
        self.published = published
        self.options = _options(options, name)

    def __call__(self, doc: Doc) -> Doc:
        doc._.newsgraph = annotate(doc, _article(doc, self.published), self.options)
        return doc


class ActorsComponent:
    """``newsgraph_actors``: entities, actors and places; starts the doc's shared state."""

    def __init__(self, nlp: Language, name: str = "newsgraph_actors", published: str | None = None,
                 options: dict | StageOptions | None = None) -> None:
        self.name = name
        self.published = published
        self.options = _options(options, name)

    def __call__(self, doc: Doc) -> Doc:
        state = Annotation(_article(doc, self.published), self.options)
        state.run_actors(doc)
        doc._.newsgraph_state = state
        doc._.newsgraph = state.result()
        return doc


class EventsComponent:
    """``newsgraph_events``: events, with the resolver and quotes of the stages before it."""

    def __init__(self, nlp: Language, name: str = "newsgraph_events", published: str | None = None,
                 options: dict | StageOptions | None = None) -> None:
        self.name = name
        self.published = published
        self.options = _options(options, name)

    def __call__(self, doc: Doc) -> Doc:
        state = doc._.newsgraph_state
        if state is None:  # no newsgraph_actors before: resolve the actors here
            state = Annotation(_article(doc, self.published), self.options)
            state.run_actors(doc)
            doc._.newsgraph_state = state
        doc._.events = state.run_events(doc)
        doc._.newsgraph = state.result()
        return doc


@Language.factory("newsgraph", default_config={"published": None, "options": {}})
def make_newsgraph_component(nlp: Language, name: str, published: str | None, options: dict) -> NewsgraphComponent:
    """Factory behind ``nlp.add_pipe("newsgraph")``; ``options``: ``StageOptions`` fields
    (``{"learned_cues": False, "event_patterns": ["my.yaml"]}``)."""
    return NewsgraphComponent(nlp, name, published, options)


@Language.factory("newsgraph_actors", default_config={"published": None, "options": {}})
def make_actors_component(nlp: Language, name: str, published: str | None, options: dict) -> ActorsComponent:
    """Factory behind ``nlp.add_pipe("newsgraph_actors")``."""
    return ActorsComponent(nlp, name, published, options)


@Language.factory("newsgraph_events", default_config={"published": None, "options": {}})
def make_events_component(nlp: Language, name: str, published: str | None, options: dict) -> EventsComponent:
    """Factory behind ``nlp.add_pipe("newsgraph_events")`` (after ``newsgraph_actors`` and
    ``newsgraph_quotes``; its ``published``/``options`` count only without ``newsgraph_actors``)."""
    return EventsComponent(nlp, name, published, options)


__all__ = ["NewsgraphComponent", "ActorsComponent", "EventsComponent", "make_newsgraph_component",
           "make_actors_component", "make_events_component"]
