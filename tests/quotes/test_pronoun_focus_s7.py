"""A pronoun takes the nearest compatible speaker, not a subject inside a relative clause (issue 15,
session 7; texts invented, names the tagger knows as people)."""

import pytest


@pytest.mark.parametrize("text", [
    "Mark Brenner has worked with the likes of Kim Osei and Tara Wynn - both of whom Jennifer Lopez has "
    "had feuds with in the past. He has always said that the contracts were fair.",
    "Mark Brenner has represented Kim Osei and Tara Wynn, both of whom Jennifer Lopez has sued. He said "
    "the lawsuits were baseless.",
])
def test_relative_clause_subject_is_not_in_focus(run, text):
    (q,) = run(text)
    assert q.speaker.mention == "He" and q.speaker.name == "Mark Brenner"


def test_main_clause_subject_still_in_focus(run):
    text = "Mark Brenner met Jennifer Lopez in May. Later Jennifer Lopez left the firm. She said the deal was over."
    (q,) = run(text)
    assert q.speaker.name == "Jennifer Lopez"
