"""The shared records every stage reads and writes.

This module imports nothing from the rest of newsgraph. Every record is a plain
dataclass with a ``to_dict()`` that produces the JSON shape documented in
``docs/output.md``; that shape is the public contract of ``newsgraph extract``.

Offsets: every ``start``/``end`` pair is a character offset into
``Article.text`` such that ``text[start:end]`` equals the record's own text
field (``Span.text``, ``Quote.content``, ``Speaker.mention``, ...).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1  # version of the extract JSON contract (docs/output.md)

_PLAIN = frozenset((str, int, float, bool, type(None)))


def _flat_dict(obj, cls: type, names: tuple[str, ...]) -> dict[str, Any]:
    """``dataclasses.asdict(obj)`` for a ``cls`` record (fields ``names``) holding plain values
    (str, int, float, bool, None), without its recursive deep copy (most of the time of turning
    an article's records into JSON); a subclass or any other value gets ``asdict`` itself."""
    if type(obj) is not cls:
        return asdict(obj)
    d = {n: getattr(obj, n) for n in names}
    for v in d.values():
        if type(v) not in _PLAIN:
            return asdict(obj)
    return d


def normalise_for_hash(text: str) -> str:
    """Text normalisation used for the content hash (dedup of re-ingests)."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split()).casefold()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


@dataclass
class Article:
    """One news article as read from its source, before any NLP."""

    text: str
    id: str = ""  # stable id: given by the source, else derived from the content hash
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    source_path: str | None = None
    language: str | None = None
    notes: list[str] = field(default_factory=list)  # e.g. "not English: NLP skipped"
    page_type: str | None = None  # article | live | listing | guide | product | wall | error (docs/output.md)
    topic: str | None = None  # the article's section as judged from its text (docs/output.md)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_hash(self.text)[:16]

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass
class Span:
    """A piece of article text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Actor:
    """A resolved actor (person, government, organisation, group, country).

    ``code`` is the CAMEO-style combined code (``RUSGOV``, ``KAZMIL``, ``IGO``...),
    ``country`` ISO 3166 alpha-3 (or IGO/NGO/MNC), ``sector`` a PLOVER sector.
    An unresolved mention keeps its ``text`` with ``code``/``country`` None.
    """

    text: str
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None  # canonical name
    kind: str | None = None  # person | organisation | country | group
    id: str | None = None  # stable actor id (e.g. "person:vladimir_putin")
    start: int | None = None
    end: int | None = None
    title: str | None = None  # office / role, e.g. "President"
    # where ``country`` comes from when it is not stated for this actor: "article" = the page's one
    # clear country, given to a named person or organisation nothing else places (docs/actors.md)
    country_basis: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _flat_dict(self, Actor, _ACTOR_FIELDS)


_ACTOR_FIELDS = tuple(f.name for f in fields(Actor))


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def actor_id(actor: Actor | None) -> str | None:
    """The identity of an actor: the id it is stored under, and what "the same actor" means.

    The database keys actors by this value, the article's actor list holds one actor per
    value, and ``resolve_doc`` lists one actor per value; it is the only definition.
    In order:

    * the resolver's ``id`` when it has one (``person:vladimir_putin``, ``agent:KAZ:COP``);
    * a name with anything else known about it (code, country or kind):
      ``<kind>:<name slug>`` (``group:police``; ``actor:`` when the kind is unknown);
    * a code alone: ``code:<code>`` (``code:KAZGOV``: an office whose holder is not known);
    * ``None``: an unresolved mention (no actor to store).

    Stored ids depend on these rules: changing them splits the actors of an existing
    database. Note that the name slug here is not the resolver's ``slug`` (no accent folding).
    """
    if actor is None:
        return None
    if actor.id:
        return actor.id
    if actor.name and (actor.code or actor.country or actor.kind):
        return f"{actor.kind or 'actor'}:{_NOT_SLUG.sub('_', actor.name.casefold()).strip('_')}"
    if actor.code:
        return f"code:{actor.code}"
    return None


@dataclass
class Place:
    """A place resolved to GeoNames."""

    text: str
    geonameid: int | None = None
    name: str | None = None
    country: str | None = None  # ISO alpha-3
    latitude: float | None = None
    longitude: float | None = None
    feature_class: str | None = None  # A (country/region), P (city) ...
    start: int | None = None
    end: int | None = None
    # how exactly the record locates the mention: "city" (GeoNames place), "region", "country"; a
    # village GeoNames lacks ("Kok-Jar") keeps its name and is placed at the best known level
    precision: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _flat_dict(self, Place, _PLACE_FIELDS)


_PLACE_FIELDS = tuple(f.name for f in fields(Place))


@dataclass
class Entity:
    """A named-entity mention with optional actor/place resolution."""

    text: str
    label: str
    start: int
    end: int
    actor: Actor | None = None
    place: Place | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "label": self.label, "start": self.start, "end": self.end}
        d["actor"] = self.actor.to_dict() if self.actor else None
        d["place"] = self.place.to_dict() if self.place else None
        return d


@dataclass
class Speaker:
    """Who said a quote. ``mention`` is the text at the cue (``"he"``),
    ``name`` the resolved person (``"Alexander Lukashenko"``)."""

    name: str | None
    mention: str
    start: int
    end: int
    title: str | None = None
    affiliation: str | None = None
    actor: Actor | None = None
    resolved_from: str | None = None  # "name" | "pronoun" | "description" | ...
    resolved: bool = True  # False: no one could be found for the mention (name null, mention kept)

    def to_dict(self) -> dict[str, Any]:
        d = {n: getattr(self, n) for n in _SPEAKER_FIELDS}
        if type(self) is not Speaker or any(type(v) not in _PLAIN for k, v in d.items() if k != "actor"):
            d = asdict(self)
        d["actor"] = self.actor.to_dict() if self.actor else None
        return d


_SPEAKER_FIELDS = tuple(f.name for f in fields(Speaker))


@dataclass
class Quote:
    """One quotation piece. ``kind``: direct | indirect | mixed."""

    kind: str
    content: str
    start: int
    end: int
    cue: Span | None = None
    speaker: Speaker | None = None
    sentence: Span | None = None  # the sentence(s) holding the quote: offsets only meaningful
    group: int | None = None  # pieces of one quotation broken by a cue share a group id

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "content": self.content,
            "start": self.start,
            "end": self.end,
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "group": self.group,
        }


@dataclass
class Event:
    """A coded political event (PLOVER 2.0 with CAMEO/quad class/Goldstein)."""

    type: str
    trigger: Span
    sentence: Span
    mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    date: str | None = None
    location: Place | None = None
    negated: bool = False
    modality: str = "asserted"  # asserted | future | hypothetical | requested
    claimed_by: Speaker | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "trigger": self.trigger.to_dict(),
            "sentence": {"start": self.sentence.start, "end": self.sentence.end},
            "date": self.date,
            "location": self.location.to_dict() if self.location else None,
            "negated": self.negated,
            "modality": self.modality,
            "claimed_by": self.claimed_by.to_dict() if self.claimed_by else None,
        }


@dataclass
class AnalyzedArticle:
    """An article with everything the pipeline found in it."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "id": a.id,
            "source_path": a.source_path,
            "url": a.url,
            "title": a.title,
            "published": a.published,
            "authors": list(a.authors),
            "site": a.site,
            "language": a.language,
            "notes": list(a.notes),
            "page_type": a.page_type,
            "topic": a.topic,
            "text": a.text,
            "entities": [e.to_dict() for e in self.entities],
            "actors": [x.to_dict() for x in self.actors],
            "places": [p.to_dict() for p in self.places],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
        }
