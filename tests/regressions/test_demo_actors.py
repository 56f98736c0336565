"""Regressions from the demo corpus check (2026-12-05, verify.md failures 5, 7, 8 and 10): offices that
give the wrong country or none, surnames and given names as second actors, surnames and parts of
hyphenated names as places or actors, region adjectives as names. Sentences and names are invented."""

from __future__ import annotations

import pytest

from newsgraph.actors import ActorResolver


def _check(text, ents):
    for e in ents:
        assert text[e.start:e.end] == e.text


@pytest.fixture(scope="module")
def resolve(nlp):
    def _run(text, published="2025-05-02", relabel=None):
        """``relabel``: {mention: label} to stand in for a tagger that labels a word so."""
        doc = nlp(text)
        if relabel:
            from spacy.tokens import Span

            spans = [e for e in doc.ents if e.text not in relabel]
            for word, label in relabel.items():
                i = text.rindex(word)
                sp = doc.char_span(i, i + len(word))
                spans = [e for e in spans if e.end <= sp.start or e.start >= sp.end] + [Span(doc, sp.start, sp.end,
                                                                                            label=label)]
            doc.ents = sorted(spans, key=lambda s: s.start)
        r = ActorResolver(published=published)
        ents, actors, places = r.resolve_doc(doc)
        _check(text, ents)
        return r, ents, actors, places

    return _run


def _of(ents, text):
    return [e for e in ents if e.text == text]


def test_the_office_adjective_gives_the_country_even_across_a_sentence_split(resolve):
    # class: "Kyrgyz Prime Minister X" coded with the article's other country (UZBGOV)
    text = ("Companies from Uzbekistan and Kyrgyzstan signed supply contracts worth a few million dollars at a "
            "trade fair in Osh on Friday, the organisers said.\n\nThe fair, held every year, drew about three "
            "hundred exhibitors. Kyrgyz Prime Minister Almaz Sydykbekov opened the fair and said trade with "
            "Uzbekistan had grown for the second year.")
    _r, ents, _a, _p = resolve(text)
    (pm,) = _of(ents, "Almaz Sydykbekov")
    assert pm.actor.country == "KGZ" and pm.actor.sector == "GOV", pm.actor


def test_a_counterpart_of_a_minister_is_an_official(resolve):
    # class: "her Kazakh counterpart X" gave KAZ with no sector
    text = ("Tajik Foreign Minister Sirojiddin Rahmatov received his Kyrgyz counterpart Almazbek Toktorov in "
            "Dushanbe on Monday. Toktorov said the border talks would go on.")
    _r, ents, _a, _p = resolve(text)
    for e in ents:
        if "Toktorov" in e.text:
            assert e.actor is not None and e.actor.code == "KGZGOV", e.actor


def test_an_apposition_office_takes_the_country_named_just_before(resolve):
    # class: "A spokesman for the ... department, X": an official with an office and no country
    text = ("Tajik border guards closed the crossing on Monday. A spokesman for the border service, "
            "Farrukh Nabiev, said it would reopen soon.")
    _r, ents, _a, _p = resolve(text)
    (spokesman,) = _of(ents, "Farrukh Nabiev")
    assert spokesman.actor.country == "TJK" and spokesman.actor.sector == "GOV", spokesman.actor


def test_a_surname_after_a_full_name_the_tagger_missed_is_that_person(resolve):
    # class: "Tokonov" alone became a second actor beside "Aibek Tokonov"
    text = ("The treaty was signed by Foreign Ministers Aibek Tokonov and Dilnoza Rakhimova on Monday. "
            "Tokonov called it a victory.")
    _r, ents, _a, _p = resolve(text)
    lone = _of(ents, "Tokonov")
    assert lone and lone[0].actor is not None and lone[0].actor.name == "Aibek Tokonov", lone[0].actor
    assert lone[0].actor.id == "person:aibek_tokonov"


def test_a_lone_given_name_of_the_articles_person_is_that_person(resolve):
    # class: "Nurbek's children" (a given name tagged as an organisation) became the actor "Nurbek"
    text = ("Hundreds gathered for the funeral of Bakyt Osmonov in the village. \"We will not forget,\" a "
            "neighbour said. \"Bakyt's children will grow up without a father.\"")
    _r, ents, actors, _p = resolve(text, relabel={"Bakyt": "ORG"})
    (lone,) = _of(ents, "Bakyt")
    assert lone.actor is not None and lone.actor.id == "person:bakyt_osmonov", lone.actor
    assert not [a for a in actors if a.id in ("org:bakyt", "person:bakyt")]


def test_a_persons_surname_is_no_place(resolve):
    # class: "according to Yusupova" made a place "Yusupova" placed in the article's country
    text = ("Farmers in Uzbekistan protested on Monday. Rights campaigner Malika Nurmatova said the fines were "
            "unfair. According to Nurmatova, at least four other farmers in Uzbekistan were fined.")
    _r, ents, _a, places = resolve(text, relabel={"Nurmatova": "GPE"})
    lone = _of(ents, "Nurmatova")
    assert lone and all(e.place is None for e in lone), [e.place for e in lone]
    assert not [p for p in places if (p.name or p.text) == "Nurmatova"]


