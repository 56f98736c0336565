"""The dashboard in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Each test loads pages served by ``newsgraph serve``'s app over the demo corpus,
clicks through, checks what is shown, and saves a screenshot of each page under
``test-artifacts/screenshots/`` for review. Skips cleanly when Playwright or
Chromium is missing (install: ``apt-get install -y chromium`` and
``pip install playwright``; never ``playwright install``).
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")

from live import CHROMIUM, chromium, live_server  # noqa: E402

if not Path(CHROMIUM).exists():
    pytest.skip(f"chromium not found ({CHROMIUM}): apt-get install -y chromium", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def server(demo_db):
    from newsgraph.api import create_app

    with live_server(create_app(str(demo_db["path"]), token="")) as s:
        yield {"url": s["url"], "nlp": demo_db["nlp"]}


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


class Watch:
    """Console errors, page errors, alert()s and CSP violations seen by a page."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

        def on_dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.add_init_script(
            "window.__csp = [];"
            "document.addEventListener('securitypolicyviolation', e => window.__csp.push("
            "{directive: e.effectiveDirective, source: e.sourceFile || '', sample: e.sample || ''}));")
        self.page = page

    def check(self) -> None:
        csp = self.page.evaluate("window.__csp || []")
        # no exemption: plotly's rules come from /vendor/plotly.css, and the maplibre <style> that
        # plotly.min.js would inject on load is skipped (web.maplibre_style_id)
        assert not csp, csp
        assert not self.errors, self.errors
        assert not self.dialogs, self.dialogs


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(20000)
    watch = Watch(pg)
    pg.base = server["url"]
    pg.watch = watch
    yield pg
    ctx.close()


def goto(page, path: str) -> None:
    resp = page.goto(page.base + path)
    assert resp.status == 200, (path, resp.status)
    page.wait_for_selector("body[data-ready='1']", state="attached")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def api(server, path: str):
    with urllib.request.urlopen(server["url"] + path, timeout=30) as r:
        return json.loads(r.read())


def need_nlp(server):
    if not server["nlp"]:
        pytest.skip("the NLP stages are not available: the demo database has no quotes or events")


# --------------------------------------------------------------------------- pages


def test_home_search_and_click_through_to_highlighted_quote(page, server):
    need_nlp(server)
    goto(page, "/")
    assert page.locator("h1").inner_text() == "The analyst's desk"
    assert page.locator("section ol.ranked li").count() > 3
    shot(page, "01-home")
    page.fill("form.bigsearch input[name=q]", "water")
    page.click("form.bigsearch button")
    page.wait_for_url("**/search?q=water")
    page.wait_for_selector("body[data-ready='1']", state="attached")
    assert page.locator("#search-articles li a").count() > 0
    rows = page.locator("#search-quotes tr.quote-row")
    assert rows.count() > 0
    first_quote = rows.first.locator("td.content").inner_text()
    shot(page, "02-search")
    rows.first.locator("a.quote-link").click()
    page.wait_for_url("**/articles/**quote=*")
    page.wait_for_selector("body[data-ready='1']", state="attached")
    focus = page.locator("#article-text .quote.focus")
    assert focus.count() > 0
    shown = "".join(focus.all_inner_texts())
    assert shown.split()[0].strip("“”\"") in first_quote
    assert page.locator("aside li.side-quote.focus").count() == 1
    assert focus.first.is_visible()
    shot(page, "03-article-quote-highlighted")
    page.watch.check()


def test_quote_explorer_filters_and_pages(page, server):
    need_nlp(server)
    top = api(server, "/api/v1/stats")["top_speakers"][0]["speaker"]
    goto(page, "/quotes")
    assert page.locator("tr.quote-row").count() == 50  # a full first page
    assert page.locator("a.next").count() == 1
    page.fill("form.filters input[name=speaker]", top)
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/quotes?*speaker=*")
    speakers = page.locator("tr.quote-row td.speaker").all_inner_texts()
    assert speakers and all(top.split()[-1] in s for s in speakers)
    shot(page, "04-quotes-filtered")
    goto(page, "/quotes")
    page.click("a.next")
    page.wait_for_url("**cursor=*")
    assert page.locator("tr.quote-row").count() > 0
    href = page.locator("p.exports a").first.get_attribute("href")
    assert href.startswith("/api/v1/export/quotes") and "format=csv" in href
    page.watch.check()


