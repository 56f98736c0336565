"""One definition of actor identity: ``newsgraph.model.actor_id``.

The stored id of an actor, "the same actor" in an article's actor list (``pipeline.annotate``)
and in ``resolve_doc`` all come from it. The ids are a database contract: the table below
pins them, so a change that would split the actors of an existing database fails here.
"""

import pytest
from sqlalchemy import select

from newsgraph.model import (
    Actor,
    AnalyzedArticle,
    Article,
    Entity,
    Event,
    Span,
    actor_id,
)


def _a(**kw) -> Actor:
    return Actor(text=kw.pop("text", "x"), **kw)


@pytest.mark.parametrize("actor, expected", [
    # the resolver's id wins over everything else
    (_a(id="person:aibek_tokonov", name="Aibek Tokonov", kind="person", code="KGZGOV"), "person:aibek_tokonov"),
    (_a(id="agent:KAZ:COP", name="Kazakhstan police", kind="group", code="KAZCOP"), "agent:KAZ:COP"),
    (_a(id="org:csto", name="Collective Security Treaty Organization", kind="organisation", code="IGO"),
     "org:csto"),
    (_a(id="country:KAZ", name="Kazakhstan", kind="country", code="KAZ"), "country:KAZ"),
    # no id: a name with a kind, code or country -> kind and a slug of the name
    (_a(name="police", kind="group"), "group:police"),
    (_a(name="police", kind="group", code="USA", country="USA"), "group:police"),
    (_a(name="Retired American Warriors", kind="organisation", code="USA"), "organisation:retired_american_warriors"),
    (_a(name="Medical Workers' Union", code="KAZ"), "actor:medical_workers_union"),  # no kind
    (_a(name="José Ramos-Horta", kind="person", country="TLS"), "person:jos_ramos_horta"),  # no accent folding
    # no id, no name: the code
    (_a(code="KAZGOV", kind="person", title="President"), "code:KAZGOV"),
    (_a(code="KGZ", country="KGZ", kind="group"), "code:KGZ"),
    # unresolved mentions are no actor
    (_a(text="someone"), None),
    (_a(name="someone"), None),  # a bare name with nothing known about it
    (_a(sector="COP"), None),
    (None, None),
])
def test_stored_ids_are_pinned(actor, expected):
    assert actor_id(actor) == expected


def test_writer_uses_the_model_definition():
    from newsgraph.store import writer

    assert writer.actor_id is actor_id


def test_resolver_ids_are_the_stored_ids():
    from newsgraph.actors import ActorResolver

    r = ActorResolver(published="2025-04-10")
    assert actor_id(r.resolve_text("Kyrgyz Foreign Minister Aibek Tokonov")) == "person:aibek_tokonov"
    assert actor_id(r.resolve_text("Kazakh police")) == "agent:KAZ:COP"
    assert actor_id(r.resolve_text("police")) == "group:police"  # no country: kind and name


# -- where the three former definitions disagreed ----------------------------------------------

def _person_and_event_copy():
    """A person as the resolver gives it, and the event stage's copy of it: given a country by
    the sentence ("a protest of Crutcher's death in downtown Tulsa"), without the id."""
    person = Actor(text="Terence Crutcher", name="Terence Crutcher", kind="person",
                   id="person:terence_crutcher", start=0, end=16)
    copy = Actor(text="Crutcher's death", name="Terence Crutcher", kind="person", code="USA", country="USA",
                 start=60, end=76)
    return person, copy


def test_event_copy_of_a_person_is_that_person():
    # pipeline._actor_key said "USA|Terence Crutcher" for the copy: a second Crutcher in the
    # article's actors; the writer stored both under person:terence_crutcher (the writer was right)
    person, copy = _person_and_event_copy()
    assert actor_id(copy) == actor_id(person) == "person:terence_crutcher"


def test_same_code_different_names_are_different_actors():
    # resolve_doc keyed id-less actors by code first ("code:USA" for both): an American person
    # with no id and the US place group were one actor there, two in the database (the writer was right)
    place_group = Actor(text="Tulsa", code="USA", country="USA", kind="group")
    person = Actor(text="Terence Crutcher", name="Terence Crutcher", kind="person", code="USA", country="USA")
    assert actor_id(place_group) == "code:USA"
    assert actor_id(person) == "person:terence_crutcher"


