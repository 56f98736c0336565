"""``extract_quotes``: direct quotes from paired marks, reported speech from the
parse, one speaker per person.

Steps (each linear in the document, apart from small bounded look-arounds):

1. pair the quote marks (:mod:`newsgraph.quotes.marks`);
2. give each quoted region a cue and speaker from the text right after it
   (``"...," said the expert``) or right before it (``Putin replied: "..."``);
3. find reported speech on the parse (:mod:`newsgraph.quotes.reported`); a
   reported clause holding a quoted fragment becomes a *mixed* quote;
4. quoted regions without a cue of their own take the speaker of the other
   pieces of the same quotation (split quote, multi-paragraph quote) or of the
   quote just before them;
5. resolve the speaker mentions in text order (:mod:`newsgraph.quotes.speakers`).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsgraph.nlp import doc_text
from newsgraph.model import Quote, Span, Speaker
from newsgraph.quotes.combine import (
    _cut_page_voice,
    _extend_over_quotes,
    _on_cue_line,
    _outermost,
    coordinated_speakers,
    cut_other_holders,
)
from newsgraph.quotes.holders import better_holder, fallback_speaker, focus_events, inverted_or_previous, label_before_colon
from newsgraph.quotes.labels import find_labels, find_noun_cues
from newsgraph.quotes.learned import find_learned
from newsgraph.quotes.lexicon import Lexicon, default_lexicon
from newsgraph.quotes.marks import Region, _double_apostrophes, _is_fragment, _title_like, find_regions, paragraphs
from newsgraph.quotes.posts import find_posts
from newsgraph.quotes.reported import (
    find_reported,
    leads_clause,
    named_speaker,
    np_bounds,
    speaker_span,
    subject_of,
    trim_chars,
)
from newsgraph.quotes.speakers import PersonRegistry, SpeakerResolver
from newsgraph.quotes.subjects import with_issuer
from newsgraph.quotes.statement import is_statement, keep_statements, page_voice, verbless_line

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_END_PUNCT = {".", "!", "?"}
_OPEN_MARKS = set("\"\u201c\u201e\u00ab'\u2018")
_CLOSING_PUNCT = set(",.!?;:\u2026-\u2014\u2013")
_GAP_MAX_TOKENS = 14
_MIN_UNCUED_WORDS = 4


@dataclass
class _Item:
    """One quote in the making."""

    kind: str
    pieces: list[tuple[int, int]]
    cue: tuple[int, int] | None = None  # token span
    speaker: tuple[int, int] | None = None  # token span
    region: int | None = None
    inherit: _Item | None = None
    same_group: bool = False
    resolved: Speaker | None = None
    group: int | None = None
    own_group: bool = False  # a second speaker's copy of a quotation: a quotation of its own


class _Doc:
    """Token/char look-ups over a parsed doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.starts = [t.idx for t in doc]

    def tok_at(self, char: int) -> int:
        """Index of the token holding ``char`` (or the one before it)."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def first_tok_from(self, char: int) -> int:
        return bisect.bisect_left(self.starts, char)


class _Masked:
    """``skip`` with one region's tokens treated as outside any quote."""

    def __init__(self, skip: list[int], region: int | None) -> None:
        self.skip, self.region = skip, region

    def __getitem__(self, i: int) -> int:
        x = self.skip[i]
        return -1 if x == self.region else x


def _is_cue_verb(tok: Token, lex: Lexicon) -> bool:
    if tok.lower_ in ("said", "says"):
        return True
    if tok.lemma_ == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
        return True  # "as X put it, ..."
    if tok.lemma_ == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children):
        return True  # '"...," Trump went on'
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in lex.clause_verbs:
        return True
    guess = lex.cue_lemma(tok) if lemma not in lex.all_cue_lemmas else None
    return guess in lex.clause_verbs


