"""Synthetic articles and pages for the scale tests (imported by conftest and tests)."""

from __future__ import annotations

import random

# ---------------------------------------------------------------- synthetic articles

WORDS = ("minister river dam water talks border farmers canal summit treaty reservoir valley protest police "
         "government agreement delegation harvest irrigation season officials region capital meeting").split()


def story_text(seed: int, n_words: int = 220) -> str:
    rnd = random.Random(seed)
    words = [rnd.choice(WORDS) + str(rnd.randrange(400)) for _ in range(n_words)]
    sents = [" ".join(words[i:i + 11]).capitalize() + "." for i in range(0, n_words, 11)]
    return " ".join(sents)


def edited(text: str, seed: int, edits: int = 4) -> str:
    rnd = random.Random(seed)
    words = text.split(" ")
    for _ in range(edits):
        words[rnd.randrange(len(words))] = "changed"
    return "Local intro line added here. " + " ".join(words[:-6]) + " Reporting by the wire service."


def page_html(title: str, body: str, date: str = "2025-03-05") -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split(". ") if p)
    return (f"<!doctype html><html><head><title>{title}</title>"
            f'<meta property="article:published_time" content="{date}T08:00:00Z"></head>'
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paras}</article>"
            f"<footer>Copyright</footer></body></html>")
