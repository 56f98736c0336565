"""The HTML reader (newsgraph.readers.html) and the extraction benchmark scorer."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsgraph.eval.extraction import evaluate, format_report, score_page, shingle_counts, shingles, tokenize
from newsgraph.readers.base import ReaderError
from newsgraph.readers.html import clean_text, decode_html, read_html

DATA = Path(__file__).parent / "data"
ARTICLE = DATA / "article.html"
LATIN1 = DATA / "latin1.html"


@pytest.fixture(scope="module")
def article():
    return read_html(ARTICLE.read_bytes(), source_path=str(ARTICLE))


# --- metadata -----------------------------------------------------------------


def test_title_without_site_suffix(article):
    assert article.title == "Harbour council backs bridge tolls after late-night vote"


def test_original_publication_date_not_modified(article):
    # JSON-LD and <meta> give published 2024-03-05 and modified 2024-03-07
    assert article.published == "2024-03-05"


def test_authors_are_a_list(article):
    assert article.authors == ["Mirela Vantongeren", "Tobias Okonkwo-Reyes"]


def test_site_name(article):
    assert article.site == "The Lowland Ledger"


def test_canonical_url_wins_over_og_url_and_argument():
    a = read_html(ARTICLE.read_bytes(), url="https://mirror.example.net/copy.html")
    assert a.url == "https://ledger.example.com/politics/2024/03/05/harbour-council-bridge-tolls"


def test_og_url_when_no_canonical():
    html = ARTICLE.read_text(encoding="utf-8")
    html = "\n".join(line for line in html.splitlines() if 'rel="canonical"' not in line)
    a = read_html(html)
    og_url = "https://ledger.example.com/politics/2024/03/05/harbour-council-bridge-tolls?utm_source=share"
    assert a.url == og_url


def test_url_argument_is_the_fallback():
    a = read_html(LATIN1.read_bytes(), url="https://notes.example.org/2023/11/cafe-protest")
    assert a.url == "https://notes.example.org/2023/11/cafe-protest"


def test_relative_canonical_is_resolved():
    html = _page("<p>" + "Word " * 80 + "</p>", head='<link rel="canonical" href="/news/item-7">')
    a = read_html(html, url="https://example.org/feed/item?id=7")
    assert a.url == "https://example.org/news/item-7"


def test_source_path_is_kept(article):
    assert article.source_path == str(ARTICLE)


def test_date_from_time_element_and_author_meta():
    a = read_html(LATIN1.read_bytes())
    assert a.published == "2023-11-14"
    assert a.authors == ["Henrik Dahl"]
    assert a.title == "Café owners in Zürich street protest rent rules"


def test_canonical_link_outside_head_is_found():
    # stray markup before <head> content makes lxml move <link> into <body>
    html = (
        "<html><div>banner</div><head><link rel='canonical' href='https://x.example.com/a/1'>"
        "<title>Moved head</title></head><body><article>"
        + "<p>" + "Council members met again on Friday to discuss the budget. " * 6 + "</p>"
        + "</article></body></html>"
    )
    assert read_html(html).url == "https://x.example.com/a/1"


# --- main text and boilerplate ---------------------------------------------------


def test_body_paragraphs_separated_by_blank_lines(article):
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("The harbour council of Vellmar voted 19 to 14")
    assert paragraphs[-1].endswith("how the money was spent.")
    assert all(p.strip() == p and "\n" not in p for p in paragraphs)


def test_headline_and_byline_not_in_text(article):
    assert not article.text.startswith("Harbour council backs")
    assert "By Mirela" not in article.text


@pytest.mark.parametrize(
    "junk",
    [
        "Subscribe for unlimited access",  # navigation
        "Related stories",  # aside
        "Coalition talks stall",  # aside links
        "riverside_rita",  # comments
        "Typical. Those of us",
        "Post a comment",
        "All rights reserved",  # footer
        "Cookie settings",
    ],
)
def test_boilerplate_removed(article, junk):
    assert junk not in article.text


def test_quotes_and_entities_decoded(article):
    assert "“We cannot keep patching" in article.text
    assert "workers’ union" in article.text


def test_no_break_spaces_normalised(article):
    assert "\u00a0" not in article.text
    assert "12 million florins" in article.text


def test_comments_removed_on_blog_page():
    a = read_html(LATIN1.read_bytes())
    assert a.text.startswith("Owners of eleven cafés")
    assert "shame" not in a.text and "Responses" not in a.text and "Powered by" not in a.text
    assert "Archive" not in a.text


def test_short_article_is_kept():
    html = _page(
        "<article><h1>Minister resigns</h1><p>The transport minister of Osterland resigned on Monday.</p>"
        "<p>She gave no reason.</p></article>",
        head="<title>Minister resigns</title>",
    )
    a = read_html(html)
    assert "The transport minister of Osterland resigned on Monday." in a.text
    assert "She gave no reason." in a.text


def test_text_offsets_are_stable_for_the_same_page():
    a1 = read_html(ARTICLE.read_bytes())
    a2 = read_html(ARTICLE.read_text(encoding="utf-8"))
    assert a1.text == a2.text and a1.id == a2.id


def test_clean_text():
    raw = "First\u00a0line  with\u202fspaces \n\n\n  Second\u200b para \r\nThird"
    assert clean_text(raw) == "First line with spaces\n\nSecond para\n\nThird"


# --- decoding -------------------------------------------------------------------


def test_declared_latin1_is_read_as_windows_1252():
    a = read_html(LATIN1.read_bytes())
    assert "Zürich" in a.title
    assert "7,400 € a month" in a.text  # 0x80 is the euro sign in windows-1252
    assert "“We are not asking" in a.text
    assert "naïve" in a.text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_encodings(encoding):
    # "utf-16" writes a byte-order mark, "-le"/"-be" do not
    a = read_html(ARTICLE.read_text(encoding="utf-8").encode(encoding))
    assert a.title == "Harbour council backs bridge tolls after late-night vote"
    assert "“We cannot keep patching" in a.text


def test_undeclared_legacy_encoding_is_detected():
    text = "Les élus ont voté à l’unanimité. Déjà, les opposants préparent un recours devant le tribunal."
    html = _page("<p>" + (text + " ") * 6 + "</p>", head="<title>Vote à Évreux</title>", charset=None)
    a = read_html(html.encode("cp1252"))
    assert "élus ont voté à l’unanimité" in a.text


def test_str_input_with_bom():
    a = read_html("\ufeff" + ARTICLE.read_text(encoding="utf-8"))
    assert a.published == "2024-03-05"


def test_gzip_bytes_are_unpacked():
    a = read_html(gzip.compress(ARTICLE.read_bytes()))
    assert a.text.startswith("The harbour council")


def test_decode_html_prefers_valid_utf8_over_wrong_declaration():
    data = '<html><head><meta charset="iso-8859-1"></head><body><p>Zürich</p></body></html>'.encode()
    assert "Zürich" in decode_html(data)


# --- errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t  \n", "empty"),
        ("", "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(200), "binary"),
        (b"Just a line of plain text.\nAnother line, no markup at all.\n", "no HTML markup"),
        (b'{"text": "a JSON object is not a web page"}', "no HTML markup"),
        (b"<html><head><title>Nothing here</title></head><body></body></html>", "no article text"),
        (gzip.compress(ARTICLE.read_bytes())[:200], "gzip"),
        (b"\xef\xbb\xbf<html><body>\xff\xfe\xfa</body></html>", "UTF-8"),
    ],
)
def test_bad_input_raises_reader_error(data, reason):
    with pytest.raises(ReaderError) as info:
        read_html(data, source_path="bad.html")
    assert reason in info.value.reason
    assert "\n" not in str(info.value)
    assert info.value.path == "bad.html"


# --- the benchmark metric ---------------------------------------------------------------


def test_tokenize_and_shingles():
    assert tokenize("It's 4 o'clock—now!") == ["It", "s", "4", "o", "clock", "now"]
    assert shingles(["a", "b"]) == {("a", "b"): 1}
    assert sum(shingles(list("abcdef")).values()) == 3
    assert shingles([]) == {}


def test_shingle_scores():
    gold = "one two three four five six"
    assert shingle_counts(gold, gold) == (3, 0, 0)
    assert score_page(gold, gold) == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "exact": True}
    s = score_page(gold, "one two three four five six seven eight")
    assert s["recall"] == 1.0 and s["precision"] == pytest.approx(3 / 5)
    assert score_page(gold, "")["precision"] == 0.0 and score_page(gold, "")["recall"] == 0.0
    assert score_page("", "")["f1"] == 1.0
    # multiplicity counts
    assert shingle_counts("a b c d a b c d", "a b c d")[0] == 1


def test_eval_on_a_few_benchmark_pages(shared_dir):
    aeb = shared_dir / "eval" / "aeb"
    if not (aeb / "ground-truth.json").is_file():
        pytest.skip("AEB benchmark not found")
    result = evaluate(aeb, limit=6)
    assert result["pages"] == 6
    assert result["failures"] == []
    assert result["f1"] >= 0.85
    report = format_report(result)
    for word in ("precision", "recall", "F1", "pages: 6", "failures: 0", "title exact", "heldout", "time:"):
        assert word in report
    assert result["title_accuracy"] is not None and result["date_accuracy"] is not None


def test_eval_rejects_a_non_benchmark_dir(tmp_path):
    with pytest.raises(FileNotFoundError):
        evaluate(tmp_path)


def _page(body: str, *, head: str = "", charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<!DOCTYPE html><html><head>{meta}{head}</head><body>{body}</body></html>"