def _after_cue(d: _Doc, r: Region, limit: int, lex: Lexicon, skip: list[int], names: set[int],
               titles: frozenset[int] | set[int] = frozenset()):
    """Cue and speaker in the text right after a quote: ``," said the expert.`` (the quoted
    titles of ``titles`` are words of the tail: ``," the "Pose" actor said``)"""
    doc, text = d.doc, d.text
    nl = text.find("\n", r.outer_end, limit)
    if nl >= 0:
        limit = nl  # the attribution tail is on the quote's line
    lo = d.first_tok_from(r.outer_end)
    hi = d.first_tok_from(limit)
    gap = text[r.outer_end : limit].lstrip()
    if gap[:1] in _END_PUNCT and not text[r.outer_end : r.outer_end + 1].isspace():
        return None  # '... "very rude statements". Trump said ...': the sentence ended
    last = text[r.start : r.end].rstrip().rstrip("'\u2019\"\u201d")[-1:]
    if last not in _CLOSING_PUNCT and gap[:1] not in _CLOSING_PUNCT:
        return None  # '"Vzglyad" commented': the quoted words are not what was said
    if last in _END_PUNCT and gap.rstrip()[-1:] in (",", ":") and limit < len(text) \
            and text[limit] in _OPEN_MARKS and "\n" not in text[r.outer_end : limit]:
        return None  # '"...." He added, "...': the cue leads into the next quote
    if last == "." and gap[:1].isupper():
        # '..."ongoing." He said the FBI ...' is a new sentence, not an attribution tail
        m = re.match(r"[^.!?]*[.!?]?", gap)
        if m is None or len(m.group(0).split()) > 6:
            return None
    j = lo
    words = 0
    while j < hi and words <= _GAP_MAX_TOKENS:
        t = doc[j]
        if t.text in _END_PUNCT and words:
            break
        if skip[j] >= 0 and skip[j] not in titles:
            break
        if t.lower_ == "according" and j + 1 < hi and doc[j + 1].lower_ == "to":
            obj = [c for c in doc[j + 1].children if c.dep_ == "pobj"]
            spk = with_issuer(obj[0], np_bounds(obj[0], names=names), hi) if obj else None
            return (j, j + 2), spk
        if _is_cue_verb(t, lex):
            subj = subject_of(t)
            spk = None
            if subj is not None and lo <= subj.i < hi and (skip[subj.i] < 0 or skip[subj.i] in titles):
                spk = speaker_span(subj, names, t)
                if spk is not None:
                    spk = (max(spk[0], lo), min(spk[1], hi))
            if spk is None and leads_clause(doc, t, hi):
                # '... "saved the budget," claiming that the deficit ...': the verb opens a clause of
                # its own, which is what it reports; the quoted words before it are not
                return None
            if spk is None:
                end = j + 1
                while end < hi and doc[end].text not in _END_PUNCT and skip[end] < 0 and end < j + 12:
                    end += 1
                spk = fallback_speaker(doc, lo, end, j, names)
            if spk is None or spk[0] < j:
                spk = named_speaker(doc, t, spk, names, floor=lo)
            return (j, j + 1), spk
        if t.pos_ in ("VERB",) and t.dep_ not in ("aux", "auxpass") and not t.is_punct:
            # another verb before any cue: the text goes on about something else
            if t.lemma_.lower() not in lex.all_cue_lemmas:
                return None
        if not t.is_punct:
            words += 1
        j += 1
    return None


