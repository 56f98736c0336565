"""Shared fixtures of the actors tests."""

import pytest

from newsgraph.actors import ActorResolver


@pytest.fixture(scope="module")
def run():
    """``run(text, published=...)`` -> (entities, actors, places, resolver) of one text, each
    entity's offsets checked against the text."""
    from newsgraph.nlp import load_nlp

    nlp = load_nlp()

    def _run(text, published="2024-05-10"):
        r = ActorResolver(published=published)
        ents, actors, places = r.resolve_doc(nlp(text))
        for e in ents:
            assert text[e.start:e.end] == e.text
        return ents, actors, places, r

    return _run
