"""A comma or colon typed straight against an opening quotation mark must not hide the quote
(issue 15), and the tokenizer that splits it must stay picklable (worker processes, the fuzz tests)."""

import pickle

from newsgraph.nlp import GLUED_QUOTE_INFIXES


def words(nlp, text):
    return [t.text for t in nlp(text)]


def test_glued_opening_quote_is_split(nlp):
    assert words(nlp, "The ferry captain said,“Hold the ropes tight,” and walked off.")[:6] == [
        "The", "ferry", "captain", "said", ",", "“"]
    assert words(nlp, "His answer:“Not today.”")[:4] == ["His", "answer", ":", "“"]
    assert words(nlp, 'She wrote,"Bring the maps" twice.')[:4] == ["She", "wrote", ",", '"']


def test_other_text_tokenizes_as_the_model_does(nlp):
    import spacy

    plain = spacy.blank("en")
    plain.tokenizer = spacy.load(nlp.meta["newsgraph_model_name"], exclude=nlp.pipe_names).tokenizer
    for text in ("The bill came to 2,450 crowns at 18:45, a,b and c:d stayed whole.",
                 "“Fine,” he said. 'Maybe,' she replied: \"no\". Rates rose 3-4% (see p.2).",
                 "URL http://example.org/a,b?x=1:2 and e-mail desk@example.org, ok."):
        assert words(nlp, text) == [t.text for t in plain(text)]


def test_model_rules_come_first(nlp):
    """The added rules are appended to the model's own pattern, once, however often it is loaded."""
    pattern = nlp.tokenizer.inner.infix_finditer.__self__.pattern
    extra = "|".join(GLUED_QUOTE_INFIXES)
    assert pattern.endswith("|" + extra) and pattern.count(extra) == 1


def test_tokenizer_pickles(nlp):
    copy = pickle.loads(pickle.dumps(nlp.tokenizer))
    assert [t.text for t in copy("The clerk noted:“Closed.”")][:4] == ["The", "clerk", "noted", ":"]
    assert [t.text for t in copy("The clerk noted:“Closed.”")][4] == "“"


def test_glued_quote_becomes_a_quote(run):
    text = ("The lighthouse keeper Orla Brenning said,“We will relight the south lamp on Friday once the "
            "engineers have tested it,” before the council meeting closed.")
    quotes = run(text)
    assert quotes, "the glued quotation was lost"
    assert quotes[0].content.startswith("We will relight the south lamp")
    assert quotes[0].speaker is not None and "Brenning" in quotes[0].speaker.mention
