"""Dashboard pages (server side): every page renders, hostile text is escaped, assets are local."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from api_records import XSS

PAGES = ["/", "/search?q=Tokayev", "/quotes", "/quotes?speaker=Tokayev&kind=direct", "/events",
         "/events?quad_class=4&include_unasserted=true", "/actors", "/actors?q=put",
         "/actors/person:vladimir_putin", "/countries", "/countries/KAZ", "/network", "/map", "/articles",
         "/articles/a1", "/articles/a1?quote=1", "/places/524901"]


def _scripts_and_styles(html: str) -> tuple[list[str], list[str]]:
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    styles = re.findall(r"<link\b[^>]*rel=\"stylesheet\"[^>]*>", html)
    return [a for a, body in scripts], styles


@pytest.mark.parametrize("url", PAGES)
def test_page_renders_with_local_assets_only(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    scripts, _ = _scripts_and_styles(html)
    for attrs in scripts:  # no inline script: every <script> has a same-origin src and no body
        src = re.search(r'src="([^"]+)"', attrs)
        assert src and src.group(1).startswith("/"), attrs
    assert not re.search(r"<script\b[^>]*>[^<]+</script>", html)
    assert " style=" not in html and "<style" not in html  # no inline style either (CSP style-src 'self')
    assert not re.search(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", html)  # no inline event handlers
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://cdn" not in html


def test_static_and_vendor_assets(client):
    assert client.get("/static/app.js").headers["content-type"].startswith("application/javascript")
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/../conftest.py").status_code == 404
    assert client.get("/static/nope.js").status_code == 404
    assert client.get("/vendor/evil.js").status_code == 404
    r = client.get("/vendor/plotly.min.js")
    if r.status_code == 200:  # from the installed plotly package
        assert b"plotly.js" in r.content[:200]
        css = client.get("/vendor/plotly.css")
        assert css.status_code == 200 and ".js-plotly-plot .plotly .modebar" in css.text


def test_unknown_pages_are_html_404(client):
    r = client.get("/actors/person:nobody")
    assert r.status_code == 404 and "no actor" in r.text and r.headers["content-type"].startswith("text/html")
    r = client.get("/articles/nothing-here")
    assert r.status_code == 404
    assert client.get("/no/such/page").status_code == 404
    assert client.get("/api/v1/nothing").headers["content-type"].startswith("application/json")
    r = client.get("/countries/K1Z")
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    r = client.get("/quotes?since=2022-02-31")
    assert r.status_code == 400 and "since" in r.text


def _assert_escaped(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<iframe" not in html
    assert "<b>Bold</b>" not in html and "<b>Chief</b>" not in html
    assert 'href="javascript:' not in html


def test_hostile_article_is_shown_as_text(client):
    key = quote("evil<script>", safe="")
    r = client.get(f"/articles/{key}")
    assert r.status_code == 200
    html = r.text
    _assert_escaped(html)
    assert "&lt;script&gt;alert(" in html  # the payload is there, as text
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html
    assert "javascript:alert(3)" in html  # the URL is printed, never linked


@pytest.mark.parametrize("url", ["/", "/quotes", "/events", "/articles", "/search?q=answer", "/search?q=Ivan",
                                 "/actors", "/quotes?speaker=Ivan", "/search?q=" + quote(XSS)])
def test_hostile_text_escaped_everywhere(client, url):
    r = client.get(url)
    assert r.status_code == 200
    _assert_escaped(r.text)


def test_hostile_actor_page(client):
    r = client.get("/actors/" + quote('person:<script>"x"', safe=":"))
    assert r.status_code == 200
    _assert_escaped(r.text)
    assert "Ivan &lt;script&gt;" in r.text


def test_search_box_value_is_escaped(client):
    r = client.get('/search?q="><script>alert(1)</script>')
    assert r.status_code == 200
    assert '"><script>' not in r.text


def test_article_view_highlights(client):
    html = client.get("/articles/a1?quote=1").text
    assert 'id="q-1"' in html and "quote focus" in html
    assert 'class="event quad-1"' in html and 'id="e-1"' in html
    assert 'href="/actors/person:vladimir_putin"' in html
    assert 'href="/places/524901"' in html
    assert 'class="cue' in html or "cue" in html


def test_quote_explorer_links_to_highlighted_quote(client):
    html = client.get("/quotes?speaker=Putin").text
    assert "/articles/a1?quote=1#q-1" in html


def test_pager_links_follow_cursor(client):
    html = client.get("/quotes").text
    assert "Next page" not in html  # 5 quotes, one page
    r = client.get("/api/v1/quotes?limit=2").json()
    assert client.get(f"/quotes?cursor={r['next_cursor']}").status_code == 200


def test_head_requests(client):
    r = client.head("/")
    assert r.status_code == 200 and r.headers["content-security-policy"]
    assert client.head("/quotes").status_code == 200


def test_crisis_monitor_is_mounted_when_present(client):
    pytest.importorskip("newsgraph.monitor.web")
    html = client.get("/").text
    assert 'href="/alerts"' in html
    for url in ("/alerts?since=2022-01-01", "/narratives", "/api/alerts?since=2022-01-01"):
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "<script>alert" not in client.get("/narratives").text
