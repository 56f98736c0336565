"""The fast attribute ruler and lemmatizer (newsgraph.nlp.speed_up) write exactly what spaCy's own
components write: every token attribute of both pipelines is compared on invented texts that reach
the ruler's patterns of several tokens, its dependency patterns, whitespace and empty texts."""

import pickle

import numpy as np
import pytest

TEXTS = [
    "",
    "   ",
    "\n\n",
    "The minister said on Monday that the talks would go on.",
    "We're gonna win, y'all, and I gotta say it ain't over. Let's go! C'mon, you know it.",
    "There is a bridge, and there were two more. It was late; I told you it rained.",
    "But the mayor did it anyway. He had done it before, and she does it too.",
    "Officials who have seen the plan say  it  leaves\tgaps:\n\n  the ports, the roads and the schools.",
    "Did they? Do you? I asked him and he asked me. Which one, that one or this?",
    "\u201cWe will not allow it,\u201d the envoy said, while the ministers were meeting in Geneva.",
    "UN-backed forces took 1,200 prisoners at 10:30 on 3 May 2024 (reports said).",
]
ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START", "NORM"]


@pytest.fixture(scope="module")
def pipelines(monkeypatch_module):
    import newsgraph.nlp as nlp_mod

    monkeypatch_module.setenv(nlp_mod.FAST_ENV_VAR, "0")
    nlp_mod.load_nlp.cache_clear()
    stock = nlp_mod.load_nlp()
    monkeypatch_module.setenv(nlp_mod.FAST_ENV_VAR, "1")
    nlp_mod.load_nlp.cache_clear()
    fast = nlp_mod.load_nlp()
    nlp_mod.load_nlp.cache_clear()
    return stock, fast


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def _table(doc):
    return doc.to_array(ATTRS), [(t.lemma_, str(t.morph), t.pos_, t.tag_, t.dep_) for t in doc]


def test_the_fast_classes_are_in_use(pipelines):
    stock, fast = pipelines
    names = {type(p).__name__ for _, p in fast.pipeline}
    assert {"FastAttributeRuler", "FastEnglishLemmatizer"} <= names or {"FastAttributeRuler", "FastLemmatizer"} <= names
    assert not any(type(p).__name__.startswith("Fast") for _, p in stock.pipeline)


def test_same_annotations_token_for_token(pipelines):
    stock, fast = pipelines
    for _ in range(2):  # the second pass reads the caches filled by the first
        for a, b in zip(stock.pipe(TEXTS, batch_size=4), fast.pipe(TEXTS, batch_size=4)):
            ta, tb = _table(a), _table(b)
            assert np.array_equal(ta[0], tb[0]), a.text
            assert ta[1] == tb[1], a.text


def test_same_annotations_inside_memory_zones(pipelines):
    stock, fast = pipelines
    for _ in range(2):  # strings added in a zone are gone after it: the lemmas must be added again
        with stock.memory_zone(), fast.memory_zone():
            for text in TEXTS[4:7]:
                assert _table(stock(text))[1] == _table(fast(text))[1]


def test_a_pattern_added_later_falls_back_to_the_stock_ruler(pipelines):
    import newsgraph.nlp as nlp_mod

    stock, _ = pipelines
    fast = nlp_mod.load_nlp()
    try:
        ruler = fast.get_pipe("attribute_ruler")
        ruler.add([[{"LOWER": "bridge"}]], {"POS": "PROPN"})
        doc = fast("There is a bridge.")
        assert [t.pos_ for t in doc][3] == "PROPN"
    finally:
        nlp_mod.load_nlp.cache_clear()


def test_the_fast_pipeline_pickles(pipelines):
    _, fast = pipelines
    ruler = fast.get_pipe("attribute_ruler")
    assert pickle.loads(pickle.dumps(type(ruler))) is type(ruler)  # found again as newsgraph.nlp.<name>


def test_doc_text_is_the_text_of_that_doc(pipelines):
    from newsgraph.nlp import doc_text

    _, fast = pipelines
    a, b = fast("The envoy left early."), fast("A second, longer text about the talks.")
    assert doc_text(a) == a.text and doc_text(b) == b.text and doc_text(a) == a.text
    assert doc_text(a) is doc_text(a)  # built once while it stays the last one asked
    del a
    c = fast("Another one.")  # may reuse the freed object's address: never its text
    assert doc_text(c) == "Another one."
