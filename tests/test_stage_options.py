"""Stage options (``newsgraph.options.StageOptions``): the stages' lexicons, patterns and models set
from ``analyze_text``, ``ingest``, the spaCy component, the config file and the CLI's ``--stage``.
Sentences and pattern files are our own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsgraph
from newsgraph.errors import InputError
from newsgraph.options import DEFAULT, StageOptions, parse_pairs
from newsgraph.settings import load

SHADOW = "The Danish navy shadowed a Russian frigate near Bornholm on Tuesday."
SQUAWK = "Ann Lund squawked that the port would close on Friday."
PATTERNS = 'verbs:\n  shadow: {type: THREATEN, cameo: "130", target: [obj]}\n'


@pytest.fixture
def patterns(tmp_path) -> Path:
    p = tmp_path / "my_verbs.yaml"
    p.write_text(PATTERNS, encoding="utf-8")
    return p


@pytest.fixture
def lexicon(tmp_path) -> Path:
    """The shipped cue lexicon with one more clause verb."""
    src = Path(newsgraph.__file__).parent / "quotes" / "data"
    d = tmp_path / "cues"
    d.mkdir()
    for name in ("cues.yaml", "roles.yaml", "demonyms.csv"):
        shutil.copy(src / name, d / name)
    text = (d / "cues.yaml").read_text(encoding="utf-8").replace("clause:\n", "clause:\n  - squawk\n", 1)
    (d / "cues.yaml").write_text(text, encoding="utf-8")
    return d


def _types(result) -> list[tuple[str, str]]:
    return [(e.type, e.trigger.text) for e in result.events]


def test_options_parse_and_validate():
    o = StageOptions.from_mapping({"learned_cues": "false", "event_patterns": ["a.yaml", "b.yaml"],
                                   "quote_lexicon": "cues/"})
    assert (o.learned_cues, o.event_patterns, o.quote_lexicon) == (False, ("a.yaml", "b.yaml"), "cues/")
    assert not o.is_default and DEFAULT.is_default
    assert parse_pairs(["event_patterns=a.yaml", "event_patterns=b.yaml", "event_gate=no"]) == {
        "event_patterns": ["a.yaml", "b.yaml"], "event_gate": "no"}
    assert o.merged({"learned_cues": "yes"}) == StageOptions(quote_lexicon="cues/", event_patterns=("a.yaml", "b.yaml"))
    for bad in ({"quote_lexicom": "x"}, {"event_gate": "maybe"}):
        with pytest.raises(InputError) as exc:
            StageOptions.from_mapping(bad)
        assert exc.value.code == "E404"
    with pytest.raises(InputError):
        parse_pairs(["learned_cues"])


def test_config_file_stages_table(tmp_path):
    cfg = tmp_path / "ng.toml"
    cfg.write_text('db = "x.db"\n[stages]\nevent_patterns = ["p.yaml"]\nlearned_cues = false\n', encoding="utf-8")
    s = load(config=cfg, environ={})
    assert s.stages == StageOptions(event_patterns=("p.yaml",), learned_cues=False) and s.db == "x.db"
    cfg.write_text("[stages]\nevent_gates = false\n", encoding="utf-8")
    with pytest.raises(InputError):
        load(config=cfg, environ={})
    assert load(environ={}).stages == DEFAULT


def test_event_patterns_from_analyze(patterns):
    assert ("THREATEN", "shadowed") not in _types(newsgraph.analyze_text(SHADOW))
    got = newsgraph.analyze_text(SHADOW, options=StageOptions(event_patterns=(str(patterns),)))
    assert ("THREATEN", "shadowed") in _types(got)
    ev = next(e for e in got.events if e.trigger.text == "shadowed")
    assert ev.cameo == "130" and SHADOW[ev.trigger.start:ev.trigger.end] == "shadowed"


def test_quote_lexicon_from_analyze(lexicon):
    assert not newsgraph.analyze_text(SQUAWK).quotes
    got = newsgraph.analyze_text(SQUAWK, options=StageOptions(quote_lexicon=str(lexicon)))
    assert [(q.speaker.name, q.content) for q in got.quotes] == [("Ann Lund", "that the port would close on Friday")]


def test_ingest_and_component_take_the_same_options(tmp_path, patterns):
    opts = StageOptions(event_patterns=(str(patterns),))
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "s1", "text": SHADOW, "published": "2025-04-01"}) + "\n", encoding="utf-8")
    summary = newsgraph.ingest([str(src)], tmp_path / "o.db", options=opts, alerts=None)
    assert summary.inserted == 1
    from sqlalchemy import select

    from newsgraph.store import open_store
    from newsgraph.store.tables import events

    store = open_store(tmp_path / "o.db")
    with store.engine.connect() as conn:
        assert "THREATEN" in {r.type for r in conn.execute(select(events.c.type))}
    store.close()

    spacy = pytest.importorskip("spacy")
    from newsgraph import component  # noqa: F401  (registers the factory)
    from newsgraph.nlp import load_nlp, model_name

    nlp = spacy.load(model_name(load_nlp()))
    nlp.add_pipe("newsgraph", config={"options": {"event_patterns": [str(patterns)]}})
    assert ("THREATEN", "shadowed") in _types(nlp(SHADOW)._.newsgraph)


def test_cli_stage_flags(tmp_path, patterns):
    from newsgraph.cli import app

    src = tmp_path / "a.txt"
    src.write_text(SHADOW + "\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", "--stage", f"event_patterns={patterns}", str(src)])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.stdout.splitlines()[0])
    assert "THREATEN" in {e["type"] for e in rec["events"]}
    bad = CliRunner().invoke(app, ["extract", "--stage", "no_such=1", str(src)])
    assert bad.exit_code == 2 and "E404" in bad.output


def test_serve_passes_stage_options_to_the_app_and_its_workers(tmp_path, monkeypatch, patterns):
    pytest.importorskip("fastapi")
    from newsgraph.api import app as app_mod
    from newsgraph.cli import app

    seen = {}
    monkeypatch.setattr(app_mod, "serve", lambda db, **kw: seen.update(kw))
    r = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.db"), "--stage", f"event_patterns={patterns}"])
    assert r.exit_code == 0, r.output
    assert seen["options"] == StageOptions(event_patterns=(str(patterns),))
    # a worker process of serve(workers=N) rebuilds them from the environment
    from newsgraph.store import open_store

    open_store(tmp_path / "w.db", create=True).close()
    monkeypatch.setenv(app_mod._SERVE_ENV, json.dumps({"db": str(tmp_path / "w.db"),
                                                       "options": seen["options"].to_dict()}))
    worker = app_mod._app_from_env()
    assert worker.state.stage_options == seen["options"]
    worker.state.store.close()
