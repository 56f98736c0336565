"""Actor reports (`newsgraph report --actor`): what the actor did, what was done to them, what they
said and what others said about them, ranked by evidence, every item linked to its source."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.model import Actor, AnalyzedArticle, Article, Entity, Event, Quote, Span, Speaker
from newsgraph.monitor import actor_report as A
from newsgraph.store import open_store

ORLOVA = Actor(text="Orlova", code="MDAGOV", country="MDA", sector="GOV", name="Vera Orlova", kind="person",
               id="person:vera_orlova")
BANKS = Actor(text="Banks", code="IRLGOV", country="IRL", sector="GOV", name="Owen Banks", kind="person",
              id="person:owen_banks")
UNIONS = Actor(text="unions", code="MDALAB", country="MDA", sector="LAB", name="Moldovan unions", kind="group",
               id="agent:MDA:LAB")
WORKERS = Actor(text="workers", name="workers", kind="group", id="group:workers")


def _event(text, trig, etype, quad, gold, src, tgt, day):
    i = text.index(trig)
    return Event(type=etype, trigger=Span(trig, i, i + len(trig)), sentence=Span(text, 0, len(text)), cameo="000",
                 quad_class=quad, goldstein=gold, source=[src], target=[tgt] if tgt else [], date=day)


def _quote(text, content, who):
    i = text.index(content)
    return Quote(kind="direct", content=content, start=i, end=i + len(content),
                 speaker=Speaker(name=who.name, mention=who.text, start=0, end=len(who.text), actor=who))


def _article(key, day, text, **kw):
    return AnalyzedArticle(article=Article(text=text, id=key, title=f"Story {key}", published=day,
                                           url=f"https://news.example/{key}", language="en"), **kw)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("actor") / "a.db"
    items = []
    # a meeting reported by three outlets, a single strong threat, and a protest against her
    for k in ("m1", "m2", "m3"):
        t = f"Orlova met Banks in Chisinau on Monday ({k})."
        items.append(_article(k, "2025-05-05", t, events=[_event(t, "met", "CONSULT", 1, 1.0, ORLOVA, BANKS,
                                                                  "2025-05-05")]))
    t = "Orlova threatened to expel the striking dockers."
    items.append(_article("t1", "2025-05-06", t, events=[_event(t, "threatened", "THREATEN", 3, -7.0, ORLOVA, None,
                                                                "2025-05-06")]))
    t = "The unions marched against Orlova in the capital."
    items.append(_article("p1", "2025-05-07", t, events=[_event(t, "marched", "PROTEST", 3, -6.5, UNIONS, ORLOVA,
                                                                "2025-05-07")]))
    # her statements: one carried by two outlets, one by a single outlet, and a fragment
    said = "The port will reopen once the safety inspectors have finished their work."
    for k in ("s1", "s2"):
        t = f"{k.upper()} wire. Orlova said: “{said}”"
        items.append(_article(k, "2025-05-08", t, quotes=[_quote(t, said, ORLOVA)]))
    t = "Orlova said: “Nobody in this government wants a long strike on the docks.” Orlova said: “Fine, then.”"
    items.append(_article("s3", "2025-05-09", t, quotes=[_quote(t, "Nobody in this government wants a long strike "
                                                                  "on the docks.", ORLOVA),
                                                           _quote(t, "Fine, then.", ORLOVA)]))
    # others about her: by surname, and through an entity resolved to her inside the quote
    t = "Banks said: “Minister Orlova has been a patient partner in these difficult talks.”"
    items.append(_article("b1", "2025-05-10", t, quotes=[_quote(t, "Minister Orlova has been a patient partner in "
                                                                    "these difficult talks.", BANKS)]))
    t = "Banks said: “The minister kept every promise she made to the dockers this spring.”"
    i = t.index("The minister")
    items.append(_article("b2", "2025-05-11", t, quotes=[_quote(t, "The minister kept every promise she made to "
                                                                    "the dockers this spring.", BANKS)],
                          entities=[Entity(text="The minister", label="PERSON", start=i, end=i + 12, actor=ORLOVA)]))
    t = "Banks said: “Everyone in Chisinau knows how hard the last month has been for the port.”"
    items.append(_article("b3", "2025-05-12", t, quotes=[_quote(t, "Everyone in Chisinau knows how hard the last "
                                                                    "month has been for the port.", BANKS)]))
    t = "The workers went home."
    items.append(_article("w1", "2025-05-12", t, actors=[WORKERS], entities=[
        Entity(text="workers", label="NORP", start=4, end=11, actor=WORKERS)] * 3))
    s = open_store(path)
    s.write(items)
    s.close()
    return path


@pytest.fixture(scope="module")
def data(db):
    s = open_store(db)
    yield A.build_actor(s.engine, "person:vera_orlova")
    s.close()


def test_sections_cover_acts_targets_statements_and_statements_about(data):
    assert data["actor"]["name"] == "Vera Orlova" and data["country_name"] == "Moldova"
    assert data["start"] == "2025-05-05" and data["end"] == "2025-05-11"  # the days she is seen (named, quoted, coded)
    assert [e["type"] for e in data["did"]] == ["CONSULT", "THREATEN"]
    assert [e["type"] for e in data["done_to"]] == ["PROTEST"]
    assert data["totals"]["events_as_source"] == 4 and data["totals"]["events_as_target"] == 1
    said = [q["content"] for q in data["said"]]
    assert said[0].startswith("The port will reopen") and len(said) == 2  # the fragment is no statement
    about = {q["content"].split()[0] for q in data["about"]}
    assert about == {"Minister", "The"}  # by surname and by a resolved mention; not the unrelated quote


def test_ranked_by_evidence_first(data):
    meet, threat = data["did"]
    # three articles report the meeting: it outranks the stronger threat reported once
    assert meet["articles"] == ["m1", "m2", "m3"] and meet["reports"] == 3 and threat["articles"] == ["t1"]
    assert data["said"][0]["articles"] == ["s1", "s2"]


def test_html_links_every_item_and_escapes(data):
    html = A.render_actor_html(data)
    for sid in ("summary", "did", "done-to", "said", "about", "sources"):
        assert f'id="{sid}"' in html, sid
    for key in ("m1", "m2", "m3", "t1", "p1", "s1", "s3", "b1", "b2"):
        assert f'href="https://news.example/{key}"' in html, key
    assert "<script" not in html and "3 articles" in html
    md = A.render_actor_markdown(data, base_url="http://localhost:8000")
    assert "(http://localhost:8000/articles/m1)" in md and "## What others said about them" in md


def test_names_resolve_to_actors_never_to_generic_agents(db):
    s = open_store(db)
    assert A.resolve_actor(s.engine, "Orlova") == "person:vera_orlova"
    assert A.resolve_actor(s.engine, "agent:MDA:LAB") == "agent:MDA:LAB"  # an id is taken as given
    assert A.resolve_actor(s.engine, "workers") is None  # a generic group is not picked for a name
    assert A.resolve_actor(s.engine, "Nobody Known") is None
    s.close()


def test_report_command_for_an_actor(db, tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["report", "--actor", "Orlova", "--db", str(db), "--format", "md"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("# newsgraph report — Vera Orlova: 2025-05-05 to 2025-05-11")
    r = runner.invoke(app, ["report", "--actor", "Orlova", "--from", "2025-05-07", "--to", "2025-05-31",
                            "--db", str(db), "-o", str(tmp_path / "o.html")])
    assert r.exit_code == 0, r.output
    html = (tmp_path / "o.html").read_text()
    assert "PROTEST" in html and "CONSULT" not in html  # the period applies
    r = runner.invoke(app, ["report", "--actor", "Nobody Known", "--db", str(db)])
    assert r.exit_code == 2 and "no actor matches 'Nobody Known'" in r.output
    assert r.output.count("error") == 1
    for args in (["report", "--db", str(db)], ["report", "--actor", "Orlova", "--country", "MDA", "--db", str(db)]):
        r = runner.invoke(app, args)
        assert r.exit_code == 2 and "--country CODE or --actor NAME" in r.output
