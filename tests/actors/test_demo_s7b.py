"""Demo findings (session 7b), in invented sentences: names after a plural office of several people
("Foreign Ministers X and Y") take no country from the article's main country - the office says
nothing of which state each one serves - unless the article gives a name its own country."""

import pytest

from newsgraph.actors import ActorResolver


@pytest.fixture(scope="module")
def run():
    from newsgraph.nlp import load_nlp

    nlp = load_nlp()

    def _run(text, published="2024-05-10"):
        r = ActorResolver(published=published)
        ents, actors, places = r.resolve_doc(nlp(text))
        for e in ents:
            assert text[e.start:e.end] == e.text
        return ents

    return _run


LEAD = ("Kyrgyzstan closed the sluices on Monday. Farmers in Kyrgyzstan welcomed the rain. "
        "Kyrgyzstan said talks would continue. ")


def _countries(ents, surname):
    return {e.actor.country for e in ents if e.actor is not None and surname in (e.actor.name or "")}


def test_names_after_a_plural_office_take_no_article_country(run):
    ents = run(LEAD + "The deal was signed by Foreign Ministers Aibek Tokonov and Dilnoza Rakhimova in Bishkek. "
                      "Tokonov called it fair.")
    assert _countries(ents, "Rakhimova") == {None}
    assert _countries(ents, "Tokonov") <= {None}


def test_a_name_with_its_own_country_keeps_it(run):
    ents = run(LEAD + "The deal was signed by Foreign Ministers Aibek Tokonov and Dilnoza Rakhimova in Bishkek. "
                      "Uzbek Foreign Minister Dilnoza Rakhimova called it fair.")
    assert _countries(ents, "Rakhimova") == {"UZB"}


def test_a_single_name_after_an_office_still_takes_the_article_country(run):
    ents = run(LEAD + "The farmer Aibek Tokonov said the water came late. Tokonov grows wheat.")
    assert _countries(ents, "Tokonov") == {"KGZ"}


def test_a_name_read_with_the_plural_office_takes_no_main_country(run):
    # whether the tagger reads "Ministers X" as the office of X or not, neither minister is Kyrgyz
    for names in ("Aibek Tokonov and Dilnoza Rakhimova", "Dilnoza Rakhimova and Aibek Tokonov"):
        ents = run(LEAD + f"Foreign Ministers {names} met in Osh on Tuesday. Rakhimova said little. "
                          "Tokonov spoke briefly.")
        assert _countries(ents, "Rakhimova") <= {None}
        assert _countries(ents, "Tokonov") <= {None}
