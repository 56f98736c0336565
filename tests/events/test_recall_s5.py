"""Regression tests (issue 14, session 5): recall classes found missing on the PLV tune part,
in sentences of our own."""

from newsgraph.events import extract_events

from .helpers import FakeResolver

PUB = "2023-12-21"


def run(nlp, text):
    return [e for e in extract_events(nlp(text), resolver=FakeResolver(PUB), published=PUB, topic="politics")
            if e.modality == "asserted" and not e.negated]


def test_returning_a_thing_to_a_state_with_to_on_the_object(nlp):
    ev = [e for e in run(nlp, "The United States returned an old bronze statue of a Persian king to Iraq in a ceremony.")
          if e.type == "RETREAT"]
    assert ev and [a.text for a in ev[0].target] == ["Iraq"]


def test_a_promised_release_of_named_or_titled_captives_is_an_intent(nlp):
    for text in ("The rebels said they will release three Egyptian peacekeepers next week.",
                 "Putin said he will release Captain Ivan Petrenko."):
        ev = [e for e in run(nlp, text) if e.type == "AGREE"]
        assert ev and ev[0].cameo == "035", text


def codes(nlp, text):
    return [(e.type, e.cameo) for e in run(nlp, text)]


def test_emergency_rule_warrants_and_closed_papers_are_coercion(nlp):
    assert ("COERCE", "1724") in codes(nlp, "The Kazakh president declared a state of siege in Almaty.")
    assert ("COERCE", "1724") in codes(nlp, "Egypt declared martial law on Sunday.")
    assert ("COERCE", "173") in codes(nlp, "Police in Egypt issued an arrest warrant for the former minister.")
    assert ("COERCE", "1721") in codes(nlp, "The Egyptian authorities suspended publication of the largest opposition newspaper.")
    assert "COERCE" not in [t for t, _ in codes(nlp, "Egypt declared its support for the plan.")]


def test_calling_off_a_visit_rejects_it(nlp):
    ev = [e for e in run(nlp, "Putin cancelled a planned visit to Israel.") if e.type == "REJECT"]
    assert ev and ev[0].cameo == "125" and [a.text for a in ev[0].target] == ["Israel"]
    from newsgraph.events import cameo_info
    assert cameo_info("1724") == (-5.0, 4, "Impose state of emergency or martial law")


def test_agreeing_a_deal_concludes_it_and_restated_support_is_support(nlp):
    assert ("SUPPORT", "057") in codes(nlp, "Russia and Kazakhstan agreed a new trade deal on Friday.")
    assert ("SUPPORT", "057") in codes(nlp, "Egypt and Israel agreed on the text of a border accord.")
    assert ("AGREE", "030") in codes(nlp, "Russia agreed to send troops to Kazakhstan.")
    ev = [e for e in run(nlp, "Putin reiterated his support for the Kazakh government.") if e.type == "SUPPORT"]
    assert ev and ev[0].cameo == "051" and [a.text for a in ev[0].source] == ["Putin"]


def test_put_under_investigation_or_arrest(nlp):
    ev = [e for e in run(nlp, "A Russian diplomat was put under investigation in Egypt.") if e.type == "ACCUSE"]
    assert ev and ev[0].cameo == "090" and not ev[0].source
    ev = [e for e in run(nlp, "Egyptian police placed the Russian envoy under house arrest.") if e.type == "COERCE"]
    assert ev and ev[0].cameo == "173"
