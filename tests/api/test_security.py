"""Web hardening, server side: security headers on every route, no path traversal, the write token
checked before the body is read, the request-size limit, the rate limit, CSV formula injection and
/docs served offline. (The XSS corpus over every page and API response: test_xss.py; in a real
browser: test_xss_browser.py.)"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import urlsplit

import pytest

from live import live_server, raw_request, status_of
from newsgraph.api.limits import CSP, SECURITY_HEADERS, TokenBuckets
from xss_corpus import FORMULA_START, FORMULAS

pytest.importorskip("uvicorn")

SAMPLE = {"key": "a1", "actor_id": "person:vladimir_putin", "quote_id": "1", "event_id": "1", "geonameid": "524901",
          "code": "KAZ", "name": "app.js"}


def all_routes(app) -> list[tuple[str, set[str]]]:
    """Every (path, methods) of the app, routers included (also FastAPI's lazily included ones)."""
    out: list[tuple[str, set[str]]] = []

    def walk(routes, prefix: str = "") -> None:
        for r in routes:
            if hasattr(r, "methods") and hasattr(r, "path"):
                out.append((prefix + r.path, set(r.methods or ())))
            elif hasattr(r, "include_context"):  # FastAPI >= 0.16x: an included router
                ctx = r.include_context
                walk(ctx.included_router.routes, prefix + (ctx.prefix or ""))
            elif hasattr(r, "routes"):  # a Mount
                walk(r.routes, prefix + getattr(r, "path", ""))
    walk(app.routes)
    return out


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: SAMPLE.get(m.group(1), "x"), path)


@pytest.fixture
def app(small_store):
    from newsgraph.api import create_app

    return create_app(small_store, token="s3cret")


def _check_headers(r, path: str) -> None:
    for k, v in SECURITY_HEADERS.items():
        assert r.headers.get(k) == v, (path, r.status_code, k, r.headers.get(k))
    if path.startswith("/api/"):
        assert r.headers.get("cache-control"), (path, "no Cache-Control")


def test_every_route_sends_the_security_headers(app):
    from fastapi.testclient import TestClient

    routes = all_routes(app)
    paths = {p for p, _ in routes}
    assert {"/", "/api/v1/quotes", "/api/v1/ingest", "/docs", "/openapi.json", "/static/{name}"} <= paths, paths
    assert len(routes) >= 40
    assert "frame-ancestors 'none'" in CSP and "script-src 'self'" in CSP and "unsafe" not in CSP
    with TestClient(app) as c:
        seen = 0
        for path, methods in routes:
            url = concrete(path)
            for method in sorted(methods):
                r = c.request(method, url, headers={"Authorization": "Bearer wrong"} if method == "POST" else {})
                assert r.status_code < 500, (method, url, r.status_code)
                _check_headers(r, url)
                seen += 1
        # error responses too: 404, 405, 422, 400, 401, 403
        for method, url in [("GET", "/no/such/page"), ("GET", "/api/v1/nothing"), ("DELETE", "/api/v1/quotes"),
                            ("GET", "/api/v1/quotes?limit=0"), ("GET", "/api/v1/quotes?since=2022-02-31"),
                            ("POST", "/api/v1/ingest"), ("OPTIONS", "/"), ("GET", "/countries/K1Z")]:
            r = c.request(method, url)
            assert r.status_code in (400, 401, 404, 405, 422), (method, url, r.status_code)
            _check_headers(r, url)
        assert seen >= 50
    # read-only app: 403, headers too
    from newsgraph.api import create_app

    with TestClient(create_app(app.state.store, token="")) as c:
        r = c.post("/api/v1/ingest", files={"files": ("a.txt", b"hello")})
        assert r.status_code == 403
        _check_headers(r, "/api/v1/ingest")


def test_server_errors_get_the_headers_too(small_store):
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    app = create_app(small_store)

    @app.get("/boom")
    def boom():
        raise RuntimeError("kaput /secret/path")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/boom")
    assert r.status_code == 500 and r.json() == {"detail": "internal server error"}
    assert "/secret/path" not in r.text
    _check_headers(r, "/boom")


