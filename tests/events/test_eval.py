import json

from newsgraph.eval.events import evaluate, format_report

from .helpers import FakeResolver

ROWS = [
    {"id": "a", "date": "2000-01-01", "text": "Israeli soldiers attacked Palestinian protesters in Gaza.",
     "source": [{"actorText": "Israeli", "code": "ISR"}], "event_plover2": "ASSAULT"},
    {"id": "b", "date": "2000-01-01", "text": "Egypt called on Israel to withdraw its troops from Gaza.",
     "source": [{"actorText": "Egypt", "code": "EGY"}], "event_plover2": "REQUEST"},
    {"id": "c", "date": "2000-01-01", "text": "The weather was fine.",
     "source": [{"actorText": "Syria", "code": "SYR"}], "event_plover2": "AGREE"},
]


def test_evaluate_synthetic(tmp_path, nlp):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n")
    res = evaluate(path, nlp=nlp, resolver=FakeResolver())
    assert res["sentences"] == 3
    assert abs(res["recall"] - 2 / 3) < 1e-9
    assert res["predicted_events"] == 2 and res["precision"] == 1.0  # the requested withdrawal is not counted
    assert res["source_accuracy"] == 1.0 and res["source_scored"] == 2
    assert res["confusion"]["AGREE"] == {"-": 1}
    assert [e["id"] for e in res["errors"]] == ["c"]
    report = format_report(res)
    assert "recall" in report and "precision" in report and "ASSAULT" in report
    assert evaluate(path, nlp=nlp, resolver=FakeResolver(), limit=1)["sentences"] == 1


def test_plover_dev_targets(shared_dir, nlp):
    """Regression guard on the dev gold (targets of the issue: recall >= 0.75,
    precision >= 0.70; source accuracy depends on the actors dictionaries)."""
    path = shared_dir / "eval" / "plover-gsr" / "dev.jsonl"
    res = evaluate(path, nlp=nlp)
    assert res["sentences"] == 163
    assert res["recall"] >= 0.75
    assert res["precision"] >= 0.70
    assert res["source_accuracy"] >= 0.6
