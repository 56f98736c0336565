import re
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.monitor.web import router  # noqa: E402

from monitor_records import SPIKE_DAY, XSS  # noqa: E402


@pytest.fixture
def client(store):
    from fastapi.responses import JSONResponse

    from newsgraph.errors import NewsgraphError, http_status

    app = FastAPI()
    app.state.engine = store.engine
    app.include_router(router)

    @app.exception_handler(NewsgraphError)  # as newsgraph.api.create_app answers a coded error
    async def _coded(request, exc):
        return JSONResponse(exc.to_dict(), status_code=http_status(exc))
    with TestClient(app) as c:
        yield c


def test_api_alerts(client):
    r = client.get("/api/alerts", params={"since": "2025-02-01"})
    assert r.status_code == 200
    body = r.json()
    assert body["since"] == "2025-02-01" and body["count"] == len(body["alerts"]) > 0
    top = body["alerts"][0]
    assert top["day"] == SPIKE_DAY and top["events"] and top["summary"]
    assert client.get("/api/alerts", params={"since": "2025-02-01"}).json() == body  # deterministic
    assert client.get("/api/alerts", params={"since": "soon"}).status_code == 400
    assert client.get("/api/alerts", params={"scope": "planet"}).status_code == 422


def test_api_narratives(client):
    body = client.get("/api/narratives").json()
    assert body["count"] >= 3
    claims = " ".join(n["claim"] for n in body["narratives"])
    assert "colour revolution" in claims and "foreign terrorists" in claims.lower()


def test_pages(client):
    r = client.get("/alerts", params={"since": "2025-02-01"})
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert SPIKE_DAY in r.text and f'href="/articles/kaz-{SPIKE_DAY}"' in r.text
    r = client.get("/narratives")
    assert r.status_code == 200 and "External forces" in r.text
    assert XSS not in r.text and not re.search(r"<script(?![^>]*\bsrc=)", r.text)  # external scripts only
    assert "style=" not in r.text  # nothing inline: the dashboard's CSP holds


def test_engine_from_store_state(store):
    app = FastAPI()
    app.state.store = store
    app.include_router(router)
    with TestClient(app) as c:
        assert c.get("/api/alerts", params={"since": "30d"}).status_code == 200
