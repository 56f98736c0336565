"""``fetch`` and ``watch`` take ``--stage NAME=VALUE`` like ``extract`` and ``ingest`` (issue 18):
the options reach the feed ingest; a bad option is E404 (exit 2) and creates no database."""

from __future__ import annotations

from typer.testing import CliRunner

from newsgraph import feeds
from newsgraph.cli import app
from newsgraph.feeds import FetchSummary
from newsgraph.options import StageOptions


def _capture(monkeypatch):
    seen: dict[str, object] = {}

    def fake(name):
        def run(sources, store, **kw):
            seen[name] = kw.get("options")
            return FetchSummary()
        return run

    monkeypatch.setattr(feeds, "fetch", fake("fetch"))
    monkeypatch.setattr(feeds, "watch", fake("watch"))
    return seen


def test_fetch_and_watch_pass_stage_options(tmp_path, monkeypatch):
    seen = _capture(monkeypatch)
    db = str(tmp_path / "f.db")
    r = CliRunner().invoke(app, ["fetch", "https://feeds.invalid/a.xml", "--db", db, "--stage", "event_gate=false",
                                 "--stage", "learned_cues=false"])
    assert r.exit_code == 0, r.output
    assert seen["fetch"] == StageOptions(event_gate=False, learned_cues=False)
    r = CliRunner().invoke(app, ["watch", "https://feeds.invalid/a.xml", "--db", db, "--every", "1s", "--rounds", "1",
                                 "--stage", "cameo_verbs=false"])
    assert r.exit_code == 0, r.output
    assert seen["watch"] == StageOptions(cameo_verbs=False)
    r = CliRunner().invoke(app, ["fetch", "https://feeds.invalid/a.xml", "--db", db])
    assert r.exit_code == 0 and seen["fetch"] == StageOptions()  # no flag: the defaults


def test_a_bad_stage_option_is_a_usage_error_and_creates_no_database(tmp_path, monkeypatch):
    seen = _capture(monkeypatch)
    for cmd in (["fetch"], ["watch", "--every", "1s", "--rounds", "1"]):
        db = tmp_path / f"{cmd[0]}.db"
        r = CliRunner().invoke(app, [*cmd, "https://feeds.invalid/a.xml", "--db", str(db), "--stage", "no_such=1"])
        assert r.exit_code == 2 and "E404" in r.output, r.output
        assert not db.exists()
    assert not seen


def test_help_lists_the_stage_option():
    for cmd in ("fetch", "watch"):
        out = CliRunner().invoke(app, [cmd, "--help"], terminal_width=200).output
        assert "--stage" in out and "NAME=VALUE" in out
