"""A comma or colon typed straight against an opening quotation mark must not hide the quote."""
from newsgraph import analyze_text


def test_glued_opening_quote_is_split(nlp):
    words = [t.text for t in nlp("The mayor said,“Keep the gates open,” and left.")]
    assert words[:5] == ["The", "mayor", "said", ",", "“"]
    assert [t.text for t in nlp("Her reply:“Never.”")][:4] == ["Her", "reply", ":", "“"]


def test_numbers_and_times_keep_their_marks(nlp):
    words = [t.text for t in nlp("It cost 1,000 euros at 10:30 on the dot.")]
    assert "1,000" in words and "10:30" in words


def test_glued_quote_becomes_a_quote():
    text = ("The harbour master Ilse Varga said,“We will reopen the north pier on Monday once the "
            "divers have checked it,” before the meeting ended.")
    quotes = analyze_text(text).quotes
    assert quotes, "the glued quotation was lost"
    q = quotes[0]
    assert text[q.start:q.end] == q.content
    assert q.content.startswith("We will reopen the north pier")
