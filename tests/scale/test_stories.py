"""`newsgraph stories`: near-duplicate stories listed with their counts, and one story's members."""

import json

import pytest
from typer.testing import CliRunner

pytest.importorskip("datasketch")

from newsgraph.cli import app  # noqa: E402
from newsgraph.dedup import list_stories, story_articles  # noqa: E402
from newsgraph.model import AnalyzedArticle, Article  # noqa: E402
from newsgraph.store import open_store  # noqa: E402

from scale_helpers import edited, story_text  # noqa: E402


def _fill(db) -> None:
    """Story A: stored first on 2025-03-05, copies dated 03-01 (the earliest) and 03-09, two on one site;
    story B: an original and one copy in April; story C alone."""
    a, b, c = story_text(0), story_text(1), story_text(2)
    arts = [
        Article(text=a, title="A origin", site="origin.example", published="2025-03-05"),
        Article(text=edited(a, 1), title="A early copy", site="wire.example", published="2025-03-01"),
        Article(text=edited(a, 2), title="A late copy", site="wire.example", published="2025-03-09"),
        Article(text=b, title="B origin", site="origin.example", published="2025-04-02"),
        Article(text=edited(b, 2), title="B copy", site="copy.example", published="2025-04-03"),
        Article(text=c, title="C alone", site="origin.example", published="2025-05-01"),
    ]
    s = open_store(db)
    s.write([AnalyzedArticle(article=x) for x in arts])
    s.close()


@pytest.fixture
def db(tmp_path):
    _fill(tmp_path / "s.db")
    return tmp_path / "s.db"


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request, tmp_path):
    if request.param == "sqlite":
        db = tmp_path / "s.db"
    else:
        db = request.getfixturevalue("pg_url")
    _fill(db)
    return db


def test_list_stories_counts_dates_and_earliest_title(any_db):
    s = open_store(any_db)
    rows = list_stories(s.engine, min_articles=2)
    assert [(r["num_articles"], r["num_sources"], r["first_published"], r["last_published"], r["title"])
            for r in rows] == [(3, 2, "2025-03-01", "2025-03-09", "A early copy"),
                               (2, 2, "2025-04-02", "2025-04-03", "B origin")]
    assert len(list_stories(s.engine)) == 3
    assert [r["title"] for r in list_stories(s.engine, since="2025-04-01")] == ["B origin", "C alone"]
    assert list_stories(s.engine, min_articles=2, limit=1)[0]["num_articles"] == 3
    members = story_articles(s.engine, rows[0]["story_id"])
    assert [m["title"] for m in members] == ["A origin", "A early copy", "A late copy"]
    s.close()


def test_cli_stories(db):
    run = CliRunner().invoke
    r = run(app, ["stories", "--db", str(db), "--json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert [x["num_articles"] for x in rows] == [3, 2]
    r = run(app, ["stories", "--db", str(db), "--min-articles", "1", "--since", "2025-05-01", "--json"])
    assert [x["title"] for x in json.loads(r.stdout)] == ["C alone"]
    r = run(app, ["stories", "--db", str(db)])
    assert r.exit_code == 0 and "A early copy" in r.stdout and "2025-03-09" in r.stdout
    r = run(app, ["stories", str(rows[0]["story_id"]), "--db", str(db), "--json"])
    assert r.exit_code == 0 and [m["site"] for m in json.loads(r.stdout)] == [
        "origin.example", "wire.example", "wire.example"]
    r = run(app, ["stories", str(rows[1]["story_id"]), "--db", str(db)])
    assert r.exit_code == 0 and "B copy" in r.stdout
    assert run(app, ["stories", "999", "--db", str(db)]).exit_code == 1
    r = run(app, ["stories", "--db", str(db), "--since", "March"])
    assert r.exit_code == 2 and "not a date" in r.output
