"""Speakers and compound attributions (issue 15), in sentences of our own."""


def _by_content(quotes, start):
    return next(q for q in quotes if q.content.startswith(start))


def test_role_noun_resolves_to_the_holder_named_later(run):
    text = ("The old mill will become a museum, the country's culture minister said on Tuesday. "
            '"It will tell the story of the valley," Culture Minister Anna Keller said.')
    qs = run(text)
    assert _by_content(qs, "The old mill").speaker.name == "Anna Keller"


def test_role_description_with_country_picks_that_holder(run):
    text = ("Norway's ambassador to Chile Lars Berg said the talks were useful. "
            "Mayor Rosa Diaz said the port would stay open. "
            "Norway's ambassador said the ships would return in spring.")
    qs = run(text)
    assert _by_content(qs, "the ships would return").speaker.name == "Lars Berg"


def test_pronoun_takes_the_subject_of_an_earlier_clause_in_its_sentence(run):
    text = ("Mayor Tom Bell said the city was ready. "
            "When Governor Ruth Adler announced the plan last week, she said the state would pay for it.")
    qs = run(text)
    assert _by_content(qs, "the state would pay").speaker.name == "Ruth Adler"


def test_it_and_the_statement_resolve_to_the_organisation(run):
    text = ("The Health Ministry said 12 people were injured. "
            "It has previously said that the clinic was safe. "
            '"Inspections will continue," the statement said.')
    qs = run(text)
    assert "Health Ministry" in _by_content(qs, "that the clinic").speaker.name
    assert "Health Ministry" in _by_content(qs, "Inspections").speaker.name


def test_a_mention_that_cannot_speak_is_kept_and_marked_unresolved(run):
    (q,) = run("The 10 said they would return next year.")
    assert q.speaker.mention == "The 10" and q.speaker.name is None and q.speaker.resolved is False
    (q,) = run("Officials said the road would reopen.")
    assert q.speaker.resolved is True and q.speaker.name == "Officials"


def test_hyphenated_role_is_not_cut(run):
    (q,) = run("The Uzbek co-chair said the talks would resume in May.")
    assert q.speaker.mention == "The Uzbek co-chair"


def test_affiliation_is_never_a_word_like_record_or_former(run):
    qs = run("Record producer Sam Oaks said the album was finished. "
             "Former Senator Jane Ruiz said on Thursday that the bill would pass.")
    for q in qs:
        assert q.speaker.affiliation not in ("Record", "Former", "Thursday")


def test_a_name_suffix_is_no_surname(run):
    qs = run("Prosecutor Daniel Moss Jr. said the case was clear. "
             "The defendant, Peter Lane Jr., said he was sorry.")
    assert _by_content(qs, "the case").speaker.name == "Daniel Moss Jr."
    assert _by_content(qs, "he was sorry").speaker.name == "Peter Lane Jr."


def test_family_name_first_is_one_person(run):
    qs = run("Foreign ministry spokesman Zhao Wenqi said the visit was useful. "
             "Zhao said the two sides would meet again.")
    assert _by_content(qs, "the two sides").speaker.name == "Zhao Wenqi"


def test_two_speakers_give_one_record_each(run):
    qs = run("Mayor Tom Bell and Governor Ruth Adler said the bridge would reopen in June.")
    assert sorted(q.speaker.name for q in qs) == ["Ruth Adler", "Tom Bell"]
    assert all(q.content == "the bridge would reopen in June" for q in qs)
    assert qs[0].group != qs[1].group


def test_attribution_after_although_is_its_own(run):
    qs = run("The ministry said the drug was safe, although critics have said it damages the liver.")
    assert [(q.content, q.speaker.mention) for q in qs] == [
        ("the drug was safe", "The ministry"), ("it damages the liver", "critics")]


def test_warned_someone_that_reports_the_clause(run):
    (q,) = run("The agency warned pharmacies that the pills were counterfeit.")
    assert q.content == "that the pills were counterfeit" and q.speaker.mention == "The agency"


def test_object_of_a_prompting_verb_is_the_speaker(run):
    (q,) = run("The advert prompted some viewers to argue that the actors looked tired.")
    assert q.speaker.mention == "some viewers"


def test_a_name_inside_the_quote_is_no_antecedent(run):
    text = ('Lawyer Sara Holm spoke for the defence. '
            '"Tom Reed is a calm man," she said in an email.')
    (q,) = [q for q in run(text) if q.content.startswith("Tom Reed")]
    assert q.speaker.name == "Sara Holm"


def test_the_force_is_not_its_commissioner(run):
    text = ("Police Commissioner Chris Lam said the roads were clear. "
            "The city's police deny the claims and say they acted with restraint.")
    q = next(q for q in run(text) if q.content.startswith("they acted"))
    assert q.speaker.name != "Chris Lam"
