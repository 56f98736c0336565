"""Resolution with a spaCy parse: resolve_span and resolve_doc."""

import pytest

from newsgraph.actors import ActorResolver

TEXT = (
    "Kazakh President Kasim-Jomart Tokayev said protesters had attacked police in Almaty. "
    "The Kremlin said Russian troops would stay. Tokayev thanked Moscow, and the Belarusian leader "
    "praised the CSTO. The political scientist Arkady Dubnov disagreed; Dubnov said the security forces "
    "in Kazakhstan were outnumbered. Officials in Nur-Sultan met the Taliban."
)


@pytest.fixture(scope="module")
def resolved(nlp):
    doc = nlp(TEXT)
    r = ActorResolver(published="2022-01-10")
    return doc, r.resolve_doc(doc)


def test_offsets_are_exact(resolved):
    doc, (ents, actors, places) = resolved
    for e in ents:
        assert doc.text[e.start:e.end] == e.text
        if e.actor is not None:
            assert doc.text[e.actor.start:e.actor.end] == e.actor.text
        if e.place is not None and e.place.start is not None:
            assert doc.text[e.place.start:e.place.end] == e.place.text


def test_entities_carry_actors(resolved):
    doc, (ents, actors, places) = resolved
    by_text = {}
    for e in ents:
        by_text.setdefault(e.text, e)
    assert by_text["Kasim-Jomart Tokayev"].actor.code == "KAZGOV"
    assert by_text["Tokayev"].actor.id == by_text["Kasim-Jomart Tokayev"].actor.id
    assert by_text["Kremlin"].actor.code == "RUSGOV" if "Kremlin" in by_text else by_text["The Kremlin"].actor.code == "RUSGOV"
    assert by_text["protesters"].actor.sector == "CVL"
    assert by_text["police"].actor.sector == "COP"
    assert by_text["leader"].actor.name == "Alexander Lukashenko"
    assert by_text["security forces"].actor.code == "KAZMIL"
    assert by_text["Dubnov"].actor.id == "person:arkady_dubnov"
    assert by_text["Dubnov"].actor.code is None


def test_article_actors_are_distinct(resolved):
    doc, (ents, actors, places) = resolved
    ids = [a.id for a in actors if a.id]
    assert len(ids) == len(set(ids))
    assert {"person:kassym_jomart_tokayev", "person:alexander_lukashenko", "org:csto", "org:taliban"} <= set(ids)


def test_places_of_the_article(resolved):
    doc, (ents, actors, places) = resolved
    names = {p.name for p in places}
    assert {"Almaty", "Astana"} <= names


def test_resolve_span(nlp):
    doc = nlp("Russian President Vladimir Putin met the Tajik leader in Moscow.")
    r = ActorResolver(published="2022-01-10")
    a = r.resolve_span(doc[0:4])
    assert (a.code, a.name, a.text, a.start, a.end) == ("RUSGOV", "Vladimir Putin", doc[0:4].text, 0, 32)
    b = r.resolve_span(doc[5:8])
    assert b.name == "Emomali Rahmon" and b.code == "TJKGOV"
    m = r.resolve_place(doc[9:10])
    assert m.name == "Moscow" and (m.start, m.end) == (doc[9].idx, doc[9].idx + 6)
