"""The whole pipeline: analyze() == extract, the JSON Schema, and the evidence rule."""

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import newsgraph
from newsgraph.pipeline import analyze_articles
from newsgraph.readers import iter_articles
from newsgraph.cli import app

DEMO = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(resources.files("newsgraph").joinpath("schemas/extract.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def check_offsets(rec: dict) -> int:
    """Assert the evidence rule on one extract record; returns the number of spans checked."""
    text = rec["text"]
    n = 0

    def span(s, field="text"):
        nonlocal n
        assert text[s["start"]:s["end"]] == s[field], (s, text[s["start"]:s["end"]])
        n += 1

    for e in rec["entities"]:
        span(e)
        if e.get("actor") and e["actor"].get("start") is not None:
            span(e["actor"])
    for q in rec["quotes"]:
        span(q, "content")
        if q["cue"]:
            span(q["cue"])
        if q["speaker"]:
            span(q["speaker"], "mention")
    for ev in rec["events"]:
        span(ev["trigger"])
        assert 0 <= ev["sentence"]["start"] <= ev["trigger"]["start"] <= ev["trigger"]["end"] <= ev["sentence"]["end"]
        for a in ev["source"] + ev["target"]:
            if a.get("start") is not None:
                span(a)
    return n


def test_analyze_text():
    text = ('Kazakh President Kassym-Jomart Tokayev met Russian President Vladimir Putin in Moscow on Monday. '
            '"We will not allow chaos," Tokayev said.')
    res = newsgraph.analyze(text)
    rec = res.to_dict()
    assert rec["text"] == text
    assert any(e["text"] == "Vladimir Putin" for e in rec["entities"])
    assert check_offsets(rec) > 3
    assert any(q["content"].startswith("We will not allow chaos") for q in rec["quotes"])


def test_analyze_path_equals_extract(tmp_path, validator):
    p = DEMO / "2025-03-05-andijan-farmers-protest.txt"
    via_python = newsgraph.analyze(str(p)).to_dict()
    res = CliRunner().invoke(app, ["extract", str(p)])
    assert res.exit_code == 0, res.output
    via_cli = json.loads(res.stdout.splitlines()[0])
    assert via_cli == via_python
    validator.validate(via_cli)


def test_non_english_is_stored_and_flagged():
    res = newsgraph.analyze(str(DEMO / "2025-04-08-accord-astana-fr.txt"))
    assert res.article.language == "fr"
    assert res.quotes == [] and res.events == [] and res.entities == []
    assert any("not English" in n for n in res.article.notes)


def test_demo_corpus_valid_and_exact(validator):
    results = list(analyze_articles(
        a for a in iter_articles([DEMO]) if isinstance(a, newsgraph.Article)))
    assert len(results) >= 25
    spans = 0
    for r in results:
        rec = json.loads(json.dumps(r.to_dict()))
        validator.validate(rec)
        spans += check_offsets(rec)
    assert spans > 500
    assert sum(len(r.quotes) for r in results) > 100
    assert sum(len(r.events) for r in results) > 30


def test_seed_article_end_to_end(seed_path, validator):
    rec = newsgraph.analyze(str(seed_path)).to_dict()
    validator.validate(rec)
    check_offsets(rec)
    assert rec["title"] == "What lessons should be learned from the crisis in Kazakhstan"
    assert rec["published"] == "2022-01-10"
    speakers = {q["speaker"]["name"] for q in rec["quotes"] if q["speaker"]}
    assert any("Tokayev" in (s or "") for s in speakers)
    assert any("Lukashenko" in (s or "") for s in speakers)