def test_overload_is_503_not_500(small_store):
    """A request that waits longer than the pool timeout for a read connection gets 503 + Retry-After."""
    from fastapi.testclient import TestClient
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    from newsgraph.api import create_app

    app = create_app(small_store)

    @app.get("/api/v1/busy-test")
    def busy():
        raise PoolTimeout("QueuePool limit of size 8 overflow 8 reached")

    @app.get("/busy-page")
    def busy_page():
        raise PoolTimeout("QueuePool limit of size 8 overflow 8 reached")

    with TestClient(app, raise_server_exceptions=False) as c:
        for url in ("/api/v1/busy-test", "/busy-page"):
            r = c.get(url)
            assert r.status_code == 503 and r.headers["retry-after"] == "5", (url, r.status_code)
            assert "QueuePool" not in r.text
            _check_headers(r, url)


# --------------------------------------------------------------------------- path traversal

TRAVERSALS = [
    "..", "../", "../app.py", "..%2fapp.py", "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%2E%2E/%2E%2E/pyproject.toml", "..%5c..%5capp.py", "..\\..\\app.py", "%252e%252e%252fapp.py",
    "....//....//etc/passwd",
    ".%2e/.%2e/etc/passwd", "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/etc/passwd", "%2fetc%2fpasswd", "//etc/passwd",
    "app.js%00", "app.js%00.png", "%00", "..%00/app.py", ".env", ".git/config", "app.js/../../web.py",
    "..;/app.py", "%2e%2e%3b/app.py",
]
PREFIXES = ["/static/", "/vendor/", "/docs/vendor/", "/docs/", "/api/v1/geo/", "/", "/api/v1/articles/",
            "/articles/", "/actors/", "/api/v1/actors/"]
GET = "GET {} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
LEAKS = [b"root:x:0:0", b"def install(", b"[project]", b"import ", b"[core]", b"from __future__"]


@pytest.fixture
def server(app):
    with live_server(app) as s:
        yield s


def test_no_path_traversal_in_any_file_route(server):
    tried = 0
    for prefix in PREFIXES:
        for t in TRAVERSALS:
            target = (prefix + t).replace("//etc", "/etc") if prefix == "/" else prefix + t
            reply = raw_request(server["port"], GET.format(target).encode())
            status = status_of(reply)
            tried += 1
            if status in (307, 308):  # the trailing-slash redirect: to a path on this server, never elsewhere
                location = re.search(rb"\r\nlocation: ([^\r]*)", reply, re.I).group(1).decode()
                assert urlsplit(location).netloc in ("", "x"), (target, location)
                continue
            assert status in (400, 404, 405, 422) or (status == 200 and prefix in ("/articles/", "/actors/")), \
                (target, status, reply[:300])
            assert not any(x in reply for x in LEAKS), (target, reply[:300])
    # an absolute URI and a raw NUL byte in the request line
    for target in ["http://127.0.0.1/static/../web.py", "/static/app.js\x00.css", "/static/\x00"]:
        reply = raw_request(server["port"], GET.format(target).encode())
        assert status_of(reply) in (0, 400, 404), (target, reply[:200])
        assert not any(x in reply for x in LEAKS)
    assert tried == len(PREFIXES) * len(TRAVERSALS)


def test_no_open_redirect(server):
    for target in ["//evil.example/", "//evil.example/%2e%2e/", "/\\evil.example/", "/%2fevil.example/",
                   "/static//evil.example/", "/%5cevil.example/"]:
        reply = raw_request(server["port"], GET.format(target).encode())
        m = re.search(rb"\r\nlocation: ([^\r]*)", reply, re.I)
        if m:  # a redirect stays on this host (the Host header the client sent)
            assert urlsplit(m.group(1).decode()).netloc in ("", "x"), (target, m.group(1))


