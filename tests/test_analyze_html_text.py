"""newsgraph.analyze(text) of a saved HTML page's source reads it as the file would be read: the
same body, title, date and metadata as newsgraph.analyze(path). Plain text stays verbatim."""

from __future__ import annotations

import pytest

import newsgraph
from newsgraph.readers import ReaderError

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour strike ends after nine days | The Coastal Courier</title>
<meta property="og:title" content="Harbour strike ends after nine days">
<meta property="article:published_time" content="2026-02-17T08:30:00Z">
<meta property="og:site_name" content="The Coastal Courier">
<link rel="canonical" href="https://courier.example/2026/02/17/harbour-strike-ends">
</head><body>
<nav><a href="/">Home</a> <a href="/port">Port</a></nav>
<article>
<h1>Harbour strike ends after nine days</h1>
<p>Dock workers in Port Maren returned to the cranes on Tuesday after their union accepted a new pay offer
from the harbour authority, ending a nine-day strike that had left two hundred ships waiting offshore.</p>
<p>"We did not get everything, but we got enough to go back with our heads up," union secretary Lena Odum
told reporters at the gate. The harbour authority said the first container ships would dock before noon.</p>
<p>Shipping agents said it would take at least a week to clear the queue of vessels in the bay.</p>
</article>
<footer>Subscribe to our newsletter</footer>
</body></html>
"""


def test_html_text_reads_like_the_file(tmp_path):
    path = tmp_path / "saved-page.html"
    path.write_text(PAGE, encoding="utf-8")
    by_path = newsgraph.analyze(str(path), nlp=False).article
    by_text = newsgraph.analyze(PAGE, nlp=False).article
    assert by_text.title == by_path.title == "Harbour strike ends after nine days"
    assert by_text.published == by_path.published == "2026-02-17"
    assert by_text.url == by_path.url and by_text.site == by_path.site
    assert by_text.text == by_path.text and "<p>" not in by_text.text and "newsletter" not in by_text.text
    assert newsgraph.analyze_text(PAGE, nlp=False).article.title == by_path.title


def test_plain_text_is_taken_verbatim():
    text = "Ferry timetable changes\n\nThe island ferry will leave at seven from Monday, the operator said."
    art = newsgraph.analyze_text(text, nlp=False).article
    assert art.text == text and art.title is None  # offsets stay into exactly the text given


def test_a_page_without_article_text_is_an_error():
    with pytest.raises(ReaderError):
        newsgraph.analyze_text("<!DOCTYPE html><html><head><title>x</title></head><body></body></html>", nlp=False)
