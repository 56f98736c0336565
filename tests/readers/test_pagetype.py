"""Page types decided on the page (newsgraph.readers.pagetype), on invented pages."""

from __future__ import annotations

import json

import pytest

from newsgraph.model import Article
from newsgraph.readers.html import read_html
from newsgraph.readers.pagetype import NOT_ANALYSED, PAGE_TYPES, cues, skip_note

PROSE = " ".join(["The island council met on Thursday and argued for hours about the price of the night ferry."] * 5)


def _page(title: str, body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


def _type(title: str, body: str, head: str = "") -> str | None:
    return read_html(_page(title, body, head)).page_type


def _ld(obj: dict) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


def test_news_article():
    assert _type("Council splits over ferry prices", f"<p>{PROSE}</p><p>{PROSE}</p>") == "article"


def test_news_with_deal_in_the_title_is_still_an_article():
    assert _type("Mayor agrees deal to keep the night ferry", f"<p>{PROSE}</p>") == "article"


def test_consent_wall():
    body = "<p>We use cookies to improve your visit.</p><p>Accept all cookies or manage your consent below.</p>"
    assert _type("Before you continue", body) == "wall"


def test_paywalled_teaser():
    head = _ld({"@type": "NewsArticle", "isAccessibleForFree": False, "headline": "Ferry money"})
    assert _type("Ferry money", "<p>The ferry company lost money again this winter, its owners said.</p>", head) == "wall"


def test_error_page():
    assert _type("Page not found", "<p>Sorry, the page you are looking for has moved.</p>") == "error"


def test_live_blog_by_time_stamps():
    parts = []
    for hour in ("9:05 a.m.", "10:40 a.m.", "1:15 p.m.", "4:30 p.m."):
        parts.append(f"<p>{hour}</p><p>{PROSE}</p>")
    assert _type("Storm closes the harbour", "".join(parts)) == "live"


def test_listing_of_links():
    items = "".join(f"<p>Ferry notice number {i}</p>" for i in range(12))
    assert _type("Harbour notices", items) == "listing"


def test_guide_and_product_by_title_and_json_ld():
    assert _type("How to pack for a week on the island", f"<p>{PROSE}</p>") == "guide"
    assert _type("Plum jam", f"<p>{PROSE}</p>", _ld({"@type": "Recipe", "name": "Plum jam"})) == "guide"
    assert _type("Lumen 3 headlamp review: bright, but heavy", f"<p>{PROSE}</p>") == "product"
    head = _ld({"@type": "NewsArticle", "headline": "Ferry prices",
                "isPartOf": {"@type": "Product", "name": "Island Times subscription"}})
    assert _type("Council splits over ferry prices", f"<p>{PROSE}</p>", head) == "article"


def test_cues_file_names_only_known_types():
    assert set(cues()) <= set(PAGE_TYPES)
    assert NOT_ANALYSED < set(PAGE_TYPES) and "article" not in NOT_ANALYSED and "live" not in NOT_ANALYSED


@pytest.mark.parametrize("page_type, skipped", [("guide", True), ("wall", True), ("article", False),
                                                ("live", False), (None, False)])
def test_skip_note(page_type, skipped):
    note = skip_note(Article(text="x", page_type=page_type))
    assert (note is not None) == skipped
    if skipped:
        assert page_type in note


def test_pages_that_are_not_articles_are_stored_but_not_analysed():
    from newsgraph.pipeline import analyze_articles

    text = 'Mayor Ines Varga said on Monday that "the night ferry will run all winter".'
    guide, news = Article(text=text, page_type="guide"), Article(text=text, page_type="article")
    out = list(analyze_articles([guide, news]))
    assert out[0].article is guide and not out[0].entities and not out[0].quotes
    assert any("page type 'guide'" in n for n in guide.notes)
    assert out[1].entities and not any("page type" in n for n in news.notes)
