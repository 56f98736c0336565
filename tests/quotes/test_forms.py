"""More cue and speaker forms, regression tests for rules found on PolNeAR train."""

import shutil
from importlib import resources


from newsgraph.quotes import extract_quotes
from newsgraph.quotes.extract import extract_quotes as extract_with_lexicon
from newsgraph.quotes.lexicon import Lexicon


def test_timestamp_is_not_the_speaker(run):
    text = "2:40 p.m.\n\nDonald Trump’s campaign manager says he is “gratified” by the decision to drop the charge."
    (q,) = run(text)
    assert q.kind == "mixed"
    assert q.speaker.mention == "Donald Trump’s campaign manager"
    assert q.speaker.name != "Donald Trump"  # a possessive is not the person


def test_dateline_is_not_the_speaker(run):
    text = "NEW YORK (AFP) – Vice President Joe Biden said on Monday that the plan would fail."
    (q,) = run(text)
    assert q.speaker.name == "Joe Biden"


def test_parenthetical_cue_splits_content(run):
    text = "In the three years since the shootings, Mark Barden says, far too many lives have been lost."
    qs = run(text)
    assert [q.content for q in qs] == ["In the three years since the shootings", "far too many lives have been lost"]
    assert qs[0].group == qs[1].group and qs[0].speaker.name == "Mark Barden"


def test_mixed_quote_runs_to_the_end_of_its_quotation(run):
    text = "Trump said that “ethanol people” “do a fantastic job. And it’s so important. It’s so important.”"
    (q,) = run(text)
    assert q.kind == "mixed"
    assert q.content.endswith("It’s so important.")


def test_fragment_is_not_attributed_to_next_sentence(run):
    text = "FBI general counsel James Baker said the probe is “ongoing.” He said the FBI has not commented on it."
    qs = run(text)
    assert qs[0].kind == "mixed" and qs[0].content.startswith("the probe is")
    assert qs[1].kind == "indirect" and qs[1].speaker.name == "James Baker"


def test_cue_at_the_end_of_the_previous_paragraph(run):
    text = "Her senior policy adviser, Jake Sullivan, said:\n\n“Hillary Clinton believes that cooperation is essential.”"
    (q,) = run(text)
    assert q.kind == "direct" and q.speaker.name == "Jake Sullivan"


def test_colon_after_a_clause_names_its_subject(run):
    text = "Maria Lopez addressed the supporters again: “Here is what I regret. They do not listen.”"
    (q,) = run(text)
    assert q.speaker.name == "Maria Lopez"


def test_question_mark_then_cue(run):
    (q,) = run("“Why would we do that?” asked Senator Mary Jones.")
    assert q.content == "Why would we do that?" and q.speaker.name == "Mary Jones"


def test_called_x_y(run):
    (q,) = run("Former Maryland Gov. Martin O’Malley called Trump a fascist.")
    assert q.content == "Trump a fascist" and q.speaker.name == "Martin O’Malley"


def test_nested_attribution_keeps_the_outer_one(run):
    qs = run("Kazakh President Kasim-Jomart Tokayev said that the terrorists wanted to seize power.")
    assert len(qs) == 1 and qs[0].speaker.name == "Kasim-Jomart Tokayev"


def test_user_lexicon(tmp_path, run):
    src = resources.files("newsgraph.quotes") / "data"
    for name in ("cues.yaml", "roles.yaml", "demonyms.csv"):
        shutil.copy(str(src / name), tmp_path / name)
    text = "Senator Mary Jones harrumphed that the budget was a disgrace."
    # the word lists alone (the learned back-up model off: it may know the verb anyway)
    assert run(text, learned_model=False) == []
    cues = (tmp_path / "cues.yaml").read_text(encoding="utf-8").replace("clause:\n", "clause:\n  - harrumph\n", 1)
    (tmp_path / "cues.yaml").write_text(cues, encoding="utf-8")
    lex = Lexicon.load(tmp_path)
    (q,) = run(text, lexicon=lex, learned_model=False)
    assert q.content == "that the budget was a disgrace" and q.speaker.name == "Mary Jones"


def test_public_function_matches_module(nlp):
    doc = nlp("“Yes,” she said.")
    assert extract_quotes(doc) == extract_with_lexicon(doc)
