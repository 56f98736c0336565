"""Pairing quotation marks the way a reader does, including broken ones.

Real pages mix straight and typographic marks, leave quotes open, glue the
closing mark to the next word (``seizing power, "said``) and follow the news
convention of multi-paragraph quotes (an opening mark at each paragraph, one
closing mark at the very end).  This module works on the raw text only: it
returns :class:`Region` objects, one per quoted stretch of one paragraph, with
character offsets of the content *inside* the marks.

The scan is a single left-to-right pass over the marks (linear in the text),
with a small stack for nested quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# double-quote family: char -> hint ("open", "close" or "either")
DOUBLE_MARKS = {
    '"': "either",
    "\u201c": "open",  # “
    "\u201d": "close",  # ”
    "\u201e": "open",  # „
    "\u00ab": "open",  # «
    "\u00bb": "close",  # »
    "\u201f": "open",  # ‟
    "\u2033": "either",  # ″ (seen as a stand-in on some pages)
}
SINGLE_OPEN = {"'", "\u2018", "\u201a", "\u2039"}  # ' ‘ ‚ ‹
SINGLE_CLOSE = {"'", "\u2019", "\u203a"}  # ' ’ ›

_DOUBLE_RE = re.compile('["\u201c\u201d\u201e\u00ab\u00bb\u201f\u2033]')
_SINGLE_RE = re.compile("['\u2018\u2019\u201a\u2039\u203a]")
_PARA_RE = re.compile(r"\n\s*\n|\n(?=[ \t]*[\"\u201c\u201e\u00ab])")

# opening context: what may sit right before an opening mark
_OPEN_BEFORE = set(" \t\n([{\u2014\u2013-/:\u00a0")
# closing-mark lookahead: a short cue tail such as ``said the expert.``
_CUE_TAIL_WORDS = 8


@dataclass
class Region:
    """One quoted stretch within one paragraph.

    ``start``/``end`` bound the content (marks excluded, outer spaces trimmed);
    ``open_mark``/``close_mark`` are the positions of the marks (None when the
    text lacks one).  ``chain`` links the paragraphs of one multi-paragraph
    quote; ``depth`` is 0 for top-level quotes, 1+ for quotes inside quotes.
    """

    start: int
    end: int
    open_mark: int | None
    close_mark: int | None
    depth: int = 0
    chain: int = 0
    paragraph: int = 0
    parent: int | None = None  # index of the enclosing region
    children: list[int] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.close_mark is not None

    @property
    def outer_start(self) -> int:
        return self.open_mark if self.open_mark is not None else self.start

    @property
    def outer_end(self) -> int:
        return self.close_mark + 1 if self.close_mark is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph bounds: blank lines, or a newline followed by an opening quote."""
    bounds = []
    pos = 0
    for m in _PARA_RE.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _shape(text: str, i: int) -> str:
    """Classify a straight mark by the characters around it."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    left_tight = not before.isspace() and before not in _OPEN_BEFORE
    right_tight = not after.isspace()
    if left_tight and not right_tight:
        return "close"
    if not left_tight and right_tight:
        if after in ".,;:!?)]":
            return "close"
        return "open"
    if left_tight and right_tight:
        return "glued"  # word"word: a closing mark glued to the next word, usually
    return "loose"  # space on both sides


def _prev_nonspace(text: str, i: int, floor: int) -> str:
    j = i - 1
    while j >= floor and text[j] in " \t\u00a0":
        j -= 1
    return text[j] if j >= floor else "\n"


def _looks_like_cue_tail(text: str, i: int, para_end: int, cue_words: frozenset[str]) -> bool:
    """Is the text after a mark a short attribution (``said the expert.``)?"""
    m = re.match(r"[^\"\u201c\u201d.!?\n]*", text[i + 1 : para_end])
    tail = m.group(0) if m else ""
    words = re.findall(r"[A-Za-z']+", tail.lower())
    if not words or len(words) > _CUE_TAIL_WORDS:
        return False
    return any(w in cue_words for w in words)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


_TWO_APOS_RE = re.compile("(?<!['\u2019])'''?(?!['\u2019])")


def _double_apostrophes(text: str) -> str:
    """``''`` used as a double quote mark (``''It's over,'' he said``, the
    convention of some wire and newspaper archives) rewritten, same length, as
    a typographic mark plus a space: ``“ `` to open, `` ”`` to close, ``" ``
    when the neighbours do not tell."""
    if "''" not in text:
        return text
    out = []
    pos = 0
    for m in _TWO_APOS_RE.finditer(text):
        i = m.start()
        if m.end() - i == 3:  # a single mark next to the double one: it opens or closes inside
            prev = text[i - 1] if i > 0 else "\n"
            if not prev.isspace() and prev not in _OPEN_BEFORE:
                i += 1
        before = text[i - 1] if i > 0 else "\n"
        after = text[i + 2] if i + 2 < len(text) else "\n"
        left_tight = not before.isspace() and before not in _OPEN_BEFORE
        right_tight = not after.isspace()
        if left_tight and not right_tight or (right_tight and after in ".,;:!?)]"):
            rep = " \u201d"
        elif right_tight and not left_tight:
            rep = "\u201c "
        else:
            rep = '" '
        out.append(text[pos:i])
        out.append(rep)
        pos = i + 2
    out.append(text[pos:])
    return "".join(out)


def find_regions(text: str, *, cue_words: frozenset[str] = frozenset()) -> list[Region]:
    """Pair the quotation marks of ``text`` into regions (see module doc)."""
    text = _double_apostrophes(text)
    paras = paragraphs(text)
    marks = [(m.start(), m.group(0)) for m in _DOUBLE_RE.finditer(text)]
    regions: list[Region] = []
    chain_id = 0
    mi = 0
    carry_open = False  # previous paragraph ended inside a top-level quote
    carry_chain = 0
    for pi, (ps, pe) in enumerate(paras):
        stack: list[tuple[int, int, int]] = []  # (open mark pos, chain, region index placeholder)
        para_marks = []
        while mi < len(marks) and marks[mi][0] < pe:
            if marks[mi][0] >= ps:
                para_marks.append(marks[mi])
            mi += 1
        # open the paragraph inside a quote when the previous one never closed and this
        # paragraph's first mark is a closing one (quote continued without a new mark)
        if carry_open and para_marks:
            pos, ch = para_marks[0]
            hint = DOUBLE_MARKS[ch]
            shape = _shape(text, pos) if hint == "either" else hint
            first_is_close = shape in ("close", "glued") or (
                shape in ("open", "loose") and _prev_nonspace(text, pos, ps) in ",.?!" and pos > ps + 1
                and _looks_like_cue_tail(text, pos, pe, cue_words)
            )
            if first_is_close and pos > ps:
                stack.append((ps - 1, carry_chain, -1))
        continue_chain = carry_chain if carry_open else None
        carry_open = False

        def emit(open_pos: int, close_pos: int | None, end_limit: int, chain: int,
                 ps: int = ps, pi: int = pi, stack: list = stack) -> None:
            _emit(text, regions, open_pos, close_pos, end_limit, chain, ps, pi, len(stack))

        for pos, ch in para_marks:
            hint = DOUBLE_MARKS[ch]
            shape = _shape(text, pos) if hint == "either" else hint
            if not stack:
                if hint == "either" and shape == "close" or hint == "close" and text[ps:pos].strip() \
                        and _shape(text, pos) not in ("open", "glued"):
                    continue  # stray closing mark: nothing is open
                if continue_chain is not None and not text[ps:pos].strip():
                    stack.append((pos, continue_chain, -1))
                else:
                    chain_id += 1
                    stack.append((pos, chain_id, -1))
                continue
            prev = _prev_nonspace(text, pos, ps)
            if hint == "open" and ch == "\u201c" and _shape(text, pos) in ("close", "glued"):
                action = "close"  # „German“ style, or a typographic mark turned the wrong way
            elif hint == "open":
                action = "nest"
                if prev in ".?!" and len(stack) == 1:
                    action = "reopen"
            elif hint == "close" or shape in ("close", "glued"):
                action = "close"
            elif shape == "open":
                if prev == ",":
                    action = "close"
                elif prev in ".?!":
                    action = "close" if _looks_like_cue_tail(text, pos, pe, cue_words) else "reopen"
                elif prev in ":" or prev.isalnum() or prev in "-\u2014\u2013(":
                    action = "nest" if len(stack) < 3 else "close"
                else:
                    action = "close"
            else:  # loose: space on both sides
                action = "close"
            if action == "close":
                open_pos, chain, _ = stack.pop()
                emit(open_pos, pos, pos, chain)
            elif action == "nest":
                stack.append((pos, stack[-1][1], -1))
            else:  # reopen: the previous quote ended at this mark's sentence boundary
                while len(stack) > 1:
                    open_pos, chain, _ = stack.pop()
                    emit(open_pos, None, pos, chain)
                open_pos, chain, _ = stack.pop()
                emit(open_pos, None, pos, chain)
                stack.append((pos, chain, -1))
        # paragraph end: whatever is open ends here
        while stack:
            open_pos, chain, _ = stack.pop()
            emit(open_pos, None, pe, chain)
            if not stack:
                carry_open = True
                carry_chain = chain
    regions.sort(key=lambda r: (r.outer_start, -r.outer_end))
    _link(regions)
    _add_single_quotes(text, paras, regions)
    for r in regions:
        if r.chain == -1:
            chain_id += 1
            r.chain = chain_id
    return regions


def _emit(text: str, regions: list[Region], open_pos: int, close_pos: int | None, end_limit: int, chain: int,
          ps: int, pi: int, depth: int) -> None:
    """Record the region between an opening mark and its closing mark (or limit)."""
    s = open_pos + 1
    e = close_pos if close_pos is not None else end_limit
    s, e = _trim(text, max(s, ps), e)
    if e <= s:
        return
    regions.append(Region(start=s, end=e, open_mark=open_pos if open_pos >= ps else None,
                          close_mark=close_pos, depth=depth, chain=chain, paragraph=pi))


def _link(regions: list[Region]) -> None:
    """Fill parent/children/depth from containment (regions sorted by start)."""
    open_stack: list[int] = []
    for i, r in enumerate(regions):
        while open_stack and regions[open_stack[-1]].outer_end <= r.outer_start:
            open_stack.pop()
        r.children = []
        if open_stack:
            r.parent = open_stack[-1]
            r.depth = regions[r.parent].depth + 1
            regions[r.parent].children.append(i)
        else:
            r.parent = None
            r.depth = 0
        open_stack.append(i)


_SINGLE_PAIR_RE = re.compile(
    "(?<![\\w\u2019'])(['\u2018\u2039])(?=[\\w\u2026])"  # opening: not after a letter
    "([^\n]{1,300}?[\\w.,!?\u2026)])"  # content
    "(['\u2019\u203a])(?![\\w])"  # closing: not before a letter (so not "don't")
)


def _is_single(text: str, r: Region) -> bool:
    return r.open_mark is not None and text[r.open_mark] not in DOUBLE_MARKS


def _drop_crossing(text: str, regions: list[Region]) -> list[Region]:
    """Single-quote regions that cross a double-quote one are apostrophes or
    broken marks: drop them (regions sorted by outer start)."""
    keep: list[Region] = []
    stack: list[Region] = []
    for r in regions:
        while stack and stack[-1].outer_end <= r.outer_start:
            stack.pop()
        crossing = stack and stack[-1].outer_end < r.outer_end
        if crossing:
            if _is_single(text, r):
                continue
            while stack and stack[-1].outer_end < r.outer_end and _is_single(text, stack[-1]):
                bad = stack.pop()
                keep.remove(bad)
            if stack and stack[-1].outer_end < r.outer_end:
                continue  # two double regions crossing cannot happen; be safe
        keep.append(r)
        stack.append(r)
    return keep


def _add_single_quotes(text: str, paras: list[tuple[int, int]], regions: list[Region]) -> None:
    """Single-quoted phrases: nested ones inside double quotes, or top level when
    the paragraph has no double quotes (British style)."""
    if "'" not in text and "\u2018" not in text and "\u2039" not in text:
        return
    new: list[Region] = []
    for pi, (ps, pe) in enumerate(paras):
        for m in _SINGLE_PAIR_RE.finditer(text, ps, pe):
            inner = m.group(2)
            # an apostrophe-only stretch ("the '90s and 'em") is not a quote
            if inner.count(" ") > 60:
                continue
            s, e = _trim(text, m.start(2), m.end(2))
            new.append(Region(start=s, end=e, open_mark=m.start(1), close_mark=m.end(2), paragraph=pi))
    if not new:
        return
    seen = {(r.start, r.end) for r in regions}
    regions.extend(r for r in new if (r.start, r.end) not in seen)
    regions.sort(key=lambda r: (r.outer_start, -r.outer_end))
    regions[:] = _drop_crossing(text, regions)
    regions.sort(key=lambda r: (r.outer_start, -r.outer_end))
    _link(regions)
    for r in regions:
        if r.open_mark is not None and text[r.open_mark] not in DOUBLE_MARKS and r.parent is None:
            r.chain = -1  # top-level single quotes get their own chain later


_SMALL_WORDS = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "with", "or", "by", "from"}


def _title_like(s: str) -> bool:
    """A name or title in quote marks (``"Squawk Box"``, ``"Here's the Thing."``)."""
    words = re.findall(r"[\w'\u2019-]+", s)
    if not words or len(words) > 7 or re.search(r"[.!?]\s+\w", s):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL_WORDS for w in words)


def _is_fragment(text: str, r: Region, para_start: int) -> bool:
    """A quoted phrase inside a running sentence (``a "security belt" around``)."""
    k = r.outer_start - 1
    while k >= para_start and text[k] in " \t":
        k -= 1
    prev = text[k] if k >= para_start else "\n"
    first = text[r.start] if r.start < len(text) else ""
    if prev in ":":
        return False
    if first.islower():
        return True
    return prev.isalnum() or prev in ")"
