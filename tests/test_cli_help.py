"""The CLI's surface: readable help (plain metavars, help on every option), --version, one error
line per failed input, no database left behind by a run that read nothing, usage errors exit 2,
and a sentence instead of an empty table."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from newsgraph import __version__
from newsgraph.cli import app
from newsgraph.cli_options import tidy_help

runner = CliRunner()
NOISE = re.compile(r"Usage: .*\{\w+\}|^  \{\w+\}|<list\[|<int|<float|range>|<path>|<str>|<text>", re.M)


def _commands():
    root = typer.main.get_command(app)
    out = [([], root)]
    for name, cmd in root.commands.items():
        out.append(([name], cmd))
        for sub, c in getattr(cmd, "commands", {}).items():
            out.append(([name, sub], c))
    return out


@pytest.mark.parametrize("path", [p for p, _ in _commands()], ids=lambda p: " ".join(p) or "newsgraph")
def test_help_has_plain_metavars(path):
    r = runner.invoke(app, [*path, "--help"])
    assert r.exit_code == 0, r.output
    assert not NOISE.search(r.output), r.output


def test_every_option_and_argument_has_help():
    missing = []
    for path, cmd in _commands():
        tidy_help(cmd)
        for p in cmd.params:
            if p.name != "help" and not (getattr(p, "help", None) or "").strip():
                missing.append(f"{' '.join(path)} {p.name}")
    assert not missing, missing


def test_version():
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.stdout.strip() == f"newsgraph {__version__}"


def test_ingest_of_a_missing_file_says_so_once_and_creates_no_database(tmp_path):
    db = tmp_path / "y.db"
    r = runner.invoke(app, ["ingest", str(tmp_path / "nonexist.txt"), "--db", str(db)])
    assert r.exit_code == 1
    assert r.output.count("no such file or directory") == 1, r.output
    assert not db.exists()


def test_ingest_that_reads_nothing_leaves_no_database(tmp_path):
    (tmp_path / "empty.txt").write_text("\n")
    db = tmp_path / "y.db"
    r = runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), str(tmp_path / "gone.txt"), "--db", str(db),
                            "--no-nlp"])
    assert r.exit_code == 1
    assert r.output.count("empty.txt") == 1 and r.output.count("gone.txt") == 1, r.output
    assert not any(tmp_path.glob("y.db*"))


def test_ingest_into_an_existing_database_keeps_it(tmp_path):
    (tmp_path / "a.txt").write_text("The council met on Tuesday to discuss the new bridge over the river.\n")
    (tmp_path / "empty.txt").write_text("\n")
    db = tmp_path / "y.db"
    assert runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(db), "--no-nlp"]).exit_code == 0
    r = runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), "--db", str(db), "--no-nlp"])
    assert r.exit_code == 1 and db.exists()


def test_load_shards_of_a_missing_directory_is_a_usage_error(tmp_path):
    db = tmp_path / "z.db"
    r = runner.invoke(app, ["load-shards", str(tmp_path / "nonexist"), "--db", str(db)])
    assert r.exit_code == 2 and "does not exist" in r.output
    assert not db.exists()


def test_empty_results_print_a_sentence_not_a_header(tmp_path):
    (tmp_path / "a.txt").write_text("The council met on Tuesday to discuss the new bridge over the river.\n")
    db = str(tmp_path / "y.db")
    assert runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db, "--no-nlp"]).exit_code == 0
    for args in (["quotes"], ["events"], ["actors"], ["articles", "--search", "zeppelin"]):
        r = runner.invoke(app, [*args, "--db", db])
        assert r.exit_code == 0 and "no results" in r.output and "┃" not in r.output, (args, r.output)
        assert "try fewer filters" in r.output, "an empty result says what to try"
        assert ("--include-unasserted" in r.output) == (args == ["events"]), r.output
