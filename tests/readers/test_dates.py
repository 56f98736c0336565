"""The publication date of a page (newsgraph.readers.dates.page_published), on invented pages."""

from __future__ import annotations

import json

from trafilatura import load_html

from newsgraph.readers.dates import page_published
from newsgraph.readers.html import read_html

BODY = "<p>" + " ".join(["The lighthouse keepers voted to keep the lamp lit through the winter storms."] * 6) + "</p>"


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head><meta charset='utf-8'><title>Lamp vote</title>{head}</head><body><article>{body}{BODY}</article></body></html>"


def _ld(obj: dict) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


def test_published_wins_over_modified():
    head = _ld({"@type": "NewsArticle", "dateModified": "2023-03-09T10:00:00Z", "datePublished": "2023-03-02T08:00:00Z"})
    head += "<meta property='article:modified_time' content='2023-03-09T10:00:00Z'>"
    assert read_html(_page(head)).published == "2023-03-02"


def test_citation_line_is_not_the_publication_date():
    body = ("<p>Published: March 3rd, 2021 at 9:00 a.m.</p>"
            "<p>Cite this page: Lamp vote. Retrieved February 17, 2024.</p>"
            "<p>Sources: Keepers' minutes, accessed Jan. 5, 2021</p>")
    assert read_html(_page(body=body)).published == "2021-03-03"


def test_placeholder_and_image_dates_are_skipped():
    head = _ld({"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z",
                "image": {"@type": "ImageObject", "datePublished": "2015-06-01"}})
    head += "<meta property='article:published_time' content='2022-08-30T21:15:00-04:00'>"
    assert read_html(_page(head)).published == "2022-08-30"  # the publisher's own day, not UTC's


def test_url_date_when_the_page_has_no_marked_date():
    tree = load_html(_page())
    assert page_published(tree, url="https://example.org/2020/07/04/lamp-vote/") == "2020-07-04"
    assert page_published(tree, url="https://example.org/lamp-vote/", fallback="2020-07-05") == "2020-07-05"
    assert page_published(tree, url="https://example.org/lamp-vote/") is None


def test_future_dates_are_ignored():
    tree = load_html(_page("<meta name='pubdate' content='2031-01-01'>"))
    assert page_published(tree, latest="2026-01-01", fallback="2025-12-30") == "2025-12-30"
