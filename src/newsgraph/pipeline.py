"""The pipeline: read → parse → entities/actors → quotes → events → store.

Every surface (CLI, API, Python) goes through these functions:

* ``analyze(source)`` — one text, path or ``Article`` → ``AnalyzedArticle``;
* ``analyze_articles(articles)`` — a stream, parsed in batches with ``nlp.pipe``;
* ``store_articles(articles, store)`` — the body of every ingest: skip stored texts, analyse, write;
* ``ingest(sources, store)`` — read, analyse and store, transactionally per batch, then refresh the
  monitor's series (in this process; ``newsgraph.ingest`` adds workers, Dask and shards).
"""

from __future__ import annotations

import gc
import logging
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .language import detect_language
from .languages import DEFAULT as DEFAULT_LANGUAGE
from .model import AnalyzedArticle, Article, Entity, actor_id
from .options import DEFAULT as DEFAULT_OPTIONS
from .options import StageOptions
from .readers import DEFAULT_MAX_BYTES, ReaderError, iter_articles, looks_like_html

logger = logging.getLogger(__name__)

ENGLISH = DEFAULT_LANGUAGE  # the one language bundle (languages/data/en.toml)


def is_english(article: Article) -> bool:
    """Articles in the bundle's language (or too short to tell) go through the NLP stages: the
    spaCy model, the cue lexicon and the patterns are the bundle's (``languages.bundle()``)."""
    return article.language in (None, ENGLISH)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


@dataclass(frozen=True)
class StageData:
    """What ``StageOptions`` name, loaded: None means the stage's own default."""
    lexicon: object = None  # quotes.lexicon.Lexicon
    learned_model: object = None  # quotes.learned.CueModel, or False (off)
    patterns: object = None  # events.patterns.Patterns


@lru_cache(maxsize=8)
def stage_data(options: StageOptions = DEFAULT_OPTIONS) -> StageData:
    """Load the lexicon, cue model and patterns ``options`` name, once per process and options."""
    if options.is_default:
        return StageData()
    import json

    from .events.patterns import load_patterns
    from .quotes.learned import CueModel
    from .quotes.lexicon import Lexicon

    lexicon = Lexicon.load(Path(options.quote_lexicon)) if options.quote_lexicon else None
    model: object = None
    if not options.learned_cues:
        model = False
    elif options.quote_model:
        model = CueModel.from_json(json.loads(Path(options.quote_model).read_text(encoding="utf-8")))
    patterns = None
    if options.event_patterns or not options.cameo_verbs:
        patterns = load_patterns(options.event_patterns, cameo=options.cameo_verbs)
    return StageData(lexicon=lexicon, learned_model=model, patterns=patterns)


class Annotation:
    """One article's stages over its parsed ``Doc``, run one at a time: ``actors`` (actors, places
    and the article's resolver), ``quotes`` (with that resolver), ``events`` (with the resolver and
    the quotes), then ``result()``. ``annotate`` runs all three; the spaCy components
    ``newsgraph_actors``, ``newsgraph_quotes`` and ``newsgraph_events`` run one each over the same
    object (``doc._.newsgraph_state``), so either way gives the same records."""

    def __init__(self, article: Article, options: StageOptions | None = None) -> None:
        from .actors import ActorResolver

        self.article = article
        self.options = options or DEFAULT_OPTIONS
        self.data = stage_data(self.options)
        self.resolver = ActorResolver(published=article.published,
                                      extra_dictionaries=self.options.actor_dictionaries)
        self.entities: list = []
        self.actors: list = []
        self.places: list = []
        self.quotes: list = []
        self.events: list = []

    def run_actors(self, doc) -> None:
        self.entities, self.actors, self.places = self.resolver.resolve_doc(doc)

    def run_quotes(self, doc) -> list:
        from .quotes import extract_quotes

        self.quotes = extract_quotes(doc, resolver=self.resolver, lexicon=self.data.lexicon,
                                     learned_model=self.data.learned_model, stances=self.options.quote_stances)
        return self.quotes

    def run_events(self, doc) -> list:
        from .events import extract_events

        self.events = extract_events(doc, resolver=self.resolver, quotes=self.quotes,
                                     published=self.article.published, article=self.article,
                                     patterns=self.data.patterns, gate=self.options.event_gate)
        return self.events

    def result(self) -> AnalyzedArticle:
        # actors first met by the quote and event stages ("the political scientist") join the article's
        # list: one per stored actor id (an event's copy of a person, given a country, is still that person)
        actors = list(self.actors)
        found = [q.speaker.actor for q in self.quotes if q.speaker and q.speaker.actor]
        found += [a for ev in self.events for a in (*ev.source, *ev.target)]
        known = {actor_id(a) for a in actors}
        for a in found:
            key = actor_id(a)
            if key is not None and key not in known:
                known.add(key)
                actors.append(a)
        return AnalyzedArticle(article=self.article, entities=self.entities, quotes=self.quotes,
                               events=self.events, actors=actors, places=self.places)


