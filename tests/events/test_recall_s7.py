"""Regression tests (issue 14, session 7): classes of expression found missing on the PLV and
PLOVER tune parts, written in general form (synonyms, particles, nominal forms), in sentences of
our own."""

from newsgraph.events import extract_events
from newsgraph.events.matching import _features

from .helpers import FakeResolver

PUB = "2023-12-21"


def run(nlp, text):
    return [e for e in extract_events(nlp(text), resolver=FakeResolver(PUB), published=PUB, topic="politics")
            if e.modality == "asserted" and not e.negated]


def codes(nlp, text):
    return [(e.type, e.cameo) for e in run(nlp, text)]


def types(nlp, text):
    return {e.type for e in run(nlp, text)}


# ---------------------------------------------------------------- captives and releases

def test_holding_or_taking_people_captive_is_an_abduction(nlp):
    for text in ("Syrian militants held three Jordanian professors hostage for a week.",
                 "The Iraqi militia is holding two Egyptian engineers as hostages.",
                 "Gunmen in Sudan took four Egyptian nurses captive.",
                 "Two Jordanian pilots were kept hostage by Syrian rebels."):
        assert ("ASSAULT", "181") in codes(nlp, text), text
    # holding a meeting, holding a view: no abduction
    assert "ASSAULT" not in types(nlp, "Egypt held talks with Sudan in Cairo.")


def test_people_handed_over_or_set_free_whatever_their_trade(nlp):
    assert ("RETREAT", "084") in codes(nlp, "Syrian rebels handed over two Jordanian professors to Egypt.")
    assert ("RETREAT", "084") in codes(nlp, "Sudan released three Egyptian teachers on Monday.")
    assert ("RETREAT", "084") in codes(nlp, "Egypt set the Sudanese prisoners free after the talks.")
    # handing over goods is no release
    assert "RETREAT" not in types(nlp, "Egypt handed over the keys of the stadium to Sudan.")


# ---------------------------------------------------------------- accusations

def test_criticism_offered_voiced_or_levelled_is_an_accusation(nlp):
    assert ("ACCUSE", "111") in codes(nlp, "Egypt offered scathing criticism of the Sudanese army.")
    assert ("ACCUSE", "111") in codes(nlp, "Jordan voiced its indignation at Israel over the raid.")
    assert ("ACCUSE", "112") in codes(nlp, "Egypt levelled new accusations against Sudan.")
    # offering help is no accusation
    assert "ACCUSE" not in types(nlp, "Egypt offered advice to Sudan on the budget.")


def test_naming_by_an_adjective_on_the_predicate_noun(nlp):
    # "called X a <adjective> <noun>": the adjective carries the charge
    assert ("ACCUSE", "111") in codes(nlp, "Putin called the Egyptian envoy a dangerous man.")
    assert "ACCUSE" not in types(nlp, "Putin called the Egyptian envoy a tall man.")


def test_legal_action_approved_or_ordered_is_an_accusation(nlp):
    assert ("ACCUSE", "112") in codes(nlp, "An Egyptian court approved the extradition of a Russian banker.")
    assert ("ACCUSE", "112") in codes(nlp, "An Egyptian court ordered the retrial of a Russian banker.")
    # an approved request yields to whoever made it
    assert ("CONCEDE", "080") in codes(nlp, "Egypt approved a request from Sudan for more time.")


def test_a_verbal_attack_on_a_process_or_institution(nlp):
    got = codes(nlp, "Putin launched a fierce attack on the Egyptian judiciary.")
    assert ("ACCUSE", "111") in got and "ASSAULT" not in {t for t, _ in got}


# ---------------------------------------------------------------- rejections

def test_claims_dismissed_or_thrown_out_and_commitments_reneged_on(nlp):
    assert ("REJECT", "120") in codes(nlp, "The Egyptian court dismissed the appeal filed by Sudan.")
    assert ("REJECT", "120") in codes(nlp, "Egypt's highest court threw out the lawsuit brought by Sudan.")
    assert ("REJECT", "120") in codes(nlp, "Israel reneged on its pledge to Jordan.")
    assert ("REJECT", "120") in codes(nlp, "Russia backed out of the deal with Egypt.")


# ---------------------------------------------------------------- yielding

def test_complying_with_heeding_or_bowing_to_demands_yields(nlp):
    for text in ("Sudan complied with the demands of Egypt.",
                 "Sudan abided by the ruling of the court.",
                 "Jordan heeded the call of Egypt for calm.",
                 "Sudan bowed to pressure from Egypt.",
                 "Sudan gave in to the demands of Egypt."):
        assert ("CONCEDE", "080") in codes(nlp, text), text
    assert "CONCEDE" not in types(nlp, "Sudan gave a speech to Egypt's parliament.")


