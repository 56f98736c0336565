"""Words of a speaker mention: the name without titles, the title and affiliation around it.

Helpers of :mod:`newsgraph.quotes.speakers`: ``Kazakh President``, ``President of Belarus``,
``EurAsEC Director General`` read as a title and an affiliation; a name's leading titles, demonyms
and country names dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.quotes.lexicon import Lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_DETS = {"the", "this", "that", "these", "those"}
_NOT_AFFILIATION_ENTS = {"DATE", "TIME", "ORDINAL", "CARDINAL", "PERSON", "PERCENT", "MONEY", "QUANTITY"}


def _clean_name_tokens(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """Drop leading titles, demonyms and country names, and a trailing 's."""
    toks = [t for t in tokens if t.text not in ("'s", "\u2019s")]
    while toks and (toks[0].lower_ in lex.demonyms or toks[0].lower_ in lex.countries
                    or toks[0].lower_ in _title_words(lex) or toks[0].lower_ in _DETS or not toks[0].is_alpha
                    or len(toks) > 2 and toks[0].lower_ in lex.roles
                    and "-" not in toks[0].text):
        toks = toks[1:]
    return [t for t in toks if t.text not in (",",)]


_TITLE_WORD_CACHE: dict[int, frozenset[str]] = {}


def _title_words(lex: Lexicon) -> frozenset[str]:
    key = id(lex)
    if key not in _TITLE_WORD_CACHE:
        words = set()
        for t in lex.titles:
            words.update(t.split())
        _TITLE_WORD_CACHE[key] = frozenset(words - {"of", "the", "state"})
    return _TITLE_WORD_CACHE[key]


def _find_title(words: list[str], lex: Lexicon) -> tuple[int, int] | None:
    """Longest title phrase in a list of lower-case words: (start, end) indexes."""
    best = None
    for i in range(len(words)):
        for t in lex.titles:
            parts = t.split()
            if words[i : i + len(parts)] == parts:
                if best is None or len(parts) > best[1] - best[0]:
                    best = (i, i + len(parts))
                break
    return best


def describe_tokens(tokens: list[Token], lex: Lexicon) -> tuple[str | None, str | None]:
    """Title and affiliation in a stretch like ``Kazakh President``,
    ``President of Belarus``, ``EurAsEC Director General`` or
    ``president of the Middle East Institute research center``."""
    if not tokens:
        return None, None
    words = [t.lower_ for t in tokens]
    span = _find_title(words, lex)
    title = None
    affiliation = None
    if span:
        title = " ".join(t.text for t in tokens[span[0] : span[1]])
        after = tokens[span[1] :]
        if after and after[0].lower_ == "of":
            rest = [t for t in after[1:] if t.lower_ not in _DETS or t.i != after[1].i]
            if rest:
                affiliation = " ".join(t.text for t in rest).replace(" - ", "-")
        before = tokens[: span[0]]
    else:
        before = tokens
    if affiliation is None:
        for t in before:
            country = lex.country_of(t.text)
            if country:
                affiliation = country
                break
        else:
            caps = [t.text for t in before if t.text[:1].isupper() and t.lower_ not in _DETS and t.is_alpha
                    and (t.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC")
                         or t.pos_ == "PROPN" and t.ent_type_ not in _NOT_AFFILIATION_ENTS)]
            if caps:
                affiliation = " ".join(caps)
    elif lex.country_of(affiliation):
        affiliation = lex.country_of(affiliation)
    return title, affiliation
