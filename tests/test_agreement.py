"""Agreement between the main page gold and the second annotation (newsgraph.eval.agreement)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.eval import agreement
from newsgraph.eval.pages import GOLD_DIR

AEB = Path(__file__).resolve().parents[2] / "shared" / "eval" / "aeb"
needs_shared = pytest.mark.skipif(not (AEB / "ground-truth.json").exists(), reason="../shared not present")


def _span(start: int, end: int) -> dict:
    return {"start": start, "end": end, "sha": "0"}


def test_events_need_same_type_and_overlapping_trigger():
    main = [{"trigger": _span(10, 18), "type": "ACCUSE", "source": _span(0, 5), "target": None, "modality": "asserted"},
            {"trigger": _span(40, 46), "type": "PROTEST", "source": None, "target": None, "modality": "asserted"},
            {"trigger": _span(60, 66), "type": "REQUEST", "source": None, "target": None, "modality": "requested"}]
    second = [{"trigger": _span(14, 18), "type": "ACCUSE", "source": _span(2, 5), "target": None, "modality": "asserted"},
              {"trigger": _span(40, 46), "type": "ASSAULT", "source": None, "target": None, "modality": "asserted"},
              {"trigger": _span(60, 66), "type": "REQUEST", "source": None, "target": None, "modality": "asserted"}]
    c = agreement.compare_events(main, second)
    assert (c["gold"], c["pred"], c["tp"]) == (2, 3, 1)
    assert (c["src_n"], c["src_ok"]) == (1, 1)
    assert c["type differs (second)"] == 1 and c["type differs (main)"] == 1
    assert c["modality differs (second asserted)"] == 1
    fig = agreement._events_figures(c)
    assert fig["precision"] == pytest.approx(1 / 3, abs=1e-4) and fig["recall"] == 0.5


def test_entities_exact_span_then_kind_and_country():
    main = [{"span": _span(0, 6), "kind": "country", "country": "GBR", "place_country": None, "place_level": None},
            {"span": _span(10, 20), "kind": "person", "country": "GBR", "place_country": None, "place_level": None},
            {"span": _span(30, 36), "kind": "place", "country": None, "place_country": "FRA", "place_level": "city"}]
    second = [{"span": _span(0, 6), "kind": "place", "country": None, "place_country": "GBR", "place_level": "country"},
              {"span": _span(13, 20), "kind": "person", "country": "GBR", "place_country": None, "place_level": None},
              {"span": _span(30, 36), "kind": "place", "country": None, "place_country": "BEL", "place_level": "city"}]
    c = agreement.compare_entities(main, second)
    fig = agreement._entities_figures(c)
    assert (c["tp"], fig["f1"]) == (2, pytest.approx(2 / 3, abs=1e-4))
    assert fig["kind"] == 0.5 and fig["country"] == 0.5
    assert c["span bounds (second)"] == 1 and c["span bounds (main)"] == 1


def test_quotes_use_the_system_rules():
    body = "x" * 200
    main = [{"content": _span(10, 50), "cue": None, "speaker": _span(0, 5), "speaker_name": "Ana Lima",
             "kind": "indirect", "group": None},
            {"content": _span(100, 140), "cue": None, "speaker": None, "speaker_name": None, "kind": "direct", "group": None}]
    second = [{"content": _span(12, 50), "cue": None, "speaker": _span(0, 5), "speaker_name": "Lima",
               "kind": "indirect", "group": None},
              {"content": _span(130, 190), "cue": None, "speaker": None, "speaker_name": None, "kind": "direct", "group": None}]
    c = agreement.compare_quotes(main, second, body)
    fig = agreement._quotes_figures(c)
    assert (fig["precision"], fig["recall"], fig["speaker"]) == (0.5, 0.5, 1.0)
    assert c["content bounds (second)"] == 1 and c["content bounds (main)"] == 1


@needs_shared
def test_agreement_figures_in_range():
    result = agreement.evaluate(AEB)
    for layer in agreement.LAYERS:
        block = result["layers"][layer]
        assert block["pages"], f"no page with both annotations in {layer}"
        assert {"dev", "heldout"} <= set(block["splits"])
        for figures in list(block["pages"].values()) + list(block["splits"].values()):
            for key, value in figures.items():
                if key in ("precision", "recall", "f1", "source", "speaker", "kind", "country") and value is not None:
                    assert 0.0 <= value <= 1.0, (layer, key, value)
    assert "Agreement" in agreement.format_report(result)


def _nested(items: list[dict]) -> bool:
    spans = sorted((it["content"]["start"], it["content"]["end"]) for it in items)
    return any(a[1] > b[0] for a, b in zip(spans, spans[1:]))


@needs_shared
@pytest.mark.parametrize("folder", [GOLD_DIR, agreement.AGREEMENT_DIR], ids=["main", "second"])
def test_a_layer_compared_with_itself_scores_one(folder):
    result = agreement.evaluate(AEB, second_dir=folder, main_dir=folder)
    for layer in agreement.LAYERS:
        block = result["layers"][layer]
        assert block["pages"]
        for pid8, figures in list(block["pages"].items()) + list(block["splits"].items()):
            assert figures["f1"] == 1.0, (layer, pid8, figures)
            for key in ("source", "kind", "country"):
                assert figures.get(key) in (None, 1.0), (layer, pid8, key, figures)
        for pid8, figures in block["pages"].items():
            if layer == "quotes" and figures["speaker"] not in (None, 1.0):
                # the quote scorer compares a quotation nested in another with the speaker of the
                # outer one (the first that covers it): only pages with nested quotations fall short
                path = next((folder / layer).glob(f"{pid8}*.json"))
                assert _nested(json.loads(path.read_text(encoding="utf-8"))["items"]), pid8


@needs_shared
def test_anchor_dest_writes_outside_the_gold(tmp_path):
    from newsgraph.eval import pages

    page = next(p["id"] for p in pages.page_list("dev"))
    gold = GOLD_DIR / "entities" / f"{page}.json"
    before = gold.read_bytes() if gold.exists() else None
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps({"items": [{"span": {"start": 0, "end": 4}, "kind": "other"}]}), encoding="utf-8")
    args = ["--aeb", str(AEB), "anchor", "entities", page[:8], str(draft), "--annotator", "t", "--dest", str(tmp_path)]
    assert pages.main(args) == 0
    written = json.loads((tmp_path / "entities" / f"{page}.json").read_text(encoding="utf-8"))
    assert written["annotator"] == "t" and written["items"][0]["span"]["sha"]
    assert (gold.read_bytes() if gold.exists() else None) == before