def test_files_are_served_only_from_fixed_lists(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        assert c.get("/static/app.js").status_code == 200
        assert c.get("/docs/vendor/swagger-ui.css").status_code == 200
        for name in ["index.html", "swagger-ui.js.map", "oauth2-redirect.html", "../__init__.py", "__init__.py"]:
            assert c.get("/docs/vendor/" + name).status_code == 404, name
        for name in ["../plotly/__init__.py", "plotly.js", "WorldMap.json"]:
            assert c.get("/vendor/" + name).status_code == 404, name


# --------------------------------------------------------------------------- writes need the token


def test_ingest_refuses_requests_without_the_token(app):
    from fastapi.testclient import TestClient

    files = {"files": ("a.txt", b"2024-01-01\n\nA title\n\nSomething happened in the valley today.\n")}
    with TestClient(app) as c:
        for headers in [{}, {"Authorization": "Bearer wrong"}, {"X-API-Token": "wrong"}, {"Authorization": "s3cret"},
                        {"Authorization": "Basic s3cret"}, {"Authorization": "Bearer "}, {"X-API-Token": "s3cre"}]:
            r = c.post("/api/v1/ingest", files=files, data={"nlp": "false"}, headers=headers)
            assert r.status_code == 401, (headers, r.status_code)
            assert r.headers.get("www-authenticate") == "Bearer"
        r = c.post("/api/v1/ingest", files=files, data={"nlp": "false"}, headers={"X-API-Token": "s3cret"})
        assert r.status_code == 200, r.text
        assert r.json()["inserted"] == 1


def test_token_is_checked_before_the_body_is_read(server):
    # 10 GB announced, nothing sent: the refusal must come at once, not after reading a body
    head = ("POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            "Content-Length: 10737418240\r\n\r\n").encode()
    reply = raw_request(server["port"], head, timeout=15)
    assert status_of(reply) == 401, reply[:300]
    assert b"content-security-policy" in reply.lower()


# --------------------------------------------------------------------------- request size


def test_request_size_limit(small_store, monkeypatch):
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    app = create_app(small_store, token="t", max_body_bytes=4096)
    small = {"files": ("a.txt", b"2024-01-01\n\nTitle\n\nThe army moved toward the border on Monday.\n")}
    big = {"files": ("b.txt", b"x" * 5000)}
    auth = {"Authorization": "Bearer t"}
    with TestClient(app) as c:
        assert c.post("/api/v1/ingest", files=small, data={"nlp": "false"}, headers=auth).status_code == 200
        r = c.post("/api/v1/ingest", files=big, headers=auth)  # Content-Length over the limit
        assert r.status_code == 413 and "4096" in r.json()["detail"]
        _check_headers(r, "/api/v1/ingest")

        def chunks():  # no Content-Length: counted as it is read
            yield b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"c.txt\"\r\n\r\n"
            for _ in range(10):
                yield b"y" * 1000
            yield b"\r\n--b--\r\n"
        r = c.post("/api/v1/ingest", content=chunks(),
                   headers={**auth, "Content-Type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413, (r.status_code, r.text)
        # a GET with a huge declared body is refused too (never read)
        r = c.request("GET", "/api/v1/", content=b"z" * 5000)
        assert r.status_code == 413
        assert c.get("/api/v1/").status_code == 200
    # from the environment; 0 = no limit
    monkeypatch.setenv("NEWSGRAPH_MAX_BODY_BYTES", "100")
    with TestClient(create_app(small_store, token="t")) as c:
        assert c.post("/api/v1/ingest", files=small, headers=auth).status_code == 413
    monkeypatch.setenv("NEWSGRAPH_MAX_BODY_BYTES", "0")
    with TestClient(create_app(small_store, token="t")) as c:
        assert c.post("/api/v1/ingest", files=big, data={"nlp": "false"}, headers=auth).status_code == 200
    monkeypatch.setenv("NEWSGRAPH_MAX_BODY_BYTES", "lots")
    with pytest.raises(ValueError):
        create_app(small_store)


def test_default_body_limit_is_100_mib(small_store, monkeypatch):
    from newsgraph.api import create_app

    monkeypatch.delenv("NEWSGRAPH_MAX_BODY_BYTES", raising=False)
    assert create_app(small_store).state.limits.max_body_bytes == 100 * 1024 * 1024


# --------------------------------------------------------------------------- rate limit


def test_token_bucket():
    now = [0.0]
    b = TokenBuckets(rate=2.0, burst=3.0, clock=lambda: now[0], max_keys=2)
    assert [b.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert b.take("a") == pytest.approx(0.5)
    now[0] += 0.5
    assert b.take("a") == 0.0  # one token back after 1/rate seconds
    assert b.take("b") == 0.0  # per key
    now[0] += 100
    assert [b.take("a") for _ in range(3)] == [0.0] * 3  # refills up to the burst, no more
    assert b.take("a") > 0
    b.take("c")
    assert len(b._buckets) == 2  # the oldest key is forgotten


def test_rate_limit_per_client_ip(small_store, monkeypatch):
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    app = create_app(small_store, rate_limit=0.01, rate_burst=5)  # one token back per 100 s: no refill during the test
    with TestClient(app, client=("10.0.0.1", 1234)) as c:
        codes = [c.get("/api/v1/stats").status_code for _ in range(8)]
        assert codes[:5] == [200] * 5 and codes[5:] == [429] * 3, codes
        r = c.get("/")
        assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 100
        assert r.json()["detail"].startswith("too many requests")
        _check_headers(r, "/")
    with TestClient(app, client=("10.0.0.2", 1234)) as c:  # another client has its own bucket
        assert c.get("/api/v1/stats").status_code == 200
    monkeypatch.setenv("NEWSGRAPH_RATE_LIMIT", "2")
    assert create_app(small_store).state.limits.burst == 10  # default burst: max(10, 2 × rate)


def test_rate_limit_is_off_by_default(small_store, monkeypatch):
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    monkeypatch.delenv("NEWSGRAPH_RATE_LIMIT", raising=False)
    app = create_app(small_store)
    assert app.state.limits.rate == 0
    with TestClient(app) as c:
        assert all(c.get("/static/app.css").status_code == 200 for _ in range(300))


# --------------------------------------------------------------------------- exports


NUMBER = re.compile(r"-?\d+(\.\d+)?")  # a number cell (Goldstein -10.0) is a number, not a formula


def _formula_rows(xss_client, url: str, delimiter: str = ","):
    r = xss_client.get(url)
    assert r.status_code == 200, r.text[:300]
    return list(csv.reader(io.StringIO(r.text), delimiter=delimiter))


@pytest.fixture(scope="module")
def xss_client(xss_db):
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    with TestClient(create_app(str(xss_db["path"]), token="")) as c:
        yield c


@pytest.mark.parametrize("url,delimiter", [("/api/v1/export/quotes?format=csv", ","),
                                           ("/api/v1/export/events?format=csv&include_unasserted=true", ","),
                                           ("/api/v1/export/events?format=gdelt&include_unasserted=true", "\t")])
def test_exports_neutralise_spreadsheet_formulas(xss_client, url, delimiter):
    rows = _formula_rows(xss_client, url, delimiter)
    cells = [c for row in rows for c in row]
    assert len(rows) > 50
    bad = [c for c in cells if c.startswith(FORMULA_START) and not NUMBER.fullmatch(c)]
    assert not bad, bad[:10]
    # the formulas are there, neutralised with a leading quote
    assert any(c.startswith("'=HYPERLINK(") or c.startswith("'=HYPERLINK(".upper()) for c in cells)
    assert any(c.startswith("'@SUM") for c in cells) and any(c.startswith("'+cmd") for c in cells)
    # numbers stay numbers
    if "events" in url and "gdelt" not in url:
        assert any(c == "-10.0" for c in cells)
    # csv_safe=false gives the raw text back (so the test above is not vacuous)
    raw = _formula_rows(xss_client, url + "&csv_safe=false", delimiter)
    assert any(c.startswith(FORMULA_START) for row in raw for c in row)
    assert FORMULAS


def test_exports_are_downloads_not_pages(xss_client):
    for url in ["/api/v1/export/quotes?format=csv", "/api/v1/export/quotes?format=jsonl",
                "/api/v1/export/events?format=plover", "/api/v1/export/events?format=gdelt"]:
        r = xss_client.get(url)
        assert r.headers["content-disposition"].startswith("attachment;"), url
        assert not r.headers["content-type"].startswith("text/html"), url
        assert r.headers["x-content-type-options"] == "nosniff"


# --------------------------------------------------------------------------- /docs


def test_docs_page_is_local_and_has_no_inline_script(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        r = c.get("/docs")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        html = r.text
        srcs = re.findall(r'<script\b[^>]*src="([^"]+)"[^>]*>\s*</script>', html)
        assert srcs == ["/docs/vendor/swagger-ui-bundle.js", "/docs/init.js"]
        assert len(re.findall(r"<script\b", html)) == 2
        assert "http://" not in html and "https://" not in html and " style=" not in html
        for url in srcs + ["/docs/vendor/swagger-ui.css", "/docs/docs.css"]:
            a = c.get(url)
            assert a.status_code == 200 and len(a.content) > 100, url
        init = c.get("/docs/init.js").text
        assert '"/openapi.json"' in init and "validatorUrl: null" in init
        assert c.get("/openapi.json").json()["openapi"].startswith("3.")
        assert c.get("/redoc").status_code == 404