def _before_cue(d: _Doc, r: Region, floor: int, lex: Lexicon, skip: list[int], names: set[int],
                titles: frozenset[int] | set[int] = frozenset()):
    """Cue and speaker right before a quote: ``Putin replied: "...``"""
    doc, text = d.doc, d.text
    k = r.outer_start - 1
    while k >= floor and text[k] in " \t\u00a0\n\r":
        k -= 1
    if k < floor:
        return None
    hi = d.first_tok_from(r.outer_start)
    lo = d.first_tok_from(floor)
    last = doc[hi - 1] if hi - 1 >= lo else None
    if last is None:
        return None
    ends_ok = text[k] in ":," or _is_cue_verb(last, lex) or last.lower_ == "that"
    if not ends_ok:
        return None
    ci = d.tok_at(k)
    if text[k] == ":" and doc[ci].text == ":":
        label = label_before_colon(doc, ci, lo, skip, names)  # "HEADING - Jane Roe: "...""
        if label is not None:
            return (ci, ci + 1), label
    j = hi - 1
    steps = 0
    while j >= lo and steps < 20:
        t = doc[j]
        if t.text in _END_PUNCT or skip[j] >= 0 and skip[j] not in titles:
            break
        if t.lower_ == "according" and j + 1 < hi and doc[j + 1].lower_ == "to":
            obj = [c for c in doc[j + 1].children if c.dep_ == "pobj"]
            return (j, j + 2), (np_bounds(obj[0], names=names) if obj else None)
        if _is_cue_verb(t, lex):
            subj = subject_of(t)
            spk = None
            if subj is not None and (skip[subj.i] < 0 or skip[subj.i] in titles):
                spk = speaker_span(subj, names, t)
            if spk is None:
                floor_tok = max(lo, t.sent.start)
                spk = fallback_speaker(doc, floor_tok, j, j, names) if j > floor_tok else None
            if spk is None:
                spk = inverted_or_previous(doc, t, hi, names, skip)
            spk = named_speaker(doc, t, spk, names, floor=lo)
            return (j, j + 1), spk
        j -= 1
        steps += 1
    if text[k] == ":" and hi - lo <= 8:
        # a headline or transcript label: "Kasich: 'We are going all the way.'"
        colon = hi - 1
        while colon > lo and doc[colon].text != ":":
            colon -= 1
        first = lo
        while first < colon and (doc[first].is_space or doc[first].is_punct):
            first += 1
        if doc[colon].text == ":" and first < colon and any(doc[x].pos_ == "PROPN" for x in range(first, colon)) \
                and all(skip[x] < 0 for x in range(first, colon)) and colon - first <= 6:
            return (colon, colon + 1), (first, colon)
    if text[k] == ":":
        # "She addressed the supporters again: "..." -- the clause's subject speaks
        root = _lead_in_verb(doc, d.tok_at(k), lo)
        if root is not None and root.pos_ in ("VERB", "AUX") and root.i < hi and skip[root.i] < 0:
            subj = subject_of(root)
            if subj is not None and skip[subj.i] < 0 and subj.pos_ in ("PROPN", "PRON", "NOUN"):
                if subj.pos_ == "NOUN" and subj.i not in names and ci - 1 in names and ci - 1 > root.i:
                    # "The timing does not surprise pollster X Y: "..."": the person named before the colon
                    return (ci, ci + 1), np_bounds(doc[ci - 1], names=names)
                return (root.i, root.i + 1), speaker_span(subj, names, root)
    return None


def _lead_in_verb(doc: Doc, colon: int, lo: int) -> Token | None:
    """The main verb of the clause before a colon: the sentence's root, or, when the parser made a
    verb of the quotation the root (``The board was blunt in its ruling: "Appeals will not be
    heard."``), the first verb before the colon whose head lies at or after it."""
    sent = doc[colon].sent
    if sent.root.i < colon:
        return sent.root
    for t in doc[max(lo, sent.start) : colon]:
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass") and (t.head.i >= colon or t.head.i == t.i):
            return t
    return None


