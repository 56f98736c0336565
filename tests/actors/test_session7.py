"""Issue 16, session 7: error classes found on the dev pages, in invented sentences."""

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
        return ents, actors, places, r

    return _run


# --- an office word used as a surname ------------------------------------------------------------

@pytest.mark.parametrize("name", ["Lorna King", "Dario Bishop", "Kevin King", "Ada Judge"])
def test_office_word_as_surname_is_part_of_the_name(name):
    r = ActorResolver(published="2024-05-10")
    a = r.resolve_text(name)
    assert a is not None and a.kind == "person" and a.name == name and a.code is None


def test_office_word_surname_keeps_a_nationality_and_is_no_head_of_state():
    r = ActorResolver(published="2024-05-10")
    a = r.resolve_text("American Kevin King")
    assert a.name == "Kevin King" and a.country == "USA" and a.title is None  # not the US president
    later = r.resolve_text("King")  # the same man, named by his surname alone
    assert later.id == a.id


def test_office_words_that_are_offices_stay_offices():
    r = ActorResolver(published="2024-05-10")
    r.resolve_text("American Kevin King")
    assert r.resolve_text("Jordan's King").country == "JOR"
    assert r.resolve_text("Kyrgyz Energy Minister").code == "KGZGOV"
    assert r.resolve_text("Saudi King Salman").code == "SAUGOV"  # not the remembered Kevin King
    assert r.resolve_text("the King").id != "person:kevin_king"


def test_lone_surname_that_is_an_office_word_is_the_person(run):
    text = ("Canadian teacher Miriam King and her colleague Olaf Berg were freed on Tuesday. "
            "King and Berg had been held for two years, their families said.")
    ents, *_ = run(text)
    lone = [e for e in ents if e.text == "King"]
    assert lone and lone[0].label == "PERSON" and lone[0].actor.name == "Miriam King"
    assert lone[0].actor.country == "CAN"
