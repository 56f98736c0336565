"""Regressions from the demo corpus check (2026-12-05, verify.md R3 and the two spellings of one leader):
a country report credits key quotes under the actor's one name, and a group noun carrying the
country ("authorities") is no top actor. Records are invented."""

from __future__ import annotations

import pytest

from newsgraph.model import Actor, AnalyzedArticle, Article, Event, Quote, Span, Speaker
from newsgraph.monitor import report as R
from newsgraph.store import open_store

LEADER = Actor(text="Velna Odarka", code="TJKGOV", country="TJK", sector="GOV", name="Velna Odarka", kind="person",
               id="person:velna_odarka")
AUTHORITIES = Actor(text="authorities", code="TJKGOV", country="TJK", sector="GOV", name="authorities", kind="group",
                    id="group:authorities")
TAJIKISTAN = Actor(text="Tajikistan", code="TJK", country="TJK", name="Tajikistan", kind="country", id="country:TJK")


def _article(i: int, spelling: str) -> AnalyzedArticle:
    content = f"The dam on the river will be finished before the winter, on day {i}"
    text = f"{spelling} said: \"{content}.\" The authorities in Tajikistan closed the road."
    q0 = text.index(content)
    quote = Quote(kind="direct", content=content, start=q0, end=q0 + len(content),
                  speaker=Speaker(name=spelling, mention=spelling, start=0, end=len(spelling), actor=LEADER))
    t0 = text.index("closed")
    ev = Event(type="COERCE", trigger=Span("closed", t0, t0 + 6), sentence=Span(text, 0, len(text)), cameo="173",
               quad_class=4, goldstein=-5.0, source=[AUTHORITIES], target=[TAJIKISTAN], date=f"2026-02-0{i}")
    return AnalyzedArticle(article=Article(text=text, id=f"r{i}", title=f"Day {i}", published=f"2026-02-0{i}",
                                           language="en", url=f"https://tj.example/{i}"),
                           quotes=[quote], events=[ev], actors=[LEADER, AUTHORITIES, TAJIKISTAN])


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo_report") / "r.db"
    s = open_store(path)
    s.write([_article(1, "Velna Odarka"), _article(2, "Velnа Odarqa"), _article(3, "Velna Odarka")])
    from newsgraph.monitor.series import refresh

    refresh(s.engine)
    yield s.engine
    s.close()


def test_key_quotes_use_the_actors_name_and_group_nouns_are_no_top_actors(engine):
    data = R.build(engine, "TJK", "2026-02-01", "2026-02-09")
    speakers = {q["speaker_name"] for q in data["key_quotes"]}
    assert speakers == {"Velna Odarka"}, speakers
    top = {a["name"] for a in data["top_actors"]}
    assert "authorities" not in top and "Velna Odarka" in top, top
