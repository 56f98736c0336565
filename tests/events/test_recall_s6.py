"""Regression tests (issue 14, session 6): recall classes found missing on the PLV tune part,
in sentences of our own."""

from newsgraph.events import extract_events

from .helpers import FakeResolver

PUB = "2023-12-21"


def run(nlp, text):
    return [e for e in extract_events(nlp(text), resolver=FakeResolver(PUB), published=PUB, topic="politics")
            if e.modality == "asserted" and not e.negated]


def codes(nlp, text):
    return [(e.type, e.cameo) for e in run(nlp, text)]


def types(nlp, text):
    return {e.type for e in run(nlp, text)}


def test_handing_back_a_thing_whatever_the_parse_does_with_to(nlp):
    # "to" hangs from a relative clause inside the object, or the verb is passive with its agent
    assert ("RETREAT", "084") in codes(
        nlp, "Russia returned four old icons that belong to a monastery to Egypt on Monday.")
    assert ("RETREAT", "084") in codes(
        nlp, "A bronze helmet, a relic of an ancient battle, was returned by Russian officials to Egypt.")
    # replies, sports and money are no handing back
    assert "RETREAT" not in types(nlp, "Putin returned the favor by praising the Egyptian leader.")
    assert "RETREAT" not in types(nlp, "Egypt returned the call on Friday.")


def test_let_free_with_free_parsed_on_the_object(nlp):
    assert ("RETREAT", "084") in codes(nlp, "Egypt let free dissidents in the face of mounting pressure.")


def test_a_declared_cessation_of_hostilities_is_a_ceasefire(nlp):
    assert ("CONCEDE", "0871") in codes(nlp, "Putin declared a cessation of hostilities in the region on Sunday.")


def test_borders_opened_to_people_fleeing_are_asylum_but_to_trade_an_eased_restriction(nlp):
    assert ("AID", "075") in codes(nlp, "Egypt opened its borders to thousands of families fleeing Sudan.")
    got = codes(nlp, "Egypt opened its borders to trade with Sudan.")
    assert ("CONCEDE", "081") in got and ("AID", "075") not in got


def test_legal_action_against_a_person_is_an_accusation(nlp):
    # charges filed, a sentence sought, a suspect extradited: PLV codes all of them ACCUSE
    assert ("ACCUSE", "112") in codes(nlp, "Egyptian prosecutors filed fresh charges against the former minister.")
    assert ("ACCUSE", "112") in codes(nlp, "An Egyptian prosecutor is seeking a life sentence for the two officers.")
    ev = [e for e in run(nlp, "Egypt extradited a wanted financier to Russia on Friday.") if e.type == "ACCUSE"]
    assert ev and ev[0].cameo == "112"
    assert "COOPERATE" not in types(nlp, "Egypt extradited a wanted financier to Russia on Friday.")


def test_searches_for_evidence_and_investigations_against_someone_are_investigations(nlp):
    ev = [e for e in run(nlp, "Egypt ordered an investigation against Russian officials over the deaths.")
          if e.type == "ACCUSE"]
    assert ev and ev[0].cameo == "090"
    assert ("ACCUSE", "090") in codes(nlp, "Egyptian police searched the Russian consulate for evidence on Tuesday.")


def test_firing_across_a_line_is_an_assault(nlp):
    assert ("ASSAULT", "193") in codes(nlp, "Israel and Syria fired across the armistice line last week.")


def test_seizing_ground_is_an_occupation_and_seizing_goods_a_confiscation(nlp):
    assert ("ASSAULT", "192") in codes(nlp, "Russian troops seized two villages near the border.")
    got = codes(nlp, "Egyptian police seized the assets of the Russian firm.")
    assert ("ASSAULT", "192") not in got


def test_training_arming_and_funding_others_is_aid(nlp):
    assert ("AID", "072") in codes(nlp, "The United States is training Iraqi soldiers to fly drones.")
    assert ("AID", "071") in codes(nlp, "Egypt allocated 20 million dollars to Sudan for reconstruction.")
    assert ("AID", "073") in codes(nlp, "Egypt flew ten tons of medicine into Sudan.")
    assert "AID" not in types(nlp, "Egypt flew its president to Russia.")


