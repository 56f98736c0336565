"""Read-layer regressions from the demo corpus check (2026-12-05), on invented records: an actor's
aliases are its own named mentions (no pronouns, no role nouns), a group noun that carries a country
is still no top actor or network node, and a country's own map point is named after the country,
not after a village stacked on it."""

from __future__ import annotations

import pytest

from newsgraph.model import Actor, AnalyzedArticle, Article, Entity, Place, Quote, Span, Speaker
from newsgraph.store import open_store, read

MINISTER = Actor(text="Velna Odarka", code="TJKGOV", country="TJK", sector="GOV", name="Velna Odarka",
                 kind="person", id="person:velna_odarka")
GUARDS = Actor(text="authorities", code="TJKGOV", country="TJK", sector="GOV", name="authorities", kind="group",
               id="group:authorities")
TAJIKISTAN = 1220409  # GeoNames id of the country
TOWN = 990001  # a town's point; a village GeoNames lacks is stacked on it at region precision


def _ent(text, word, label, **kw):
    i = text.index(word)
    return Entity(text=word, label=label, start=i, end=i + len(word), **kw)


def _quote(text, content, mention):
    i, j = text.index(content), text.index(mention)
    return Quote(kind="direct", content=content, start=i, end=i + len(content),
                 speaker=Speaker(name="Velna Odarka", mention=mention, start=j, end=j + len(mention),
                                 actor=MINISTER, resolved_from="pronoun" if mention.islower() else "name"))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    text = ("Foreign Minister Velna Odarka visited the hamlet of Zhany-Bazar near Khujand and Zuy-Tepa on Friday. "
            "\"The road is open,\" "
            "Odarka said. \"We will pay for it,\" she said. \"Nothing was agreed,\" the envoy said. "
            "Tajikistan and its authorities were blamed.")
    ents = [_ent(text, "Velna Odarka", "PERSON", actor=MINISTER),
            Entity("Odarka", "PERSON", text.index("Odarka said"), text.index("Odarka said") + 6, actor=MINISTER),
            _ent(text, "Zhany-Bazar", "GPE", place=Place(text="Zhany-Bazar", geonameid=TAJIKISTAN, name="Zhany-Bazar",
                                                         country="TJK", precision="country")),
            _ent(text, "Tajikistan", "GPE", place=Place(text="Tajikistan", geonameid=TAJIKISTAN, name="Tajikistan",
                                                         country="TJK", precision="country")),
            _ent(text, "Khujand", "GPE", place=Place(text="Khujand", geonameid=TOWN, name="Khujand", country="TJK",
                                                      precision="city")),
            _ent(text, "Zuy-Tepa", "GPE", place=Place(text="Zuy-Tepa", geonameid=TOWN, name="Zuy-Tepa", country="TJK",
                                                       precision="region")),
            _ent(text, "authorities", "AGENT", actor=GUARDS)]
    quotes = [_quote(text, "The road is open,", "Odarka"), _quote(text, "We will pay for it,", "she"),
              _quote(text, "Nothing was agreed,", "the envoy")]
    item = AnalyzedArticle(article=Article(text=text, id="t1", title="Visit", published="2026-04-03", language="en"),
                           entities=ents, quotes=quotes, actors=[MINISTER, GUARDS])
    path = tmp_path_factory.mktemp("demo_views") / "d.db"
    s = open_store(path)
    s.write([item])
    s.close()
    return path


@pytest.fixture(scope="module")
def engine(db):
    from sqlalchemy import create_engine

    return create_engine(f"sqlite:///{db}")


def test_aliases_are_the_actors_own_named_mentions(engine):
    a = read.get_actor(engine, "person:velna_odarka")
    aliases = {x["text"] for x in a["aliases"]}
    assert {"Velna Odarka", "Odarka"} <= aliases
    assert not aliases & {"she", "She", "the envoy"}, aliases
    referred = {x["text"] for x in a["referred_as"]}
    assert "the envoy" in referred and "she" not in referred


def test_a_group_noun_with_a_country_is_generic_but_a_named_actor_is_not():
    assert read.is_generic({"id": "group:authorities", "kind": "group", "country": "TJK", "name": "authorities"})
    assert read.is_generic({"id": "group:police", "kind": "group", "country": "TJK"})
    assert read.is_generic({"id": "group:airports", "kind": "group", "country": "TJK", "name": "Airports"})
    assert not read.is_generic({"id": "group:tjk_herders", "kind": "group", "country": "TJK"})
    assert not read.is_generic({"id": "person:velna_odarka", "kind": "person", "country": "TJK"})


def test_a_country_point_is_named_after_the_country(engine):
    places = read.list_places(engine).items
    point = next(p for p in places if p["geonameid"] == TAJIKISTAN)
    assert point["name"] == "Tajikistan" and point["mentions"] == 2
    assert read.get_place(engine, TAJIKISTAN)["name"] == "Tajikistan"


def test_a_town_point_is_named_after_the_town_not_a_village_stacked_on_it(engine):
    point = next(p for p in read.list_places(engine).items if p["geonameid"] == TOWN)
    assert point["name"] == "Khujand" and point["mentions"] == 2
    assert read.get_place(engine, TOWN)["name"] == "Khujand"


def test_a_reference_is_listed_once_whatever_its_case_at_a_sentence_start():
    from newsgraph.store.mentions import split_mentions

    actor = {"name": "Odil Rashev", "kind": "person"}
    aliases, referred = split_mentions(actor, {"The minister": 2, "the minister": 3, "A spokesman": 1,
                                               "Rashev": 4, "The Hague court": 1}, {"Rashev"})
    assert aliases == {"Rashev": 4}
    assert referred == {"the minister": 5, "a spokesman": 1, "the Hague court": 1}