def test_injunctions_granted_and_compensation_paid(nlp):
    assert ("CONCEDE", "080") in codes(nlp, "Egypt's highest court granted the injunction sought by Sudan.")
    assert ("RETREAT", "084") in codes(nlp, "Egypt paid 50 million dollars as compensation to Sudan.")


def test_settlements_evacuated_and_checkpoints_dismantled(nlp):
    assert ("RETREAT", "0874") in codes(nlp, "Israel evacuated four settlements near Gaza.")
    assert ("CONCEDE", "081") in codes(nlp, "Israel dismantled several checkpoints in Gaza.")


# ---------------------------------------------------------------- support, cooperation

def test_support_renewed_shown_or_promised(nlp):
    assert ("SUPPORT", "051") in codes(nlp, "Egypt renewed its support for Sudan.")
    assert ("SUPPORT", "051") in codes(nlp, "Egypt showed its solidarity with Sudan.")
    assert ("SUPPORT", "050") in codes(nlp, "Egypt promised its backing to Sudan.")


def test_intelligence_and_information_given_is_cooperation(nlp):
    assert ("COOPERATE", "064") in codes(nlp, "Egypt gave bank information to Sudan.")


# ---------------------------------------------------------------- sanctions, coercion

def test_talks_or_mediation_ended_or_broken_off(nlp):
    assert ("SANCTION", "164") in codes(nlp, "Egypt broke off talks with Sudan.")
    assert ("SANCTION", "165") in codes(nlp, "Egypt ended its mediation with Sudan.")
    assert ("SANCTION", "164") in codes(nlp, "Egypt abandoned negotiations with Sudan.")


def test_aid_workers_expelled_is_a_sanction(nlp):
    assert ("SANCTION", "166") in codes(nlp, "Sudan expelled foreign aid workers from Darfur.")


def test_borders_closed_or_sealed_restrict_movement(nlp):
    assert ("COERCE", "172") in codes(nlp, "Egypt closed its border with Sudan.")
    assert ("COERCE", "172") in codes(nlp, "Jordan sealed the border with Syria on Monday.")
    assert "COERCE" not in types(nlp, "Egypt closed the meeting with a prayer.")


# ---------------------------------------------------------------- aid

def test_peacekeepers_arriving_or_deploying_are_military_aid(nlp):
    assert ("AID", "074") in codes(nlp, "Egyptian peacekeepers arrived in Sudan on Monday.")
    assert ("AID", "074") in codes(nlp, "Dozens of Egyptian peacekeepers began deploying in Sudan.")
    assert "AID" not in types(nlp, "Egyptian troops arrived in Sudan on Monday.")


def test_aid_named_with_its_giver(nlp):
    assert ("AID", "070") in codes(nlp, "Egypt's aid to Sudan rose sharply last year.")
    assert ("AID", "071") in codes(nlp, "Egypt's assistance package to Sudan included food.")
    assert "AID" not in types(nlp, "Aid workers in Sudan met Egyptian officials.")


def test_refugees_taken_in_or_sheltered(nlp):
    assert ("AID", "075") in codes(nlp, "Egypt took in 1,500 asylum seekers from Sudan.")
    assert ("AID", "075") in codes(nlp, "Jordan is sheltering thousands of refugees from Syria.")


# ---------------------------------------------------------------- assault

def test_people_subjected_to_torture_or_violence(nlp):
    assert ("ASSAULT", "1822") in codes(nlp, "The Egyptian prisoners were subjected to torture by Sudanese guards.")
    assert ("ASSAULT", "182") in codes(nlp, "Sudanese police mistreated Egyptian detainees.")
    assert ("ASSAULT", "193") in codes(nlp, "Sudanese soldiers gunned down two Egyptian traders.")
    assert "ASSAULT" not in types(nlp, "The Egyptian plan was subjected to review by Sudan.")


# ---------------------------------------------------------------- threats

def test_threats_named_with_their_author(nlp):
    ev = [e for e in run(nlp, "The talks collapsed after months of threats by Egypt against Sudan.")
          if e.type == "THREATEN"]
    assert ev and [a.text for a in ev[0].source] == ["Egypt"]


# ---------------------------------------------------------------- matching

def test_subject_words_reach_through_quantities_and_complements(nlp):
    doc = nlp("Dozens of Egyptian peacekeepers began deploying in Sudan.")
    dep = next(t for t in doc if t.lemma_ == "deploy")
    assert "peacekeeper" in _features(dep)["subj_words"]


def test_features_are_computed_once_per_token(nlp):
    doc = nlp("Egypt closed its border with Sudan.")
    tok = next(t for t in doc if t.lemma_ == "close")
    assert _features(tok) is _features(tok)
    other = nlp("Egypt closed its border with Sudan.")
    assert _features(next(t for t in other if t.lemma_ == "close")) is not _features(tok)
