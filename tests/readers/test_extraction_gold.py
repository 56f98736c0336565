"""The title/date/page-type gold of the extraction benchmark and the helpers that score it."""

import re

from newsgraph.eval.extraction import load_meta_gold, split_of, title_key, title_sha1

PAGE_TYPES = {"article", "live", "listing", "guide", "product", "wall", "error"}


def test_title_key_ignores_typography_not_words():
    assert title_key("  ‘Quiet’ night  —  in town… ") == "'Quiet' night - in town..."
    assert title_key("A “big” day") == title_key('A "big" day')
    assert title_key("Rain falls") != title_key("Rain Falls")
    assert title_sha1("Rain  falls") == title_sha1("Rain falls")


def test_split_rule():
    assert split_of("c" + "0" * 63) == "heldout"
    assert split_of("f" + "0" * 63) == "heldout"
    assert split_of("0" + "1" * 63) == "dev"


def test_meta_gold_is_well_formed():
    gold = load_meta_gold()
    assert len(gold) == 181
    for page_id, entry in gold.items():
        assert re.fullmatch(r"[0-9a-f]{64}", page_id)
        assert re.fullmatch(r"[0-9a-f]{40}", entry["title_sha1"]) and entry["title_len"] > 0
        for day in [entry["date"], *entry.get("date_also", [])]:
            assert day is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", day)
        assert entry["page_type"] in PAGE_TYPES
    splits = [split_of(i) for i in gold]
    assert 40 <= splits.count("heldout") <= 70
