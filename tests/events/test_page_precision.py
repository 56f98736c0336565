"""Regression tests for the error classes found on the dev pages added at the end of session 5
(issue 14, event precision on real pages). Every sentence is our own."""

from newsgraph.events import extract_events
from newsgraph.events.gate import reject_reason

from .helpers import FakeResolver

PUB = "2024-03-04"


def code(nlp, text, **kw):
    return extract_events(nlp(text), resolver=FakeResolver(PUB), published=PUB, topic="politics", **kw)


def asserted(events, etype=None):
    return [e for e in events if e.modality == "asserted" and not e.negated and (etype is None or e.type == etype)]


def reasons(nlp, text):
    doc = nlp(text)
    evs = extract_events(doc, resolver=FakeResolver(PUB), published=PUB, gate=False)
    return {(e.type, e.trigger.text): reject_reason(e, doc, "politics") for e in evs}


# ----------------------------------------------------------------- modality


def test_infinitive_parsed_as_preposition_object_keeps_its_governor(nlp):
    # "to" tagged as a preposition: the conjoined verbs are still what was threatened, not done
    evs = code(nlp, "A farmer from Ohio admitted to threatening to assault and kill a Russian envoy.")
    assert not asserted(evs, "ASSAULT")


def test_noun_event_takes_the_modality_of_its_verb(nlp):
    evs = code(nlp, "The minister said the prisoner exchange would open the door for talks between Russia and Kazakhstan.")
    talks = [e for e in evs if e.trigger.text == "talks"]
    assert talks and all(e.modality != "asserted" for e in talks)
    # no stated intent is made of it: the talks are nobody's promise
    assert not [e for e in evs if e.trigger.text == "talks" and e.type == "AGREE"]


# ----------------------------------------------------------------- gates


def test_asking_a_question_is_no_request(nlp):
    assert not asserted(code(nlp, "The reporter demanded why Putin had stayed silent for a week."), "REQUEST")
    assert not asserted(code(nlp, "The senator asked the Russian envoy whether the troops would leave."), "REQUEST")
    # asking someone to act stays a request
    assert asserted(code(nlp, "The senator asked Putin to withdraw the troops."), "REQUEST")


def test_attending_a_hearing_accuses_nobody(nlp):
    evs = code(nlp, "About twenty relatives of the guard attended the court hearing in Astana.")
    assert not asserted(evs, "ACCUSE")
    # an arrest that a sentence only dates ("following the arrest") is still an arrest
    r = reasons(nlp, "Following the arrest of Tokayev's nephew by police, the minister resigned.")
    assert all(v is None for (t, _), v in r.items() if t == "COERCE")


def test_declining_to_address_a_question_is_no_refusal(nlp):
    evs = code(nlp, "The Russian ambassador declined to address whether the convoy had crossed the border.")
    assert not asserted(evs, "REJECT")


def test_handing_over_documents_is_no_aid(nlp):
    evs = code(nlp, "A bundle of emails the envoy provided to the committee showed the plan.")
    assert not asserted(evs, "AID")
    evs = code(nlp, "Russia provided the committee with a set of documents on Monday.")
    assert not asserted(evs, "AID")


def test_extraposed_adjective_governs_the_infinitive(nlp):
    evs = code(nlp, "It was not possible to deploy Russian troops to Kazakhstan in time.")
    assert not asserted(evs)


def test_indirect_question_asserts_nothing(nlp):
    evs = code(nlp, "Reporters could not verify whether Russia attacked the convoy.")
    assert not asserted(evs, "ASSAULT")


def test_passive_verb_is_no_speech_governor(nlp):
    # "is charged with" does not make the clause before it an allegation
    evs = code(nlp, "Tokayev, 61, is charged with five counts of fraud; Putin, 70, is charged with two.")
    charged = [e for e in evs if e.type == "ACCUSE"]
    assert len(charged) == 2 and all(e.modality == "asserted" for e in charged)


def test_getting_someone_to_act_is_asked_not_done(nlp):
    evs = code(nlp, "The envoy led the effort to get Kazakhstan to investigate the Russian ministers.")
    assert not asserted(evs, "ACCUSE")


def test_bare_verb_misparsed_as_a_clause_keeps_no_subject(nlp):
    evs = code(nlp, "A Russian spokesman repeated the view that the camps are unlawful, present a risk to "
                    "peace and threaten the future of a settlement.")
    assert not [e for e in asserted(evs, "THREATEN") if any("spokesman" in a.text for a in e.source)]


def test_agreeing_with_a_view_is_no_agreement(nlp):
    evs = code(nlp, "The Kazakh minister said he agreed with the court's decision to jail the men.")
    assert not asserted(evs, "AGREE")
    assert asserted(code(nlp, "Russia agreed with Kazakhstan on a new border treaty."))  # an agreement (SUPPORT 057)


def test_aid_with_no_recipient_needs_a_political_giver(nlp):
    r = reasons(nlp, "The volunteers contributed money and raised more from friends.")
    assert all(v for (t, _), v in r.items() if t == "AID")
    assert asserted(code(nlp, "Russia donated ventilators to Kazakhstan."), "AID")


def test_deciding_not_to_cooperate_is_a_refusal(nlp):
    evs = code(nlp, "The ministry said it chose not to provide the vaccines to Kazakhstan.")
    assert [e.type for e in asserted(evs)] == ["REJECT"]


def test_one_partys_own_gathering_is_no_meeting(nlp):
    r = reasons(nlp, "The minister was questioned after a Greenpeace conference in Astana last year.")
    assert all(v for (t, _), v in r.items() if t == "CONSULT")
    # a summit convened with another party stays a meeting
    assert asserted(code(nlp, "Kazakhstan convened a summit of the CSTO."), "CONSULT")


def test_threatening_to_act_on_someone_targets_them(nlp):
    ev = [e for e in code(nlp, "Russia threatened to attack Kazakhstan.") if e.type == "THREATEN"]
    assert ev and [a.text for a in ev[0].target] == ["Kazakhstan"]
