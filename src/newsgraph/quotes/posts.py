"""Embedded social-media posts: the post's text, then its author line.

Pages embed posts (X/Twitter, Instagram, Threads) as a block that the reader flattens into
paragraphs: the text of the post, then a line ``— Name (@handle) Month D, YYYY``. The post is a
statement by the named author: one direct quote whose cue is the dash of the author line and whose
speaker is the name. The post's text is the paragraph just before the author line, and the
paragraphs before that one while they look like the same post (short, no quotation marks, written
in the first or second person: ``Sharing my full letter ...``); a trailing link
(``pic.twitter.com/…``, ``https://t.co/…``) is left out.
"""

from __future__ import annotations

import re

from newsgraph.quotes.marks import paragraphs

_AUTHOR = re.compile(r"^[ \t]*(?P<dash>[\u2014\u2013]|-{1,2})[ \t]*(?P<name>[^()\n@]{1,60}?)[ \t]*"
                     r"\(@\w{1,30}\)[ \t]*(?:[A-Z][a-z]{2,9}\.? \d{1,2}, \d{4})?[ \t]*$", re.MULTILINE)
_LINK_TAIL = re.compile(r"(?:\s+(?:pic\.twitter\.com/\S+|https?://\S+|#\S+|@\S+))+\s*$")
_PERSONAL = re.compile(r"\b(?:I|I'm|I’m|my|me|we|our|us|you|your)\b", re.IGNORECASE)
_MARKS = ("\"", "\u201c", "\u201d")
_MAX_EARLIER = 3
_MAX_CHARS = 300


def find_posts(text: str) -> list[tuple[list[tuple[int, int]], tuple[int, int], tuple[int, int]]]:
    """``(content pieces, dash char span, name char span)`` for each embedded post."""
    paras = paragraphs(text)
    out = []
    for n, (ps, pe) in enumerate(paras):
        m = _AUTHOR.match(text, ps, pe)
        if m is None or n == 0:
            continue
        pieces = []
        k = n - 1
        while k >= 0 and len(pieces) <= _MAX_EARLIER:
            s, e = paras[k]
            body = text[s:e]
            link = _LINK_TAIL.search(body)
            if link:
                e = s + link.start()
            while e > s and text[e - 1].isspace():
                e -= 1
            while s < e and text[s].isspace():
                s += 1
            if e - s < 2 or _AUTHOR.match(text, *paras[k]):
                break
            if not pieces and e - s > 2 * _MAX_CHARS:
                break  # the post's text is not there (the reader dropped it)
            if pieces and (e - s > _MAX_CHARS or any(c in body for c in _MARKS) or not _PERSONAL.search(body)):
                break  # an earlier paragraph that is article text
            pieces.insert(0, (s, e))
            k -= 1
        if pieces:
            out.append((pieces, (m.start("dash"), m.end("dash")), (m.start("name"), m.end("name"))))
    return out
