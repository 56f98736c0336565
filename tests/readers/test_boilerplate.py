"""Body cleaning (newsgraph.readers.boilerplate) on invented pages, in our own words."""

from __future__ import annotations

from newsgraph.readers.boilerplate import drop_furniture, merge_split_bodies, rules
from newsgraph.readers.html import read_html

FILLER = " ".join(["The harbour board met on Tuesday to weigh the ferry timetable against the tolls."] * 4)


def _page(body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Ferry vote</title>{head}</head>"
            f"<body><article><h1>Ferry vote</h1>{body}</article></body></html>")


def test_empty_inline_element_does_not_cut_the_sentence():
    for empty in ("<em></em>", "<i></i>", "<span></span>", "<strong></strong>", "<em> </em>"):
        body = (f"<p>{FILLER}</p><p>The chair said “we will vote next week{empty} and nobody will stop us” "
                f"before she left.</p><p>{FILLER}</p>")
        text = read_html(_page(body)).text
        assert "“we will vote next week and nobody will stop us” before she left." in text, empty


def test_hover_card_inside_a_paragraph_is_removed():
    card = ("<span class='card'><img src='p.jpg'><a href='/p/ines'>Ines Varga</a>"
            "<a href='/s/1'>Varga opens the new pier</a><a href='/s/2'>Varga on tolls</a></span>")
    body = f"<p>Mayor <a href='/p/ines'>Ines Varga</a>{card} (independent) defended the tolls.</p><p>{FILLER}</p>"
    text = read_html(_page(body)).text
    assert "Mayor Ines Varga (independent) defended the tolls." in text
    assert "opens the new pier" not in text


def test_furniture_lines_are_dropped():
    body = "\n\n".join([
        FILLER,
        "Read more: Pier repairs to start in May",
        "Subscribe to Harbour Plus Premium to bookmark this article",
        "People are also reading…",
        "- Ferry strike called off",
        "- New buoys for the bay",
        "Photo: Getty Images",
        "Reading time: 3 minutes",
        "The board will meet again in June, the chair said.",
        "Follow us on Instagram and Facebook for more harbour news.",
        "Cite this page",
        "Harbour Gazette. Ferry vote. Retrieved February 17, 2024.",
    ])
    out = drop_furniture(body)
    assert out.split("\n\n") == [FILLER, "The board will meet again in June, the chair said."]


def test_furniture_rules_leave_sentences_alone():
    keep = [
        "Related talks between the two unions broke down on Friday, the chair said.",
        "Read the full report, she urged the council, before voting on Monday.",
        "Comments from residents were mostly in favour of the new timetable.",
    ]
    text = "\n\n".join([FILLER, *keep])
    assert drop_furniture(text) == text


def test_every_rule_compiles_with_a_known_kind():
    assert rules() and all(kind in ("drop", "block", "after") for kind, _ in rules())


def test_standfirst_under_the_headline_is_kept():
    head = "<meta property='og:description' content='Night ferries will run every hour from March, the harbour board decided after a long debate.'>"
    body = ("<p class='article-standfirst'>Night ferries will run every hour from March, the harbour board "
            f"decided after a long debate.</p><div class='article-body'><p>{FILLER}</p><p>{FILLER}</p></div>")
    text = read_html(_page(body, head)).text
    assert text.startswith("Night ferries will run every hour from March")
    assert text.count("Night ferries will run every hour") == 1


def test_body_split_into_two_containers_is_read_whole():
    first = " ".join(["The first half of the story explains why the toll was raised by the board."] * 3)
    second = " ".join(["The second half of the story follows the riders who now pay more each day."] * 3)
    body = (f"<div class='story-body'><p>{first}</p><p>{first}</p></div>"
            "<div class='advert'>Advertisement</div>"
            f"<div class='story-body'><p>{second}</p><p>{second}</p></div>")
    text = read_html(_page(body)).text
    assert "The first half of the story" in text and "The second half of the story" in text
    from trafilatura import load_html

    tree = load_html(_page(body))
    assert merge_split_bodies(tree) == 1
    bodies = tree.xpath("//div[@class='story-body']")
    assert len(bodies) == 1 and "The second half" in bodies[0].text_content()
    # containers holding only teasers are not joined
    teasers = "<div class='post-text'><p>Short teaser.</p></div>" * 3
    assert merge_split_bodies(load_html(_page(teasers))) == 0


def test_space_inside_an_empty_inline_element_is_kept():
    body = f"<p>{FILLER}</p><p>The ferry leaves at dawn<em> </em>and returns at dusk.</p><p>{FILLER}</p>"
    assert "The ferry leaves at dawn and returns at dusk." in read_html(_page(body)).text


def test_hover_card_that_opens_with_the_linked_name_keeps_the_name():
    # the name link and its card share one wrapper: the name is part of the sentence
    card = ("<span class='people'><a class='people-link' href='/p/ines'>Ines Varga</a>"
            "<span class='people-block'><img src='p.jpg'><a href='/p/ines'>Ines Varga</a>"
            "<a href='/s/1'>Varga opens the new pier</a></span></span>")
    body = (f"<p><span style='font-weight: 400;'>The harbour board heard Mayor {card} (independent) "
            f"defend the tolls on Monday.</span></p><p>{FILLER}</p>")
    text = read_html(_page(body)).text
    assert "The harbour board heard Mayor Ines Varga (independent) defend the tolls on Monday." in text
    assert "opens the new pier" not in text


def test_contributor_lines_and_separators_are_dropped():
    keep = "The board will meet again in June, the chair said."
    body = "\n\n".join([FILLER, keep, "___",
                        "Gazette writers Ana Holt and Per Lind contributed to this report.",
                        "Tomas Berg contributed reporting from Harbourtown."])
    assert drop_furniture(body).split("\n\n") == [FILLER, keep]
    text = "\n\n".join([FILLER, "Volunteers contributed to the repairs of the pier, the chair said."])
    assert drop_furniture(text) == text


def test_wire_reporting_credits_are_dropped():
    keep = "Reporting by the harbour board found the tolls too high, the chair said on Monday."
    body = "\n\n".join([FILLER, keep, "(Reporting by Ana Holt and Per Lind; editing by Tomas Berg)",
                        "Reporting by Ana Holt; Editing by Per Lind"])
    assert drop_furniture(body).split("\n\n") == [FILLER, keep]