def test_a_region_adjective_before_an_agent_is_no_name(resolve):
    # class: "Central Asian governments" became the organisation or person "Central Asian"
    r, _e, _a, _p = resolve("Kazakh Foreign Minister Marat Abenov proposed a water forum on Tuesday.")
    for phrase in ("Central Asian governments", "Nordic diplomats"):
        a = r.resolve_text(phrase)
        assert a is None or not a.id or "asian" not in a.id and "nordic" not in a.id, (phrase, a)


def test_parts_of_a_hyphenated_place_and_things_named_after_it_are_no_actors(resolve):
    # class: "Tash" of "Tash-Bulak" and "the nearby Kyzyl-Bel crossing" as speakers made person actors
    text = "Water rose at the Kara-Bulak dam. Villagers near the crossing left. Bolot Kaliev said the dam held."
    r, _e, _a, _p = resolve(text)
    assert r.resolve_text("Kara") is None
    assert r.resolve_text("the nearby Kyzyl-Tuu crossing") is None
    kaliev = r.resolve_text("Kaliev")
    assert kaliev is not None and kaliev.id == "person:bolot_kaliev"


def test_a_place_run_into_a_known_surname_is_the_person(resolve):
    # class: "at the forum in Valdai Tokayev, ..." became the person "Valdai Tokayev"
    text = ("Kazakh President Kassym-Jomart Tokayev met Putin on Monday. Experts recalled that in 2019, at the "
            "forum in Sochi Tokayev, speaking with Putin, called for calm.")
    for relabel in (None, {"Sochi Tokayev": "ORG"}):  # whichever kind the tagger gives the run
        _r, ents, actors, _p = resolve(text, relabel=relabel)
        assert not [a for a in actors if a.name and a.name.startswith("Sochi")], relabel
        assert any(e.text == "Tokayev" and e.actor is not None and e.actor.code == "KAZGOV" for e in ents), relabel


def test_a_nationality_adjective_tagged_as_a_place_is_no_town(resolve):
    # class: "through Kazakh mediators" tagged GPE was placed at a town that GeoNames also calls so
    text = "The plan, sent to Dushanbe through Kazakh mediators last week, was turned down on Monday."
    _r, ents, _a, places = resolve(text, relabel={"Kazakh": "GPE"})
    (adj,) = _of(ents, "Kazakh")
    assert adj.place is None or adj.place.precision == "country", adj.place
    assert not [p for p in places if p.text == "Kazakh" and p.precision == "city"]


def test_a_local_official_has_the_country_of_the_articles_region(resolve):
    # class: "District governor X" in an article mostly about the other country got that country (or none)
    text = ("Kyrgyzstan kept the sluices closed on Monday. Kyrgyzstan said the reservoir was too low. "
            "Farmers in the Samarkand region protested. District governor Botir Yuldashev told the crowd that "
            "the canals would be repaired.")
    _r, ents, _a, _p = resolve(text)
    gov = [e for e in ents if e.text == "Botir Yuldashev"]
    assert gov and gov[0].actor.country == "UZB" and gov[0].actor.sector == "GOV", gov and gov[0].actor
    text = ("About thirty traders met the governor of Samarkand on Monday. Governor Botir Yuldashev said the market "
            "would stay open.")
    _r, ents, _a, _p = resolve(text)
    gov = [e for e in ents if e.text == "Botir Yuldashev"]
    assert gov and gov[0].actor.country == "UZB", gov and gov[0].actor


def test_a_region_named_as_a_remit_and_a_colonels_rank(resolve):
    # classes: "the EU's envoy for Central Asia" made a person "Central Asia"; "Colonel X" had no sector
    _r, ents, _a, _p = resolve("Anna Berg, the EU's special envoy for Central Asia, met Colonel Ruslan Temirov, "
                              "who heads the Kazakh observers.")
    assert not [e for e in ents if e.text == "Central Asia" and e.actor is not None], ents
    assert ActorResolver(published="2025-05-02").resolve_text("Colonel Ruslan Temirov").sector == "MIL"


def test_a_name_described_as_a_person_is_no_organisation(resolve):
    # class: "Cholpon Abdyldaeva, 34, who arrived with three children" tagged ORG became an organisation
    text = ("Families slept on mats in the school hall. Aida Temirbekova, 41, who came with two sons, said she "
            "wanted to go home.")
    _r, ents, actors, _p = resolve(text, relabel={"Aida Temirbekova": "ORG"})
    (p,) = _of(ents, "Aida Temirbekova")
    assert p.actor is not None and p.actor.kind == "person" and p.actor.id == "person:aida_temirbekova", p.actor
    assert not [a for a in actors if a.id == "org:aida_temirbekova"]
