"""The error catalogue: every code used in the code is in newsgraph.errors.CATALOGUE and in
docs/errors.md, and the CLI and the API map coded errors the same way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph import errors

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "newsgraph"
CODE = re.compile(r"""["'](E\d{3})["']""")


def _codes_in_source() -> set[str]:
    found: set[str] = set()
    for p in SRC.rglob("*.py"):
        found |= set(CODE.findall(p.read_text(encoding="utf-8")))
    found |= {cls.code for cls in vars(errors).values()
              if isinstance(cls, type) and issubclass(cls, errors.NewsgraphError)}
    return found


def test_every_code_is_catalogued_and_documented():
    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(E\d{3})` \|", doc, flags=re.M))
    used = _codes_in_source()
    assert "E101" in used and "E401" in used  # the scan finds codes at all
    assert used <= set(errors.CATALOGUE), used - set(errors.CATALOGUE)
    assert set(errors.CATALOGUE) == documented, set(errors.CATALOGUE) ^ documented


def test_families_and_old_names():
    from newsgraph.feeds import FetchError
    from newsgraph.nlp import ModelNotFound
    from newsgraph.readers import ReaderError
    from newsgraph.store.db import StoreError
    from newsgraph.store.views import ViewError

    for cls, family in ((ReaderError, "E1"), (FetchError, "E1"), (ModelNotFound, "E2"), (StoreError, "E3"),
                        (ViewError, "E4")):
        assert issubclass(cls, errors.NewsgraphError) and cls.code.startswith(family)
    assert issubclass(StoreError, RuntimeError) and issubclass(ViewError, ValueError)  # old excepts hold
    with pytest.raises(ValueError):
        errors.StoreError("x", code="E999")


def test_cli_and_api_map_coded_errors(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    r = CliRunner().invoke(app, ["stats", "--db", str(tmp_path / "nothing.db")])
    assert r.exit_code == errors.exit_code(errors.StoreError("x", code="E302")) == 3
    assert "error [E302]" in r.stderr and "does not exist" in r.stderr

    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app
    from newsgraph.store import open_store

    store = open_store(tmp_path / "api.db")
    with TestClient(create_app(store)) as c:
        r = c.get("/api/v1/quotes?cursor=not-a-cursor")
        assert r.status_code == 400 and r.json()["code"] == "E402"
    store.close()
