"""The quote tests' shared ``run`` fixture: parse a text, extract its quotes and check that every
span is exact (content, cue, speaker, sentence) before a test looks at them."""

import pytest

from newsgraph.quotes import extract_quotes


def check_offsets(text, q):
    assert text[q.start : q.end] == q.content
    if q.cue is not None:
        assert text[q.cue.start : q.cue.end] == q.cue.text
    if q.speaker is not None:
        assert text[q.speaker.start : q.speaker.end] == q.speaker.mention
    if q.sentence is not None:
        assert text[q.sentence.start : q.sentence.end] == q.sentence.text
    assert q.kind in ("direct", "indirect", "mixed", "stance")


@pytest.fixture(scope="module")
def run(nlp):
    """``run(text, **kw)``: the quotes of ``text`` (``kw``: ``lexicon``, ``learned_model``...)."""

    def _run(text, **kw):
        quotes = extract_quotes(nlp(text), **kw)
        for q in quotes:
            check_offsets(text, q)
        return quotes

    return _run
