"""A quote is a statement (issue 15): each error class found on real pages, in sentences of our own."""

import pytest


def _contents(quotes):
    return [q.content for q in quotes]


@pytest.mark.parametrize("text", [
    "The coach praised the young goalkeeper after the match.",
    "The council named a new chief executive on Monday.",
    "Residents called for calm after the flood.",
    "The ministry denied the allegations.",
    "The union welcomed the court's decision to delay the vote.",
    "Analysts reported third quarter earnings above forecasts.",
])
def test_noun_phrase_objects_are_stances_not_quotes(run, text):
    assert run(text) == []
    kept = run(text, stances=True)
    assert all(q.kind == "stance" for q in kept)


@pytest.mark.parametrize("text", [
    "Shrine Location: north of the river bend, past the ruined tower.",
    "NEW DELHI: Nearly 150 travellers returned home on Wednesday after a long delay.",
    "The promise of Cloud Arcade: smooth play streamed to any screen you own.",
    "Ingredients: two ripe pears, one lemon and a cup of honey.",
])
def test_labels_headings_and_datelines_are_not_quotes(run, text):
    assert [q for q in run(text) if q.cue and q.cue.text == ":"] == []


@pytest.mark.parametrize("text", [
    "I prefer small glass jars for this jam.",
    "You will want to make an extra batch for the neighbours.",
    "We called it a very compelling option for most households.",
])
def test_first_and_second_person_page_voice_is_not_quoted(run, text):
    assert run(text) == []


@pytest.mark.parametrize("text", [
    "The fact that sales rose in March shows steady growth.",
    "Protesters believe the new law is unfair.",
    "The governor wants the schools to reopen next week.",
    "The club decided to sell its stadium.",
    "A spacecraft called Deep Lantern will launch in 2027.",
])
def test_thoughts_intentions_and_weak_cues_are_not_quotes(run, text):
    assert run(text) == []


def test_a_study_that_found_something_still_reports_it(run):
    (q,) = run("A study by the Hollis Institute found that river levels had fallen by a third.")
    assert q.content.startswith("that river levels") and q.speaker.mention.startswith("A study")


def test_speech_verb_with_topic_object_and_clausal_objects_are_quotes(run):
    qs = run("The mayor warned of the danger of floods near the old bridge.")
    assert _contents(qs) == ["the danger of floods near the old bridge"]
    qs = run("The envoy accused the neighbouring state of sending soldiers across the border.")
    assert qs and qs[0].content.startswith("the neighbouring state of sending soldiers")
    qs = run("The senator urged voters and volunteers to stay calm.")
    assert _contents(qs) == ["voters and volunteers to stay calm"]


def test_a_quoted_object_is_a_quote(run):
    (q,) = run('The committee urged an "end to the fighting and a return to talks".')
    assert q.kind == "mixed" and "end to the fighting" in q.content


def test_a_noun_phrase_before_a_clause_of_its_own_leaves_the_clause_to_its_own_cue(run):
    qs = run("The singer has always denied the rumours, saying the band never split.")
    assert _contents(qs) == ["the band never split"]
    assert qs[0].cue.text == "saying" and qs[0].speaker.mention == "The singer"


def test_a_stance_does_not_hide_the_statement_inside_it(run):
    qs = run("The striker decided to speak on Monday, saying that the referee should be disciplined.")
    assert _contents(qs) == ["that the referee should be disciplined"]


def test_embedded_post_is_a_direct_quote_by_its_author(run):
    text = ("The senator shared the news online.\n\n"
            "Proud of my team today.\n\n"
            "We finally passed the river bill! pic.twitter.com/abc123XYZ\n\n"
            "\u2014 Jane Ruiz (@janeruiz) March 3, 2024\n\n"
            "The bill now goes to the governor.")
    posts = [q for q in run(text) if q.cue and q.cue.text == "\u2014"]
    assert _contents(posts) == ["Proud of my team today.", "We finally passed the river bill!"]
    assert {q.speaker.name for q in posts} == {"Jane Ruiz"} and len({q.group for q in posts}) == 1


def test_an_author_line_without_post_text_before_it_gives_nothing(run):
    text = "The vote was delayed again on Tuesday.\n\n\u2014 Jane Ruiz (@janeruiz) March 3, 2024"
    qs = [q for q in run(text) if q.cue and q.cue.text == "\u2014"]
    assert _contents(qs) == ["The vote was delayed again on Tuesday."]  # one short paragraph is taken
    long_para = "The vote was delayed again on Tuesday. " * 20
    assert not [q for q in run(long_para + "\n\n\u2014 Jane Ruiz (@janeruiz) March 3, 2024") if q.cue and q.cue.text == "\u2014"]


def test_predicative_objects_are_statements(run):
    (q,) = run("A senior officer described the minister's phone call as improper.")
    assert q.content == "the minister's phone call as improper" and q.speaker.mention == "A senior officer"
    (q,) = run("The union blamed the council for ignoring the warnings.")
    assert q.content == "the council for ignoring the warnings"


@pytest.mark.parametrize("text", [
    "The border must stay open, according to the terms of the 1998 treaties.",
    "You want people to know that the jam is homemade.",
    "Tap to Reveal: Shrine Rewards for the northern region.",
])
def test_more_shapes_that_are_not_statements(run, text):
    assert run(text) == []


def test_according_to_someone_is_a_statement(run):
    (q,) = run("The border will stay open, according to the interior ministry.")
    assert q.content == "The border will stay open" and q.speaker.mention == "the interior ministry"
