"""Convert PETRARCH2's dictionaries (Open Event Data, MIT) into newsgraph data files.

Two files of ``../shared/petrarch2`` (format documented in its ``dictionaries.rst``) become
readable data of the event stage, with the MIT notice kept beside them
(``data/PETRARCH-LICENSE.txt``):

* ``Phoenix.discards.txt`` -> ``data/discards.tsv``: the phrases after which PETRARCH codes no
  sentence (``+``: no story). Columns ``phrase  scope  match  category``: the phrase in lower
  case, ``story`` or ``sentence``, ``word`` (the phrase must end at a word boundary: a trailing
  ``_`` in the source) or ``stem``, and a category that this script assigns from the phrase's
  words (our own key words below): ``sports``, ``entertainment``, ``disaster``, ``accident``,
  ``disease``, ``history`` or ``other``. How the event stage uses them is in ``docs/events.md``
  (sports/entertainment phrases feed the article topic and the sentence gate; accidents,
  disasters and diseases stop ASSAULT codings; history is not used: dates handle it).

Run (deterministic: the same input gives the same bytes)::

    python -m newsgraph.events.petrarch ../shared/petrarch2
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"

# our key words for the category of a discard phrase (checked in this order)
CATEGORY_WORDS = {
    "accident": ("accident", "capsized", "plunged", "fell into", "crash"),
    "disaster": ("flood", "storm", "typhoon", "tsunami", "landslide", "mudslide", "blizzard", "tropical", "yellow dust"),
    "disease": ("flu", "influenza", "ebola", "polio", "fever", "virus", "cholera", "h5n1", "epidemic", "dengue",
                "chickungunga", "rabid", "medical"),
    "history": ("war", "years ago", "months ago", "weeks ago", "later", "empire", "pharaoh", "mummy", "napoleonic",
                "tutankhamun", "millennium", "pearl harbor", "bataan", "archaeology"),
    "entertainment": ("film", "movie", "award", "oscar", "brother", "television", " tv", "concert", "blockbuster",
                      "box office", "pageant", "housewives", "philharmonic", "beatles", "hollywood", "prize",
                      "anthem", "celebrity", "popeye", "king kong", "avatar", "rambo", "sculptor", "picasso",
                      "nude", "pornographic", "warcraft", "azeroth", "golden globe", "dicaprio", "fonda", "kate moss",
                      "jacky cheung", "glitter"),
    "sports": ("cup", "games", "golf", "tennis", "football", "soccer", "match", "seed", "round", "medal", "champion",
               "tournament", "league", "bowl", "ball", "cricket", "rugby", "boxing", "wrestl", "sumo", "chess",
               "hockey", "nba", "fifa", "uefa", "olympic", "marathon", "sprinter", "batsm", "bowler", "bowling",
               "wicket", "inning", "goal", "midfielder", "test ", "series", "playoff", "semi-final", "quarter final",
               "open", "weight", "judo", "triathlon", "aquatics", "badminton", "billiards", "snooker", "run ",
               "runs", "runner", "stroke", "par", "spinner", "paceman", "outfield", "yachting", "racing", "race",
               "rally", "formula one", "grand prix", "tour de france", "wimbledon", "davis", "ryder", "coaching",
               "national team", "youth players", "draw", "catch", "kick", "whistle", "qualif", "espn", "sports",
               "colts", "bears", "manchester united", "juventus", "beitar", "roma", "mannschaft", "gymnasium",
               "personal best", "record", "win", "loss", "stumps", "ashes", "multihulls", "pga", "nextel",
               "yokozuna", "ozeki", "sekiwake", "grand master", "stroke lead", "set win", "toss", "doubles",
               "hardcourt", "birdie", "under par", "afl", "weightlift", "competition", "euro ", "swimming", "batting",
               "centuries", "nations final", "game official", "agassi", "tiger woods", "serena",
               "beckham", "tendulkar", "pacquiao", "fischer", "minoza", "parreira", "kerr", "madjer", "keshi",
               "mcclaren", "michel", "verbeek", "jaffer", "unsportsman", "group "),
}


def category(phrase: str) -> str:
    p = " " + phrase.lower() + " "
    if re.fullmatch(r"\s*\d{4}\s*", p):
        return "history"
    for cat, words in CATEGORY_WORDS.items():
        if any(w in p for w in words):
            return cat
    return "other"


def convert_discards(src: Path) -> str:
    rows = []
    for line in src.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        scope = "sentence"
        if body.startswith("+"):
            scope, body = "story", body[1:].strip()
        match = "stem"
        if body.endswith("_"):
            match, body = "word", body[:-1]
        phrase = re.sub(r"\s+", " ", body.replace("_", " ")).strip().lower()
        if phrase:
            rows.append((phrase, scope, match, category(phrase)))
    rows = sorted(set(rows))
    out = ["# Converted by newsgraph.events.petrarch from PETRARCH2's Phoenix.discards.txt (MIT, see",
           "# PETRARCH-LICENSE.txt); the category column is newsgraph's. Do not edit: rerun the script.",
           "# phrase\tscope\tmatch\tcategory"]
    out += ["\t".join(r) for r in rows]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("petrarch_dir", type=Path, help="the folder with PETRARCH2's dictionaries")
    ap.add_argument("-o", "--out", type=Path, default=DATA, help="output folder (default: the package data)")
    args = ap.parse_args(argv)
    text = convert_discards(args.petrarch_dir / "Phoenix.discards.txt")
    (args.out / "discards.tsv").write_text(text, encoding="utf-8")
    print(f"wrote {args.out / 'discards.tsv'} ({text.count(chr(10)) - 3} phrases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