def annotate(doc, article: Article, options: StageOptions | None = None) -> AnalyzedArticle:
    """Run the stages after the parse on one ``Doc`` of ``article.text``, with the stage data and
    models of ``options`` (default: the built-in ones)."""
    state = Annotation(article, options)
    state.run_actors(doc)
    state.run_quotes(doc)
    state.run_events(doc)
    return state.result()


def plain_entities(doc) -> list[Entity]:
    return [Entity(text=e.text, label=e.label_, start=e.start_char, end=e.end_char) for e in doc.ents]


# Python's cyclic collector runs a young-generation pass every 700 new container objects; parsing
# and the stages make millions (tokens, spans, records), so a batch paid for ~10 collections per
# article and an older-generation pass now and then: 0.40 s of CPU over the 84 PolNeAR dev texts.
# With the thresholds raised while a batch is analysed the same run spends 0.12 s (36 young, 3 middle
# passes); garbage cycles wait a little longer (at most 10,000 young objects). Restored after each
# batch, before its results are handed on.
GC_THRESHOLDS = (10_000, 10, 10)


@contextmanager
def fewer_collections():
    old = gc.get_threshold()
    gc.set_threshold(*(max(a, b) for a, b in zip(old, GC_THRESHOLDS)))
    try:
        yield
    finally:
        gc.set_threshold(*old)


def analyze_articles(
    articles: Iterable[Article], *, model: str | None = None, nlp: bool = True, batch_size: int = 16,
    options: StageOptions | None = None,
) -> Iterator[AnalyzedArticle]:
    """Analyse a stream of articles, in order; texts are parsed in batches with ``nlp.pipe``;
    ``options``: the stages' data and models (``newsgraph.options.StageOptions``)."""
    if not nlp:
        for a in articles:
            yield AnalyzedArticle(article=a)
        return
    from .nlp import load_nlp
    from .readers.pagetype import skip_note  # issue 15: the gate for pages that are not articles

    pipeline = load_nlp(model)
    for chunk in _chunks(articles, batch_size):
        # spaCy keeps every new token string for good (~1 KB each): a long ingest grew by
        # hundreds of MB. Strings first seen in the batch are freed when its zone ends;
        # no Doc leaves the zone (results are plain records).
        zone = getattr(pipeline, "memory_zone", None)
        with zone() if zone is not None else nullcontext(), fewer_collections():
            limit = pipeline.max_length  # spaCy raises on longer texts: they are stored without NLP
            # walls, listings, guides and product pages are stored but not analysed (Article.notes says so)
            english = [a for a in chunk if is_english(a) and len(a.text) <= limit and not skip_note(a)]
            docs = dict(zip((id(a) for a in english),
                            pipeline.pipe((a.text for a in english), batch_size=batch_size)))
            out = []
            for a in chunk:
                doc = docs.get(id(a))
                if doc is None:
                    note = skip_note(a) or (f"language {a.language!r} is not English: NLP stages skipped"
                                            if not is_english(a)
                                            else f"text of {len(a.text):,} characters is over the NLP "
                                                 f"limit of {limit:,}: NLP stages skipped")
                    if note not in a.notes:
                        a.notes.append(note)
                    out.append(AnalyzedArticle(article=a))
                else:
                    out.append(annotate(doc, a, options))
            del docs
        yield from out


