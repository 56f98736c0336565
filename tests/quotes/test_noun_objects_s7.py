"""Noun phrases, unrealised speech and captions are no statements (issue 15, session 7; texts invented)."""

import pytest


@pytest.mark.parametrize("text", [
    "The engineer testified about a March meeting at the depot.",
    '"They are neighbours too," Ms. Ferrante added, speaking of the stranded fishermen.',
    "The columnist's comments on the coach's jacket drew a wave of replies.",
    "Senator Ruth Oduya kept calling for an explanation of how the records went missing.",
    "No one else will be foolish enough to admit what looks like a mistake.",
])
def test_no_statement(run, text):
    assert [q.content for q in run(text) if q.kind != "direct"] == []


def test_warnings_and_pointers_keep_their_object(run):
    (q,) = run("The harbour master warned of the risk of storms along the coast.")
    assert q.content == "the risk of storms along the coast"
    (q,) = run("The minister pointed to the role of foreign money in the protests.")
    assert q.content == "the role of foreign money in the protests"


def test_accused_of_a_gerund_is_still_a_clause(run):
    (q,) = run("The mayor accused the contractor of hiding the cracks in the bridge.")
    assert q.content.startswith("the contractor of hiding")


def test_a_verbless_quoted_line_is_a_caption(run):
    text = "The lamps hang in a row above the long table.\nAnna Weiss\n\u2018Stars over Stars over Stars\u2019\nNorth Showroom\n"
    assert run(text) == []


def test_a_pull_quote_line_with_a_verb_stays(run):
    text = ("The lamps hang in a row above the long table.\n"
            "\u201cWe wanted every room to feel like a small theatre tonight,\u201d Anna Weiss said.\n")
    (q,) = run(text)
    assert q.speaker.name == "Anna Weiss"


@pytest.mark.parametrize("text", [
    "If your partner says they need space, it may mean they feel overwhelmed.",
    "Locals will tell you that the lake never freezes in winter.",
    "If the seller says the car has no rust, ask for the papers.",
])
def test_advice_to_the_reader_is_page_voice(run, text):
    assert run(text) == []


def test_told_reporters_is_still_a_statement(run):
    (q,) = run("The mayor told reporters that the bridge was unsafe.")
    assert q.speaker.mention == "The mayor"
