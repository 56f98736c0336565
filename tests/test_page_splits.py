"""The annotated pages' splits: dev, heldout and fresh select their own pages, `all` every page, and
splits joined by `+` (`dev+heldout`, what the accuracy gates score) their union."""

import pytest

from newsgraph.eval import pages


def test_each_split_selects_its_pages_and_all_includes_fresh():
    every = pages.page_list("all")
    assert every == pages.page_list()
    by_split = {s: pages.page_list(s) for s in pages.PAGE_SPLITS}
    assert all(p["split"] == s for s, ps in by_split.items() for p in ps)
    assert sum(len(ps) for ps in by_split.values()) == len(every)
    assert by_split["fresh"], "the fresh check pages are listed in pages.yaml"
    assert not {p["id"] for p in by_split["fresh"]} & {p["id"] for p in by_split["dev"] + by_split["heldout"]}


def test_joined_splits_are_the_union_without_fresh():
    both = pages.page_list("dev+heldout")
    assert {p["split"] for p in both} == {"dev", "heldout"}
    assert len(both) == len(pages.page_list("dev")) + len(pages.page_list("heldout"))


def test_unknown_split_is_refused():
    with pytest.raises(ValueError):
        pages.page_list("tune")
    with pytest.raises(ValueError):
        pages.page_list("dev+nothing")


def test_cli_accepts_fresh_and_refuses_other_splits():
    from typer.testing import CliRunner

    from newsgraph.cli import app

    runner = CliRunner()
    for cmd in ("quotes", "events", "actors"):
        res = runner.invoke(app, ["eval", cmd, "--pages", "--split", "everything"])
        assert res.exit_code == 2, (cmd, res.output)
    # a valid split passes validation; a missing benchmark folder is the next error (not a usage error)
    res = runner.invoke(app, ["eval", "events", "--pages", "--split", "fresh", "--aeb", "/nonexistent"])
    assert res.exit_code not in (0, 2), res.output


def test_fresh2_is_a_second_check_of_its_own():
    by_split = {s: {p["id"] for p in pages.page_list(s)} for s in pages.PAGE_SPLITS}
    assert len(by_split["fresh2"]) == 10, "fresh2: the 10 pages annotated in session 7"
    others = by_split["dev"] | by_split["heldout"] | by_split["fresh"]
    assert not by_split["fresh2"] & others
    gates = {p["id"] for p in pages.page_list("dev+heldout")}
    assert not gates & (by_split["fresh"] | by_split["fresh2"])
    assert by_split["fresh2"] <= {p["id"] for p in pages.page_list("all")}
    assert {p["id"] for p in pages.page_list("fresh+fresh2")} == by_split["fresh"] | by_split["fresh2"]


def test_fresh2_pages_have_all_three_layers_and_their_spans_fit():
    from pathlib import Path

    aeb = Path(__file__).resolve().parents[2] / "shared" / "eval" / "aeb"
    ids = [p["id"] for p in pages.page_list("fresh2")]
    for layer in ("events", "quotes", "entities"):
        missing = [i[:8] for i in ids if not (pages.GOLD_DIR / layer / f"{i}.json").exists()]
        assert not missing, (layer, missing)
    if not (aeb / "ground-truth.json").exists():
        pytest.skip("no shared benchmark here")
    for layer in ("events", "quotes", "entities"):
        gold = pages.load_layer(layer, aeb, "fresh2")  # raises on a span whose checksum does not match
        assert set(gold) == set(ids)
        for data in gold.values():
            for span in pages._walk_spans(data["items"]):
                assert span["end"] > span["start"], (layer, data["page"][:8], span)


def test_cli_accepts_fresh2():
    from typer.testing import CliRunner

    from newsgraph.cli import app

    runner = CliRunner()
    for cmd in ("quotes", "events", "actors"):
        res = runner.invoke(app, ["eval", cmd, "--pages", "--split", "fresh2", "--aeb", "/nonexistent"])
        assert res.exit_code not in (0, 2), (cmd, res.output)
