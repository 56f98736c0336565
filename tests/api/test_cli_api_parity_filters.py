"""Issue 18, "the CLI and the API give the same records for the same filters": the other half of
tests/api/test_cli_api_parity.py. That file covers the common filters; this one gives every
remaining filter of each list command (articles, quotes, events, actors) at least one case, and
checks stats, whose CLI and endpoint read the same counts. Every case must find at least one
record, so a filter that both surfaces ignore cannot pass by returning everything or nothing
(each case is also checked against the unfiltered list where it should narrow it)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from test_cli_api_parity import TOKAYEV, _api_items, _cli_args
from typer.testing import CliRunner

from newsgraph.api import create_app
from newsgraph.cli import app as cli
from newsgraph.model import AnalyzedArticle, Article

PUTIN = "person:vladimir_putin"

# (command, filters, narrows): narrows is True where the case must return fewer records than the
# same command without filters (the filter is applied, not dropped on one side).
CASES = [
    ("articles", {"language": "en"}, True),
    ("articles", {"language": "en", "site": "Steppe Courier"}, True),
    ("articles", {"site": "<i>site</i>"}, True),
    ("articles", {"until": "2022-01-10"}, True),
    ("articles", {"sort": "date"}, False),
    ("articles", {"sort": "-id"}, False),
    ("quotes", {"about": PUTIN}, True),
    ("quotes", {"until": "2022-01-10"}, True),
    ("quotes", {"actor": PUTIN}, True),
    ("quotes", {"country": "RUS"}, True),
    ("quotes", {"sort": "date"}, False),
    ("quotes", {"sort": "-id"}, False),
    ("quotes", {"q": "peacekeepers", "kind": "direct"}, True),
    ("events", {"cameo": "19", "include_unasserted": True}, True),
    ("events", {"actor": TOKAYEV}, True),
    ("events", {"source_actor": PUTIN}, True),
    ("events", {"target_actor": "org:csto"}, True),
    ("events", {"target_country": "KAZ", "include_unasserted": True}, True),
    ("events", {"location": "Alma", "include_unasserted": True}, True),
    ("events", {"geonameid": 1526384, "include_unasserted": True}, True),
    ("events", {"geonameid": 524901}, True),
    ("events", {"has_location": True, "include_unasserted": True}, True),
    ("events", {"has_location": False, "include_unasserted": True}, True),
    ("events", {"has_location": True, "country": "KAZ"}, True),
    ("events", {"modality": "asserted"}, False),
    ("events", {"article": "a2", "include_unasserted": True}, True),
    ("events", {"until": "2022-01-10", "include_unasserted": True}, True),
    ("events", {"sort": "id", "include_unasserted": True}, False),
    ("events", {"sort": "-goldstein"}, False),
    ("actors", {"sector": "GOV"}, True),
    ("actors", {"kind": "person", "sort": "-mentions"}, True),
    ("actors", {"sort": "-name"}, False),
]


# an article of our own with a language and a site (the small store's articles carry neither)
COURIER = AnalyzedArticle(article=Article(
    text="The regional council met on Friday and agreed to repair the old bridge before the spring floods.",
    id="courier-1", title="Council agrees bridge repair", published="2022-01-08", language="en",
    site="Steppe Courier", url="https://example.org/courier-1"))


@pytest.fixture
def both(small_store):
    small_store.write([COURIER])
    with TestClient(create_app(small_store)) as client:
        yield client, small_store.url


def _ids(items: list[dict]) -> list:
    return [i.get("id", i.get("key")) for i in items]


@pytest.mark.parametrize("command,filters,narrows", CASES,
                         ids=[f"{c}-{'-'.join(f'{k}={v}' for k, v in f.items())}" for c, f, _ in CASES])
def test_every_filter_gives_the_same_records(both, command, filters, narrows):
    client, db = both
    r = CliRunner().invoke(cli, _cli_args(command, db, filters))
    assert r.exit_code == 0, r.output
    from_cli = json.loads(r.stdout)
    from_api = _api_items(client, command, filters)
    assert from_cli == from_api
    assert from_cli, "every case finds records in the small store"
    if narrows:
        base = {k: v for k, v in filters.items() if k == "include_unasserted"}
        everything = _api_items(client, command, base)
        assert len(from_api) < len(everything), "the filter narrows the list on both surfaces"
        assert set(map(str, _ids(from_api))) <= set(map(str, _ids(everything)))


def test_sort_orders_differ_and_agree(both):
    """Both orders of one list: the CLI and the API reverse together (sort is not ignored)."""
    client, db = both
    asc = _api_items(client, "quotes", {"sort": "id"})
    desc = _api_items(client, "quotes", {"sort": "-id"})
    assert _ids(asc) == list(reversed(_ids(desc))) and len(asc) > 1


def _stats(client, db) -> tuple[dict, dict]:
    r = CliRunner().invoke(cli, ["stats", "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    api = client.get("/api/v1/stats")
    assert api.status_code == 200
    return json.loads(r.stdout), api.json()


def test_stats_are_the_api_s(both):
    client, db = both
    from_cli, from_api = _stats(client, db)
    assert set(from_cli) == set(from_api) and {"articles", "quotes", "events", "actors"} <= set(from_cli)
    assert from_cli == from_api


def test_stats_name_an_unknown_language_alike(both):
    """The small store's articles carry no language, COURIER's is "en": both surfaces count the first
    under "unknown" (not None, which the CLI printed "null" and the API "None")."""
    client, db = both
    from_cli, from_api = _stats(client, db)
    assert from_cli["languages"] == from_api["languages"]
    assert from_cli["languages"]["en"] == 1 and from_cli["languages"]["unknown"] >= 1
    assert not {"null", "None", ""} & set(from_cli["languages"])
    assert sum(from_cli["languages"].values()) == from_cli["articles"]
