"""The accuracy gate: the evaluations on the shared gold data must stay above pinned floors.

Runs each `newsgraph eval …` on its full gold set (skips when ../shared is absent).
"""

import json
from pathlib import Path

import pytest

BASELINE = json.loads((Path(__file__).parent / "accuracy_baseline.json").read_text())


def test_extraction_gate(shared_dir):
    from newsgraph.eval.extraction import evaluate

    r = evaluate(shared_dir / "eval" / "aeb")
    assert r["failures"] == [], r["failures"]
    assert r["f1"] >= BASELINE["extraction"]["f1"], r["f1"]
    for key in ("title_accuracy", "date_accuracy", "page_type_accuracy"):  # our gold: gold/aeb_meta.json
        assert r[key] >= BASELINE["extraction"][key], (key, r[key], r["splits"])


def test_quotes_gate(shared_dir):
    from newsgraph.eval.quotes import evaluate

    r = evaluate(shared_dir / "eval" / "polnear" / "dev")
    assert r["thresholds"]["0.5"]["f1"] >= BASELINE["quotes"]["f1_at_0.5"], r["thresholds"]
    assert r["speaker"]["accuracy"] >= BASELINE["quotes"]["speaker_accuracy"], r["speaker"]


def test_events_gate(shared_dir):
    from newsgraph.eval.events import evaluate

    r = evaluate(shared_dir / "eval" / "plover-gsr" / "dev.jsonl")
    for key, floor in BASELINE["events"].items():
        assert r[key] >= floor, (key, r[key])


def test_actors_gate(shared_dir):
    from newsgraph.eval.actors import evaluate

    r = evaluate(shared_dir / "eval" / "plover-gsr" / "dev.jsonl")
    assert r["accuracy"] >= BASELINE["actors"]["accuracy"], r["accuracy"]


@pytest.mark.parametrize("section", sorted(k for k in BASELINE if not k.startswith("_")))
def test_baseline_floors_are_sane(section):
    assert all(0 < v <= 1 for v in BASELINE[section].values())
