"""The CLI end to end (reading only, no NLP: fast)."""

import json
import subprocess
import sys

from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()


def _corpus(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Monday, March 3, 2025\n\nTalks open in Astana\n\nThe CSTO met in Astana on Monday.")
    (d / "b.jsonl").write_text(
        json.dumps({"id": "b1", "text": "Kazakhstan hosted the talks.", "published": "2025-03-04"}) + "\n"
        + "{broken\n"
    )
    (d / "c.txt").write_bytes(b"")
    return d


def test_help_is_fast_and_lists_commands():
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "newsgraph", "--help"],
                         capture_output=True, text=True)
    assert out.returncode == 0 and "extract" in out.stdout and "ingest" in out.stdout
    assert "spacy" not in out.stderr  # spaCy is not imported for --help


def test_extract_no_nlp_reports_failures(tmp_path):
    d = _corpus(tmp_path)
    res = runner.invoke(app, ["extract", "--no-nlp", str(d)])
    assert res.exit_code == 1
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert [x["title"] for x in lines] == ["Talks open in Astana", None]
    assert lines[1]["id"] == "b1" and lines[1]["published"] == "2025-03-04"
    assert "b.jsonl:2: malformed JSON" in res.stderr
    assert "c.txt: empty file" in res.stderr
    assert "extracted 2 article(s), 2 failed" in res.stderr


def test_extract_all_good_exits_zero(tmp_path):
    p = tmp_path / "ok.txt"
    p.write_text("The parliament met on Tuesday.")
    res = runner.invoke(app, ["extract", "--no-nlp", str(p)])
    assert res.exit_code == 0, res.output


def test_ingest_stats_articles_info(tmp_path):
    d = _corpus(tmp_path)
    db = str(tmp_path / "news.db")
    res = runner.invoke(app, ["ingest", "--no-nlp", str(d), "--db", db, "--json"])
    assert res.exit_code == 1
    summary = json.loads(res.stdout)
    assert summary["inserted"] == 2 and summary["failed"] == 2
    res = runner.invoke(app, ["ingest", "--no-nlp", str(d), "--db", db, "--json"])
    assert json.loads(res.stdout)["inserted"] == 0 and json.loads(res.stdout)["duplicates"] == 2
    res = runner.invoke(app, ["stats", "--db", db, "--json"])
    assert json.loads(res.stdout)["articles"] == 2
    res = runner.invoke(app, ["articles", "--db", db, "--search", "CSTO", "--json"])
    assert [r["title"] for r in json.loads(res.stdout)] == ["Talks open in Astana"]
    res = runner.invoke(app, ["info", "--json"])
    info = json.loads(res.stdout)
    assert info["schema_version"] >= 1 and info["spacy_model"] and info["version"]


def test_missing_database_is_fatal(tmp_path):
    res = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 3 and "does not exist" in res.stderr


def test_missing_model_is_fatal(tmp_path):
    p = tmp_path / "ok.txt"
    p.write_text("The parliament met on Tuesday in Bishkek to debate the water law.")
    res = runner.invoke(app, ["extract", "--model", "no_such_model_xyz", str(p)])
    assert res.exit_code == 3 and "no_such_model_xyz" in res.stderr
