"""Who holds a quotation when the mention at the cue names no one (issue 15, PolNeAR train error
classes), in sentences of our own."""


def _by_content(quotes, start):
    return next(q for q in quotes if q.content.startswith(start))


def _mention(quotes, start):
    q = _by_content(quotes, start)
    return q.speaker.mention if q.speaker else None


def test_the_user_of_an_object_holds_what_it_is_used_for(run):
    text = ("Senator Ana Ruiz used her closing speech to call for an inquiry into the contracts. "
            "Coach Ben Alder was caught on a hot microphone telling players that the referee was blind.")
    qs = run(text, stances=True)
    assert _mention(qs, "an inquiry") == "Senator Ana Ruiz"
    assert _mention(qs, "that the referee was blind") == "Coach Ben Alder"


def test_whoever_issued_a_document_holds_what_it_says(run):
    text = ("Lena Morris, the union leader, issued a statement describing the talks as a \u201cvery useful "
            "first step.\u201d The statement said the union would not back down.")
    qs = run(text)
    assert _by_content(qs, "the talks").speaker.name == "Lena Morris"
    # a document that is the subject of its own cue still speaks for the latest organisation or issuer
    assert _by_content(qs, "the union would not").speaker.mention == "The statement"


def test_a_date_before_the_name_is_no_speaker(run):
    text = ("Max Ode backs his sister.\n\n"
            "Tuesday in Leeds, while on the road for his sister, union leader Hana Ode, former minister Max Ode "
            "said his sister was the best candidate because \u201cthe times are hard.\u201d")
    qs = run(text)
    sp = _by_content(qs, "his sister was").speaker
    assert sp.name == "Max Ode" and "Tuesday" not in sp.mention


def test_a_participle_after_a_closed_quotation_goes_with_the_reporting_verb(run):
    text = ("To be fair, Lopez told Radio Nine that Carl Bauer \u201cran a campaign of pure fear,\u201d adding, "
            "\u201cHe lost every suburb, and he deserved to.\u201d")
    qs = run(text)
    assert _mention(qs, "He lost every suburb") == "Lopez"


def test_a_verb_opening_its_own_clause_after_a_quote_takes_no_inverted_speaker(run):
    text = ('Governor Paul Reyes insisted that he had "saved the budget," claiming that the deficit was gone. '
            'The board, which called the plan "reckless," said that it would appeal.')
    qs = run(text)
    assert not any(q.speaker and q.speaker.mention in ("the deficit", "it") for q in qs)
    assert _mention(qs, "that it would appeal") == "The board"
    assert _by_content(qs, "that he had").speaker.name == "Paul Reyes"


def test_a_quoted_nickname_in_the_apposition_keeps_the_name(run):
    text = "Ivo Brenner, the chemist known as \u201cDoctor Foam,\u201d stated that he had tested the product himself."
    qs = run(text)
    assert _mention(qs, "that he had tested") == "Ivo Brenner"


def test_inverted_cue_and_sentence_opening_participle(run):
    text = ("The bridge was shut on Monday.\n\n"
            "Added Coach Ryan Fell, \u201cWe were never in this game.\u201d\n\n"
            "After the interview, Mayor Ana Vidal said the audit was fine. "
            "Adding, \u201cNow, like every audit, it will be forgotten.\u201d")
    qs = run(text)
    assert _mention(qs, "We were never") == "Coach Ryan Fell"
    assert _by_content(qs, "Now, like every audit").speaker.name == "Ana Vidal"


def test_a_name_described_by_an_apposition_before_the_cue_speaks(run):
    text = ("Alarmed by the protests in Kent, Senator Paul Dorn, the majority leader, said that he had spoken "
            "with the organisers on Tuesday.")
    qs = run(text)
    assert _by_content(qs, "that he had spoken").speaker.name == "Paul Dorn"


def test_what_the_speaker_did_after_the_content_is_not_reported(run):
    text = "Minister Olaf Brandt said the ship would arrive next year, but he gave no details on the price."
    qs = run(text)
    assert [q.content for q in qs] == ["the ship would arrive next year"]
