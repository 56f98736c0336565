"""Every read command of README's "The CLI at a glance" runs as written on the demo database and
prints something meaningful (records, or a sentence saying there are none), with exit code 0.

Commands that write, serve, fetch from the network or need PostgreSQL, Dask or the shared gold are
left out here (each has its own tests); the list of what is run is printed on failure."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP = ("extract", "ingest", "serve", "fetch", "watch", "load-shards", "eval", "info")


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## The CLI at a glance", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    out = []
    for line in block.splitlines():
        line = line.split("  #", 1)[0].split(" # ", 1)[0].strip()
        if line.startswith("newsgraph ") and line.split()[1] not in SKIP and "1234" not in line:  # 1234: an id to fill in
            out.append(line)
    return out


def test_the_readme_lists_read_commands():
    cmds = readme_commands()
    assert {c.split()[1] for c in cmds} >= {"stats", "articles", "quotes", "events", "actors", "actor", "alerts",
                                             "report", "stories"}, cmds


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_on_the_demo_database(command, demo_db, tmp_path):
    if not demo_db["nlp"]:
        pytest.skip("the NLP stages are not available")
    db = tmp_path / "news.db"
    shutil.copy(demo_db["path"], db)
    args = shlex.split(command)[1:]
    args = [str(db) if a == "news.db" else a for a in args]
    if "--output" in args:
        args[args.index("--output") + 1] = str(tmp_path / Path(args[args.index("--output") + 1]).name)
    r = subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True, timeout=300,
                       cwd=tmp_path)
    assert r.returncode == 0, (command, r.stdout[-2000:], r.stderr[-2000:])
    said = (r.stdout + r.stderr).strip()
    assert said, command
    assert "Traceback" not in said, said[-2000:]
    if args[0] in ("articles", "quotes", "events", "actors", "actor"):
        # the README's examples are chosen to find records in the demo corpus
        assert "no results" not in said and not said.startswith("no actor"), (command, said[:500])
        assert re.search(r"\w{3,}", r.stdout), command
