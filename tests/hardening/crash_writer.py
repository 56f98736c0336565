"""A writer process for the crash and concurrency tests: stores ``N`` generated articles with
known children (article ``i`` has ``i % 3 + 1`` quotes, 2 entities, 1 event with one actor row),
in batches through ``Store.write`` (one transaction per batch), skipping stored texts like the
ingester does. Killed with SIGKILL at random points by the tests.

    python crash_writer.py DB N BATCH [START]
"""

from __future__ import annotations

import sys

from newsgraph.model import Actor, AnalyzedArticle, Article, Entity, Event, Quote, Span, Speaker

NAMES = ["Putin", "Tokayev", "Macron", "Japarov", "Lukashenko"]


def children(i: int) -> dict[str, int]:
    return {"quotes": i % 3 + 1, "entities": 2, "events": 1, "event_actors": 1}


def analyzed(i: int) -> AnalyzedArticle:
    who = NAMES[i % len(NAMES)]
    parts = [f"Story {i}: officials met in Astana on Monday."]
    quotes = []
    for k in range(i % 3 + 1):
        s = len(" ".join(parts)) + 2
        content = f"We are ready, part {k} of story {i},"
        parts.append(f"\u201c{content}\u201d {who} said.")
        quotes.append((s, content))
    text = " ".join(parts)
    ws = text.index(who)
    actor = Actor(text=who, code="RUSGOV", country="RUS", name=who, kind="person", id=f"person:{who.lower()}",
                  start=ws, end=ws + len(who))
    qs = []
    for s, content in quotes:
        assert text[s:s + len(content)] == content
        c = text.index("said", s)
        sp = text.rindex(who, 0, c)
        qs.append(Quote(kind="direct", content=content, start=s, end=s + len(content), cue=Span("said", c, c + 4),
                        speaker=Speaker(name=who, mention=who, start=sp, end=sp + len(who), actor=actor), group=1))
    a = text.index("Astana")
    met = text.index("met")
    ev = Event(type="CONSULT", trigger=Span("met", met, met + 3), sentence=Span(text[:40], 0, 40), cameo="040",
               quad_class=1, goldstein=1.0, source=[actor], date="2025-03-03")
    return AnalyzedArticle(article=Article(text=text, id=f"s{i}", published=f"2025-03-{i % 28 + 1:02d}"),
                           entities=[Entity(who, "PERSON", ws, ws + len(who), actor=actor),
                                     Entity("Astana", "GPE", a, a + 6)],
                           quotes=qs, events=[ev], actors=[actor])


def main() -> None:
    from newsgraph.store import open_store
    from newsgraph.store.queries import known_hashes

    db, n, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    start = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    store = open_store(db)
    for lo in range(start, start + n, batch):
        items = [analyzed(i) for i in range(lo, min(lo + batch, start + n))]
        stored = known_hashes(store.engine, [x.article.hash for x in items])
        store.write([x for x in items if x.article.hash not in stored])
    store.close()


if __name__ == "__main__":
    main()
