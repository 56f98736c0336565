"""Speakers found in lead-ins and tails (issue 15, pages dev and PolNeAR train classes). Invented
sentences."""


def first(run, text):
    qs = run(text)
    assert qs, "no quote"
    return qs[0]


def test_quoted_title_inside_a_tail_mention(run):
    text = ("Actor Tomas Lindgren shared the clip with fans. \"Hearing the heartbeat was something we never take "
            "for granted,\" the \"Pose\" actor previously said on \"Dance Night.\"")
    q = first(run, text)
    assert q.speaker is not None and q.speaker.mention == 'the "Pose" actor'
    assert q.speaker.name == "Tomas Lindgren"


def test_name_after_a_dash_before_the_colon(run):
    text = ("Polls were fine in the end.\n\nLATE DECIDERS WERE THE STORY - Mara Quist and Olle Berg: \u201cThe late "
            "deciders broke one way and nobody measured them.\u201d\n\nMore from Berg: \u201cWe should have kept "
            "calling people until the last night.\u201d")
    qs = run(text)
    assert [q.speaker.mention for q in qs] == ["Mara Quist and Olle Berg", "Berg"]


def test_from_the_report_colon(run):
    text = "The panels differ a lot.\n\nFrom the report: \u201cSamples taken later were more accurate.\u201d"
    q = first(run, text)
    assert q.speaker is not None and q.speaker.mention == "the report"


def test_quoted_title_in_a_lead_in_apposition(run):
    text = ("The court may yet change. As Ines Marlow, professor of law at Uppsala and author of \"The Quiet "
            "Bench,\" put it, \"A compromise today may be far better than the judge you fear tomorrow.\"")
    qs = [q for q in run(text) if q.content.startswith("A compromise")]
    assert qs and qs[0].speaker is not None and qs[0].speaker.name == "Ines Marlow"


def test_description_and_set_off_name_are_one_mention(run):
    text = ("Another engineer, former adviser to Norway Lars Eklund, said the beams were checked twice.")
    q = run(text)[0]
    assert q.speaker.mention.startswith("Another engineer") and q.speaker.mention.endswith("Lars Eklund")
    assert q.speaker.name == "Lars Eklund"


def stance_speakers(nlp, text):
    from newsgraph.quotes import extract_quotes

    return {q.content: (q.speaker.mention if q.speaker else None) for q in extract_quotes(nlp(text), stances=True)}


def test_participle_on_a_place_or_time_goes_with_the_subject(nlp):
    got = stance_speakers(nlp, "Castell spent weeks in the run-up to the Ohio vote portraying Berg as focused only "
                               "on taxes.")
    assert got.get("Berg as focused only on taxes") == "Castell", got


def test_participle_on_a_group_stays_with_the_group(nlp):
    got = stance_speakers(nlp, "Wealthy donors handed over 25 million dollars to an outside group backing "
                               "senator Aron Berg.")
    assert got.get("senator Aron Berg") == "an outside group", got


def test_used_an_object_to_describe_is_the_user(nlp):
    got = stance_speakers(nlp, "The man shouted, using an expletive to describe the previous administration.")
    assert got.get("the previous administration") == "The man", got


def test_went_on_after_a_quote_is_a_cue(run):
    text = ("She smiled: \"It can happen to anyone.\" \"You know, it happens, right?\" Berg went on, as if he had "
            "not heard her. \"But you have to get over it.\"")
    got = {q.content: q.speaker.mention for q in run(text) if q.speaker}
    assert got.get("You know, it happens, right?") == "Berg", got
