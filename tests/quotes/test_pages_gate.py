"""The quotes gate on real pages: `newsgraph eval quotes --pages` on the dev and held-out pages must keep each split's
precision, recall and speaker accuracy at or above tests/accuracy_baseline.json (`quotes.pages_*`).
Skips when ../shared is absent."""

import json
from pathlib import Path

import pytest

BASELINE = json.loads((Path(__file__).parents[1] / "accuracy_baseline.json").read_text())["quotes"]
# floors raised in session 7 (issue 15), a bit below what was measured on 2026-12-06 (dev P 0.960, R 0.930, speaker
# 0.944; held-out 0.786 / 0.854 / 0.866): tests/accuracy_baseline.json is shared, so the higher of the two applies
FLOORS_S7 = {"pages_dev_precision": 0.95, "pages_dev_recall": 0.92, "pages_dev_speaker": 0.93}


def _floor(key: str) -> float:
    return max(BASELINE[key], FLOORS_S7.get(key, 0.0))


@pytest.fixture(scope="module")
def pages_result(shared_dir):
    from newsgraph.eval.pages import load_layer
    from newsgraph.eval.quotes import evaluate_pages

    if not load_layer("quotes", shared_dir / "eval" / "aeb"):
        pytest.skip("no quotes gold")
    return evaluate_pages(shared_dir / "eval" / "aeb", split="dev+heldout")


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_quotes_pages_gate(pages_result, split):
    if split not in pages_result["splits"]:
        pytest.skip(f"no {split} quotes gold")
    figures = pages_result["splits"][split]["all"]
    assert figures["precision"] >= _floor(f"pages_{split}_precision"), figures
    assert figures["recall"] >= _floor(f"pages_{split}_recall"), figures
    assert figures["speaker_accuracy"] >= _floor(f"pages_{split}_speaker"), figures


def test_held_out_errors_are_never_listed(pages_result):
    from newsgraph.eval.pages import page_list

    dev = {p["id"][:8] for p in page_list("dev")}
    assert set(pages_result["dev_errors"]) <= dev
