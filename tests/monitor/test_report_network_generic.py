"""The country report's network leaves generic agents out (issue 17), as the top actors and the
desk's network do: "people" and "police" with no name, a country's unnamed agents and actors
known by a code only are no nodes; named actors are. Invented records."""

from __future__ import annotations

from newsgraph.model import Actor, AnalyzedArticle, Article, Event, Span
from newsgraph.monitor import report as R
from newsgraph.monitor.series import refresh
from newsgraph.store import open_store

GOV = Actor(text="Bishkek", code="KGZGOV", country="KGZ", sector="GOV", name="Government of Kyrgyzstan",
            kind="organisation", id="gov:KGZ")
MINISTER = Actor(text="Nurlan Sadykov", code="KGZGOV", country="KGZ", sector="GOV", name="Nurlan Sadykov",
                 kind="person", id="person:nurlan_sadykov")
PEOPLE = Actor(text="people", name="people", kind="group")  # no country: group:people
POLICE = Actor(text="police", code="KGZCOP", country="KGZ", sector="COP", name="police", kind="group")
AGENT = Actor(text="border guards", code="KGZCOP", country="KGZ", sector="COP", name="Kyrgyz border guards",
              kind="group", id="agent:KGZ:COP")
CODE_ONLY = Actor(text="a man", code="KGZ", country="KGZ")  # code:KGZ
TRADERS = Actor(text="Kyrgyz traders", country="KGZ", name="Kyrgyz traders", kind="group")  # a named group


def _records() -> list[AnalyzedArticle]:
    pairs = [([POLICE], [PEOPLE]), ([GOV], [PEOPLE]), ([AGENT], [TRADERS]), ([CODE_ONLY], [MINISTER]),
             ([MINISTER], [GOV]), ([GOV, POLICE], [TRADERS])]
    items = []
    for i, (src, tgt) in enumerate(pairs):
        text = f"Report {i}: they clashed near the market on the second day."
        ev = Event(type="ASSAULT", trigger=Span("clashed", text.index("clashed"), text.index("clashed") + 7),
                   sentence=Span(text, 0, len(text)), quad_class=4, goldstein=-9.0, source=src, target=tgt,
                   date=f"2025-04-0{i + 1}")
        items.append(AnalyzedArticle(article=Article(text=text, id=f"r{i}", title=f"Report {i}",
                                                     published=f"2025-04-0{i + 1}"),
                                     events=[ev], actors=src + tgt))
    return items


def test_report_network_has_no_generic_agents(tmp_path):
    store = open_store(tmp_path / "n.db")
    try:
        store.write(_records())
        refresh(store.engine)
        data = R.build(store.engine, "KGZ", "2025-04-01", "2025-04-30", alerts=False, narratives=False)
        nodes = {e["source"] for e in data["network"]} | {e["target"] for e in data["network"]}
        assert nodes == {"Government of Kyrgyzstan", "Nurlan Sadykov", "Kyrgyz traders"}
        assert {(e["source"], e["target"]) for e in data["network"]} == {
            ("Nurlan Sadykov", "Government of Kyrgyzstan"), ("Government of Kyrgyzstan", "Kyrgyz traders")}
        # the events themselves still name every actor (the key events are unchanged)
        assert any("people" in e["target"] for e in data["key_events"])
        assert all("source_actors" not in e for e in data["key_events"])
        html = R.make_report(store.engine, "KGZ", "2025-04-01", "2025-04-30")
        svg = html[html.index('id="actor-network"'):]
        svg = svg[:svg.index("</svg>")]
        assert "Kyrgyz traders" in svg and ">people<" not in svg and ">police<" not in svg
    finally:
        store.close()
