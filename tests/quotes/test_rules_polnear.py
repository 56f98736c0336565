"""Rules added from PolNeAR train error analysis: two-apostrophe quote marks,
headline labels, noun cues, raising verbs, stance objects, line-bounded content."""


from newsgraph.quotes.marks import find_regions


def test_two_apostrophes_are_a_double_quote_mark():
    text = "''The atmosphere is relaxed,'' he said. ''Even the 'temp' workers are trained.''"
    regions = find_regions(text)
    assert [text[r.start : r.end] for r in regions if r.depth == 0] == [
        "The atmosphere is relaxed,", "Even the 'temp' workers are trained."]
    assert any(text[r.start : r.end] == "temp" for r in regions if r.depth == 1)


def test_three_apostrophes_close_a_nested_and_a_double_quote():
    text = "''Part of my job is to say: 'Hey, he is one of us,''' Mr. English said."
    top = [text[r.start : r.end] for r in find_regions(text) if r.depth == 0]
    assert top == ["Part of my job is to say: 'Hey, he is one of us,'"]


def test_two_apostrophe_quote_pieces_share_the_speaker(run):
    text = ("A worker named Antonio Arroyo likes his job. ''The atmosphere is relaxed,'' he said. "
            "''Even the temporary workers are constantly trained.''")
    qs = [q for q in run(text) if q.kind == "direct"]
    assert [q.content for q in qs] == ["The atmosphere is relaxed", "Even the temporary workers are constantly trained."]
    assert qs[0].group == qs[1].group
    assert {q.speaker.mention for q in qs} == {"he"}


def test_headline_label(run):
    text = "Lynch: No outside influence on FBI probe into Clinton emails\n\nThe attorney general spoke on Friday."
    q = next(q for q in run(text) if q.cue and q.cue.text == ":")
    assert q.content == "No outside influence on FBI probe into Clinton emails"
    assert q.speaker.mention == "Lynch"


def test_label_skip_words_are_no_source(run):
    text = "Update: The vote was postponed until Tuesday night.\n\nMembers left the chamber."
    assert not [q for q in run(text) if q.cue and q.cue.text == ":"]


def test_title_case_headline_cue(run):
    text = "Clinton Says Russians Hacked DNC\n\nThe campaign made the claim on Sunday."
    q = next(q for q in run(text) if q.cue and q.cue.text == "Says")
    assert q.content == "Russians Hacked DNC"
    assert q.speaker.mention == "Clinton"


def test_noun_cue_with_that_clause(run):
    text = "Trump repeated his claim that thousands of people cheered in New Jersey."
    q = next(q for q in run(text) if q.cue and q.cue.text == "claim")
    assert q.content == "thousands of people cheered in New Jersey"
    assert q.speaker.mention == "his"


def test_noun_object_with_possessor(run):
    text = "His support for a single-payer health care system has cost him votes."
    assert any(q.cue and q.cue.text == "support for" and q.content == "a single-payer health care system"
               for q in run(text, stances=True))
    assert not run(text)  # support is a stance, not a statement


def test_raising_verb_keeps_its_subject_in_the_content(run):
    text = "Some advisers are said to be urging the governor to play by the rules."
    subject, rest = run(text)
    assert (subject.content, rest.content) == ("Some advisers", "to be urging the governor to play by the rules")
    assert subject.group == rest.group and subject.speaker is None


def test_stance_object_verb(run):
    text = "The senator portrayed undocumented immigrants as criminals with victims."
    (q,) = run(text)
    assert q.content == "undocumented immigrants as criminals with victims"


def test_short_named_object(run):
    text = "Bernie Sanders, who on Tuesday endorsed Clinton, said Wednesday he agrees with the remarks."
    assert any(q.content == "Clinton" and q.speaker.name == "Bernie Sanders" and q.kind == "stance"
               for q in run(text, stances=True))
    assert not any(q.content == "Clinton" for q in run(text))  # an endorsement's object is no statement


def test_quoted_title_does_not_steal_the_cue(run):
    text = ("Joe Scarborough, host of MSNBC\u2019s \u201cMorning Joe,\u201d suggested business mogul Donald "
            "Trump\u2019s refusal to disavow the Ku Klux Klan could disqualify him from the presidential race.")
    (q,) = run(text)
    assert q.cue.text == "suggested" and q.speaker.mention == "Joe Scarborough"
    assert q.content.startswith("business mogul Donald Trump")


def test_after_cue_stops_at_the_sentence_end(run):
    text = ("Trump also criticised the mayor for making \u201cvery rude statements\u201d.\n"
            "Trump had initially welcomed the election and said he would make an exception for the mayor.")
    assert any(q.cue and q.cue.text == "said" and q.content.startswith("he would make") for q in run(text))


def test_according_to_wins_over_the_verb_it_frames(run):
    text = ("The White House is now considering a Pentagon proposal to keep a base in Afghanistan, "
            "according to American military officials.")
    (q,) = run(text)
    assert q.cue.text == "according to"
    assert q.content.startswith("The White House is now considering")


def test_said_that_a_but_that_b_keeps_the_whole_content(run):
    text = "She has said that she supports a $12 wage nationally but supports cities that go higher."
    (q,) = run(text)
    assert q.content == "that she supports a $12 wage nationally but supports cities that go higher"
