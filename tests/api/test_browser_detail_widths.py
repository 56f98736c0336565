"""Issue 17, "pages that work on a phone, no CSP errors": tests/api/test_browser.py checks the list
pages at desktop and phone widths; this checks the detail pages the issue names (a country, an
actor, an article, a place) and the network's events-only and quotes-only views, at both widths, in
Debian's Chromium: no sideways scrolling, one navigation bar with search, the name once in the
title, no console error and no CSP violation. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

from urllib.parse import quote

import pytest

pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")

from test_browser import Watch, api, browser, need_nlp, server, shot  # noqa: E402,F401 (fixtures; skips without chromium)

NAV = {"Quotes", "Events", "Actors", "Countries", "Network", "Map", "Articles"}


@pytest.fixture(scope="module")
def detail_paths(server):
    need_nlp(server)
    top = api(server, "/api/v1/actors?limit=1")["items"][0]
    article = api(server, "/api/v1/articles?limit=1")["items"][0]
    place = api(server, "/api/v1/places?limit=1")["items"][0]
    country = next(c for c in api(server, "/api/v1/countries")["items"] if c.get("events"))
    code = country.get("code") or country.get("country")
    return {"country": f"/countries/{code}", "actor": "/actors/" + quote(top["id"], safe=":"),
            "article": "/articles/" + quote(article["key"], safe=""),
            "place": f"/places/{place['geonameid']}",
            "network-events": "/network?show=events", "network-quotes": "/network?show=quotes"}


@pytest.mark.parametrize("width", [1360, 390])
def test_detail_pages_fit_with_no_console_error(browser, server, detail_paths, width):
    ctx = browser.new_context(viewport={"width": width, "height": 860})
    pg = ctx.new_page()
    watch = Watch(pg)
    try:
        for name, path in detail_paths.items():
            resp = pg.goto(server["url"] + path)
            assert resp.status == 200, (path, resp.status)
            pg.wait_for_selector("body[data-ready='1']", state="attached")
            pg.wait_for_timeout(500)  # plots and the network layout draw after the page is ready
            overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 2, (path, width, overflow)
            nav = pg.eval_on_selector_all("header.top nav a", "els => els.map(e => e.textContent.trim())")
            assert NAV <= set(nav), (path, nav)
            assert pg.query_selector("header.top form.search input[name=q]"), path
            assert pg.title().count("newsgraph") == 1, (path, pg.title())
            shot(pg, f"detail-{'phone' if width < 600 else 'desktop'}-{name}")
        watch.check()
    finally:
        ctx.close()
