"""The CLI and the API read through one layer (newsgraph.store.read): for the same filters, every
list command gives the same records as its endpoint, and a bad value is refused by both."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsgraph.api import create_app
from newsgraph.cli import app as cli

TOKAYEV = "person:kassym_jomart_tokayev"

CASES = [
    ("articles", {}),
    ("articles", {"q": "Tokayev"}),
    ("articles", {"since": "2022-01-06", "until": "2022-01-12"}),
    ("articles", {"sort": "id"}),
    ("quotes", {}),
    ("quotes", {"speaker": "Tokayev"}),
    ("quotes", {"q": "peacekeepers"}),
    ("quotes", {"country": "KAZ", "kind": "indirect"}),
    ("quotes", {"kind": "direct,mixed", "sort": "id"}),
    ("quotes", {"article": "a3"}),
    ("quotes", {"actor": TOKAYEV, "since": "2022-01-12"}),
    ("events", {}),
    ("events", {"country": "KAZ"}),
    ("events", {"type": "ASSAULT,COERCE", "include_unasserted": True}),
    ("events", {"actor_name": "army", "include_unasserted": True}),
    ("events", {"quad_class": "4", "sort": "goldstein"}),
    ("events", {"source_country": "KAZ", "since": "2022-01"}),
    ("actors", {}),
    ("actors", {"q": "tok"}),
    ("actors", {"country": "KAZ", "sort": "name"}),
    ("actors", {"kind": "group"}),
]


# the CLI's flag for a filter's False (the API's has_location=false)
NEGATED = {"has_location": "--no-location"}


def _cli_args(command: str, db: str, filters: dict) -> list[str]:
    args = [command, "--db", db, "--json", "--limit", "1000"]
    for k, v in filters.items():
        flag = "--" + k.replace("_", "-")
        args += [flag] if v is True else [NEGATED[k]] if v is False else [flag, str(v)]
    return args


def _api_items(client, command: str, filters: dict) -> list[dict]:
    """Every page of the endpoint, two records at a time (so pagination is exercised too)."""
    params = {k: ("true" if v is True else "false" if v is False else v) for k, v in filters.items()}
    items, cursor = [], None
    while True:
        r = client.get(f"/api/v1/{command}", params={**params, "limit": 2, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


@pytest.fixture
def both(small_store):
    with TestClient(create_app(small_store)) as client:
        yield client, small_store.url


@pytest.mark.parametrize("command,filters", CASES, ids=[f"{c}-{'-'.join(f) or 'all'}" for c, f in CASES])
def test_cli_and_api_list_the_same_records(both, command, filters):
    client, db = both
    r = CliRunner().invoke(cli, _cli_args(command, db, filters))
    assert r.exit_code == 0, r.output
    from_cli = json.loads(r.stdout)
    from_api = _api_items(client, command, filters)
    assert from_cli == from_api
    if command != "articles" or "since" not in filters:
        assert from_cli, "every case finds records in the small store"


def test_cli_follows_pages_and_prints_the_cursor(both):
    client, db = both
    r = CliRunner().invoke(cli, ["quotes", "--db", db, "--json", "--limit", "2"])
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 2
    cursor = r.stderr.split("--cursor", 1)[1].split()[0]
    rest = CliRunner().invoke(cli, ["quotes", "--db", db, "--json", "--limit", "1000", "--cursor", cursor])
    everything = CliRunner().invoke(cli, ["quotes", "--db", db, "--json", "--limit", "1000"])
    assert json.loads(r.stdout) + json.loads(rest.stdout) == json.loads(everything.stdout)


@pytest.mark.parametrize("command,bad", [("quotes", {"kind": "loud"}), ("events", {"quad_class": "7"}),
                                         ("articles", {"since": "2022-13-01"}), ("actors", {"sort": "height"}),
                                         ("events", {"type": "BOGUS"}), ("events", {"type": "ASSAULT,nope"}),
                                         ("events", {"country": "K1"}), ("events", {"target_country": "KAZAK"}),
                                         ("events", {"modality": "maybe"}), ("events", {"geonameid": -3}),
                                         ("quotes", {"country": "12"}), ("actors", {"country": "R"}),
                                         ("events", {"since": "yesterday"})])
def test_cli_and_api_refuse_the_same_values(both, command, bad):
    """Refused by both with the same message (newsgraph.store.filters): the API answers 422 when a
    route pattern catches the value first (a wrong shape), else 400 with the code, as the CLI."""
    client, db = both
    r = CliRunner().invoke(cli, _cli_args(command, db, bad))
    assert r.exit_code == 2 and "error [E401]" in r.stderr, r.output
    assert r.stderr.count("error") == 1, "printed once"
    api = client.get(f"/api/v1/{command}", params=bad)
    assert api.status_code in (400, 422)
    if api.status_code == 400:
        assert api.json()["code"] == "E401"
    if "sort" not in bad and "geonameid" not in bad:  # sort and geonameid: FastAPI's own words
        assert r.stderr.strip() == f"error [E401]: {api.json()['detail']}"


def test_actor_profile_is_the_api_s(both):
    client, db = both
    r = client.get(f"/api/v1/actors/{TOKAYEV}", params={"limit": 5})
    assert r.status_code == 200
    api = r.json()
    for arg in (TOKAYEV, "Tokayev"):  # an id, or a name the best match of which it is
        r = CliRunner().invoke(cli, ["actor", arg, "--db", db, "--json", "--limit", "5"])
        assert r.exit_code == 0, r.output
        assert json.loads(r.stdout) == api
    r = CliRunner().invoke(cli, ["actor", "Tokayev", "--db", db])
    assert "Kassym-Jomart Tokayev" in r.stdout and "peacekeepers" in r.stdout
    assert CliRunner().invoke(cli, ["actor", "nobody-at-all", "--db", db]).exit_code == 1
