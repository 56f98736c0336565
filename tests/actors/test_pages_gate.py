"""The actors gate on real pages: `newsgraph eval actors --pages` over the dev and held-out pages
together (not the fresh check pages) must keep its figures on the right side of tests/accuracy_baseline.json
(`pages_*`; `_max` keys are ceilings). Skips when ../shared is absent."""

import json
from pathlib import Path

import pytest

BASELINE = json.loads((Path(__file__).parents[1] / "accuracy_baseline.json").read_text())["actors"]


@pytest.fixture(scope="module")
def pages_result(shared_dir):
    from newsgraph.eval.actors import evaluate_pages
    from newsgraph.eval.pages import load_layer

    if not load_layer("entities", shared_dir / "eval" / "aeb"):
        pytest.skip("no entities gold")
    return evaluate_pages(shared_dir / "eval" / "aeb", split="dev+heldout")


def test_actors_pages_gate(pages_result):
    figures = pages_result["splits"].get("all") or next(iter(pages_result["splits"].values()))
    assert figures["country_accuracy"] >= BASELINE["pages_right_country"], figures
    assert figures["place_accuracy"] >= BASELINE["pages_place_accuracy"], figures
    assert figures["actor_junk"] <= BASELINE["pages_actor_junk_max"], figures
    assert figures["place_junk"] <= BASELINE["pages_place_junk_max"], figures


def test_held_out_errors_are_never_listed(pages_result):
    from newsgraph.eval.pages import page_list

    dev = {p["id"][:8] for p in page_list("dev")}
    assert all(e["page"] in dev for e in pages_result["errors"])
