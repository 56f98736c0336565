import json

from typer.testing import CliRunner

from newsgraph.cli import app

from monitor_records import SPIKE_DAY

runner = CliRunner()


def _db(store):
    return store.url.split(":///", 1)[1]


def test_alerts_command(store):
    r = runner.invoke(app, ["alerts", "--db", _db(store), "--since", "7d", "--json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert rows and rows[0]["day"] == SPIKE_DAY and rows[0]["events"]
    r = runner.invoke(app, ["alerts", "--db", _db(store), "--since", "7d"])
    assert r.exit_code == 0 and "spike" in r.stdout and f"kaz-{SPIKE_DAY}" in r.stdout
    assert runner.invoke(app, ["alerts", "--db", _db(store), "--since", "later"]).exit_code == 2


def test_report_command(store, tmp_path):
    out = tmp_path / "kaz.html"
    r = runner.invoke(app, ["report", "--country", "KAZ", "--from", "2025-01-01", "--to", "2025-02-14",
                            "--db", _db(store), "--output", str(out)])
    assert r.exit_code == 0, r.output
    assert 'id="key-events"' in out.read_text()
    r = runner.invoke(app, ["report", "--country", "KAZ", "--db", _db(store), "--format", "md"])
    assert r.exit_code == 0 and "## Key quotes" in r.stdout
    assert runner.invoke(app, ["report", "--country", "KAZ", "--db", _db(store), "--format", "pdf"]).exit_code == 2


def test_ingest_refreshes_series(tmp_path):
    from newsgraph.monitor.series import load
    from newsgraph.store import open_store

    src = tmp_path / "a.txt"
    src.write_text("Quiet day\n\n2025-01-02\n\nNothing at all happened in the valley today, officials said.\n")
    db = tmp_path / "n.db"
    r = runner.invoke(app, ["ingest", str(src), "--db", str(db), "--no-nlp"])
    assert r.exit_code == 0, r.output
    s = open_store(db)
    # no NLP: no events or quotes, but the refresh ran without error and the command reported no warning
    assert "not refreshed" not in r.output and load(s.engine) == []
    s.close()


def test_first_use_on_an_older_database_says_it_builds_the_series(tmp_path):
    # a database written without the monitor's series: they are built once, with a notice on stderr
    from monitor_records import build_records
    from newsgraph.store import open_store

    s = open_store(tmp_path / "old.db")
    s.write(build_records())
    s.close()
    r = runner.invoke(app, ["alerts", "--db", str(tmp_path / "old.db"), "--since", "7d", "--json"])
    assert r.exit_code == 0, r.output
    assert "building the monitor's daily series (first use" in r.stderr
    assert json.loads(r.stdout)[0]["day"] == SPIKE_DAY  # stdout stays pure JSON
    again = runner.invoke(app, ["alerts", "--db", str(tmp_path / "old.db"), "--since", "7d", "--json"])
    assert "building" not in again.stderr


BAD_ALERTS = [(["--since", "later"], "since"), (["--until", "3d"], "until"), (["--scope", "planet"], "scope"),
              (["--country", "K1"], "country"), (["--since", "2025-02-30"], "since")]


def test_alerts_errors_are_coded_like_the_api_s(store):
    """A bad alerts filter: exit 2, printed once with its code (E401), before any database work; the
    same message as /api/alerts answers with 400 (newsgraph.monitor.alerts.check_query for both)."""
    import pytest

    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    with TestClient(create_app(store)) as client:
        for args, name in BAD_ALERTS:
            r = runner.invoke(app, ["alerts", "--db", _db(store), *args])
            assert r.exit_code == 2, (args, r.output)
            assert r.stderr.startswith(f"error [E401]: {name} ") and r.stderr.count("error") == 1, r.stderr
            api = client.get("/api/alerts", params={args[0].lstrip("-"): args[1]})
            if api.status_code == 400:  # scope is refused by the route's pattern first (422)
                assert api.json()["code"] == "E401" and api.json()["detail"] in r.stderr
            else:
                assert api.status_code == 422 and name == "scope"
    r = runner.invoke(app, ["alerts", "--db", "/nonexistent/none.db", "--since", "later"])
    assert r.exit_code == 2 and "E401" in r.stderr  # checked before the database is opened


def test_report_errors_are_coded(store):
    for args in (["--country", "XYZ"], ["--country", "KAZ", "--format", "pdf"],
                 ["--country", "KAZ", "--from", "2025-13-01"],
                 ["--country", "KAZ", "--from", "2025-02-01", "--to", "2025-01-01"], [],
                 ["--country", "KAZ", "--actor", "x"], ["--actor", "Nobody Known At All"]):
        r = runner.invoke(app, ["report", "--db", _db(store), *args])
        assert r.exit_code == 2 and r.stderr.startswith("error [E401]: ") and r.stderr.count("error") == 1, \
            (args, r.output)
