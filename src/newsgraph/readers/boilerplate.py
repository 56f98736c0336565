"""Cleaning an article body: before extraction (the page's tree) and after (its paragraphs).

Before trafilatura reads the page:

* an empty inline element (``<em></em>``, ``<span></span>``) is removed and the
  text after it joined to the text before it: trafilatura drops such an element
  together with its tail, which cut sentences (and quotes) in half;
* a hover card inside a paragraph (an inline element with no words of its own
  before its first child, holding an image and two or more links: a person's photo
  with links to other stories) is removed, keeping the text after it and the linked
  name it opens with ("Rep. <a>Name</a><span><img>…</span>" reads "Rep. Name");
* an article body split into several containers of the same tag and class, each
  with paragraphs of its own (ads or videos between them), is joined into the
  first one: trafilatura keeps only one container;
* the standfirst (the summary under the headline: an element whose class names
  it ``standfirst``, ``dek``, ``summary``, ``subtitle``…, placed before the body
  and worded like the page's own description) is remembered, so that it can be
  put back in front of the body when the extraction left it out.

After extraction, paragraphs that are page furniture are removed by the rules of
``data/boilerplate.txt`` (links to other stories, newsletter and sharing prompts,
reading times, photo credits, comment sections, citation boxes).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

INLINE = frozenset(
    "a abbr b bdi bdo cite code em font i kbd mark q s samp small span strong sub sup u var".split()
)
_BLOCKS = ("p", "li", "blockquote", "td", "dd", "figcaption")
_STANDFIRST_CLASS = re.compile(
    r"(?:^|[\s_-])(?:standfirst|dek|summary|subtitle|sub-title|subheadline|sub-headline|strapline|"
    r"lede|lead-in|intro|excerpt|article-description|deck)(?:$|[\s_-])",
    re.I,
)
_WORD = re.compile(r"\w+")
MAX_FURNITURE_CHARS = 300


@lru_cache(maxsize=1)
def rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(kind, pattern)`` pairs from ``data/boilerplate.txt``."""
    raw = resources.files("newsgraph.readers").joinpath("data/boilerplate.txt").read_text("utf-8")
    out = []
    for line in raw.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, _, pattern = line.strip().partition(" ")
        if kind not in ("drop", "block", "after"):
            raise ValueError(f"boilerplate.txt: unknown rule kind {kind!r}")
        out.append((kind, re.compile(pattern.strip(), re.I)))
    return tuple(out)


def _join_tail(element: Any, keep_text: bool = False) -> None:
    """Remove ``element`` but keep the text after it (its tail) in place, and its own text
    with ``keep_text`` (the space of ``<em> </em>``)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = ((element.text or "") if keep_text else "") + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _in_block(element: Any) -> bool:
    return any(True for _ in element.iterancestors(*_BLOCKS))


def prepare_tree(tree: Any) -> None:
    """Remove empty inline elements and hover cards (keeping the text after them) and join
    split bodies, in place."""
    merge_split_bodies(tree)
    for element in list(tree.iter(*INLINE)):
        if element.getparent() is None or len(element) or (element.text or "").strip():
            continue
        _join_tail(element, keep_text=True)
    for element in list(tree.iter("span", "a", "small", "font")):
        if element.getparent() is None or not _in_block(element):
            continue
        if (element.text or "").strip():  # words of its own: a wrapper of the sentence, not the card
            continue
        if any(True for _ in element.iter("img")) and sum(1 for _ in element.iter("a")) >= 2:
            _drop_card(element)


def _drop_card(element: Any) -> None:
    """Remove a hover card but keep the linked name it opens with: ``<span><a>Name</a><span>
    <img>…links…</span></span>`` reads "Name" (the name is part of the sentence)."""
    kids = list(element)
    lead = ""
    if kids and kids[0].tag == "a" and not any(True for _ in kids[0].iter("img")):
        lead = " ".join(kids[0].text_content().split())
    tail = lead + (element.tail or "")
    parent = element.getparent()
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


_BODY_CLASS = re.compile(r"(?:^|[\s_-])(?:body|article|content|story|text|entry|post)(?:$|[\s_-])", re.I)


def _long_paragraphs(element: Any) -> int:
    return sum(1 for p in element.iter("p") if len(p.text_content().split()) >= 15)


def merge_split_bodies(tree: Any) -> int:
    """Join an article body that the page splits into several containers of the same kind
    (same tag and class, ads or videos between them, each with paragraphs of its own):
    trafilatura keeps only the first. The later parts' children move into the first.
    Returns the number of containers merged."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for element in tree.iter("div", "section", "article"):
        cls = " ".join((element.get("class") or "").split())
        if cls and _BODY_CLASS.search(cls):
            groups.setdefault((element.tag, cls), []).append(element)
    merged = 0
    for parts in groups.values():
        if len(parts) < 2:
            continue
        parts = [e for e in parts if _long_paragraphs(e) >= 2]
        if len(parts) < 2 or any(a in b.iterancestors() for a in parts for b in parts if a is not b):
            continue
        first = parts[0]
        for extra in parts[1:]:
            for child in list(extra):
                first.append(child)
            extra.getparent().remove(extra)
            merged += 1
    return merged


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if len(w) > 2}


def standfirst(tree: Any, descriptions: list[str]) -> str | None:
    """The summary under the headline, if the page marks one and it agrees with the page's
    own description (``og:description`` and the like)."""
    wanted = [_words(d) for d in descriptions if d]
    wanted = [w for w in wanted if len(w) >= 5]
    if not wanted:
        return None
    for element in tree.iter("p", "div", "h2", "span"):
        if not _STANDFIRST_CLASS.search(element.get("class") or ""):
            continue
        text = " ".join(element.text_content().split())
        n = len(text.split())
        if not 6 <= n <= 90:
            continue
        words = _words(text)
        for want in wanted:
            if words and len(words & want) / max(len(words), len(want)) >= 0.7:
                return text
    return None


def add_standfirst(text: str, lead: str | None) -> str:
    """Put ``lead`` before ``text`` when the text does not already hold it."""
    if not lead or not text:
        return text
    squashed = " ".join(_WORD.findall(text.casefold()))
    lead_squashed = " ".join(_WORD.findall(lead.casefold()))
    if not lead_squashed or lead_squashed in squashed:
        return text
    return lead + "\n\n" + text


def _matches(kind: str, paragraph: str) -> bool:
    if len(paragraph) > MAX_FURNITURE_CHARS:
        return False
    return any(k == kind and p.fullmatch(paragraph) for k, p in rules())


def _list_item(paragraph: str) -> bool:
    return paragraph.startswith(("- ", "• ", "* ")) or _matches("drop", paragraph)


def drop_furniture(text: str) -> str:
    """``text`` (paragraphs separated by a blank line) without furniture paragraphs."""
    paragraphs = text.split("\n\n")
    kept: list[str] = []
    i = 0
    total = len(paragraphs)
    while i < total:
        paragraph = paragraphs[i].strip()
        if i >= total / 2 and i > 0 and _matches("after", paragraph):
            break
        if _matches("block", paragraph):
            i += 1
            while i < total and _list_item(paragraphs[i].strip()):
                i += 1
            continue
        if not _matches("drop", paragraph):
            kept.append(paragraphs[i])
        i += 1
    if not kept:  # never leave a page without text: furniture rules are for bodies
        return text
    return "\n\n".join(kept)