def extract_quotes(doc: Doc, *, resolver: Any = None, lexicon: Lexicon | None = None,
                   learned_model: Any = None, stances: bool = False) -> list[Quote]:
    """All quotes of a parsed ``doc`` in text order (see module doc).

    ``learned_model`` replaces the cue model of :mod:`newsgraph.quotes.learned`
    (``False`` turns it off). ``stances=True`` also returns what is attributed but is no
    statement (:mod:`newsgraph.quotes.statement`) as records of kind ``stance``."""
    lex = lexicon or default_lexicon()
    if len(doc) == 0:
        return []
    if not doc.has_annotation("DEP"):
        raise ValueError("extract_quotes needs a Doc parsed by a pipeline with a dependency parser")
    d = _Doc(doc)
    text = d.text
    if not text.strip():
        return []
    regions = find_regions(text, cue_words=lex.cue_words)
    # the bounds find_regions used (it reads '' as a mark: "\n''" starts a paragraph there)
    paras = paragraphs(_double_apostrophes(text))
    top = [i for i, r in enumerate(regions) if r.depth == 0]
    # token -> top-level region holding it (-1: none)
    skip = [-1] * len(doc)
    for i in top:
        r = regions[i]
        a, b = d.first_tok_from(r.start), d.tok_at(max(r.start, r.end - 1))
        for j in range(a, b + 1):
            if r.start <= doc[j].idx < r.end:
                skip[j] = i
    registry = PersonRegistry(doc, lex, text=text)
    names = {j for s, e, _ in registry.mentions for j in range(s, e)}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            names.update(range(ent.start, ent.end))

    # 2. direct quotes with their own cue
    items: list[_Item] = []
    by_region: dict[int, _Item] = {}
    # quoted titles inside a running sentence ('the "Pose" actor'): words of an attribution tail
    titles = {i for i in top if regions[i].paragraph < len(paras) and _title_like(text[regions[i].start:regions[i].end])
              and _is_fragment(text, regions[i], paras[regions[i].paragraph][0])}
    for n, i in enumerate(top):
        r = regions[i]
        ps, pe = paras[r.paragraph] if r.paragraph < len(paras) else (0, len(text))
        k = n + 1
        while k < len(top) and top[k] in titles and regions[top[k]].paragraph == r.paragraph:
            k += 1
        nxt = regions[top[k]].outer_start if k < len(top) and regions[top[k]].paragraph == r.paragraph else pe
        k = n - 1
        while k >= 0 and top[k] in titles and regions[top[k]].paragraph == r.paragraph:
            k -= 1  # 'As X, author of "Some Book," put it, "..."'
        prv = regions[top[k]].outer_end if k >= 0 and regions[top[k]].paragraph == r.paragraph else ps
        s, e = trim_chars(text, r.start, r.end)
        if e <= s:
            continue
        item = _Item(kind="direct", pieces=[(s, e)], region=i)
        fragment = _is_fragment(text, r, ps)
        found = None
        before_colon = text[: r.outer_start].rstrip().endswith(":")
        if before_colon and text[r.start : r.end].rstrip()[-1:] != ",":
            found = _before_cue(d, r, prv, lex, skip, names, titles)
        elif before_colon:
            # 'Reyes seemed annoyed: "It's a public record! Just send it," she wrote.': the tail names the writer
            found = _after_cue(d, r, nxt, lex, skip, names, titles) or _before_cue(d, r, prv, lex, skip, names, titles)
        if found is None and not (fragment and _title_like(text[s:e])):
            # ('host of "Morning Joe," suggested': a title in quotes, not a quote)
            found = _after_cue(d, r, nxt, lex, skip, names, titles)
        if found is None and not fragment:
            found = _before_cue(d, r, prv, lex, skip, names, titles)
        if found is None and r.paragraph > 0 and not text[ps : r.outer_start].strip() \
                and text[: ps].rstrip().endswith(":"):
            # 'X said:' closing the previous paragraph
            pps = paras[r.paragraph - 1][0]
            if n > 0 and regions[top[n - 1]].outer_end > pps:
                pps = regions[top[n - 1]].outer_end  # '"...," she said. She went on to say:'
            found = _before_cue(d, r, pps, lex, skip, names)
        if found is not None:
            item.cue, item.speaker = found
        items.append(item)
        by_region[i] = item

    # nested quotes with a cue of their own inside a quote ("Putin replied: "...")
    for i, r in enumerate(regions):
        if r.depth != 1 or r.parent is None:
            continue
        parent = regions[r.parent]
        floor = parent.start
        for c in parent.children:
            if regions[c].outer_end <= r.outer_start:
                floor = max(floor, regions[c].outer_end)
        if not text[floor : r.outer_start].rstrip().endswith(":"):
            continue
        found = _before_cue(d, r, floor, lex, _Masked(skip, r.parent), names)
        if found:
            s, e = trim_chars(text, r.start, r.end)
            if e > s:
                items.append(_Item(kind="direct", pieces=[(s, e)], region=i, cue=found[0], speaker=found[1]))

    # 3. reported speech; quoted fragments inside become mixed quotes
    used_cues = {it.cue[0] for it in items if it.cue}
    in_quote = [x >= 0 for x in skip]
    reported = find_reported(doc, lex, skip_token=in_quote, name_tokens=names, text=text)
    reported += find_noun_cues(doc, text, lex, in_quote, names)
    reported = [rep for rep in _on_cue_line(text, doc, reported)
                if not (rep.cue_start in used_cues or any(rep.cue_start <= c < rep.cue_end for c in used_cues))]
    reported.sort(key=lambda rep: rep.cue_start)
    _cut_page_voice(doc, text, reported, in_quote)
    cut_other_holders(doc, text, reported, in_quote, lex)
    if not stances:  # a stance dropped here leaves the statements inside it ("decided to ..., saying ...")
        reported = keep_statements(doc, text, reported, lex, in_quote)
    reported = _outermost(doc, text, reported)
    learned = _on_cue_line(text, doc, find_learned(doc, text, lex, in_quote, names, reported, model=learned_model))
    reported += keep_statements(doc, text, learned, lex, in_quote) if not stances else learned
    reported += find_labels(doc, text, lex, in_quote, d.starts)
    _extend_over_quotes(reported, regions, top)
    consumed: set[int] = set()
    for rep in reported:
        if rep.cue_start in used_cues or any(rep.cue_start <= c < rep.cue_end for c in used_cues):
            continue
        if rep.speaker and any(skip[j] >= 0 for j in range(*rep.speaker)):
            # "X, the chemist known as "Doctor Foam," stated ...": the name without its quoted apposition
            a, b = rep.speaker
            head = doc[b - 1]
            while a <= head.head.i < b and head.head.i != head.i:
                head = head.head
            quoted = [j for j in range(a, head.i + 1) if skip[j] >= 0]
            title = bool(quoted) and skip[head.i] < 0 and _title_like(text[doc[quoted[0]].idx : doc[quoted[-1]].idx])
            rep.speaker = (a, head.i + 1) if not quoted or title else None  # 'the "Night Shift" actor'
        inside = []
        outside_chars = 0
        for ps_, pe_ in rep.pieces:
            a, b = d.first_tok_from(ps_), d.tok_at(max(ps_, pe_ - 1))
            regs = {skip[j] for j in range(a, b + 1) if skip[j] >= 0}
            inside.extend(sorted(regs))
            outside_chars += sum(len(doc[j].text) for j in range(a, b + 1)
                                 if skip[j] < 0 and not doc[j].is_punct and doc[j].lower_ != "that")
        attributed = [g for g in inside if by_region.get(g) and by_region[g].cue is not None]
        if attributed and outside_chars < 12:
            continue  # the reported clause is a direct quote already attributed
        kind = "indirect"
        if inside:
            if outside_chars == 0 and len(inside) == 1:
                # the clause is the quote: give the quote this cue instead
                for g in inside:
                    it = by_region.get(g)
                    if it and it.cue is None:
                        it.cue = (rep.cue_start, rep.cue_end)
                        it.speaker = rep.speaker
                continue
            kind = "mixed"
            consumed.update(g for g in inside if by_region.get(g) and by_region[g].cue is None)
        if page_voice(doc, rep):
            continue
        if not is_statement(doc, text, rep, lex, kind):
            if not stances:
                continue
            kind = "stance"
        items.append(_Item(kind=kind, pieces=rep.pieces, cue=(rep.cue_start, rep.cue_end), speaker=rep.speaker))
    items = [it for it in items if it.region is None or it.region not in consumed or it.kind != "direct"
             or it.cue is not None]

    # embedded posts: the text before an author line "— Name (@handle) date" (posts.py)
    taken = sorted(p for it in items for p in it.pieces)
    for pieces, dash, name in find_posts(text):
        if any(a < e and s < b for s, e in pieces for a, b in taken):
            continue
        items.append(_Item(kind="direct", pieces=pieces, cue=(d.tok_at(dash[0]), d.tok_at(dash[0]) + 1),
                           speaker=(d.first_tok_from(name[0]), d.tok_at(name[1] - 1) + 1)))

    # "A and B said ...": one record per speaker
    items += _second_speakers(doc, items, names)

    # 4. direct quotes without a cue: pieces of the same quotation, or the quote before
    _inherit(items, regions, text, paras)
    kept = []
    for it in items:
        if it.kind == "direct" and it.cue is None:
            r = regions[it.region] if it.region is not None else None
            s, e = it.pieces[0]
            nwords = len(text[s:e].split())
            least = 2 if it.same_group else _MIN_UNCUED_WORDS
            frag = r is not None and _is_fragment(text, r, paras[r.paragraph][0])
            if r is None or nwords < least or (frag and _title_like(text[s:e])) or (not it.same_group and (
                    frag or _title_like(text[s:e]) or verbless_line(doc, text, r.outer_start, r.outer_end, s, e))):
                continue
        kept.append(it)
    items = kept

    # 5. speakers, resolved in text order
    _resolve(doc, d, items, registry, lex, skip, resolver)
    return _records(doc, d, items)


