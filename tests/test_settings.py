"""One settings object: defaults, then the environment, then the config file, then flags."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph import settings
from newsgraph.errors import InputError


@pytest.fixture(autouse=True)
def _no_process_config():
    settings.use_config(None)
    yield
    settings.use_config(None)


def test_order_defaults_environment_file_flags(tmp_path):
    assert settings.load(environ={}).db == "news.db"
    env = {"NEWSGRAPH_DB": "env.db", "NEWSGRAPH_RATE_LIMIT": "2.5", "NEWSGRAPH_ACTOR_DICTS": "a.yaml:b.yaml",
           "NEWSGRAPH_PHOENIX": "0"}
    s = settings.load(environ=env)
    assert (s.db, s.rate_limit, s.actor_dicts, s.phoenix) == ("env.db", 2.5, ("a.yaml", "b.yaml"), False)
    cfg = tmp_path / "newsgraph.toml"
    cfg.write_text('[newsgraph]\ndb = "file.db"\naggregate_cache = 0\n', encoding="utf-8")
    s = settings.load(cfg, environ=env)
    assert (s.db, s.rate_limit, s.aggregate_cache, s.config_file) == ("file.db", 2.5, 0, str(cfg))
    assert settings.load(cfg, environ=env, db="flag.db", rate_limit=None).db == "flag.db"
    assert settings.load(environ={**env, "NEWSGRAPH_CONFIG": str(cfg)}).db == "file.db"


@pytest.mark.parametrize("env,text", [({"NEWSGRAPH_RATE_LIMIT": "lots"}, None),
                                      ({"NEWSGRAPH_MAX_BODY_BYTES": "-1"}, None),
                                      ({}, 'colour = "blue"\n'), ({}, "db = \n")])
def test_bad_values_are_coded(tmp_path, env, text):
    cfg = None
    if text is not None:
        cfg = tmp_path / "bad.toml"
        cfg.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        settings.load(cfg, environ=env)
    assert exc.value.code == "E404" and isinstance(exc.value, ValueError)


def test_cli_reads_the_config_file(tmp_path):
    from newsgraph.cli import app
    from newsgraph.store import open_store

    open_store(tmp_path / "from-file.db").close()
    cfg = tmp_path / "cfg.toml"
    cfg.write_text(f'db = "{tmp_path / "from-file.db"}"\n', encoding="utf-8")
    r = CliRunner().invoke(app, ["--config", str(cfg), "stats", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["articles"] == 0
    r = CliRunner().invoke(app, ["--config", str(tmp_path / "none.toml"), "stats"])
    assert r.exit_code == 2 and "error [E404]" in r.stderr


def test_api_token_from_the_config_file(tmp_path, monkeypatch):
    pytest.importorskip("fastapi")
    from newsgraph.api import create_app

    monkeypatch.delenv("NEWSGRAPH_API_TOKEN", raising=False)
    cfg = tmp_path / "cfg.toml"
    cfg.write_text('api_token = "from-file"\nmax_body_bytes = 1000\n', encoding="utf-8")
    monkeypatch.setenv("NEWSGRAPH_CONFIG", str(cfg))
    app = create_app(tmp_path / "api.db", create=True)
    assert app.state.token == "from-file" and app.state.limits.max_body_bytes == 1000


def test_the_shared_data_folder_is_a_setting(tmp_path):
    """NEWSGRAPH_SHARED (the evaluation data) is read by settings.load like every other variable;
    the config file's ``shared`` overrides it."""
    assert settings.load(environ={}).shared is None
    assert settings.load(environ={"NEWSGRAPH_SHARED": "/data/shared"}).shared == "/data/shared"
    cfg = tmp_path / "newsgraph.toml"
    cfg.write_text('shared = "/elsewhere"\n', encoding="utf-8")
    assert settings.load(cfg, environ={"NEWSGRAPH_SHARED": "/data/shared"}).shared == "/elsewhere"


def test_actor_dictionaries_read_their_settings_through_settings_load(monkeypatch):
    """The actors stage reads NEWSGRAPH_PHOENIX and NEWSGRAPH_ACTOR_DICTS through settings.load
    (one module reads the environment), so the config file sets them too."""
    from newsgraph.actors.dictionary import env_dictionaries, use_phoenix

    monkeypatch.setenv("NEWSGRAPH_PHOENIX", "0")
    monkeypatch.setenv("NEWSGRAPH_ACTOR_DICTS", "/x/one.yaml" + __import__("os").pathsep + "/x/two.yaml")
    assert use_phoenix() is False
    assert env_dictionaries() == ["/x/one.yaml", "/x/two.yaml"]
    monkeypatch.delenv("NEWSGRAPH_PHOENIX")
    assert use_phoenix() is True