def test_actor_page(page, server):
    need_nlp(server)
    goto(page, "/actors")
    shot(page, "05-actors")
    link = page.locator("table.actors tbody tr td a").first
    name = link.inner_text()
    link.click()
    page.wait_for_url("**/actors/**")
    page.wait_for_selector("body[data-ready='1']", state="attached")
    assert page.locator("h1.actor-name").inner_text() == name
    chart = page.locator("#timeline-chart")
    assert chart.get_attribute("data-state") in ("ready", "message")
    if chart.get_attribute("data-state") == "ready":
        assert chart.locator("svg.main-svg").count() > 0
    for section in ("#actor-quotes", "#actor-did", "#actor-done-to"):
        assert page.locator(section).count() == 1
    shot(page, "06-actor")
    page.watch.check()


def test_actor_profile_of_top_speaker(page, server):
    need_nlp(server)
    actors = api(server, "/api/v1/actors?limit=50")["items"]
    person = next(a for a in actors if a["kind"] == "person")
    goto(page, "/actors/" + quote(person["id"], safe=":"))
    assert page.locator("#actor-quotes tr.quote-row").count() + page.locator("#actor-did tr.event-row").count() > 0
    assert page.locator("dd.aliases .alias").count() > 0
    shot(page, "07-actor-person")
    page.watch.check()


def test_country_page_timeline(page, server):
    need_nlp(server)
    code = api(server, "/api/v1/countries")["items"][0]["country"]
    goto(page, f"/countries/{code}")
    chart = page.locator("#timeline-chart")
    assert chart.get_attribute("data-state") == "ready"
    assert chart.locator(".barlayer .trace").count() >= 1  # bars per quad class
    assert chart.locator(".legend .traces").count() >= 3  # quad classes + quotes + Goldstein
    assert page.locator("#top-actors li a").count() > 0
    assert page.locator("#recent-quotes tr.quote-row").count() > 0
    shot(page, "08-country")
    page.locator("#top-actors li a").first.click()
    page.wait_for_url("**/actors/**")
    page.watch.check()


def test_network_view(page, server):
    need_nlp(server)
    goto(page, "/network")
    chart = page.locator("#network-chart")
    assert chart.get_attribute("data-state") == "ready"
    net = api(server, "/api/v1/network")
    from newsgraph.store.read import is_generic

    generic = {n["id"] for n in net["nodes"] if is_generic(n)}
    assert generic  # the demo has "people", "officials", "agent:KGZ:GOV"...
    kept = {x for e in net["edges"] if not {e["source"], e["target"]} & generic for x in (e["source"], e["target"])}
    assert chart.locator(".scatterlayer .trace").last.locator("path.point").count() == len(kept)
    assert page.locator("#edge-table tbody tr").count() > 0
    goto(page, "/network?generic=1")  # ticked: every node of the API is drawn
    assert page.locator("#network-chart .scatterlayer .trace").last.locator("path.point").count() == len(net["nodes"])
    goto(page, "/network")
    shot(page, "09-network")
    page.locator("#edge-table tbody tr td a").first.click()
    page.wait_for_url("**/actors/**")
    page.watch.check()


def test_network_for_a_period(page, server):
    need_nlp(server)
    goto(page, "/network")
    page.fill("form.filters input[name=since]", "2025-04-01")
    page.fill("form.filters input[name=until]", "2025-04-30")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**since=2025-04-01**")
    page.wait_for_selector("body[data-ready='1']", state="attached")
    assert page.locator("#network-chart").get_attribute("data-state") in ("ready", "message")
    shot(page, "10-network-april")
    page.watch.check()


