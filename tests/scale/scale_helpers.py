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


# ---------------------------------------------------------------- comparing databases

def dump_db(db) -> dict:
    """What must be the same after any way of ingesting the same input: articles (keys, hashes),
    entities, quotes, events, actors and the stories (as groups of article keys)."""
    from sqlalchemy import text

    from newsgraph.store import open_store

    s = open_store(db)
    with s.engine.connect() as c:
        out = {
            "articles": sorted(c.execute(text("SELECT key, hash, title, published, nlp, language, url, site "
                                              "FROM articles")).all(), key=repr),
            "entities": sorted(c.execute(text(
                "SELECT a.key, e.start, e.\"end\", e.label, e.actor_id FROM entities e "
                "JOIN articles a ON a.id = e.article_id")).all(), key=repr),
            "quotes": sorted(c.execute(text(
                "SELECT a.key, q.start, q.\"end\", q.kind, q.speaker_name FROM quotes q "
                "JOIN articles a ON a.id = q.article_id")).all(), key=repr),
            "events": sorted(c.execute(text(
                "SELECT a.key, e.type, e.trigger_start, e.source, e.target FROM events e "
                "JOIN articles a ON a.id = e.article_id")).all(), key=repr),
            "actors": sorted(c.execute(text("SELECT id, code FROM actors")).all(), key=repr),
        }
        groups: dict = {}
        for key, story in c.execute(text("SELECT a.key, s.story_id FROM article_stories s "
                                         "JOIN articles a ON a.id = s.article_id")):
            groups.setdefault(story, set()).add(key)
        out["stories"] = sorted(sorted(g) for g in groups.values())
    s.close()
    return out
