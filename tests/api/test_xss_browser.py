"""The XSS corpus in a real browser (Debian's chromium via Playwright), and /docs offline.

Every dashboard page that shows the hostile records is loaded twice: once as served
(strict CSP: a payload that reached the DOM as markup would show as a CSP violation) and
once with the CSP switched off in the browser (``bypass_csp``: escaping alone must keep
every payload inert). ``alert``/``confirm``/``prompt`` are hooked, dialogs recorded, and
the DOM is searched for injected elements and handlers after the page's own script ran
(charts, network and map labels included, with hover labels shown). Skips without
Playwright or Chromium, like test_browser.py.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")

from live import CHROMIUM, chromium, live_server  # noqa: E402
from xss_corpus import PAYLOADS, hostile_records  # noqa: E402

if not Path(CHROMIUM).exists():
    pytest.skip(f"chromium not found ({CHROMIUM}): apt-get install -y chromium", allow_module_level=True)


HOOK = """
window.__xss = [];
window.__csp = [];
for (const f of ['alert', 'confirm', 'prompt', 'print']) {
  window[f] = function (...a) { window.__xss.push(f + '(' + a.join(',') + ')'); };
}
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  {directive: e.effectiveDirective, source: e.sourceFile || '', blocked: e.blockedURI || '', sample: e.sample || ''}));
"""

INJECTED = ("script:not([src]), iframe, frame, object, embed, base, meta[http-equiv], math, details, video, "
            "[onerror], [onload], [onclick], [onmouseover], [onfocus], [ontoggle], [onblur], [onbegin], "
            "[formaction], [contenteditable], a[href^='javascript:' i], a[href^='data:' i], "
            "form[action^='javascript:' i]")


@pytest.fixture(scope="module")
def server(xss_db):
    from newsgraph.api import create_app

    with live_server(create_app(str(xss_db["path"]), token="")) as s:
        yield s


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def page_urls() -> list[str]:
    recs = hostile_records()
    urls = ["/", "/quotes", "/events?include_unasserted=true", "/actors", "/actors?country=XSS", "/articles",
            "/countries", "/countries/XSS", "/network", "/network?country=XSS", "/map", "/search?q=alert",
            "/search?q=Ivan", "/search?q=script", "/quotes?q=answer", "/alerts", "/narratives"]
    for r in recs:
        key = quote(r.article.id, safe="")
        urls.append(f"/articles/{key}?quote=0")
    for r in recs[::3]:
        urls.append("/actors/" + quote(r.quotes[0].speaker.actor.id, safe=":"))
        urls.append(f"/places/{r.places[0].geonameid}")
    for p in PAYLOADS:  # reflected: the search box, filter inputs, error pages
        urls.append("/search?" + urlencode({"q": p}))
    for p in PAYLOADS[::2]:
        urls.append("/quotes?" + urlencode({"speaker": p, "about": p}))
        urls.append("/actors/" + quote("nobody" + p, safe=""))
    return urls


def visit(browser, base: str, urls: list[str], *, bypass_csp: bool) -> dict:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp)
    page = ctx.new_page()
    page.set_default_timeout(20000)
    dialogs: list[str] = []
    errors: list[str] = []
    external: list[str] = []

    def on_dialog(d):
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None)
    page.add_init_script(HOOK)
    found: list[tuple] = []
    for url in urls:
        resp = page.goto(base + url)
        assert resp is not None and resp.status < 500, (url, resp and resp.status)
        if resp.status == 200 and not url.startswith(("/alerts", "/narratives")):
            page.wait_for_selector("body[data-ready='1']", state="attached")
        if url.startswith(("/network", "/map")):  # show plotly's hover labels (names from the data)
            points = page.locator(".scatterlayer .point")
            for i in range(min(points.count(), 5)):
                try:
                    points.nth(i).hover(timeout=2000, force=True)
                except Exception:  # a point under another one
                    pass
        page.wait_for_timeout(50)  # let autofocus/onload-style handlers fire if any got in
        ran = page.evaluate("window.__xss")
        csp = [v for v in page.evaluate("window.__csp") if not (
            v["source"].endswith("/vendor/plotly.min.js") and v["directive"].startswith("style-src"))]
        injected = page.evaluate(
            f"Array.from(document.querySelectorAll({INJECTED!r})).map(e => e.outerHTML.slice(0, 120))")
        if ran or csp or injected:
            found.append((url, ran, csp, injected))
    ctx.close()
    return {"found": found, "dialogs": dialogs, "errors": errors, "external": external, "pages": len(urls)}


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["csp", "no-csp"])
def test_no_payload_runs_on_any_page(browser, server, bypass_csp):
    urls = page_urls()
    result = visit(browser, server["url"], urls, bypass_csp=bypass_csp)
    assert not result["found"], result["found"][:5]
    assert not result["dialogs"], result["dialogs"][:5]
    assert not result["errors"], result["errors"][:5]
    assert not result["external"], result["external"][:5]  # nothing fetched from anywhere else
    print(f"{'no CSP' if bypass_csp else 'CSP'}: {result['pages']} pages, {len(PAYLOADS)} payloads, nothing ran")


def test_docs_offline_in_the_browser(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.set_default_timeout(20000)
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(HOOK)
    resp = page.goto(server["url"] + "/docs")
    assert resp.status == 200
    assert "script-src 'self'" in resp.headers["content-security-policy"]
    page.wait_for_selector("body[data-ready='1']", state="attached")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/quotes" in p for p in paths) and len(paths) >= 20
    assert "newsgraph" in page.locator(".info .title").inner_text()
    # try one operation from the page: a same-origin fetch, allowed by connect-src 'self'
    page.locator(".opblock-summary-path", has_text="/api/v1/stats").first.click()
    page.locator("button.try-out__btn").first.click()
    page.locator("button.execute").first.click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip().startswith("200"), status.inner_text()
    csp = page.evaluate("window.__csp")
    assert not csp, csp
    assert not errors, errors
    assert all(u.startswith(server["url"]) for u in requests), [u for u in requests if not u.startswith(server["url"])]
    assert any(u.endswith("/docs/vendor/swagger-ui-bundle.js") for u in requests)
    assert any(u.endswith("/openapi.json") for u in requests)
    ctx.close()


def test_the_harness_sees_a_payload_that_runs(browser, server):
    """Control: the same hooks catch a payload when one does get into a page unescaped."""
    ctx = browser.new_context(bypass_csp=True)
    page = ctx.new_page()
    page.add_init_script(HOOK)
    page.goto(server["url"] + "/api/v1/")
    page.set_content("<p>x</p><img src=x onerror=alert(2)><svg onload=alert(3)></svg>")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss.length") >= 1
    injected = page.evaluate(f"document.querySelectorAll({INJECTED!r}).length")
    assert injected == 2
    ctx.close()
