"""Quote-mark pairing on raw text (no spaCy needed)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.quotes.marks import find_regions, paragraphs

CUES = frozenset({"said", "says", "added", "he", "she", "the", "stressed"})


def contents(text):
    return [text[r.start : r.end] for r in find_regions(text, cue_words=CUES)]


def top(text):
    return [text[r.start : r.end] for r in find_regions(text, cue_words=CUES) if r.depth == 0]


def test_straight_pair():
    assert top('He said "we will win" today.') == ["we will win"]


def test_curly_pair():
    assert top("“We will win,” she said.") == ["We will win,"]


def test_guillemets_and_low_high():
    assert top("«Nous gagnerons», a-t-il dit.") == ["Nous gagnerons"]
    assert top("„Wir gewinnen“, sagte er.") == ["Wir gewinnen"]


def test_single_nested_inside_double():
    text = "“They call it ‘the plan’ now,” he said."
    regions = find_regions(text, cue_words=CUES)
    inner = [text[r.start : r.end] for r in regions if r.depth == 1]
    assert inner == ["the plan"]
    assert top(text) == ["They call it ‘the plan’ now,"]


def test_apostrophes_are_not_quotes():
    text = "“It’s Trump’s party and don’t forget it,” she said."
    assert [text[r.start : r.end] for r in find_regions(text, cue_words=CUES)] == [
        "It’s Trump’s party and don’t forget it,"
    ]


def test_nested_straight_quote_of_third_person():
    text = '"He replied: "Saddam thinks so too." And now it is over, "said the expert.'
    regions = find_regions(text, cue_words=CUES)
    assert [text[r.start : r.end] for r in regions if r.depth == 1] == ["Saddam thinks so too."]
    assert top(text)[0].startswith("He replied") and top(text)[0].endswith("it is over,")


def test_closing_mark_spaced_before_cue():
    text = '"We cannot lose, "he said.'
    assert top(text) == ["We cannot lose,"]


def test_closing_mark_glued_to_next_word():
    text = '"We cannot lose,"he said. Then he left.'
    assert top(text) == ["We cannot lose,"]


def test_reopened_quote_without_close():
    # an opening mark at a new sentence inside an open quote: the first one ended there
    text = '"Many fighters have gathered. "In order to win, we must act," the leader stressed.'
    assert top(text) == ["Many fighters have gathered.", "In order to win, we must act,"]


def test_unclosed_quote_ends_with_paragraph():
    text = 'He said: "This never closes.\n\nA new paragraph of narration.'
    assert top(text) == ["This never closes."]


def test_odd_marks_do_not_lose_later_quotes():
    text = 'The paper "Vzglyad.\n\n"We will win," he said. "Again," she added.'
    got = top(text)
    assert "We will win," in got and "Again," in got


def test_multi_paragraph_quote_chain():
    text = '"First paragraph of the quote.\n\n"Second paragraph of it," the expert said.'
    regions = [r for r in find_regions(text, cue_words=CUES) if r.depth == 0]
    assert [text[r.start : r.end] for r in regions] == ["First paragraph of the quote.", "Second paragraph of it,"]
    assert regions[0].chain == regions[1].chain
    assert regions[0].close_mark is None


def test_multi_paragraph_continued_without_new_mark():
    text = '"It is interesting.\n\nThe calculation is simple. Moscow will not have time, "the analyst said.'
    regions = [r for r in find_regions(text, cue_words=CUES) if r.depth == 0]
    assert [text[r.start : r.end] for r in regions] == [
        "It is interesting.",
        "The calculation is simple. Moscow will not have time,",
    ]
    assert regions[0].chain == regions[1].chain
    assert regions[1].open_mark is None


def test_scare_quote_inside_open_quote_is_nested():
    text = '"They tried to impose a "dialogue with the opposition" on us, "said the political scientist.'
    regions = find_regions(text, cue_words=CUES)
    assert [text[r.start : r.end] for r in regions if r.depth == 1] == ["dialogue with the opposition"]


def test_paragraphs():
    text = "One.\n\nTwo.\n\n\nThree"
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two.", "Three"]


MARK_TEXT = st.lists(
    st.sampled_from(['"', "“", "”", "‘", "’", "'", "«", "»", "„", " ", "\n", "\n\n", "word", "Said", ",", ".", "he said"]),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARK_TEXT)
def test_regions_are_well_formed(text):
    regions = find_regions(text, cue_words=CUES)
    for r in regions:
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start : r.end].strip() == text[r.start : r.end]
        if r.open_mark is not None:
            assert r.open_mark < r.start
        if r.close_mark is not None:
            assert r.close_mark >= r.end
        if r.parent is not None:
            p = regions[r.parent]
            assert p.outer_start <= r.outer_start and r.outer_end <= p.outer_end
