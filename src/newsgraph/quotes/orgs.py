"""Organisations as speakers: descriptions, acronyms and names set off after a description.

Pages name an organisation once and then refer to it as ``the company``, ``the agency``, ``the
utility`` or by its initials (``CBP``, ``the EU``); a speaker record should carry the organisation's
name, the one a reader would give, not the description. This module holds the pieces that
:class:`newsgraph.quotes.speakers.SpeakerResolver` uses for that:

* :func:`acronyms`: the initials the document uses for a name it also spells out (``Customs and
  Border Protection`` ... ``CBP``; ``Pacific Gas & Electric Co.`` ... ``PG&E``);
* :func:`org_noun`: whether a mention is a definite description headed by an organisation noun and
  naming no one (``the company``, ``the utilities commission``);
* :func:`org_by_head`: the latest organisation named before whose name ends in the description's
  noun (``the agency`` -> ``the European Space Agency``);
* :func:`apposed_name`: the name set off by commas between a description and its verb (``The company
  that runs the show, Dick Clark Productions, denies ...``, ``Another diplomat, former envoy X Y,
  said ...``);
* :data:`PLATFORMS`: service names the tagger takes for people (``posted on Twitter``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.attrs import ORTH, SENT_START, SPACY

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# services people post on: never a person, whatever the tagger says
PLATFORMS = frozenset({"twitter", "facebook", "instagram", "tiktok", "youtube", "reddit", "snapchat", "linkedin",
                       "tumblr", "threads", "telegram", "whatsapp", "weibo", "wechat", "truth social", "bluesky",
                       "mastodon", "x"})

# heads of a description that stands for an organisation named elsewhere in the article
ORG_NOUNS = frozenset({
    "company", "firm", "group", "agency", "utility", "label", "organisation", "organization", "commission",
    "committee", "council", "department", "ministry", "office", "authority", "board", "union", "association",
    "network", "publisher", "studio", "foundation", "institute", "charity", "regulator", "watchdog", "airline",
    "carrier", "retailer", "automaker", "carmaker", "manufacturer", "developer", "startup", "insurer",
    "broadcaster", "newspaper", "outlet", "publication", "federation", "coalition", "alliance", "bank",
    "lender", "chain", "nonprofit", "operator", "provider", "producer", "giant", "conglomerate", "club",
})
# last words that make a name an organisation's, whatever the tagger says ("Dick Clark Productions")
ORG_FINAL_WORDS = frozenset({
    "productions", "records", "studios", "entertainment", "media", "pictures", "films", "holdings", "partners",
    "associates", "inc", "inc.", "corp", "corp.", "llc", "ltd", "ltd.", "plc", "co.", "foundation", "institute",
    "university", "college", "agency", "bank", "capital", "ventures", "labs", "systems", "technologies", "motors",
    "airlines", "airways", "group", "company", "corporation", "association", "council", "commission"})


def org_name(toks: list[Token]) -> bool:
    """Whether a capitalised name ends in a word only organisations end in (``Dick Clark Productions``)."""
    words = [t for t in toks if not t.is_punct or t.text.endswith(".")]
    return len(words) >= 2 and words[-1].text[:1].isupper() and words[-1].lower_ in ORG_FINAL_WORDS


_CONNECT = {"and", "of", "for", "the", "&", "on", "de"}
_CORP_SUFFIX = {"co", "co.", "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "llc", "plc", "company", "corporation",
                "group", "ag", "sa"}
_DETS = {"the", "this", "that"}
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")


def _letters(acr: str) -> str:
    return acr.replace("&", "")


def acronyms(doc: Doc) -> dict[str, str]:
    """``{initials: full name}`` for each all-capitals name of ``doc`` that the document also spells
    out as capitalised words with those initials (joining words such as *and*, *of*, *&* skipped;
    a trailing *Co.*, *Inc.* may follow). The first spelled-out form found wins.

    One pass over the tokens (their text read once); the spans tried inside a run of capitalised
    words stop once they hold more initials than the longest acronym has letters."""
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, SENT_START, SPACY])  # no Token objects nor doc.text: runs on every document
    texts = [strings[int(h)] for h in arr[:, 0]]
    wanted = {w for w in texts if _ACRONYM.fullmatch(w) and len(_letters(w)) >= 2}
    if not wanted:
        return {}
    by_letters: dict[str, list[str]] = {}
    for a in wanted:
        by_letters.setdefault(_letters(a), []).append(a)
    longest = max(len(k) for k in by_letters)
    lowers = [w.lower() for w in texts]
    starts = {0} | {int(i) for i in (arr[:, 1] == 1).nonzero()[0]}
    out: dict[str, str] = {}
    run: list[int] = []  # token indices

    def flush() -> None:
        while run and lowers[run[-1]] in _CONNECT:
            run.pop()
        n = len(run)
        for i in range(n):
            if lowers[run[i]] in _CONNECT or not texts[run[i]][:1].isupper():
                continue
            # the spans run[i:j] that can match: at most `longest` capitalised words outside the
            # corporate suffixes (the letters of both keys below), longest span first
            cands = []
            plain = 0
            for j in range(i + 1, n + 1):
                low = lowers[run[j - 1]]
                if low not in _CONNECT and low not in _CORP_SUFFIX:
                    plain += 1
                    if plain > longest:
                        break
                cands.append(j)
            for j in reversed(cands):
                words = run[i:j]
                if lowers[words[-1]] in _CONNECT or len(words) < 2:
                    continue
                caps = [w for w in words if lowers[w] not in _CONNECT]
                initials = "".join(texts[w][0] for w in caps)
                bare = "".join(texts[w][0] for w in caps if lowers[w] not in _CORP_SUFFIX) \
                    if lowers[caps[-1]] in _CORP_SUFFIX else initials
                for key in {initials, bare}:
                    for a in by_letters.get(key, ()):
                        if a not in out:
                            out[a] = re.sub(r"\s+", " ", _span_text(texts, arr, words[0], words[-1]))
        run.clear()

    for i, w in enumerate(texts):
        low = lowers[i]
        word = w[:1].isupper() and w.rstrip(".").isalpha() and not _ACRONYM.fullmatch(w)
        if run and (i in starts or not (word or low in _CONNECT)):
            flush()
        if word or (run and low in _CONNECT):
            run.append(i)
    flush()
    return out


def _span_text(texts: list[str], arr, first: int, last: int) -> str:
    """The document's text from token ``first`` to token ``last`` (both in), from token texts and
    their trailing-space flags: ``doc.text`` is built anew on each call."""
    return "".join(texts[k] + (" " if arr[k, 2] else "") for k in range(first, last)) + texts[last]


def expand(name: str | None, table: dict[str, str]) -> str | None:
    """``name`` with its initials spelled out (``CBP`` -> ``Customs and Border Protection``,
    ``The EU`` -> ``European Union``) when the document spells them out."""
    if not name or not table:
        return name
    bare = re.sub(r"^(?:the|The)\s+", "", name.strip())
    bare = re.sub(r"(?:'s|\u2019s)$", "", bare)
    return table.get(bare, name)


def org_noun(toks: list[Token]) -> str | None:
    """The head noun of a definite description of an organisation that names none (``the company``,
    ``The utilities commission``, ``the label``), else None."""
    words = [t for t in toks if not t.is_punct and not t.is_space]
    if len(words) < 2 or words[0].lower_ not in _DETS or len(words) > 4:
        return None
    head = words[-1]
    if head.lemma_.lower() not in ORG_NOUNS and head.lower_ not in ORG_NOUNS:
        return None
    if any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") or t.text[:1].isupper()
           for t in words[1:]):
        return None
    if head.tag_ in ("NNS", "NNPS"):
        return None
    return head.lower_


def org_by_head(doc: Doc, before: int, noun: str, mods: list[str], window: int = 3000) -> str | None:
    """The latest organisation entity before char ``before`` (within ``window`` characters) whose name
    ends in ``noun`` (``the agency`` -> ``the European Space Agency``); with modifiers (``the
    utilities commission``), a name holding them is preferred."""
    best = None
    for ent in doc.ents:
        if ent.start_char >= before:
            break
        if ent.label_ != "ORG" or before - ent.start_char > window:
            continue
        words = [t.lower_ for t in ent if t.is_alpha]
        if not words or words[-1] != noun:
            continue
        if mods and best is not None and not all(m in words for m in mods):
            continue
        best = _clean(ent.text)
    return best


def apposed_name(doc: Doc, start: int, end: int, person_tokens: set[int]) -> tuple[int, int] | None:
    """Token span of a name set off by commas between the description ``doc[start:end]`` and its
    verb: ``The company that runs the show, Dick Clark Productions, denies ...``; ``Another diplomat,
    former special envoy to Ukraine Kurt Volker, shifted ...``. The name must end right before the
    comma that precedes the verb; it must follow a comma, or be a person the article names."""
    if end >= len(doc):
        return None
    root = None
    ids = set(range(start, end))
    for t in doc[start:end]:
        if t.head.i not in ids or t.head.i == t.i:
            root = t
            break
    if root is None or root.dep_ not in ("nsubj", "nsubjpass") or root.head.i <= end:
        return None
    verb = root.head
    j = verb.i - 1
    while j > end and doc[j].dep_ in ("advmod", "aux", "auxpass", "neg") and doc[j].text != ",":
        j -= 1
    if j <= end or doc[j].text != "," or "," not in [t.text for t in doc[end:j]]:
        return None
    k = j
    while k - 1 >= end and (doc[k - 1].pos_ == "PROPN" or doc[k - 1].text == "&" and k - 1 > end) \
            and doc[k - 1].text[:1].isupper() | (doc[k - 1].text == "&"):
        k -= 1
    if k == j or doc[k].ent_type_ in ("GPE", "LOC", "DATE", "TIME", "NORP", "FAC"):
        return None
    if doc[k - 1].text != "," and not any(i in person_tokens for i in range(k, j)):
        if doc[k - 1].lower_ in ("to", "of") and j - k >= 3:
            k += 1  # "former envoy to Ukraine Kurt Volker": the title's country, then the name
        else:
            return None
    if any(doc[i].sent.start != doc[start].sent.start for i in (k, j - 1)):
        return None
    return k, j


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"^(?:the|The)\s+", "", text.strip()))