def test_dropped_objections_and_waived_sanctions_yield(nlp):
    assert ("CONCEDE", "080") in codes(nlp, "Egypt dropped its objection to the Russian plan.")
    assert ("CONCEDE", "081") in codes(nlp, "The United States waived sanctions on Iraq.")


def test_targeting_positions_is_an_assault_but_a_policy_targeting_firms_is_not(nlp):
    assert ("ASSAULT", "190") in codes(nlp, "Israeli jets targeted Syrian army positions overnight.")
    assert "ASSAULT" not in types(nlp, "The Egyptian tax targets small firms in Cairo.")


def test_suicide_bombers_sentences_and_closures(nlp):
    assert ("ASSAULT", "1831") in codes(nlp, "A bomber blew himself up outside the Russian embassy in Kabul.")
    assert ("COERCE", "173") in codes(nlp, "An Egyptian court sentenced the Russian blogger to three years in prison.")
    assert ("COERCE", "1721") in codes(nlp, "Egypt shut down two opposition newspapers on Monday.")
    assert ("COERCE", "1721") in codes(nlp, "The Egyptian authorities blocked access to several news websites.")
    assert ("COERCE", "1724") in codes(nlp, "Egypt imposed a state of emergency after the attacks.")


def test_people_who_fled_hosted_admitted_or_welcomed_are_given_asylum(nlp):
    for text in ("Egypt hosts thousands of refugees from Sudan.",
                 "Egypt admitted two thousand refugees last year.",
                 "Egypt welcomed the refugees from Sudan."):
        assert ("AID", "075") in codes(nlp, text), text
    assert ("CONSULT", "043") in codes(nlp, "Egypt hosted the Russian president on Monday.")


def test_voiced_support_and_standing_with_a_state_are_support(nlp):
    assert ("SUPPORT", "051") in codes(nlp, "Russia expressed its support for Egypt.")
    got = run(nlp, "Putin voiced his firm support of Egypt's government.")
    assert any(e.type == "SUPPORT" for e in got) and "AID" not in {e.type for e in got}
    assert ("SUPPORT", "051") in codes(nlp, "Egypt stands with Sudan in this crisis.")
    assert ("SUPPORT", "053") in codes(nlp, "Egyptian parties rallied behind the president.")


def test_eased_controls_and_vetoes_lifted_or_cast(nlp):
    assert ("CONCEDE", "081") in codes(nlp, "Israel loosened the blockade of Gaza.")
    assert ("CONCEDE", "081") in codes(nlp, "Egypt restored internet access in Cairo.")
    assert ("CONCEDE", "080") in codes(nlp, "Russia lifted its veto on the Egyptian proposal.")
    assert ("CONCEDE", "083") in codes(nlp, "Egypt agreed to the demands of the Russian government.")
    assert ("REJECT", "120") in codes(nlp, "The Egyptian parliament voted down the Russian plan.")


def test_force_landing_on_a_place_is_an_assault(nlp):
    assert ("ASSAULT", "190") in codes(nlp, "Russian missiles hit a market in the city.")
    assert ("ASSAULT", "194") in codes(nlp, "Israeli artillery pounded the town of Rafah overnight.")
    assert ("ASSAULT", "190") in codes(nlp, "Russian troops seized an Egyptian tanker off the coast.")
    assert "ASSAULT" not in types(nlp, "The Egyptian striker hit the post twice.")


def test_blocking_ignoring_ruling_out_and_annulling_reject(nlp):
    assert ("REJECT", "120") in codes(nlp, "Russia blocked Egypt's bid to join the council.")
    assert ("REJECT", "120") in codes(nlp, "Egypt ignored the Russian demands.")
    assert ("REJECT", "120") in codes(nlp, "Putin ruled out talks with the Egyptian government.")
    assert "REJECT" not in types(nlp, "Egypt ruled out Russian involvement in the fire.")  # a denial
    assert ("REJECT", "120") in codes(nlp, "An Egyptian court quashed the government order.")


