"""Pages that are not hard news (reviews, recipes, sports recaps, interviews, Q&A), in texts of our own:
headings and list items are no speakers, and role descriptions find the person the story is about."""


def _contents(quotes):
    return [q.content for q in quotes]


def test_review_spec_lines_are_headings(run):
    text = ("The Aurora X2 headphones cost $249 and come in three colours.\n\n"
            "Sound: Rich bass, clear highs and a wide stage.\n"
            "Battery: About 30 hours with noise cancelling on.\n\n"
            "Our verdict: the best pair you can buy at this price. You will love the amazing sound.\n\n"
            "The manufacturer says the battery lasts 40 hours.")
    qs = run(text)
    assert _contents(qs) == ["the battery lasts 40 hours"]


def test_recipe_steps_and_tips_are_no_quotes(run):
    text = ("Ingredients: 2 cups flour, 1 egg, a pinch of salt.\n\n"
            "Step 1: Whisk the egg and the flour together.\n"
            "Step 2: Let the dough rest for an hour.\n\n"
            "Tip: You can add herbs if you like. Chef Marta Lind says the secret is cold butter.\n\n"
            '"Never rush the dough," she told us.')
    qs = run(text)
    assert sorted(_contents(qs)) == ["Never rush the dough", "the secret is cold butter"]
    assert all(q.speaker.name == "Marta Lind" for q in qs)


def test_sports_recap_box_lines_are_no_quotes(run):
    text = ("Final score: Rovers 3, City 1.\n\nGoals: Ames 12', Brook 40', Ames 77'.\n\n"
            '"We were hungry from the first whistle," Leo Ames said after the game.\n\n'
            "Man of the match: Leo Ames.")
    qs = run(text)
    assert _contents(qs) == ["We were hungry from the first whistle"]


def test_interview_and_qa_copy_is_the_page_voice(run):
    text = ("Q: When did you start painting?\nA: I was nine. My grandmother gave me a box of paints.\n\n"
            "What time does the museum open? The museum opens at 9 a.m. on weekdays.\n\n"
            "Note: Tickets are sold online only. Can I bring a bag? You can bring a small bag.")
    assert run(text) == []


def test_a_headline_label_may_name_someone_named_only_there(run):
    text = "Okafor: Our port will reopen in June\n\nThe harbour has been closed since the storm."
    qs = run(text)
    assert [q.speaker.mention for q in qs] == ["Okafor"]


def test_profession_and_age_descriptions_resolve_to_the_person(run):
    text = ("Jan Holm, who plays a doctor in the new series, spoke to reporters on Monday. "
            '"It was the hardest year of my life," said the actor.\n\n'
            "Coach Rui Lopes was hired on Tuesday. The 58-year-old said after his appointment: "
            '"I am excited to start."')
    qs = run(text)
    assert next(q for q in qs if q.content.startswith("It was")).speaker.name == "Jan Holm"
    assert next(q for q in qs if q.content.startswith("I am excited")).speaker.name == "Rui Lopes"


def test_findings_by_a_named_body_are_theirs(run):
    text = "Preliminary tests by Tech Bench reveal that the game runs at an unstable frame rate."
    qs = run(text)
    assert qs[0].speaker.name == "Tech Bench" and qs[0].speaker.mention == "Preliminary tests"


def test_a_quoted_show_title_in_the_speaker_is_no_quote(run):
    text = ("Jan Holm shared a clip of the scan.\n\n"
            '"Hearing the heartbeat was something we never take for granted," the "Night Shift" actor '
            "previously wrote.")
    qs = run(text)
    assert _contents(qs) == ["Hearing the heartbeat was something we never take for granted"]
    assert qs[0].speaker.mention == 'the "Night Shift" actor'


def test_a_participle_between_a_possessive_and_its_noun_is_no_cue(run):
    text = "Those playing through Vega\u2019s recommended Chromecast Ultra will be treated to a 30fps experience."
    assert run(text) == []


def test_the_page_voice_ends_a_reported_content(run):
    text = ("The report claims the screen will remain 13 inches, although given the source we would not rule "
            "out a larger one.")
    assert [q.content for q in run(text)] == ["the screen will remain 13 inches"]


def test_a_question_put_to_someone_is_not_their_statement(run):
    text = ("Cam Holt did not offer a response when asked about the league's decision to suspend Reed. "
            "When asked whether he would stay, Holt smiled. Holt has asked whether the club will pay.")
    assert [q.content for q in run(text)] == ["whether the club will pay"]