def _second_speakers(doc: Doc, items: list[_Item], names: set[int]) -> list[_Item]:
    """Copies of the quotes whose speaker is coordinated with another one ("Mayor Tom Bell and
    Governor Ruth Adler said ..."), each with its own speaker mention (a quotation of its own)."""
    return [_Item(kind=it.kind, pieces=list(it.pieces), cue=it.cue, speaker=span, region=it.region, own_group=True)
            for it in items if it.speaker is not None for span in coordinated_speakers(doc, it.speaker, names)]


def _inherit(items: list[_Item], regions: list[Region], text: str, paras: list[tuple[int, int]]) -> None:
    direct = sorted((it for it in items if it.kind == "direct" and it.region is not None and regions[it.region].depth == 0),
                    key=lambda it: it.pieces[0][0])
    by_chain: dict[int, _Item] = {}
    for it in direct:
        if it.cue is not None:
            by_chain.setdefault(regions[it.region].chain, it)
    last_in_para: dict[int, _Item] = {}
    last_speaker_item: _Item | None = None
    all_sorted = sorted(items, key=lambda it: it.pieces[0][0])
    # the latest attributed item of any kind before each paragraph (for continuation paragraphs)
    para_last: dict[int, _Item] = {}
    para_items: dict[int, list[tuple[int, _Item]]] = defaultdict(list)
    pi = 0
    for it in all_sorted:
        s = it.pieces[0][0]
        while pi < len(paras) and paras[pi][1] <= s:
            pi += 1
        if it.cue is not None:
            para_last[pi] = it
            if it.speaker is not None:
                para_items[pi].append((s, it))
    for n, it in enumerate(direct):
        r = regions[it.region]
        if it.cue is None:
            src = by_chain.get(r.chain)
            if src is not None and src is not it:
                it.inherit, it.same_group = src, True
            elif n + 1 < len(direct) and direct[n + 1].cue is not None and \
                    regions[direct[n + 1].region].paragraph == r.paragraph and \
                    not text[r.outer_end : regions[direct[n + 1].region].outer_start].strip(" \t\"'.,"):
                it.inherit, it.same_group = direct[n + 1], True  # "A. "B," he said.
            elif r.paragraph in last_in_para:
                it.inherit, it.same_group = last_in_para[r.paragraph], True
            else:
                ps = paras[r.paragraph][0]
                prev_para_item = None
                for k in range(r.paragraph - 1, max(-1, r.paragraph - 2), -1):
                    if k in para_last:
                        prev_para_item = para_last[k]
                        break
                if prev_para_item is not None and not text[ps : r.outer_start].strip():
                    it.inherit = prev_para_item
                elif not _is_fragment(text, r, ps):
                    # "X said Y. "Quote."": a quote after a reported one in its paragraph
                    before = [x for pos, x in para_items.get(r.paragraph, []) if pos < r.outer_start]
                    if before:
                        it.inherit = before[-1]
        src = it if it.cue is not None else it.inherit
        if src is not None:
            last_in_para[r.paragraph] = src
            last_speaker_item = src
    del last_speaker_item


