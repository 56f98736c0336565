"""Statements the rules used to miss (issue 15, session 7; texts invented)."""


def test_rulings_are_statements(run):
    (q,) = run("But a judge ruled that the suspect should remain in jail until his hearing.")
    assert q.content.endswith("the suspect should remain in jail until his hearing")
    assert q.speaker.mention == "a judge"


def test_a_clause_the_tagger_read_as_a_noun(run):
    (q,) = run("The clinic ran a pilot last year. She said it is cost effective and cheaper than hospital care.")
    assert q.content == "it is cost effective and cheaper than hospital care"


def test_that_clause_hung_on_a_time(run):
    (q,) = run("The two hostages claimed at the time that they were treated well.")
    assert q.content == "that they were treated well"
    assert q.cue.text == "claimed"


def test_a_relative_clause_on_a_time_is_no_content(run):
    # "the time that" with no subject of its own in the clause is a relative clause
    assert run("The men claimed the prize at the time that suited them.") == []


def test_a_gerund_parsed_as_a_compound_is_a_clause(run):
    (q,) = run("A reporter in the area also reported hearing gunfire near the depot.")
    assert q.content == "hearing gunfire near the depot"
    assert run("The firm reported rising prices in May.") == []


def test_according_to_records(run):
    (q,) = run("The two guards slept for hours, according to court records.")
    assert q.content == "The two guards slept for hours" and q.speaker.mention == "court records"
    assert run("The treaty bans such weapons, according to the terms of the treaty.") == []
