"""Plain-text pages: date and title at the top, furniture at the end."""

from newsgraph.readers.text import normalise_text, parse_date_line, read_text, split_page

PAGE = """Tuesday, March 4, 2025

Ministers meet in Bishkek over water sharing


 Ministers from three\u00a0Central Asian states met on Tuesday to discuss the river.

"We will not give up a single litre," the minister said.

3 comments:

Anonymous said...
Great piece.

Post a Comment

Older Post Home Newer Post
"""


def test_date_title_body_and_furniture():
    art = read_text(PAGE, source_path="x.txt")
    assert art.published == "2025-03-04"
    assert art.title == "Ministers meet in Bishkek over water sharing"
    assert art.text.startswith("Ministers from three Central Asian states met")
    assert "comments" not in art.text and "Post a Comment" not in art.text
    assert art.text.endswith('the minister said.')
    assert "\u00a0" not in art.text
    assert art.text.count("\n\n") == 1  # two paragraphs kept


def test_seed_article(seed_path):
    art = read_text(seed_path.read_text("utf-8"), source_path=str(seed_path))
    assert art.title == "What lessons should be learned from the crisis in Kazakhstan"
    assert art.published == "2022-01-10"
    assert art.text.startswith("Kazakhstan has convened")
    assert "Post a Comment" not in art.text and "Fears are growing" not in art.text
    assert "No comments" not in art.text
    assert art.text.rstrip().endswith('we cannot lose, "he said.')


def test_date_lines():
    assert parse_date_line("Monday, January 10, 2022") == "2022-01-10"
    assert parse_date_line("10 January 2022") == "2022-01-10"
    assert parse_date_line("2022-01-10") == "2022-01-10"
    assert parse_date_line("Posted on March 3, 2025") == "2025-03-03"
    assert parse_date_line("Putin met Tokayev on January 10, 2022") is None
    assert parse_date_line("A long line that is certainly no date at all") is None


def test_page_without_header_keeps_first_paragraph():
    text = "The parliament voted on Friday to extend the mandate of the mission.\n\nIt passed easily."
    title, published, body = split_page(normalise_text(text))
    assert title is None and published is None
    assert body == text


def test_furniture_only_after_first_paragraph():
    # a marker as the very first paragraph is not furniture (nothing would be left)
    title, _, body = split_page("Share this:\n\nThe article text is here and goes on.")
    assert body.startswith("Share this:")


def test_windows_newlines_and_spaces():
    assert normalise_text("a\r\nb\r\n\r\n\r\nc\u2009d  e") == "a\nb\n\nc d e"
