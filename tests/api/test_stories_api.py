"""Stories on both surfaces (issue 18: one read layer): ``newsgraph stories`` and ``/api/v1/stories``
give the same stories for the same filters, page alike, refuse the same values, and
``/api/v1/stories/{id}`` lists the articles that ``newsgraph stories ID`` prints."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

pytest.importorskip("datasketch")

from newsgraph.api import create_app  # noqa: E402
from newsgraph.cli import app as cli  # noqa: E402
from newsgraph.model import AnalyzedArticle, Article  # noqa: E402
from newsgraph.store import open_store  # noqa: E402

# invented texts, long enough for the near-duplicate shingles; a copy changes one word
RIVER = ("The river authority in the lowland province said on Monday that the northern dam would open two of "
         "its gates next week, after farmers along the eastern canal asked for more water for the spring "
         "sowing. Officials from the two districts met at the pumping station and agreed on a rota for the "
         "smaller channels, while the provincial governor promised to pay for the repair of three broken "
         "sluices before the end of the month. A spokesman for the farmers' union welcomed the plan but warned "
         "that the reservoir was lower than in any year since the drought a decade ago.")
SCHOOL = ("The city council voted on Thursday to rebuild the old secondary school on the hill, which has been "
          "closed since a storm damaged its roof in the autumn. Pupils have been taught in two sports halls and "
          "a church basement since then, and parents had collected signatures for months. The works are to "
          "start in June and last about a year, the mayor told reporters, and the cost will be shared between "
          "the council and the regional education fund, which approved its part of the money last week.")
LONE = ("A small museum of clocks opened in the market town on Saturday with a collection of two hundred "
        "pieces given by a retired watchmaker, who repaired most of them himself over forty years of work.")


def _copy(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


@pytest.fixture(params=["sqlite", "postgresql"])
def both(request, tmp_path):
    drop = None
    if request.param == "sqlite":
        store = open_store(tmp_path / "stories.db")
    else:
        from pg_helpers import pg_schema_url
        from sqlalchemy import text

        admin, schema, url = pg_schema_url()
        store = open_store(url)

        def drop():
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    store.write([AnalyzedArticle(article=a) for a in [
        Article(text=RIVER, id="river-1", title="Dam to open gates", site="first.example", published="2025-03-05"),
        Article(text=_copy(RIVER, "Monday", "Tuesday"), id="river-2", title="Dam gates to open",
                site="wire.example", published="2025-03-01"),
        Article(text=_copy(RIVER, "next week", "next month"), id="river-3", title="Gates to open at dam",
                site="wire.example", published="2025-03-09"),
        Article(text=SCHOOL, id="school-1", title="School to be rebuilt", site="first.example",
                published="2025-04-02"),
        Article(text=_copy(SCHOOL, "Thursday", "Friday"), id="school-2", title="Council rebuilds school",
                site="other.example", published="2025-04-03"),
        Article(text=LONE, id="clocks", title="Clock museum opens", site="first.example", published="2025-05-01"),
    ]])
    try:
        with TestClient(create_app(store)) as client:
            yield client, store.url
    finally:
        store.close()
        if drop:
            drop()


def _cli(db: str, *args: str) -> list[dict]:
    r = CliRunner().invoke(cli, ["stories", "--db", db, "--json", "--limit", "1000", *args])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def _api(client, params: dict) -> list[dict]:
    """Every page of /api/v1/stories, one story at a time (pagination exercised)."""
    items, cursor = [], None
    while True:
        r = client.get("/api/v1/stories", params={**params, "limit": 1, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        items += r.json()["items"]
        cursor = r.json()["next_cursor"]
        if not cursor:
            return items


CASES = [
    ({}, [3, 2]),
    ({"min_articles": 1}, [3, 2, 1]),
    ({"min_articles": 3}, [3]),
    ({"since": "2025-04"}, [2]),
    ({"min_articles": 1, "since": "2025-04-03"}, [2, 1]),
    ({"until": "2025-03-31"}, [3]),
    ({"min_articles": 1, "since": "2025-03-02", "until": "2025-04-02"}, [3, 2]),
]


@pytest.mark.parametrize("filters,sizes", CASES, ids=[str(f) for f, _ in CASES])
def test_cli_and_api_list_the_same_stories(both, filters, sizes):
    client, db = both
    args = [x for k, v in filters.items() for x in ("--" + k.replace("_", "-"), str(v))]
    from_cli, from_api = _cli(db, *args), _api(client, filters)
    assert from_cli == from_api
    assert [s["num_articles"] for s in from_api] == sizes


def test_a_story_and_its_articles(both):
    client, db = both
    top = _api(client, {})[0]
    assert (top["num_articles"], top["num_sources"], top["first_published"], top["last_published"],
            top["key"]) == (3, 2, "2025-03-01", "2025-03-09", "river-2")  # the earliest copy names it
    r = client.get(f"/api/v1/stories/{top['story_id']}")
    assert r.status_code == 200
    story = r.json()
    assert {k: story[k] for k in top} == top
    assert [a["key"] for a in story["articles"]] == ["river-1", "river-2", "river-3"]
    r = CliRunner().invoke(cli, ["stories", str(top["story_id"]), "--db", db, "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout) == story["articles"]


def test_cli_pages_like_the_api(both):
    client, db = both
    r = CliRunner().invoke(cli, ["stories", "--db", db, "--json", "--limit", "1", "--min-articles", "1"])
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 1
    cursor = r.stderr.split("--cursor", 1)[1].split()[0]
    rest = _cli(db, "--min-articles", "1", "--cursor", cursor)
    assert json.loads(r.stdout) + rest == _api(client, {"min_articles": 1})


@pytest.mark.parametrize("bad", [{"since": "March"}, {"until": "2025-02-30"}, {"cursor": "not-a-cursor"},
                                 {"min_articles": 0}])
def test_cli_and_api_refuse_the_same_values(both, bad):
    client, db = both
    args = [x for k, v in bad.items() for x in ("--" + k.replace("_", "-"), str(v))]
    r = CliRunner().invoke(cli, ["stories", "--db", db, *args])
    assert r.exit_code == 2, r.output
    assert client.get("/api/v1/stories", params=bad).status_code in (400, 422)


def test_a_missing_story(both):
    client, db = both
    r = client.get("/api/v1/stories/999")
    assert r.status_code == 404
    r = CliRunner().invoke(cli, ["stories", "999", "--db", db])
    assert r.exit_code == 1 and "error [E403]: no story 999" in r.stderr and r.stderr.count("error") == 1
