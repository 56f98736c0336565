"""Regressions from the verification of issues 14-17 (2026-12-05): the CLI refuses what the API refuses,
and a user's search for a village finds a place, not a namesake person. Texts are invented."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()

ARTICLE = (
    "Saturday, May 3, 2025\n\n"
    "Herders return to border village after week of tension\n\n"
    "Families returned on Saturday to Kok-Moinok, a village in Kyrgyzstan's Naryn region, a week after "
    "they left during a dispute over grazing land. Kyrgyzstan said the road to Kok-Moinok was open again.\n\n"
    "\"The animals are thin but alive,\" said Bolot Asanaliev, a herder who stayed behind.\n"
)


@pytest.fixture(scope="module")
def light_db(tmp_path_factory):
    d = tmp_path_factory.mktemp("light")
    (d / "a.txt").write_text("The council met on Tuesday to discuss a new footbridge over the canal.\n")
    db = str(d / "light.db")
    assert runner.invoke(app, ["ingest", str(d / "a.txt"), "--db", db, "--no-nlp"]).exit_code == 0
    return db


@pytest.mark.parametrize("args, word", [
    (["events", "--since", "last week"], "since"),
    (["events", "--until", "2025-02-30"], "until"),
    (["quotes", "--kind", "paraphrase"], "kind"),
    (["report", "--country", "QQQ"], "QQQ"),
])
def test_cli_refuses_bad_filters_once_with_exit_2(light_db, args, word):
    r = runner.invoke(app, args + ["--db", light_db])
    assert r.exit_code == 2, r.output
    errors = [line for line in r.output.splitlines() if line.lower().startswith("error")]
    assert len(errors) == 1 and word in errors[0], r.output


def test_search_for_a_hyphenated_village_finds_the_place(nlp, tmp_path):
    from fastapi.testclient import TestClient

    from newsgraph.api.app import create_app

    (tmp_path / "2025-05-03-herders-return.txt").write_text(ARTICLE)
    db = str(tmp_path / "v.db")
    r = runner.invoke(app, ["ingest", str(tmp_path / "2025-05-03-herders-return.txt"), "--db", db])
    assert r.exit_code == 0, r.output
    res = TestClient(create_app(db=db)).get("/api/v1/search", params={"q": "Kok-Moinok"}).json()
    assert res["articles"], res
    assert [p for p in res["places"] if p["country"] == "KGZ" and p["name"] == "Kok-Moinok"], res["places"]
    assert not [a for a in res["actors"] if a.get("kind") == "person"], res["actors"]
