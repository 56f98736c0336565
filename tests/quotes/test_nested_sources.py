"""Nested and compound sources: one record per source, each exact (issue 15; sentences invented)."""


def _by_speaker(quotes):
    return {q.speaker.name: q for q in quotes if q.speaker is not None and q.speaker.name}


def test_statement_inside_testimony(run):
    text = "Afterward, Lena Ortiz said the grant would be released within a month, Mark Bell testified on Tuesday."
    got = _by_speaker(run(text))
    assert got["Lena Ortiz"].content == "the grant would be released within a month"
    assert got["Lena Ortiz"].cue.text == "said"
    assert "Lena Ortiz said" in got["Mark Bell"].content


def test_according_to_and_inner_speaker(run):
    text = "According to the Daily Ledger, Mayor Ruth Adler said the bridge would reopen in May."
    quotes = run(text)
    adler = _by_speaker(quotes)["Ruth Adler"]
    assert adler.content == "the bridge would reopen in May"
    outer = [q for q in quotes if q.cue is not None and q.cue.text.lower() == "according to"]
    assert outer and outer[0].speaker.mention == "the Daily Ledger"


def test_paper_reported_what_minister_told(run):
    text = "Interior Minister Tomas Weil told lawmakers the plan was dead, the Daily Ledger reported."
    quotes = run(text)
    inner = [q for q in quotes if q.content == "the plan was dead"]
    assert inner and inner[0].speaker.name == "Tomas Weil"
    assert any(q.cue.text == "reported" and q.speaker.mention == "the Daily Ledger" for q in quotes if q.cue)


def test_told_a_paper_is_one_record(run):
    quotes = run("Paul Grant told the Daily Ledger that the strike would end soon.")
    assert len(quotes) == 1 and quotes[0].speaker.name == "Paul Grant"


def test_thought_inside_a_statement_stays_dropped(run):
    # a view reported inside someone's statement is not the holder's statement
    quotes = run("Nadia Cruz said the rebels wanted to seize the port.")
    assert [q.speaker.name for q in quotes] == ["Nadia Cruz"]


def test_participle_inside_a_statement_stays_dropped(run):
    quotes = run("Omar Hale said the council met on Monday, saying nothing about the budget, officials reported.")
    assert all(q.cue is None or q.cue.text != "saying" for q in quotes)


def test_content_stops_before_another_named_holders_stance(run):
    text = ("The United Nations said the decision would not change the reality on the ground, "
            "while the Arab League condemned the unilateral move.")
    (q,) = run(text)
    assert q.content == "the decision would not change the reality on the ground"


def test_a_contrast_without_another_holder_stays_in_the_content(run):
    (q,) = run("The minister said prices had risen, while wages fell.")
    assert q.content == "prices had risen, while wages fell"
