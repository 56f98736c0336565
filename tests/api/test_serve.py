"""``newsgraph serve``: a thin command over ``newsgraph.api.app.serve``."""

from __future__ import annotations

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.options import StageOptions

runner = CliRunner()


def test_serve_help():
    r = runner.invoke(app, ["serve", "--help"])
    assert r.exit_code == 0
    for opt in ("--db", "--host", "--port", "--token"):
        assert opt in r.output


def test_serve_missing_database_is_fatal(tmp_path):
    r = runner.invoke(app, ["serve", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 3
    assert not (tmp_path / "missing.db").exists()  # serving never creates a database


def test_serve_passes_options(monkeypatch, small_store):
    import newsgraph.api.app as api_app

    seen = {}
    monkeypatch.setattr(api_app, "serve", lambda db, **kw: seen.update(db=db, **kw))
    monkeypatch.delenv("NEWSGRAPH_API_TOKEN", raising=False)
    r = runner.invoke(app, ["serve", "--db", "x.db", "--host", "0.0.0.0", "--port", "9999", "--token", "t"])
    assert r.exit_code == 0, r.output
    assert seen == {"db": "x.db", "host": "0.0.0.0", "port": 9999, "token": "t", "log_level": "info",
                    "max_body_bytes": None, "rate_limit": None, "rate_burst": None, "workers": 1,
                    "options": StageOptions()}  # no --stage, no [stages]: the built-in stage data
    r = runner.invoke(app, ["serve", "--db", "x.db", "--workers", "2", "--rate-limit", "5", "--max-body-bytes", "1000"])
    assert r.exit_code == 0, r.output
    assert (seen["workers"], seen["rate_limit"], seen["max_body_bytes"]) == (2, 5.0, 1000)
    r = runner.invoke(app, ["serve", "--db", "x.db"], env={"NEWSGRAPH_API_TOKEN": "from-env"})
    assert seen["token"] == "from-env"
