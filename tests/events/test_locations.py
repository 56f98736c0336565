"""Event locations at villages and towns (issue 16 "places in context", issue 17 map): the place
preposition's object is followed through chains ("on a field near the village of X"), and an
event gets the place the actors stage gave the name - a village GeoNames lacks included, placed
at its region or country with that precision. Sentences and place names are our own."""

from dataclasses import replace

import pytest

from newsgraph.events import extract_events
from newsgraph.model import Entity, Place

from .helpers import FakeResolver

PUB = "2025-03-10"


def located(nlp, text, resolver=None, type_=None):
    doc = nlp(text)
    events = extract_events(doc, resolver=resolver or FakeResolver(PUB), published=PUB, topic="politics")
    events = [e for e in events if type_ is None or e.type == type_]
    assert events, text
    loc = events[0].location
    if loc is not None:
        assert text[loc.start:loc.end] == loc.text  # evidence is exact
    return loc


@pytest.mark.parametrize("text, name", [
    ("Russian troops attacked the farmers on a field near the village of Brelovka on Tuesday.", "Brelovka"),
    ("Russian police arrested two journalists in the village of Tolmaro after the rally.", "Tolmaro"),
    ("Russian troops attacked a convoy outside the town of Vessinga, Kazakhstan said.", "Vessinga"),
    ("Russian police detained the men at a checkpoint near Pelgorsk on Friday.", "Pelgorsk"),
    ("Russian troops attacked protesters on the outskirts of Dravinsk on Sunday.", "Dravinsk"),
])
def test_place_prepositions_are_followed_through_chains(nlp, text, name):
    loc = located(nlp, text)
    assert loc is not None and loc.text == name


def test_on_a_place_itself_is_a_target_not_a_location(nlp):
    for text in ("Russian troops launched an attack on Kabul on Monday.", "Russia imposed sanctions on Egypt."):
        loc = located(nlp, text)
        assert loc is None, text


def test_a_known_place_at_the_end_of_a_chain_is_resolved(nlp):
    loc = located(nlp, "Russian troops attacked a convoy on a road near Kabul on Monday.")
    assert loc is not None and loc.text == "Kabul" and loc.country == "AFG"


class PlacingResolver(FakeResolver):
    """As the actors stage leaves it after ``resolve_doc``: entities with their places."""

    def __init__(self, entity_places):
        super().__init__(PUB)
        self.entity_places = entity_places


def test_an_event_gets_the_place_its_entity_got(nlp):
    text = "Russian officials met Kazakh elders in Ulan-Sorok on Friday."
    start = text.index("Ulan-Sorok")
    approx = Place(text="Ulan-Sorok", geonameid=42, name="Ulan-Sorok", country="KAZ", latitude=48.0, longitude=68.0,
                   feature_class="P", start=start, end=start + len("Ulan-Sorok"), precision="country")
    ent = Entity("Ulan-Sorok", "GPE", start, start + len("Ulan-Sorok"), place=approx)
    loc = located(nlp, text, PlacingResolver([ent]), type_="CONSULT")
    assert loc is not None and loc.text == "Ulan-Sorok" and loc.name == "Ulan-Sorok"
    assert loc.country == "KAZ" and loc.precision == "country" and loc.geonameid == 42
    assert loc is not approx  # the event's own copy


def test_entities_of_another_document_are_not_used(nlp):
    text = "Russian officials met Kazakh elders in Kabul on Friday."
    start = text.index("Kabul")
    stale = Entity("Jarvik", "GPE", start, start + 5, place=Place(
        text="Jarvik", name="Jarvik", country="KAZ", start=start, end=start + 5, precision="country"))
    loc = located(nlp, text, PlacingResolver([stale]), type_="CONSULT")
    assert loc is not None and loc.text == "Kabul" and loc.country == "AFG"


@pytest.fixture(scope="module")
def article(nlp):
    from newsgraph.actors import ActorResolver

    def _run(text):
        doc = nlp(text)
        r = ActorResolver(published=PUB)
        r.resolve_doc(doc)
        return extract_events(doc, resolver=r, published=PUB, topic="politics")

    return _run


def test_a_village_geonames_lacks_is_an_event_location_at_its_region(article):
    text = ("Kyrgyzstan accused Uzbekistan of taking more water. Uzbek border guards detained three Kyrgyz "
            "herders in the village of Zhany-Suu in the Batken region. Kyrgyzstan protested.")
    (ev,) = [e for e in article(text) if e.type == "COERCE"]
    loc = ev.location
    assert loc is not None and loc.text == "Zhany-Suu" and text[loc.start:loc.end] == loc.text
    assert loc.name == "Zhany-Suu" and loc.country == "KGZ" and loc.precision == "region"
    assert loc.geonameid is not None and loc.latitude is not None


def test_a_village_after_village_of_tagged_as_a_name_is_still_placed(article):
    text = ("Kyrgyzstan accused Uzbekistan of taking more water. Uzbek soldiers fired on Kyrgyz farmers on a field "
            "near the village of Ak-Kemer, Kyrgyzstan said. Kyrgyzstan protested.")
    (ev,) = [e for e in article(text) if e.type == "ASSAULT"]
    loc = ev.location
    assert loc is not None and loc.text == "Ak-Kemer" and loc.name == "Ak-Kemer"
    assert loc.country == "KGZ" and loc.precision in ("region", "country")


def test_an_untagged_town_after_in_is_placed_when_geonames_knows_it(article):
    # the article's countries are Kyrgyzstan and Uzbekistan: a real town of theirs named after "in"
    # gets its GeoNames place even where spaCy tags no entity
    text = ("Kyrgyzstan and Uzbekistan disagree over water. Border officials from Kyrgyzstan and Uzbekistan met in Osh "
            "on Monday to plan the spring releases.")
    (ev,) = [e for e in article(text) if e.type == "CONSULT"]
    loc = ev.location
    assert loc is not None and loc.text == "Osh" and text[loc.start:loc.end] == "Osh"
    assert loc.country == "KGZ" and loc.precision == "city"


def test_a_site_named_after_a_placed_village_is_placed_there(nlp):
    text = "Russian troops attacked a convoy near the Ulan-Sorok bridge on Friday."
    start = text.index("Ulan-Sorok")
    village = Place(text="Ulan-Sorok", geonameid=42, name="Ulan-Sorok", country="KAZ", latitude=48.0, longitude=68.0,
                    feature_class="P", start=start, end=start + 10, precision="country")
    other = "Ulan-Sorok was quiet."  # the village named in another sentence of the same article
    text2 = text + " " + other
    ent = Entity("Ulan-Sorok", "GPE", len(text) + 1, len(text) + 11,
                 place=replace(village, start=len(text) + 1, end=len(text) + 11))
    loc = located(nlp, text2, PlacingResolver([ent]), type_="ASSAULT")
    assert loc is not None and loc.text == "Ulan-Sorok" and loc.start == start
    assert loc.country == "KAZ" and loc.precision == "country"
