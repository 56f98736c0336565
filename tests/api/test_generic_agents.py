"""Generic agents - a country's unnamed agents (agent:KGZ:GOV, "Kyrgyz officials"), actors known only
by a code (code:KGZ, "a man"), group nouns with no country ("people"), records without an id - are
never top actors: not on the home page, the country page or the country report."""

from __future__ import annotations

import pytest

from newsgraph.model import Actor, AnalyzedArticle, Article, Entity, Event, Span
from newsgraph.store import open_store, read

NAMED = Actor(text="Tolonov", code="KGZGOV", country="KGZ", sector="GOV", name="Erkin Tolonov", kind="person",
              id="person:erkin_tolonov")
AGENTS = Actor(text="officials", code="KGZGOV", country="KGZ", sector="GOV", name="Kyrgyzstan officials",
               kind="group", id="agent:KGZ:GOV")
CODED = Actor(text="A villager", code="KGZ", country="KGZ", name="A villager", kind="group", id="code:KGZ")
PEOPLE = Actor(text="people", name="people", kind="group", id="group:people")


def test_the_rule():
    assert not read.is_generic({"id": "person:erkin_tolonov", "kind": "person", "country": "KGZ"})
    assert not read.is_generic({"id": "gov:KGZ", "kind": "organisation", "country": "KGZ"})
    assert not read.is_generic({"id": "group:kgz_protesters", "kind": "group", "country": "KGZ"})
    for a in ({"id": "agent:KGZ:GOV", "kind": "group", "country": "KGZ"}, {"id": "code:KGZ", "country": "KGZ"},
              {"id": "group:people", "kind": "group", "country": None}, {"id": None, "name": "someone"}):
        assert read.is_generic(a), a


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    items = []
    for i in range(6):  # the generic agents are mentioned far more often than the named minister
        text = f"Officials said on day {i} that people and a villager met Tolonov in Osh."
        ents = [Entity(text="Officials", label="NORP", start=0, end=9, actor=AGENTS),
                Entity(text="people", label="NORP", start=text.index("people"), end=text.index("people") + 6,
                       actor=PEOPLE),
                Entity(text="a villager", label="PERSON", start=text.index("a villager"),
                       end=text.index("a villager") + 10, actor=CODED)] * 3
        if i == 0:
            ents.append(Entity(text="Tolonov", label="PERSON", start=text.index("Tolonov"),
                               end=text.index("Tolonov") + 7, actor=NAMED))
        ev = Event(type="CONSULT", trigger=Span("met", text.index("met"), text.index("met") + 3),
                   sentence=Span(text, 0, len(text)), quad_class=1, goldstein=1.0, source=[AGENTS, CODED],
                   target=[NAMED], date=f"2026-03-0{i + 1}")
        items.append(AnalyzedArticle(article=Article(text=text, id=f"d{i}", title=f"Day {i}",
                                                     published=f"2026-03-0{i + 1}", language="en"),
                                     entities=ents, events=[ev], actors=[AGENTS, CODED, PEOPLE, NAMED]))
    path = tmp_path_factory.mktemp("generic") / "g.db"
    s = open_store(path)
    s.write(items)
    s.close()
    return path


def test_home_and_country_pages_list_no_generic_agents(db):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    with TestClient(create_app(str(db), token="")) as client:
        for path, marker in (("/", "Most mentioned actors"), ("/countries/KGZ", 'id="top-actors"')):
            html = client.get(path).text
            top = html[html.index(marker):]
            top = top[:top.index("</ol>")]
            assert "Erkin Tolonov" in top, path
            for junk in ("Kyrgyzstan officials", "A villager", ">people<"):
                assert junk not in top, (path, junk)


def test_country_report_top_actors_leave_out_generic_agents(db):
    from newsgraph.monitor import report as R
    from newsgraph.monitor.series import refresh

    s = open_store(db)
    try:
        refresh(s.engine)
        ids = [a["id"] for a in R.build(s.engine, "KGZ", "2026-03-01", "2026-03-31", alerts=False,
                                        narratives=False)["top_actors"]]
    finally:
        s.close()
    assert ids == ["person:erkin_tolonov"]
