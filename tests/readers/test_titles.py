"""Headlines without the site's name or section (newsgraph.readers.titles), on invented pages."""

from __future__ import annotations

from newsgraph.readers.html import read_html
from newsgraph.readers.titles import strip_affixes

BODY = "<p>" + " ".join(["The ferry timetable changes on Monday and riders have questions."] * 8) + "</p>"


def _read(head: str, body: str = "") -> str | None:
    page = f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}<article>{BODY}</article></body></html>"
    return read_html(page).title


def test_site_suffix_removed_with_declared_site_name():
    head = ("<title>Ferry timetable shake-up leaves riders guessing | Harbour Gazette</title>"
            "<meta property='og:site_name' content='Harbour Gazette'>")
    assert _read(head) == "Ferry timetable shake-up leaves riders guessing"


def test_section_prefix_and_site_suffix_removed():
    head = ("<title>Opinion | The ferry deserves better planning - The Daily Lamp</title>"
            "<meta property='og:title' content='Opinion | The ferry deserves better planning'>"
            "<meta property='og:site_name' content='The Daily Lamp'>")
    assert _read(head) == "The ferry deserves better planning"


def test_site_name_from_host_when_not_declared():
    head = ("<title>Ferry fares to rise in spring - Quaysidenews</title>"
            "<link rel='canonical' href='https://www.quaysidenews.example/ferry-fares'>")
    assert _read(head) == "Ferry fares to rise in spring"


def test_h1_wording_wins_when_it_agrees_with_metadata():
    head = ("<title>Ferry fares rise in spring, council says | Quay Post</title>"
            "<meta property='og:site_name' content='Quay Post'>")
    body = "<h1>Quay Post</h1><h1 class='headline'>Ferry fares will rise in spring, the council says</h1>"
    assert _read(head, body) == "Ferry fares will rise in spring, the council says"


def test_separator_inside_the_headline_is_kept_when_the_h1_shows_it():
    head = "<title>Lantern Week 2024 | paper lights on the canal | Canal Notes</title>"
    body = "<h1>Lantern Week 2024 | Paper lights on the canal</h1>"
    assert _read(head, body) == "Lantern Week 2024 | Paper lights on the canal"


def test_menu_and_logo_h1_are_not_headlines():
    head = "<meta property='og:title' content='Night market returns to the old pier'>"
    body = "<h1>Menu</h1><h1>Sign in</h1>"
    assert _read(head, body) == "Night market returns to the old pier"


def test_colon_kept_unless_the_part_before_is_the_site():
    sites = ["The Lamp"]
    assert strip_affixes("The Lamp view on ferries: a service adrift", sites, "") == \
        "The Lamp view on ferries: a service adrift"
    assert strip_affixes("The Lamp: a service adrift", sites, "") == "a service adrift"
    assert strip_affixes("Harbour works begin | World News | The Lamp", sites, "") == "Harbour works begin"
