"""extract_quotes on small parsed texts: forms of quotes, cues and speakers."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.quotes import extract_quotes

from .conftest import check_offsets


def only(quotes, kind):
    return [q for q in quotes if q.kind == kind]


def test_direct_quote_cue_after(run):
    qs = run('"We will not allow the situation to be shaken," Russian President Vladimir Putin said.')
    (q,) = only(qs, "direct")
    assert q.content == "We will not allow the situation to be shaken"
    assert q.cue.text == "said"
    assert q.speaker.name == "Vladimir Putin"
    assert q.speaker.title == "President"
    assert q.speaker.affiliation == "Russia"


def test_direct_quote_inverted_cue(run):
    qs = run("“The plan has failed,” said Senator John Smith.")
    (q,) = only(qs, "direct")
    assert q.speaker.name == "John Smith"
    assert q.speaker.mention.endswith("John Smith")


def test_direct_quote_cue_before_with_colon(run):
    qs = run("Angela Merkel told reporters: “We will not give up on this.”")
    (q,) = only(qs, "direct")
    assert q.content == "We will not give up on this."
    assert q.speaker.name == "Angela Merkel"


def test_split_quote_shares_group_and_speaker(run):
    text = "“We are ready,” Anna Petrova said. “The talks will start tomorrow in Geneva.”"
    qs = only(run(text), "direct")
    assert [q.content for q in qs] == ["We are ready", "The talks will start tomorrow in Geneva."]
    assert qs[0].group == qs[1].group
    assert all(q.speaker and q.speaker.name == "Anna Petrova" for q in qs)


def test_pronoun_resolves_to_last_person(run):
    text = (
        "Armenian Prime Minister Nikol Pashinyan chaired the meeting on Monday. "
        '"We ourselves have faced foreign terrorists in our region," he said.'
    )
    (q,) = only(run(text), "direct")
    assert q.speaker.mention == "he"
    assert q.speaker.name == "Nikol Pashinyan"
    assert q.speaker.resolved_from == "pronoun"


def test_reported_said_that(run):
    qs = run("Kazakh President Kasim-Jomart Tokayev said that the terrorists wanted to seize power.")
    (q,) = qs
    assert q.kind == "indirect"
    assert q.content == "that the terrorists wanted to seize power"
    assert q.speaker.name == "Kasim-Jomart Tokayev"
    assert q.speaker.affiliation == "Kazakhstan"


def test_reported_inverted(run):
    text = (
        "Russian President Vladimir Putin spoke at the summit. "
        "Kazakhstan faces a threat to its statehood, the Russian leader said."
    )
    qs = only(run(text), "indirect")
    assert qs[-1].content == "Kazakhstan faces a threat to its statehood"
    assert qs[-1].speaker.mention == "the Russian leader"
    assert qs[-1].speaker.name == "Vladimir Putin"


def test_according_to(run):
    qs = run("According to intelligence agencies, about 6,000 fighters are now located near the border.")
    (q,) = qs
    assert q.cue.text == "According to"
    assert q.content.startswith("about 6,000 fighters")
    assert q.speaker.mention == "intelligence agencies"
    assert q.speaker.name == "intelligence agencies"  # unnamed speakers are kept as described


def test_according_to_him(run):
    text = "Vladimir Lepekhin spoke on Monday. According to him, the struggle coincided with an outside attempt."
    q = run(text)[-1]
    assert q.speaker.mention == "him"
    assert q.speaker.name == "Vladimir Lepekhin"


def test_in_his_view(run):
    text = "Evgeny Satanovsky was blunt. In his view, the protests will spread to the neighbouring countries."
    q = run(text)[-1]
    assert q.kind == "indirect"
    assert q.content.startswith("the protests will spread")
    assert q.speaker.name == "Evgeny Satanovsky"


def test_mixed_quote(run):
    text = 'Senator Mary Jones said Trump was "absolutely right" about the deal.'
    qs = run(text)
    (q,) = qs
    assert q.kind == "mixed"
    assert '"absolutely right"' in q.content
    assert q.speaker.name == "Mary Jones"


def test_passive_with_agent(run):
    text = "The deal was criticized by Senator Mary Jones as a giveaway to the banks."
    qs = run(text, stances=True)  # criticising a deal is a stance
    assert qs and qs[0].speaker is not None and qs[0].speaker.name == "Mary Jones"


def test_warned_of(run):
    q = run("The Prime Minister of Kyrgyzstan warned about the penetration of fighters into the region.")[0]
    assert q.content.startswith("the penetration of fighters")
    assert q.speaker.mention == "The Prime Minister of Kyrgyzstan"
    assert q.speaker.title == "Prime Minister"
    assert q.speaker.affiliation == "Kyrgyzstan"


def test_no_speaker_is_null_not_a_guess(run):
    text = 'The banner read "No war" in big letters. "This is a long quotation without any cue at all."'
    qs = run(text)
    assert all(q.speaker is None for q in qs)


def test_scare_quotes_are_not_quotes(run):
    text = 'The newspaper "Vzglyad" commented on the events in the region.'
    assert run(text, learned_model=False) == []
    # the learned cue model may read "commented on <the events>" as a stance; the name is still no quote
    assert not any("Vzglyad" in q.content for q in run(text))


def test_description_by_nationality_and_role(run):
    text = (
        "Belarusian President Alexander Lukashenko spoke first. Then EurAsEC Director General Vladimir Lepekhin "
        'spoke. "The clans are fighting," said the political scientist. "Terrorists gathered at the border," '
        "the Belarusian leader stressed."
    )
    qs = only(run(text), "direct")
    assert qs[0].speaker.name == "Vladimir Lepekhin"
    assert qs[0].speaker.title == "Director General"
    assert qs[0].speaker.affiliation == "EurAsEC"
    assert qs[1].speaker.name == "Alexander Lukashenko"


def test_role_noun_follows_the_latest_speaker(run):
    text = (
        '"First quote here today," said Vladimir Lepekhin. "Another thing," said the analyst.\n\n'
        '"A view from the other side," said Evgeny Satanovsky. "And more of it," said the analyst.'
    )
    qs = only(run(text), "direct")
    assert [q.speaker.name for q in qs] == ["Vladimir Lepekhin"] * 2 + ["Evgeny Satanovsky"] * 2


def test_relative_pronoun_speaker(run):
    q = run("The bill was backed by Tom Weaver, who said that it would pass easily.")[-1]
    assert q.speaker.mention == "who"
    assert q.speaker.name == "Tom Weaver"


def test_paragraph_of_quote_continues_previous_speaker(run):
    text = (
        '"The crisis is over," said the expert Ivan Petrov.\n\n'
        '"Russia has three main tasks and a lot of work to do there."'
    )
    qs = only(run(text), "direct")
    assert len(qs) == 2
    assert qs[1].speaker is not None and qs[1].speaker.name == "Ivan Petrov"


def test_empty_and_quote_only_docs(run):
    assert run("") == []
    assert run('"') == []
    run('""""')
    run("“")


def test_resolver_sets_actor(nlp):
    from newsgraph.model import Actor

    class Resolver:
        def __init__(self):
            self.calls = []

        def resolve_span(self, span):
            self.calls.append(span.text)
            return Actor(text=span.text, name="Vladimir Putin", code="RUSGOV")

    r = Resolver()
    doc = nlp('"We will act," Russian President Vladimir Putin said. "Now," he added.')
    qs = extract_quotes(doc, resolver=r)
    assert qs and all(q.speaker.actor and q.speaker.actor.code == "RUSGOV" for q in qs)
    assert "Vladimir Putin" in r.calls


PIECES = st.lists(
    st.sampled_from([
        '"', "“", "”", "‘", "’", "'", "«", "»", " ", "\n\n", ", ", ". ", "he said", "said the expert",
        "Putin", "according to him", "the plan will fail", "We will win", "that", ":",
    ]),
    min_size=1,
    max_size=25,
).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(PIECES)
def test_offsets_invariant_on_random_marks(nlp, text):
    for q in extract_quotes(nlp(text)):
        check_offsets(text, q)
