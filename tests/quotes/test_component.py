"""The spaCy component: nlp.add_pipe("newsgraph_quotes") and doc._.quotes."""

import pytest
import spacy

from newsgraph.nlp import load_nlp, model_name


@pytest.fixture(scope="module")
def nlp_with_quotes():
    nlp = spacy.load(model_name(load_nlp()))
    nlp.add_pipe("newsgraph_quotes")
    return nlp


def test_factory_registered():
    import newsgraph.quotes.component  # noqa: F401

    assert "newsgraph_quotes" in spacy.registry.factories


def test_doc_quotes(nlp_with_quotes):
    doc = nlp_with_quotes('"We will win," Senator Mary Jones said.')
    assert doc.has_extension("quotes")
    (q,) = doc._.quotes
    assert q.speaker.name == "Mary Jones"


def test_pipe_matches_function(nlp_with_quotes, nlp):
    from newsgraph.quotes import extract_quotes

    texts = ['"Yes," he said.', "According to the police, the road is closed until Monday."]
    for text, doc in zip(texts, nlp_with_quotes.pipe(texts)):
        assert [q.to_dict() for q in doc._.quotes] == [q.to_dict() for q in extract_quotes(nlp(text))]


def test_needs_a_parser():
    from newsgraph.quotes import extract_quotes

    with pytest.raises(ValueError):
        extract_quotes(spacy.blank("en")("He said hello."))
