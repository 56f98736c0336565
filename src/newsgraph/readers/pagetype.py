"""What kind of page was read: ``article``, ``live``, ``listing``, ``guide``, ``product``,
``wall`` or ``error`` (``Article.page_type``; docs/output.md, docs/readers-html.md).

Decided on the page itself, in this order (the first that applies):

* ``error`` -- a short page whose title or text says it is an error ("Page not found");
* ``wall`` -- a short page that is a consent, login or subscription wall (cookie or
  subscription prompts), or an article the page marks as not free
  (``isAccessibleForFree: false``) of which only a teaser is readable;
* ``live`` -- a live blog: JSON-LD ``LiveBlogPosting``, a "Live:"/"The Latest:" title, or
  three or more paragraphs that are only a time of day ("10:45 a.m.");
* ``listing`` -- an index, table or link list rather than prose: most paragraphs are short
  lines, list items or table rows and at most one is a sentence-length paragraph;
* ``product`` -- reviews of products, deals and shopping pages (JSON-LD ``Product``,
  ``Review``, ``Offer``; titles such as "… review:", "Black Friday deals", "Best … of 2024");
* ``guide`` -- how-tos, recipes, tips and game guides (JSON-LD ``Recipe``, ``HowTo``;
  titles such as "How to …", "10 tips …");
* ``article`` otherwise.

The cues are in ``data/page_types.yaml``. Which types the analysis skips is
:data:`NOT_ANALYSED` (see :func:`skip_note`, used by ``pipeline.analyze_articles``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

from newsgraph.readers.pagemeta import json_ld, ld_types

PAGE_TYPES = ("article", "live", "listing", "guide", "product", "wall", "error")
# stored, but the NLP stages (entities, quotes, events) are not run on them: their text is not
# news prose, and quotes/events read from it were mostly wrong (issue 15)
NOT_ANALYSED = frozenset({"listing", "guide", "product", "wall", "error"})
SHORT_WORDS = 250  # walls and error pages are short
_TIME_ONLY = re.compile(
    r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)|\d{1,2}:\d\d)(?:\s+[A-Z]{2,4})?\.?", re.I
)
_PROSE = 120  # characters: a paragraph at least this long is prose, not a list line
_SHORT = 60


@lru_cache(maxsize=1)
def cues() -> dict[str, dict[str, Any]]:
    import yaml

    raw = resources.files("newsgraph.readers").joinpath("data/page_types.yaml").read_text("utf-8")
    data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: faster start
    out: dict[str, dict[str, Any]] = {}
    for kind, spec in data.items():
        if kind not in PAGE_TYPES:
            raise ValueError(f"page_types.yaml: unknown page type {kind!r}")
        out[kind] = {
            "ld_types": {t.lower() for t in spec.get("ld_types", [])},
            "title": [re.compile(p, re.I) for p in spec.get("title", [])],
            "text": [re.compile(p, re.I) for p in spec.get("text", [])],
        }
    return out


def _ld(tree: Any) -> tuple[set[str], bool]:
    """The JSON-LD @types of the page's top-level objects (not of what they contain: a news
    article names its publisher's subscription as a ``Product``) and whether it marks its
    content as not free."""
    types: set[str] = set()
    paywalled = False
    for obj, top in json_ld(tree):
        if top:
            types.update(ld_types(obj))
        if str(obj.get("isAccessibleForFree", "")).strip().lower() == "false":
            paywalled = True
    return types, paywalled


def _titles(tree: Any, title: str | None) -> list[str]:
    found = [title or ""]
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        if key == "og:title" and element.get("content"):
            found.append(element.get("content"))
    return [t for t in found if t]


_WIDE = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]")


def _size(paragraph: str) -> int:
    """Length in characters, a CJK character counting twice (it carries about a word)."""
    return len(paragraph) + len(_WIDE.findall(paragraph))


def _is_listing(paragraphs: list[str]) -> bool:
    if len(paragraphs) < 8:
        return False
    prose = sum(1 for p in paragraphs if _size(p) >= _PROSE and not p.startswith(("| ", "- ")))
    lines = sum(1 for p in paragraphs if _size(p) < _SHORT or p.startswith(("| ", "- ")))
    return prose <= 1 and lines / len(paragraphs) >= 0.6


def classify_page(tree: Any, title: str | None, text: str) -> str:
    """The page type of a read page (see the module's doc)."""
    c = cues()
    types, paywalled = _ld(tree)
    titles = _titles(tree, title)
    words = len(text.split())
    short = words < SHORT_WORDS

    def title_hit(kind: str) -> bool:
        return any(p.search(t) for p in c[kind]["title"] for t in titles)

    def text_hit(kind: str) -> bool:
        return any(p.search(text) for p in c[kind]["text"])

    if short and (title_hit("error") or text_hit("error")):
        return "error"
    if short and (text_hit("wall") or (paywalled and words < 150)):
        return "wall"
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    if (types & c["live"]["ld_types"] or title_hit("live")
            or sum(1 for p in paragraphs if _TIME_ONLY.fullmatch(p)) >= 3):
        return "live"
    if _is_listing(paragraphs):
        return "listing"
    if types & c["product"]["ld_types"] or title_hit("product"):
        return "product"
    if types & c["guide"]["ld_types"] or title_hit("guide"):
        return "guide"
    return "article"


def skip_note(article: Any) -> str | None:
    """The note for an article the NLP stages skip because of its page type, else None."""
    page_type = getattr(article, "page_type", None)
    if page_type in NOT_ANALYSED:
        return f"page type {page_type!r}: stored, NLP stages skipped (not an article)"
    return None