def test_one_actor_per_name_and_kind_whatever_its_country():
    # no id: the country is not part of the identity (pipeline._actor_key had "USA|police" and
    # "None|police"); the database has always stored these as one actor
    assert actor_id(Actor(text="police", name="police", kind="group")) == actor_id(
        Actor(text="police", name="police", kind="group", code="USACOP", country="USA", sector="COP"))


def test_annotate_lists_each_stored_actor_once(monkeypatch):
    """``pipeline.annotate`` adds the actors of quotes and events to the article's list, one per id."""
    import newsgraph.actors as actors_mod
    import newsgraph.events as events_mod
    import newsgraph.quotes as quotes_mod
    from newsgraph import pipeline

    person, copy = _person_and_event_copy()
    police = Actor(text="police", name="police", kind="group", start=20, end=26)
    police_us = Actor(text="police", name="police", kind="group", code="USA", country="USA", start=90, end=96)
    unresolved = Actor(text="they", start=100, end=104)

    class FakeResolver:
        def __init__(self, published=None, **options):  # the stage options' keywords too
            pass

        def resolve_doc(self, doc):
            return [Entity(person.text, "PERSON", 0, 16, actor=person)], [person], []

    ev = Event(type="PROTEST", trigger=Span("protest", 40, 47), sentence=Span("", 0, 110),
               source=[copy, police, unresolved], target=[police_us])
    monkeypatch.setattr(actors_mod, "ActorResolver", FakeResolver)
    monkeypatch.setattr(quotes_mod, "extract_quotes", lambda doc, resolver=None, **kw: [])
    monkeypatch.setattr(events_mod, "extract_events", lambda doc, **kw: [ev])

    out = pipeline.annotate(None, Article(text="x" * 110))
    assert [actor_id(a) for a in out.actors] == ["person:terence_crutcher", "group:police"]
    assert out.actors[0] is person  # the resolver's record, with its id, stays first


def test_database_rows_match_the_article_actors(tmp_path):
    from newsgraph.store import open_store
    from newsgraph.store.schema import actors, event_actors

    person, copy = _person_and_event_copy()
    text = "Terence Crutcher was killed. Crowds gathered for a protest of Crutcher's death."
    ev = Event(type="PROTEST", trigger=Span("protest", 50, 57), sentence=Span("", 0, len(text)), source=[copy])
    item = AnalyzedArticle(article=Article(text=text), entities=[Entity(person.text, "PERSON", 0, 16, actor=person)],
                           events=[ev], actors=[person])
    store = open_store(tmp_path / "ids.db", dedup=False)
    try:
        store.write([item])
        with store.engine.connect() as conn:
            ids = conn.execute(select(actors.c.id)).scalars().all()
            roles = conn.execute(select(event_actors.c.actor_id)).scalars().all()
    finally:
        store.close()
    assert ids == ["person:terence_crutcher"]
    assert roles == ["person:terence_crutcher"]


def test_an_event_role_given_a_country_keeps_the_resolver_id():
    # the event stage learns the group is American (from "Virginia"); it is still the group the
    # article's mention resolved to, not a second actor with a name-made id
    import newsgraph

    art = newsgraph.analyze("The senator met the Retired American Warriors group in Herndon, Virginia on Monday.")
    ids = [actor_id(a) for a in art.actors]
    roles = [a for ev in art.events for a in (*ev.source, *ev.target) if "Warriors" in a.text]
    assert roles and all(actor_id(a) == "org:retired_american_warriors" for a in roles)
    assert "org:retired_american_warriors" in ids and not any(i.startswith("organisation:") for i in ids)


def test_one_name_tagged_person_and_org_is_one_actor():
    # spaCy's labels differ between sentences: the majority kind wins (a person on a tie)
    from newsgraph.actors import ActorResolver
    from newsgraph.model import Entity

    r = ActorResolver()

    def ent(kind):
        prefix = "person" if kind == "person" else "org"
        return Entity("Dana Velkova", "X", 0, 12, actor=_a(text="Dana Velkova", name="Dana Velkova", kind=kind,
                                                        id=f"{prefix}:dana_velkova"))

    tie = [ent("person"), ent("organisation")]
    r._one_kind_per_name(tie)
    assert {(e.actor.kind, actor_id(e.actor)) for e in tie} == {("person", "person:dana_velkova")}
    mostly_org = [ent("organisation"), ent("person"), ent("organisation")]
    r._one_kind_per_name(mostly_org)
    assert {actor_id(e.actor) for e in mostly_org} == {"org:dana_velkova"}