def analyze_text(text: str | Article, *, model: str | None = None, nlp: bool = True,
                 options: StageOptions | None = None) -> AnalyzedArticle:
    """Analyse one text (never taken as a file name) or ``Article``: one ``AnalyzedArticle``.
    The text of an HTML page (a saved page's source) is read with the HTML reader, as the file
    would be: body, title, date and the other metadata. Any other text is taken verbatim (no title
    or date line is split off it, so offsets are into exactly the text given). An empty text
    raises ``ReaderError``."""
    if isinstance(text, Article):
        art = text
    elif isinstance(text, str):
        if not text.strip():
            raise ReaderError("empty text")
        if looks_like_html(text):
            from .readers.html import read_html

            art = read_html(text)
            if not art.text.strip():
                raise ReaderError("no article text found")
        else:
            art = Article(text=text)
    else:
        raise TypeError(f"analyze_text() takes a text or an Article, not {type(text).__name__}")
    if art.language is None:
        art.language = detect_language(art.text)
    return next(analyze_articles([art], model=model, nlp=nlp, options=options))


def analyze_file(path: str | Path, *, model: str | None = None, nlp: bool = True,
                 max_bytes: int = DEFAULT_MAX_BYTES, options: StageOptions | None = None) -> list[AnalyzedArticle]:
    """Read a file or directory with the readers, exactly as ``newsgraph extract`` does, and analyse
    every article in it: the list, in order (one item for a single-article file). Unreadable input
    raises its ``ReaderError``."""
    arts = []
    for item in iter_articles([path], max_bytes=max_bytes):
        if isinstance(item, ReaderError):
            raise item
        if item.language is None:
            item.language = detect_language(item.text)
        arts.append(item)
    return list(analyze_articles(arts, model=model, nlp=nlp, options=options))


def analyze(source, *, model: str | None = None, nlp: bool = True, all: bool = False,  # noqa: A002
            options: StageOptions | None = None):
    """Analyse a text, a file path or an ``Article`` (kept for its documented uses; ``analyze_text``
    and ``analyze_file`` say which one they take and return one type each).

    A ``str`` naming an existing file (or a ``Path``) is read with the readers,
    exactly as ``newsgraph extract`` reads it; any other ``str`` is taken
    verbatim as the article text. Returns one ``AnalyzedArticle`` (the first of
    the file), or the list of all of them when ``all=True``. Unreadable input
    raises ``ReaderError``.
    """
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and len(source) < 4096
                                    and _is_file_name(source)):
        results = analyze_file(source, model=model, nlp=nlp, options=options)
    elif isinstance(source, (str, Article)):
        results = [analyze_text(source, model=model, nlp=nlp, options=options)]
    else:
        raise TypeError(f"analyze() takes a text, a path or an Article, not {type(source).__name__}")
    return results if all else results[0]


def _is_file_name(s: str) -> bool:
    """Does ``s`` name an existing file or directory? A one-line text longer than a file name
    may be (255 bytes) makes ``stat`` fail with ENAMETOOLONG: then it is a text, not a path."""
    try:
        return Path(s).exists()
    except (OSError, ValueError):
        return False


def readable(items: Iterable[Article | ReaderError], failures: list[ReaderError], *,
             on_item: Callable[[Article | ReaderError], None] | None = None, log: bool = True
             ) -> Iterator[Article]:
    """The articles of a reader stream. Reader errors are filtered here, in one place for every
    surface: each is kept in ``failures`` (and logged, with ``log``), and the stream goes on
    (nothing is lost)."""
    for item in items:
        if on_item:
            on_item(item)
        if isinstance(item, ReaderError):
            if log:
                logger.warning("%s", item)
            failures.append(item)
            continue
        yield item


