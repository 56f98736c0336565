"""``orgs.acronyms``: initials the article spells out, read in one pass (texts invented)."""

import time

from newsgraph.quotes.orgs import acronyms


def test_initials_spelled_out(nlp):
    doc = nlp("The Harbour Safety Board met on Monday. A spokesman for the HSB said the port would reopen. "
              "Lakeside Power & Light Co. cut supply, and LP&L blamed the storm.")
    table = acronyms(doc)
    assert table["HSB"] == "Harbour Safety Board"
    assert table["LP&L"] == "Lakeside Power & Light Co."


def test_no_initials_across_sentences(nlp):
    doc = nlp("They met in Harbour. Safety Board members left. The HSB was silent.")
    assert "HSB" not in acronyms(doc)


def test_long_capitalised_runs_stay_fast(nlp):
    # a game guide or a title-case list: long runs of capitalised words must not cost a cube of their length
    words = " ".join(f"Word{chr(65 + i % 26).lower()}x" if i % 7 else "Of" for i in range(400))
    text = "The ABC list. " + " ".join(w.capitalize() for w in words.split()) + "."
    doc = nlp(text)
    t = time.perf_counter()
    for _ in range(5):
        acronyms(doc)
    assert (time.perf_counter() - t) / 5 < 0.05
