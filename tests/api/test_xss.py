"""The XSS corpus (xss_corpus.py) over every dashboard page and API response, server side.

Each HTML page is parsed and checked for structure, not for strings: only the tags the
templates use, no inline script or style, no event-handler attributes, no ``javascript:``
(or ``data:``/``vbscript:``) URL in any URL attribute, no evaluated template expression.
Each JSON response is JSON (``nosniff``) and gives the payloads back exactly. In a real
browser: test_xss_browser.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from xss_corpus import EVALUATED, PAYLOADS, SCRIPTS, TEMPLATES, hostile_records

SRC = Path(__file__).resolve().parents[2] / "src" / "newsgraph"
TEMPLATE_FILES = [*(SRC / "api" / "data" / "templates").glob("*.html"), SRC / "api" / "data" / "docs" / "docs.html",
                  *(SRC / "monitor").glob("**/templates/*.html")]
# the tags the templates write: anything else in a page came from the data
ALLOWED_TAGS = {t.lower() for f in TEMPLATE_FILES for t in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", f.read_text())}
ALLOWED_SCRIPTS = {"/static/app.js", "/vendor/plotly.min.js", "/docs/vendor/swagger-ui-bundle.js", "/docs/init.js"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset", "background", "ping",
             "cite", "longdesc", "manifest", "codebase"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class PageChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}> {attrs}")
        d = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name == "style":
                self.problems.append(f"inline style on <{tag}>")
            if name in URL_ATTRS and value:
                v = re.sub(r"[\x00-\x20]", "", value).lower()
                if v.startswith(BAD_SCHEMES):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
        if tag == "script":
            self.in_script = True
            if d.get("src") not in ALLOWED_SCRIPTS:
                self.problems.append(f"script {d}")
        if tag == "meta" and "http-equiv" in d:
            self.problems.append(f"meta http-equiv {d}")
        if tag == "link" and d.get("href", "").startswith(("http", "//")):
            self.problems.append(f"external link {d}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append(f"inline script {data[:80]!r}")


def check_html(html: str, url: str) -> None:
    p = PageChecker()
    p.feed(html)
    p.close()
    assert not p.problems, (url, p.problems[:5])
    assert EVALUATED not in html, (url, "a template expression was evaluated")
    for payload in SCRIPTS:  # no payload with markup appears as markup
        if "<" in payload and payload not in ("&lt;script&gt;alert(32)&lt;/script&gt;",):
            assert payload not in html, (url, payload)


@pytest.fixture(scope="module")
def xc(xss_db):
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    with TestClient(create_app(str(xss_db["path"]), token="")) as c:
        yield c


def _page(xc, url: str, stats: dict) -> str:
    r = xc.get(url)
    assert r.status_code < 500, (url, r.status_code, r.text[:300])
    stats["pages"] += 1
    if r.headers["content-type"].startswith("text/html"):
        check_html(r.text, url)
    else:  # an error from a page route is still HTML; a JSON answer is never sniffed as HTML
        assert r.headers["x-content-type-options"] == "nosniff"
    return r.text


def test_every_page_renders_payloads_as_text(xc, xss_db):
    stats = {"pages": 0}
    records = hostile_records()
    fixed = ["/", "/quotes", "/quotes?kind=direct", "/events", "/events?include_unasserted=true", "/actors",
             "/countries", "/countries/XSS", "/countries/KGZ", "/network", "/map", "/articles", "/alerts",
             "/narratives", "/docs", "/search?q=alert", "/search?q=script", "/search?q=Ivan"]
    for url in fixed:
        _page(xc, url, stats)
    # every article (the ingested files and the hand-built records), with a focused quote and event
    keys = []
    cursor = None
    while True:
        page = xc.get("/api/v1/articles", params={"limit": 500, **({"cursor": cursor} if cursor else {})}).json()
        keys += [a["key"] for a in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(keys) >= len(records) + 20
    for key in keys:
        html = _page(xc, "/articles/" + quote(key, safe=""), stats)
        assert "article-text" in html
    for rec in records:
        key = quote(rec.article.id, safe="")
        art = xc.get(f"/api/v1/articles/{key}").json()
        _page(xc, f"/articles/{key}?quote={art['quotes'][0]['id']}", stats)
        _page(xc, f"/articles/{key}?event={art['events'][0]['id']}", stats)
        _page(xc, "/actors/" + quote(rec.quotes[0].speaker.actor.id, safe=":"), stats)
        _page(xc, f"/places/{rec.places[0].geonameid}", stats)
    # payloads reflected from the query string and the path (filters, search, error pages)
    for p in PAYLOADS:
        _page(xc, "/search?" + urlencode({"q": p}), stats)
        _page(xc, "/quotes?" + urlencode({"speaker": p, "q": p, "about": p, "actor": p}), stats)
        _page(xc, "/events?" + urlencode({"location": p, "actor": p, "type": p}), stats)
        _page(xc, "/actors?" + urlencode({"q": p, "country": p}), stats)
        _page(xc, "/articles?" + urlencode({"q": p, "cursor": p}), stats)
        _page(xc, "/network?" + urlencode({"actor": p, "since": p}), stats)
        _page(xc, "/map?" + urlencode({"country": p}), stats)
        _page(xc, "/actors/" + quote("nobody" + p, safe=""), stats)
        _page(xc, "/articles/" + quote("missing" + p, safe=""), stats)
        _page(xc, "/countries/" + quote(p, safe=""), stats)
        _page(xc, "/no/such/" + quote(p, safe=""), stats)
    assert stats["pages"] > 900
    print(f"{len(PAYLOADS)} payloads, {stats['pages']} page loads checked")


class TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def test_payloads_are_shown_as_text_in_the_article(xc):
    for rec in hostile_records():
        html = xc.get("/articles/" + quote(rec.article.id, safe="")).text
        t = TextOf()
        t.feed(html)
        text = "".join(t.parts)
        # the payload is on the page as text: not dropped, not mangled, not run
        assert rec.quotes[0].content in text, rec.quotes[0].content
        assert rec.article.title in text


def test_api_returns_payloads_verbatim_as_json(xc):
    n = 0
    for rec in hostile_records():
        key = quote(rec.article.id, safe="")
        r = xc.get(f"/api/v1/articles/{key}")
        assert r.status_code == 200 and r.headers["content-type"] == "application/json"
        assert r.headers["x-content-type-options"] == "nosniff"
        a = r.json()
        assert a["title"] == rec.article.title and a["url"] == rec.article.url and a["site"] == rec.article.site
        assert a["quotes"][0]["content"] == rec.quotes[0].content
        assert a["quotes"][0]["speaker_name"] == rec.quotes[0].speaker.name
        actor = xc.get("/api/v1/actors/" + quote(rec.quotes[0].speaker.actor.id, safe=":")).json()
        assert actor["name"] == rec.quotes[0].speaker.actor.name
        n += 1
    # every list, search and aggregate endpoint answers JSON for every payload as a filter
    for p in PAYLOADS:
        for url, params in [("/api/v1/search", {"q": p}), ("/api/v1/quotes", {"speaker": p, "q": p}),
                            ("/api/v1/events", {"location": p, "actor": p}), ("/api/v1/actors", {"q": p}),
                            ("/api/v1/places", {"q": p}), ("/api/v1/articles", {"q": p}),
                            ("/api/v1/network", {"actor": p}), ("/api/v1/timeline", {"actor": p}),
                            ("/api/v1/map/events", {"actor": p}), ("/api/v1/actors/" + quote(p, safe=""), {}),
                            ("/api/v1/articles/" + quote(p, safe=""), {})]:
            r = xc.get(url, params=params)
            assert r.status_code < 500, (url, p, r.status_code)
            assert r.headers["content-type"].startswith("application/json"), (url, r.headers["content-type"])
            assert EVALUATED not in r.text
            n += 1
    for url in ["/api/v1/", "/api/v1/stats", "/api/v1/countries", "/api/v1/quotes?limit=500",
                "/api/v1/events?limit=500&include_unasserted=true", "/api/v1/actors?limit=500",
                "/api/v1/places?limit=500", "/api/v1/network", "/api/v1/map/events"]:
        r = xc.get(url)
        assert r.status_code == 200 and r.headers["content-type"] == "application/json", url
        assert EVALUATED not in r.text
    assert n > 600
    assert TEMPLATES
