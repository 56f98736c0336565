"""REST API: every resource and filter, keyset pagination, errors, exports, the write token."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app

from api_records import article_1


def ids(resp) -> list:
    assert resp.status_code == 200, resp.text
    return [x["id"] for x in resp.json()["items"]]


def walk(client, url: str, limit: int) -> list[dict]:
    """All pages of a list endpoint, following next_cursor."""
    items, cursor, pages = [], None, 0
    while True:
        sep = "&" if "?" in url else "?"
        r = client.get(f"{url}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
        assert r.status_code == 200, r.text
        body = r.json()
        assert len(body["items"]) <= limit
        items += body["items"]
        cursor = body["next_cursor"]
        pages += 1
        assert pages < 100
        if not cursor:
            return items


# --------------------------------------------------------------------------- meta


def test_index_and_stats(client):
    r = client.get("/api/v1/")
    assert r.status_code == 200
    body = r.json()
    assert body["writes_enabled"] is False
    assert body["stats"]["articles"] == 4 and body["stats"]["quotes"] == 5 and body["stats"]["events"] == 6
    assert client.get("/api/v1/stats").json()["events"] == 6


def test_openapi_lists_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for p in ("/api/v1/quotes", "/api/v1/events", "/api/v1/actors", "/api/v1/actors/{actor_id}", "/api/v1/places",
              "/api/v1/articles/{key}", "/api/v1/search", "/api/v1/timeline", "/api/v1/network",
              "/api/v1/export/quotes", "/api/v1/export/events", "/api/v1/ingest", "/api/v1/map/events"):
        assert p in paths, p
    assert not any(p.startswith("/actors") or p == "/" for p in paths)  # dashboard pages are not API


def test_security_headers(client):
    for url in ("/", "/api/v1/quotes"):
        h = client.get(url).headers
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "DENY"
        assert h["referrer-policy"] == "no-referrer"


def test_no_cdn_interactive_docs(client):
    r = client.get("/docs")  # Swagger UI from the installed swagger-ui-bundle package (test_security.py)
    assert r.status_code == 200 and "https://" not in r.text and "http://" not in r.text
    assert client.get("/redoc").status_code == 404


# --------------------------------------------------------------------------- quotes


def test_quotes_filters(client):
    assert len(ids(client.get("/api/v1/quotes"))) == 5
    assert len(ids(client.get("/api/v1/quotes?speaker=Tokayev"))) == 3
    assert len(ids(client.get("/api/v1/quotes?speaker=tokay"))) == 3  # case-insensitive, part of the name
    assert len(ids(client.get("/api/v1/quotes?actor=person:vladimir_putin"))) == 1
    assert len(ids(client.get("/api/v1/quotes?country=kaz"))) == 3
    assert len(ids(client.get("/api/v1/quotes?kind=indirect"))) == 2
    assert len(ids(client.get("/api/v1/quotes?kind=direct,indirect"))) == 5
    assert len(ids(client.get("/api/v1/quotes?since=2022-01-11"))) == 3  # a3 (2) + hostile (1)
    assert len(ids(client.get("/api/v1/quotes?until=2022-01-10"))) == 2
    assert len(ids(client.get("/api/v1/quotes?since=2022-01&until=2022-01"))) == 5
    assert len(ids(client.get("/api/v1/quotes?article=a3"))) == 2
    assert len(ids(client.get("/api/v1/quotes?about=person:vladimir_putin"))) == 1  # Tokayev on Putin


def test_quotes_full_text(client):
    r = client.get("/api/v1/quotes?q=peacekeepers")
    assert [x["content"] for x in r.json()["items"]] == ["The peacekeepers did their job,"]
    assert ids(client.get("/api/v1/quotes?q=stand%20kazakhstan")) != []
    assert ids(client.get("/api/v1/quotes?q=nonexistentword")) == []


def test_quote_record_and_404(client):
    first = client.get("/api/v1/quotes?limit=1").json()["items"][0]
    one = client.get(f"/api/v1/quotes/{first['id']}").json()
    assert one == first
    for key in ("speaker_name", "content", "cue", "date", "article", "article_title", "start", "end"):
        assert key in one
    assert client.get("/api/v1/quotes/999999").status_code == 404
    assert client.get("/api/v1/quotes/abc").status_code == 422


@pytest.mark.parametrize("sort", ["-date", "date", "-id", "id"])
def test_quote_pagination_is_complete_and_stable(client, sort):
    everything = client.get(f"/api/v1/quotes?sort={sort}&limit=500").json()["items"]
    for limit in (1, 2, 3):
        walked = walk(client, f"/api/v1/quotes?sort={sort}", limit)
        assert [x["id"] for x in walked] == [x["id"] for x in everything]
    dates = [x["date"] for x in everything]
    assert dates == sorted(dates, reverse=sort.startswith("-")) or sort.lstrip("-") == "id"


def test_pagination_ignores_rows_added_before_the_cursor(small_store):
    from newsgraph.model import AnalyzedArticle, Article

    c = TestClient(create_app(small_store))
    p1 = c.get("/api/v1/articles?limit=2").json()
    art = article_1()
    art.article.text += " Updated."
    art.article.id = "a1-new"
    art.article.published = "2023-01-01"  # newer than everything: sorts before the cursor
    small_store.write([art, AnalyzedArticle(article=Article(text="x y z", id="undated"))])
    p2 = c.get(f"/api/v1/articles?limit=2&cursor={p1['next_cursor']}").json()
    keys1, keys2 = [x["key"] for x in p1["items"]], [x["key"] for x in p2["items"]]
    assert not set(keys1) & set(keys2)
    assert "a1-new" not in keys2


def test_bad_parameters_are_clear_4xx(client):
    cases = {
        "/api/v1/quotes?limit=0": 422, "/api/v1/quotes?limit=501": 422, "/api/v1/quotes?limit=x": 422,
        "/api/v1/quotes?since=yesterday": 422, "/api/v1/quotes?since=2022-02-30": 400,
        "/api/v1/quotes?country=Kazakhstan": 422, "/api/v1/quotes?kind=shouted": 422,
        "/api/v1/quotes?cursor=garbage!!": 400, "/api/v1/quotes?sort=speaker": 422,
        "/api/v1/events?quad_class=5": 422, "/api/v1/events?cameo=abc": 422,
        "/api/v1/timeline?interval=year": 422, "/api/v1/network?min_weight=0": 422,
        "/api/v1/search": 422, "/api/v1/search?q=": 422, "/api/v1/export/events?format=xlsx": 422,
        "/api/v1/quotes?q=%22%22%22": 400,  # no words: says so instead of an FTS syntax error
    }
    for url, status in cases.items():
        r = client.get(url)
        assert r.status_code == status, (url, r.status_code, r.text)
        assert r.json()["detail"], url
    r = client.get("/api/v1/quotes?limit=0")
    assert "limit" in r.json()["detail"]


def test_cursor_from_another_sort_is_refused(client):
    cur = client.get("/api/v1/quotes?limit=1&sort=-date").json()["next_cursor"]
    r = client.get(f"/api/v1/quotes?limit=1&sort=id&cursor={cur}")
    assert r.status_code == 400 and "sort" in r.json()["detail"]


# --------------------------------------------------------------------------- events


def test_events_filters(client):
    assert len(ids(client.get("/api/v1/events"))) == 5  # the negated COERCE is left out by default
    assert len(ids(client.get("/api/v1/events?include_unasserted=true"))) == 6
    assert len(ids(client.get("/api/v1/events?type=ASSAULT"))) == 2
    assert len(ids(client.get("/api/v1/events?type=assault,consult"))) == 3
    assert len(ids(client.get("/api/v1/events?quad_class=4"))) == 2
    assert len(ids(client.get("/api/v1/events?quad_class=1,3"))) == 3
    assert len(ids(client.get("/api/v1/events?cameo=19"))) == 2
    assert len(ids(client.get("/api/v1/events?source_country=KAZ"))) == 3  # fired, threatened, thanked
    assert len(ids(client.get("/api/v1/events?target_country=RUS"))) == 0
    assert len(ids(client.get("/api/v1/events?target_country=KAZ"))) == 2  # met Tokayev, fired on protesters
    assert len(ids(client.get("/api/v1/events?country=RUS"))) == 1  # by actor and by location
    assert len(ids(client.get("/api/v1/events?actor=person:kassym_jomart_tokayev"))) == 2
    assert len(ids(client.get("/api/v1/events?source_actor=person:kassym_jomart_tokayev"))) == 1
    assert len(ids(client.get("/api/v1/events?target_actor=person:kassym_jomart_tokayev"))) == 1
    assert len(ids(client.get("/api/v1/events?location=alma"))) == 1
    assert len(ids(client.get("/api/v1/events?geonameid=524901"))) == 1
    assert len(ids(client.get("/api/v1/events?has_location=true"))) == 2
    assert len(ids(client.get("/api/v1/events?since=2022-01-06&until=2022-01-13"))) == 2
    assert len(ids(client.get("/api/v1/events?since=2022-01&until=2022-01"))) == 5  # partial dates too
    assert len(ids(client.get("/api/v1/events?modality=asserted&include_unasserted=true"))) == 6
    assert len(ids(client.get("/api/v1/events?article=a2&include_unasserted=true"))) == 3


def test_event_record(client):
    e = client.get("/api/v1/events?type=CONSULT").json()["items"][0]
    assert e["source"][0]["id"] == "person:vladimir_putin" and e["target"][0]["name"] == "Kassym-Jomart Tokayev"
    assert e["evidence"] == "Putin met Tokayev in Moscow on Monday."
    assert e["location_name"] == "Moscow" and e["latitude"] == 55.75
    assert client.get(f"/api/v1/events/{e['id']}").json() == e
    assert client.get("/api/v1/events/424242").status_code == 404


@pytest.mark.parametrize("sort", ["-date", "date", "goldstein", "-goldstein", "id"])
def test_event_pagination(client, sort):
    everything = ids(client.get(f"/api/v1/events?include_unasserted=true&sort={sort}&limit=100"))
    walked = walk(client, f"/api/v1/events?include_unasserted=true&sort={sort}", 2)
    assert [x["id"] for x in walked] == everything and len(everything) == 6


# --------------------------------------------------------------------------- actors, places, articles


def test_actors_list_and_search(client):
    items = client.get("/api/v1/actors").json()["items"]
    assert items[0]["mentions"] >= items[-1]["mentions"]
    names = [a["name"] for a in client.get("/api/v1/actors?q=tokay").json()["items"]]
    assert names == ["Kassym-Jomart Tokayev"]
    assert {a["id"] for a in client.get("/api/v1/actors?country=KAZ").json()["items"]} == {
        "person:kassym_jomart_tokayev", "agent:KAZ:MIL", "agent:KAZ:OPP"}
    walked = walk(client, "/api/v1/actors", 2)
    assert [a["id"] for a in walked] == [a["id"] for a in items]
    by_name = walk(client, "/api/v1/actors?sort=name", 2)
    assert [a["name"] for a in by_name] == sorted(a["name"] for a in items)


def test_actor_profile(client):
    p = client.get("/api/v1/actors/person:kassym_jomart_tokayev").json()
    assert p["name"] == "Kassym-Jomart Tokayev" and p["country"] == "KAZ"
    aliases = {a["text"] for a in p["aliases"]}
    assert "Tokayev" in aliases and "he" not in aliases  # pronouns are no aliases (store.mentions)
    assert any(o["title"].startswith("President") for o in p["offices"])
    assert p["quotes"] == 3 and p["events_as_source"] == 1 and p["events_as_target"] == 1
    assert len(p["recent_quotes"]) == 3
    assert [e["type"] for e in p["recent_events_as_source"]] == ["SUPPORT"]
    assert [e["type"] for e in p["recent_events_as_target"]] == ["CONSULT"]
    assert p["first_seen"] == "2022-01-10" and p["last_seen"] == "2022-01-13"
    assert client.get("/api/v1/actors/person:nobody").status_code == 404


def test_places(client):
    items = client.get("/api/v1/places").json()["items"]
    assert {p["name"] for p in items} == {"Moscow", "Almaty"}
    moscow = client.get("/api/v1/places/524901").json()
    assert moscow["events"] == 1 and moscow["latitude"] == 55.75 and moscow["articles"][0]["key"] == "a1"
    assert client.get("/api/v1/places?q=alm").json()["items"][0]["geonameid"] == 1526384
    assert client.get("/api/v1/places/1").status_code == 404
    assert len(walk(client, "/api/v1/places", 1)) == 2


def test_articles(client):
    items = client.get("/api/v1/articles").json()["items"]
    assert [a["key"] for a in items] == ["evil<script>", "a3", "a1", "a2"]  # newest first
    assert items[1]["quotes"] == 2 and items[1]["events"] == 1
    assert [a["key"] for a in client.get("/api/v1/articles?q=protesters").json()["items"]] == ["a2"]
    art = client.get("/api/v1/articles/a1").json()
    assert art["text"].startswith("Putin met Tokayev")
    assert len(art["entities"]) == 4 and len(art["quotes"]) == 2 and len(art["events"]) == 1
    assert {a["id"] for a in art["actors"]} >= {"person:vladimir_putin", "person:kassym_jomart_tokayev"}
    assert art["places"][0]["name"] == "Moscow"
    for q in art["quotes"]:
        assert art["text"][q["start"]:q["end"]] == q["content"]
    assert client.get("/api/v1/articles/nope").status_code == 404
    assert client.get("/api/v1/articles/evil%3Cscript%3E").json()["key"] == "evil<script>"


def test_countries(client):
    items = {c["country"]: c for c in client.get("/api/v1/countries").json()["items"]}
    assert items["KAZ"]["name"] == "Kazakhstan" and items["KAZ"]["events"] >= 3


def test_search_across_all(client):
    r = client.get("/api/v1/search?q=Tokayev").json()
    assert [a["key"] for a in r["articles"]][:1] in (["a3"], ["a1"])
    assert r["actors"][0]["id"] == "person:kassym_jomart_tokayev"
    assert any(part["match"] for a in r["articles"] for part in a["snippet"])
    r = client.get("/api/v1/search?q=peacekeepers").json()
    assert len(r["quotes"]) == 1 and r["quotes"][0]["speaker_name"] == "Kassym-Jomart Tokayev"
    assert client.get("/api/v1/search?q=Almaty").json()["places"][0]["name"] == "Almaty"


# --------------------------------------------------------------------------- aggregates


def test_timeline_country(client):
    t = client.get("/api/v1/timeline?country=KAZ&interval=day").json()
    days = {s["period"]: s for s in t["series"]}
    assert days["2022-01-05"]["counts"]["4"] == 1  # the negated event is not counted
    assert days["2022-01-05"]["goldstein_mean"] == -10.0
    assert days["2022-01-13"]["quotes"] == 2 and days["2022-01-10"]["quotes"] == 1
    assert "2022-01-07" in days and days["2022-01-07"]["events"] == 0  # gaps are filled
    assert t["undated_events"] == 1  # THREATEN dated 2022-01 only
    w = client.get("/api/v1/timeline?country=KAZ&interval=week").json()
    assert sum(s["events"] for s in w["series"]) == sum(s["events"] for s in t["series"])
    assert all(s["period"] in ("2022-01-03", "2022-01-10") for s in w["series"])
    m = client.get("/api/v1/timeline?country=KAZ&interval=month&by=type").json()
    assert m["series"][0]["period"] == "2022-01" and set(m["keys"]) >= {"ASSAULT", "CONSULT"}


def test_timeline_actor_roles(client):
    url = "/api/v1/timeline?actor=person:kassym_jomart_tokayev&interval=day"
    assert sum(s["events"] for s in client.get(url).json()["series"]) == 2
    assert sum(s["events"] for s in client.get(url + "&role=source").json()["series"]) == 1
    assert sum(s["quotes"] for s in client.get(url).json()["series"]) == 3


def test_network(client):
    n = client.get("/api/v1/network").json()
    edges = {(e["source"], e["target"]): e for e in n["edges"]}
    met = edges[("person:vladimir_putin", "person:kassym_jomart_tokayev")]
    assert met["events"] == 1 and met["goldstein_mean"] == 1.9
    said = edges[("person:kassym_jomart_tokayev", "person:vladimir_putin")]
    assert said["quotes"] == 1 and said["events"] == 0  # Tokayev named Putin in a quote
    assert ("agent:KAZ:MIL", "agent:KAZ:OPP") in edges
    node_ids = {x["id"] for x in n["nodes"]}
    assert all(a in node_ids and b in node_ids for a, b in edges)
    period = client.get("/api/v1/network?since=2022-01-10&until=2022-01-10").json()
    assert {(e["source"], e["target"]) for e in period["edges"]} == {
        ("person:vladimir_putin", "person:kassym_jomart_tokayev"),  # met (event)
        ("person:kassym_jomart_tokayev", "org:csto")}  # "the CSTO troops would leave soon" (quote)
    assert client.get("/api/v1/network?include_quotes=false").json()["edges"]
    assert len(client.get("/api/v1/network?max_edges=1").json()["edges"]) == 1
    only = client.get("/api/v1/network?country=RUS").json()["edges"]
    assert only and all("person:vladimir_putin" in (e["source"], e["target"]) for e in only)


def test_map_points_and_geometry(client):
    body = client.get("/api/v1/map/events").json()
    pts = body["items"]
    assert {p["name"] for p in pts} == {"Moscow", "Almaty"} and body["total"] == 2 and not body["truncated"]
    assert all(p["precision"] == "event" for p in pts)
    top = client.get("/api/v1/map/events?limit=1").json()  # the busiest place first; the total still counts all
    assert top["items"] == pts[:1] and top["total"] == 2 and top["truncated"]
    assert client.get("/api/v1/map/events?limit=0").status_code == 422
    w = client.get("/api/v1/geo/world").json()
    if w["available"]:
        kaz = [c for c in w["countries"] if c["iso3"] == "KAZ"]
        assert kaz and kaz[0]["polygons"][0][0][0][0] > 40  # longitude of the outline


# --------------------------------------------------------------------------- exports


def test_export_quotes_csv_and_jsonl(client):
    r = client.get("/api/v1/export/quotes?format=csv&speaker=Tokayev")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 3 and {x["speaker_name"] for x in rows} == {"Kassym-Jomart Tokayev"}
    r = client.get("/api/v1/export/quotes?format=jsonl")
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert len(lines) == 5 and all("content" in x for x in lines)


def test_export_csv_is_spreadsheet_safe(small_store):
    from newsgraph.model import AnalyzedArticle, Article, Quote

    body = 'He wrote "=HYPERLINK(1)" on the wall.'
    s = body.index("=HY")
    small_store.write([AnalyzedArticle(article=Article(text=body, id="f", published="2022-02-01"),
                                       quotes=[Quote(kind="direct", content=body[s:s + 13], start=s, end=s + 13)])])
    c = TestClient(create_app(small_store))
    rows = list(csv.DictReader(io.StringIO(c.get("/api/v1/export/quotes?format=csv&article=f").text)))
    assert rows[0]["content"] == "'=HYPERLINK(1)"
    rows = list(csv.DictReader(io.StringIO(c.get("/api/v1/export/quotes?format=csv&article=f&csv_safe=false").text)))
    assert rows[0]["content"] == "=HYPERLINK(1)"


def test_export_parquet(client):
    pq = pytest.importorskip("pyarrow.parquet")
    for kind, n in (("quotes", 5), ("events", 6)):
        extra = "&include_unasserted=true" if kind == "events" else ""
        r = client.get(f"/api/v1/export/{kind}?format=parquet{extra}")
        assert r.status_code == 200 and r.content[:4] == b"PAR1"
        table = pq.read_table(io.BytesIO(r.content))
        assert table.num_rows == n
    t = pq.read_table(io.BytesIO(client.get("/api/v1/export/events?format=parquet&type=CONSULT").content))
    row = t.to_pylist()[0]
    assert row["source_actor_ids"] == "person:vladimir_putin" and row["goldstein"] == 1.9


def test_export_events_csv_filters(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/export/events?format=csv&quad_class=4").text)))
    assert [r["type"] for r in rows] == ["ASSAULT", "ASSAULT"]
    assert rows[0]["source_names"] in ("Kazakh army", "The rebels")


def test_export_gdelt(client):
    from newsgraph.api.exports import GDELT_FIELDS

    r = client.get("/api/v1/export/events?format=gdelt&type=CONSULT")
    assert r.status_code == 200
    rows = [line.split("\t") for line in r.text.splitlines()]
    assert len(rows) == 1 and len(rows[0]) == 61
    row = dict(zip(GDELT_FIELDS, rows[0]))
    assert row["SQLDATE"] == "20220110" and row["MonthYear"] == "202201" and row["Year"] == "2022"
    assert row["Actor1Code"] == "RUSGOV" and row["Actor1CountryCode"] == "RUS"
    assert row["Actor2Code"] == "KAZGOV" and row["Actor2Name"] == "KASSYM-JOMART TOKAYEV"
    assert row["EventCode"] == "042" and row["EventBaseCode"] == "042" and row["EventRootCode"] == "04"
    assert row["QuadClass"] == "1" and row["GoldsteinScale"] == "1.9"
    assert row["ActionGeo_FullName"] == "Moscow" and row["ActionGeo_CountryCode"] == "RS"  # FIPS 10-4
    assert row["ActionGeo_FeatureID"] == "524901" and row["SOURCEURL"] == "https://example.org/a1"
    assert len(row["DATEADDED"]) == 14
    with_header = client.get("/api/v1/export/events?format=gdelt&header=true").text.splitlines()
    assert with_header[0].split("\t") == GDELT_FIELDS


def test_export_plover(client):
    lines = [json.loads(x) for x in client.get("/api/v1/export/events?format=plover").text.splitlines()]
    assert len(lines) == 5
    consult = next(x for x in lines if x["event"] == "CONSULT")
    assert consult["source"] == [{"actorText": "Putin", "code": "RUSGOV", "country": "RUS", "sector": "GOV",
                                  "name": "Vladimir Putin", "id": "person:vladimir_putin"}]
    assert consult["eventText"] == "met" and consult["mode"] == "visit" and consult["date"] == "2022-01-10"
    assert consult["text"] == "Putin met Tokayev in Moscow on Monday."
    assert consult["location"]["placeName"] == "Moscow"


def test_export_bad_filter_is_an_error_not_a_broken_download(client):
    r = client.get("/api/v1/export/events?format=csv&since=2022-13-01")
    assert r.status_code == 400


# --------------------------------------------------------------------------- writes


def _upload(c, token=None, files=None, **data):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    files = files or [("files", ("new.txt", b"The CSTO met in Astana. Nothing else happened.", "text/plain"))]
    return c.post("/api/v1/ingest", files=files, data={"nlp": "false", **data}, headers=headers)


def test_writes_disabled_without_token(client):
    r = _upload(client, token="anything")
    assert r.status_code == 403 and "disabled" in r.json()["detail"]


def test_writes_with_token(small_store, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_API_TOKEN", "s3cret")
    c = TestClient(create_app(small_store))
    assert c.get("/api/v1/").json()["writes_enabled"] is True
    assert _upload(c).status_code == 401
    assert _upload(c, token="wrong").status_code == 401
    r = _upload(c, token="s3cret")
    assert r.status_code == 200, r.text
    assert r.json()["inserted"] == 1
    assert _upload(c, token="s3cret").json()["duplicates"] == 1  # idempotent like the CLI
    r = c.post("/api/v1/ingest", files=[("files", ("x.txt", b"Hello there, Astana.", "text/plain"))],
               data={"nlp": "false"}, headers={"X-API-Token": "s3cret"})
    assert r.status_code == 200
    assert c.get("/api/v1/articles?q=Astana").json()["items"]


def test_write_limits(small_store):
    c = TestClient(create_app(small_store, token="t", max_upload_bytes=100))
    bad = [("files", ("evil.exe", b"MZ", "application/octet-stream"))]
    assert _upload(c, token="t", files=bad).status_code == 400
    big = [("files", ("big.txt", b"word " * 100, "text/plain"))]
    assert _upload(c, token="t", files=big).status_code == 413
    assert c.get("/api/v1/quotes").status_code == 200  # still serving
    assert c.get("/api/v1/ingest").status_code == 405


def test_get_never_writes(client, small_store):
    from newsgraph.store.queries import stats

    before = stats(small_store.engine)
    for url in ("/api/v1/quotes", "/api/v1/events", "/api/v1/export/events?format=parquet", "/"):
        client.get(url)
    assert stats(small_store.engine) == before


@pytest.mark.parametrize("url", [
    "/api/v1/events?country=KAZ", "/api/v1/events?country=RUS&sort=date", "/api/v1/events?source_country=KAZ",
    "/api/v1/events?target_country=KAZ&include_unasserted=true", "/api/v1/events?actor=person:kassym_jomart_tokayev",
    "/api/v1/events?source_actor=agent:KAZ:MIL&include_unasserted=true", "/api/v1/quotes?q=said",
    "/api/v1/quotes?q=troops&sort=date", "/api/v1/quotes?q=peacekeepers&speaker=Tok",
])
def test_query_plans_agree(client, monkeypatch, url):
    """Common filters are run as probes (see views.PROBE_ABOVE / FTS_PROBE_ABOVE): same rows, same order."""
    from newsgraph.store import views

    normal = walk(client, url, 2)
    monkeypatch.setattr(views, "PROBE_ABOVE", -1)
    monkeypatch.setattr(views, "FTS_PROBE_ABOVE", -1)
    assert walk(client, url, 2) == normal