def test_verdicts_outbursts_and_restrictions_on_people(nlp):
    assert ("ACCUSE", "116") in codes(nlp, "An Egyptian court found the Russian sailors guilty of smuggling.")
    assert ("ACCUSE", "111") in codes(nlp, "Putin lashed out at Egypt over the decision.")
    assert ("COERCE", "172") in codes(nlp, "Egypt barred the Russian journalist from leaving the country.")
    assert ("COERCE", "172") in codes(nlp, "The Russian businessman was stripped of his Egyptian citizenship by Egypt.")
    assert ("COERCE", "175") in codes(nlp, "Egyptian police fired tear gas at the protesters in Cairo.")
    assert ("COERCE", "172") in codes(nlp, "Egypt put the city of Cairo under lockdown.")


def test_envoys_told_to_leave_warships_sent_and_troops_massed(nlp):
    assert ("SANCTION", "166") in codes(nlp, "Egypt ordered the Russian ambassador to leave the country.")
    assert ("MOBILIZE", "152") in codes(nlp, "Russia sent two warships to Egypt.")
    assert ("MOBILIZE", "154") in codes(nlp, "Russia massed troops near the border with Kazakhstan.")
    assert ("AID", "073") in codes(nlp, "Egypt deployed a field hospital to Sudan.")
    assert ("RETREAT", "084") in codes(nlp, "The Egyptian army handed power to a civilian government.")


def test_treaties_left_talks_halted_aid_frozen_and_visits_arrived_on(nlp):
    assert ("REJECT", "120") in codes(nlp, "The United States withdrew from the nuclear deal with Iraq.")
    assert ("SANCTION", "164") in codes(nlp, "Egypt withdrew from the talks with Russia.")
    assert ("SANCTION", "163") in codes(nlp, "The United States froze funding to Egypt.")
    assert ("CONSULT", "042") in codes(nlp, "Putin arrived in Egypt on a two-day visit.")
    assert ("MOBILIZE", "152") in codes(nlp, "Egypt raised the readiness of its army.")
    assert ("ASSAULT", "204") in codes(nlp, "Syria used chemical weapons against civilians near Damascus.")


def test_plans_dropped_or_abandoned_and_laws_repealed_yield(nlp):
    assert ("CONCEDE", "080") in codes(nlp, "Egypt dropped its plan to raise fuel prices after the protests.")
    assert ("CONCEDE", "080") in codes(nlp, "Putin abandoned his proposal for a new tax.")
    assert ("CONCEDE", "081") in codes(nlp, "Egypt repealed the protest law.")
    assert ("CONCEDE", "081") in codes(nlp, "Egypt reopened the corridor to Gaza.")
    assert ("CONCEDE", "083") in codes(nlp, "The Egyptian army restored the constitution.")


def test_released_people_named_by_their_trade(nlp):
    assert ("RETREAT", "084") in codes(nlp, "Egypt released the Russian blogger on Monday.")
    assert "RETREAT" not in types(nlp, "Egypt released a statement on the Russian plan.")


def test_announced_grants_and_loans_are_aid(nlp):
    assert ("AID", "071") in codes(nlp, "Russia announced a grant of 10 million dollars to Egypt.")
    assert ("AID", "073") in codes(nlp, "Egypt shipped 5,000 tonnes of wheat to Sudan.")


def test_naming_by_a_charge_and_holding_responsible_accuse(nlp):
    assert ("ACCUSE", "111") in codes(nlp, "Russia called the Egyptian vote a sham.")
    assert ("ACCUSE", "111") in codes(nlp, "Egypt described the Russian sanctions as bullying.")
    assert "SANCTION" not in types(nlp, "Egypt described the Russian sanctions in detail.")
    assert ("ACCUSE", "111") in codes(nlp, "Putin branded the Egyptian envoy a spy.")
    assert ("ACCUSE", "112") in codes(nlp, "Egypt held Russia responsible for the crash.")


def test_hangings_are_executions(nlp):
    assert ("ASSAULT", "1823") in codes(nlp, "Egypt hanged two men convicted of spying for Russia.")
