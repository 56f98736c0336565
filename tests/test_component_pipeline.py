"""nlp.add_pipe("newsgraph") gives the records of analyze_text / newsgraph extract."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from newsgraph.nlp import load_nlp, model_name  # noqa: E402
from newsgraph.pipeline import analyze_text  # noqa: E402

TEXTS = [  # our own sentences
    "Kyrgyz border guards fired on Tajik soldiers near Batken on Monday, the interior ministry said. "
    "\"We will defend every metre of our land,\" President Sadyr Japarov said in Bishkek.",
    "The mayor of Almaty, Yerbolat Dosayev, said the new reservoir would open in May.",
]


@pytest.fixture(scope="module")
def nlp_with_newsgraph():
    import newsgraph.component  # noqa: F401  (registers the factory)

    nlp = spacy.load(model_name(load_nlp()))
    nlp.add_pipe("newsgraph", config={"published": "2025-03-17"})
    return nlp


def test_component_gives_the_records_of_analyze_text(nlp_with_newsgraph):
    from newsgraph.model import Article

    for text in TEXTS:
        got = nlp_with_newsgraph(text)._.newsgraph.to_dict()
        want = analyze_text(Article(text=text, published="2025-03-17")).to_dict()
        assert got == want
        assert got["quotes"] or got["events"] or got["actors"]


def test_per_stage_components_give_the_records_of_analyze_text():
    """newsgraph_actors, newsgraph_quotes, newsgraph_events in order: the records of analyze_text,
    each stage visible on the doc after it."""
    import newsgraph.component  # noqa: F401  (registers the factories)
    from newsgraph.model import Article

    nlp = spacy.load(model_name(load_nlp()))
    nlp.add_pipe("newsgraph_actors", config={"published": "2025-03-17"})
    nlp.add_pipe("newsgraph_quotes")
    nlp.add_pipe("newsgraph_events")
    for text in TEXTS:
        doc = nlp(text)
        want = analyze_text(Article(text=text, published="2025-03-17")).to_dict()
        assert doc._.newsgraph.to_dict() == want
        assert [q.to_dict() for q in doc._.quotes] == want["quotes"]
        assert [e.to_dict() for e in doc._.events] == want["events"]
    assert any(nlp(t)._.events for t in TEXTS)


def test_actors_component_alone_gives_actors_and_no_quotes():
    import newsgraph.component  # noqa: F401

    nlp = spacy.load(model_name(load_nlp()))
    nlp.add_pipe("newsgraph_actors")
    got = nlp(TEXTS[0])._.newsgraph
    assert got.actors and not got.quotes and not got.events