def test_map_view(page, server):
    need_nlp(server)
    goto(page, "/map")
    chart = page.locator("#map-chart")
    assert chart.get_attribute("data-state") == "ready"
    points = api(server, "/api/v1/map/events")["items"]
    world = api(server, "/api/v1/geo/world")
    if world["available"]:
        assert chart.locator(".scatterlayer .trace").first.locator("path.js-line").count() > 50  # country outlines
    assert page.locator("#location-table tbody tr").count() == len(points)
    shot(page, "11-map")
    page.watch.check()


def test_article_view_annotations(page, server):
    need_nlp(server)
    arts = api(server, "/api/v1/articles?limit=100")["items"]
    art = max(arts, key=lambda a: (a["quotes"] + a["events"], a["key"]))
    goto(page, "/articles/" + quote(art["key"], safe=""))
    text = page.locator("#article-text")
    full = api(server, "/api/v1/articles/" + quote(art["key"], safe=""))
    assert text.inner_text().split() == full["text"].split()  # the whole text, nothing lost or added
    assert text.locator(".quote").count() > 0 and text.locator(".event").count() > 0
    assert text.locator(".actor a").count() > 0
    assert page.locator("aside .side-quote").count() == len(full["quotes"])
    assert page.locator("aside .side-event").count() == len(full["events"])
    page.locator("aside .side-event a").first.click()
    page.wait_for_url("**event=*")
    page.wait_for_selector("body[data-ready='1']", state="attached")
    assert page.locator("#article-text .event.focus").count() > 0
    assert page.locator("#article-text .sentence-focus").count() > 0
    page.uncheck("#toggle-entities")
    assert "show-entities" not in (text.get_attribute("class") or "")
    page.check("#toggle-entities")
    shot(page, "12-article-event-highlighted")
    page.watch.check()


def test_events_and_articles_pages(page, server):
    goto(page, "/events")
    shot(page, "13-events")
    goto(page, "/articles")
    assert page.locator("table.articles tbody tr").count() >= 20
    shot(page, "14-articles")
    goto(page, "/countries")
    shot(page, "15-countries")
    page.watch.check()


def test_hostile_article_is_inert(page, server):
    goto(page, "/articles/" + quote("evil<script>", safe=""))
    title = page.locator("h1.article-title").inner_text()
    assert "<script>alert(" in title  # shown as text
    assert page.locator("img[src=x]").count() == 0 and page.locator("iframe").count() == 0
    assert page.locator("#article-text b").count() == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 1  # only /static/app.js
    assert page.locator("#article-text .quote").count() > 0
    shot(page, "16-hostile-article")
    goto(page, "/search?q=" + quote("answer"))
    goto(page, "/quotes?speaker=Ivan")
    assert "<script>" in page.locator("td.content").first.inner_text()
    page.watch.check()  # no alert() ever fired


PHONE_PAGES = ["/", "/quotes", "/events", "/actors", "/countries", "/network", "/map", "/articles",
               "/search?q=water", "/alerts", "/narratives"]


@pytest.mark.parametrize("width", [1360, 390])
def test_every_page_fits_its_width_with_one_navigation(browser, server, width):
    """Desktop and phone widths: no sideways scrolling, no console error or CSP violation, the
    same navigation bar (with search) on every page, and a title without the name twice."""
    ctx = browser.new_context(viewport={"width": width, "height": 860})
    pg = ctx.new_page()
    watch = Watch(pg)
    try:
        for path in PHONE_PAGES:
            resp = pg.goto(server["url"] + path)
            if resp.status == 404 and path in ("/alerts", "/narratives"):
                continue  # the monitor's pages are not mounted on this app
            assert resp.status == 200, (path, resp.status)
            pg.wait_for_timeout(400)
            overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 2, (path, width, overflow)
            nav = pg.eval_on_selector_all("header.top nav a", "els => els.map(e => e.textContent.trim())")
            assert {"Quotes", "Events", "Actors", "Countries", "Network", "Map", "Articles"} <= set(nav), (path, nav)
            assert pg.query_selector("header.top form.search input[name=q]"), path
            assert pg.title().count("newsgraph") == 1, (path, pg.title())
            name = "phone" if width < 600 else "desktop"
            shot(pg, f"fit-{name}-{path.strip('/').split('?')[0].replace('/', '-') or 'home'}")
        watch.check()
    finally:
        ctx.close()
