"""Exercises (session 7b, demo): one state's military exercises near a border are a show of
force (MOBILIZE, CAMEO 152 increase military alert status); joint exercises, or exercises held
with another force, stay military cooperation (COOPERATE 062). Sentences are our own."""

from newsgraph.events import extract_events

from .helpers import FakeResolver

PUB = "2024-05-02"


def code(nlp, text):
    return extract_events(nlp(text), resolver=FakeResolver(PUB), published=PUB)


def by_trigger(events, word):
    return [e for e in events if e.trigger.text == word]


def test_one_states_exercises_near_a_border_are_mobilize(nlp):
    events = by_trigger(code(nlp, "Uzbekistan announced unscheduled military exercises near the border in Andijan."),
                        "exercises")
    assert events and all(e.type == "MOBILIZE" and e.cameo == "152" for e in events)
    assert [a.text for a in events[0].source] == ["Uzbekistan"]


def test_joint_exercises_stay_cooperation(nlp):
    events = by_trigger(code(nlp, "Russia held joint military exercises with Belarus last week."), "exercises")
    assert events and all(e.type == "COOPERATE" and e.cameo == "062" for e in events)


def test_exercises_with_another_force_stay_cooperation(nlp):
    events = by_trigger(code(nlp, "Tajikistan launched military exercises with Russian troops on Friday."),
                        "exercises")
    assert events and all(e.type == "COOPERATE" for e in events)


def test_snap_exercises_are_mobilize_wherever_the_border_phrase_hangs(nlp):
    # "near the border" hung on the verb: the noun cannot see it, but unscheduled/snap exercises
    # are a show of force all the same
    text = ("Hours after Kazakhstan announced unscheduled military exercises near the border in Aktobe, "
            "the ministry said the troops had returned.")
    events = by_trigger(code(nlp, text), "exercises")
    assert events and all(e.type == "MOBILIZE" and e.cameo == "152" for e in events)
    events = by_trigger(code(nlp, "Belarus began snap drills on Tuesday."), "drills")
    assert events and all(e.type == "MOBILIZE" for e in events)