@dataclass
class IngestSummary:
    read: int = 0
    inserted: int = 0
    duplicates: int = 0
    skipped_nlp: int = 0  # stored without NLP (not English)
    failures: list[ReaderError] = field(default_factory=list)
    monitor: dict | None = None  # the monitor refresh after the ingest (``store.series.refresh``'s counts)
    alerts: int | None = None  # alerts delivered after it (``monitor.alerts.post_new_alerts``; None: failed)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def add(self, other: "IngestSummary") -> None:
        self.read += other.read
        self.inserted += other.inserted
        self.duplicates += other.duplicates
        self.skipped_nlp += other.skipped_nlp
        self.failures += other.failures

    def to_dict(self) -> dict:
        return {
            "read": self.read, "inserted": self.inserted, "duplicates": self.duplicates,
            "not_english": self.skipped_nlp, "failed": self.failed,
            "failures": [{"path": f.path, "line": f.line, "reason": f.reason} for f in self.failures],
        }


def now() -> str:
    """An ingest's start time, in the format of ``articles.ingested_at``."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def store_articles(articles: Iterable[Article], store, *, model: str | None = None, nlp: bool = True,
                   batch_size: int = 16, seen: set[str] | None = None,
                   sink: Callable[[list[AnalyzedArticle]], None] | None = None,
                   options: StageOptions | None = None) -> IngestSummary:
    """The body of every ingest (serial, each worker process, each feed poll): in batches of
    ``batch_size``, skip the texts already stored (by content hash, before any NLP is spent on them)
    or already met in this run (``seen``), analyse the rest with ``analyze_articles`` and write them,
    one transaction per batch (``store.write``), or hand them to ``sink`` (a shard writer).

    ``store`` may be None with a ``sink``: nothing is then skipped as stored. Counts ``inserted``,
    ``duplicates`` and ``skipped_nlp``; ``read`` and ``failures`` are the caller's."""
    from .store.queries import known_hashes  # the store (SQLAlchemy) only where one is used: extract stays light

    out = IngestSummary()
    seen = set() if seen is None else seen
    for chunk in _chunks(articles, batch_size):
        stored = known_hashes(store.engine, [a.hash for a in chunk]) if store is not None else set()
        fresh = []
        for a in chunk:
            h = a.hash
            if h in stored or h in seen:
                out.duplicates += 1
            else:
                seen.add(h)
                fresh.append(a)
        analysed = list(analyze_articles(fresh, model=model, nlp=nlp, batch_size=batch_size, options=options))
        out.skipped_nlp += sum(1 for x in analysed if nlp and not is_english(x.article))
        if sink is not None:
            sink(analysed)
            continue
        res = store.write(analysed, nlp=nlp)
        out.inserted += res.inserted
        out.duplicates += res.duplicates
    return out


def ingest(
    sources: Iterable[str | Path],
    store,
    *,
    model: str | None = None,
    nlp: bool = True,
    batch_size: int = 16,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_article: Callable[[Article | ReaderError], None] | None = None,
    stdin=None,
    refresh_monitor: bool = True,
    options: StageOptions | None = None,
) -> IngestSummary:
    """Read, analyse and store in this process; one transaction per batch, already-stored texts
    skipped before any NLP is spent on them; then the monitor's daily series are brought up to
    date. ``newsgraph.ingest`` is the same with workers, Dask and shards as options."""
    started = now()
    summary = IngestSummary()
    arts = readable(iter_articles(sources, max_bytes=max_bytes, stdin=stdin), summary.failures, on_item=on_article,
                    log=on_article is None)  # a caller watching the items reports the errors itself

    def counted() -> Iterator[Article]:
        for a in arts:
            summary.read += 1
            yield a

    summary.add(store_articles(counted(), store, model=model, nlp=nlp, batch_size=batch_size, options=options))
    if refresh_monitor and summary.inserted:
        from .store.series import refresh_after_ingest

        summary.monitor = refresh_after_ingest(store.engine, started)
    return summary
