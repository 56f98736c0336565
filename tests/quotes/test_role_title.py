"""'the minister' resolves to the person whose title holds that noun, not to whoever spoke last."""

from newsgraph.quotes import extract_quotes


def test_role_noun_prefers_matching_title(nlp):
    text = ('Energy Minister Bakyt Jumabaev defended the closure on Thursday. '
            'Asel Mamytova, an opposition deputy, accused the government of mishandling the dispute. '
            '"The minister is wrong," she said. '
            'The minister said that a partial release could begin in March.')
    quotes = extract_quotes(nlp(text))
    last = [q for q in quotes if q.content.startswith("that a partial release") or
            q.content.startswith("a partial release")]
    assert last and last[0].speaker.name == "Bakyt Jumabaev"
    wrong = [q for q in quotes if q.content.startswith("The minister is wrong")]
    assert wrong and wrong[0].speaker.name == "Asel Mamytova"