def _resolve(doc, d: _Doc, items: list[_Item], registry, lex, skip, resolver) -> None:
    names = {j for s, e, _ in registry.mentions for j in range(s, e)}
    res = SpeakerResolver(doc, registry, lex, focus_events=focus_events(doc, registry, skip), resolver=resolver,
                          quoted=[x >= 0 for x in skip])
    # "records, which showed ...": the mention is "which", the name the antecedent's (resolver)
    own = sorted((it for it in items if it.speaker is not None), key=lambda it: it.speaker[0])
    for it in own:
        a, b = it.speaker
        if b <= a:
            continue
        it.speaker = a, b = better_holder(doc, a, b, it.cue, lex, skip, names, registry.mentions)
        resolved = res.resolve(a, b)
        if resolved.extent is not None:  # "One pastor, X Y of Z church, said": the whole mention
            it.speaker = a, b = resolved.extent
        it.resolved = res.speaker(a, b, resolved)
        res.note_speaker(resolved.person, resolved)
    for it in items:
        if it.resolved is None and it.inherit is not None:
            src = it.inherit
            while src.resolved is None and src.inherit is not None and src.inherit is not src:
                src = src.inherit
            it.resolved = src.resolved


def _records(doc: Doc, d: _Doc, items: list[_Item]) -> list[Quote]:
    text = d.text
    items.sort(key=lambda it: it.pieces[0][0])
    group_of_cue: dict[tuple[int, int], int] = {}
    next_group = 0
    for it in items:  # quotes with a cue of their own first ...
        if it.same_group and it.inherit is not None:
            continue
        if it.cue is not None and it.cue in group_of_cue and not it.own_group:
            it.group = group_of_cue[it.cue]
        else:
            next_group += 1
            it.group = next_group
            if it.cue is not None and not it.own_group:
                group_of_cue[it.cue] = it.group
    for it in items:  # ... then the pieces that belong with them
        if it.group is None:
            src = it.inherit
            while src is not None and src.group is None and src.inherit is not None and src.inherit is not src:
                src = src.inherit
            it.group = src.group if src is not None else None
            if it.group is None:
                next_group += 1
                it.group = next_group
    # renumber groups in order of appearance
    order: dict[int, int] = {}
    for it in items:
        order.setdefault(it.group, len(order) + 1)
    out: list[tuple[int, Quote]] = []
    for it in items:
        group = order[it.group]
        cue_span = None
        if it.cue is not None:
            a, b = it.cue
            cs, ce = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
            cue_span = Span(text[cs:ce], cs, ce)
        for s, e in it.pieces:
            if e <= s:
                continue
            sa, sb = doc[d.tok_at(s)].sent, doc[d.tok_at(e - 1)].sent
            ss, se = trim_chars(text, sa.start_char, sb.end_char)
            ss = min(ss, s)
            se = max(se, e)
            out.append((s, Quote(kind=it.kind, content=text[s:e], start=s, end=e, cue=cue_span,
                                 speaker=it.resolved, sentence=Span(text[ss:se], ss, se), group=group)))
    out.sort(key=lambda x: (x[0], x[1].end))
    return [q for _, q in out]
