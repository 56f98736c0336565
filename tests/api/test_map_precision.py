"""The map draws what its caption says: a place known only to its region or country (a village
GeoNames lacks, placed at its region; an event located only by its country) is a hollow circle, and
the caption's sentence about hollow circles shows only when there is one."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.model import AnalyzedArticle, Article, Event, Place, Span
from newsgraph.store import open_store, read

BODY = "Guards fired near the hamlet of Ust-Toru on Friday. Ministers met in Kassel on Monday."


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    hamlet = Place(text="Ust-Toru", geonameid=1527747, name="Ust-Toru", country="KGZ", latitude=41.0, longitude=73.0,
                   feature_class="P", precision="region")
    city = Place(text="Kassel", geonameid=2892518, name="Kassel", country="DEU", latitude=51.31667, longitude=9.5,
                 feature_class="P", precision="city")
    s1 = BODY.index(" Ministers")
    item = AnalyzedArticle(
        article=Article(text=BODY, title="Border and talks", published="2026-05-01", language="en"),
        events=[Event(type="ASSAULT", trigger=Span("fired", 7, 12), sentence=Span(BODY[:s1], 0, s1), quad_class=4,
                      goldstein=-9.0, location=hamlet, date="2026-05-01"),
                Event(type="CONSULT", trigger=Span("met", BODY.index("met"), BODY.index("met") + 3),
                      sentence=Span(BODY[s1 + 1:], s1 + 1, len(BODY)), quad_class=1, goldstein=1.0, location=city,
                      date="2026-05-01")])
    path = tmp_path_factory.mktemp("map") / "map.db"
    s = open_store(path)
    s.write([item])
    s.close()
    return path


def test_map_layer_gives_the_stored_precision(db):
    s = open_store(db)
    try:
        got = {p["name"]: p["precision"] for p in read.map_layer(s.engine)["items"]}
    finally:
        s.close()
    assert got == {"Ust-Toru": "region", "Kassel": "city"}


def test_hollow_circles_and_their_caption_in_chromium(db):
    pytest.importorskip("playwright.sync_api")
    pytest.importorskip("uvicorn")
    from live import CHROMIUM, chromium, live_server

    if not Path(CHROMIUM).exists():
        pytest.skip(f"chromium not found ({CHROMIUM})")
    from newsgraph.api import create_app

    with live_server(create_app(str(db), token="")) as srv, chromium() as browser:
        for width in (1360, 390):
            pg = browser.new_page(viewport={"width": width, "height": 900})
            errors = []
            pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            pg.goto(srv["url"] + "/map")
            pg.wait_for_selector("body[data-ready='1']", state="attached")
            pg.wait_for_selector("#map-chart[data-state='ready']", state="attached")
            names = pg.evaluate("Array.from(document.getElementById('map-chart').data || []).map(t => t.name)")
            assert "known only to the region or country" in names and "located events" in names, names
            fill = pg.evaluate("(document.getElementById('map-chart').data || [])"
                               ".filter(t => t.name === 'known only to the region or country')[0].marker.color")
            assert fill == "rgba(0,0,0,0)"  # hollow: drawn by its outline only
            assert pg.locator("#map-hollow-note").is_visible()
            assert "Hollow circles" in pg.locator("p.sub").inner_text()
            assert pg.locator("#location-table tbody tr").count() == 2
            assert not errors, errors
            pg.close()
        pg = browser.new_page(viewport={"width": 1360, "height": 900})
        pg.goto(srv["url"] + "/map?country=DEU")  # only the city: no hollow circle, no sentence about them
        pg.wait_for_selector("#map-chart[data-state='ready']", state="attached")
        assert not pg.locator("#map-hollow-note").is_visible()
        assert "Hollow circles" not in pg.locator("p.sub").inner_text()
        pg.close()
