"""Reported speech: a cue (verb or source phrase) and the clause it reports.

Works on the dependency parse.  Each finding is a :class:`Reported` with the
cue tokens, the content pieces (character offsets) and the speaker's head
token.  Forms covered:

* ``X said (that) <clause>`` -- the complement clause of a cue verb;
* inverted/passive cues: ``<clause>, X said`` / ``<clause>, said X``, and
  ``<clause>, X said, <clause>`` (a parenthetical cue splits the content);
* ``X warned of <noun phrase>``, ``X called for <noun phrase>``, ``X vowed to <verb>``;
* ``according to X``, ``in X's view``, ``in X's words``, ``in the view of X``:
  the rest of the sentence is the content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsgraph.nlp import doc_text
from newsgraph.quotes.clauses import _before_trailing_relative, _clause_tail, _finite, _line_break, _own_attribution
from newsgraph.quotes.lexicon import Lexicon
from newsgraph.quotes.subjects import orphan_subject, with_issuer

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_PARTICIPLE_MARKS = {"while", "after", "before", "when", "since", "without", "by", "in"}
_VIEW_NOUNS = {"view", "words", "opinion", "estimation", "judgment", "judgement", "assessment", "mind", "eyes"}
_NP_RIGHT = {"flat", "compound", "nummod", "case"}
_DATELINE_DASHES = {"\u2014", "\u2013", "--"}
_OBJ_TAIL = {"oprd", "xcomp", "ccomp", "acomp", "prep", "dative", "advcl", "npadvmod", "attr"}
_SUBJECT_CONTROL = {"promise", "vow", "pledge", "threaten", "offer", "agree", "use"}
_TRIM = set(",;:-\u2014\u2013\"'\u201c\u201d\u2018\u2019()")


@dataclass
class Reported:
    cue_start: int  # token indexes [cue_start, cue_end)
    cue_end: int
    pieces: list[tuple[int, int]]  # char offsets of the content pieces
    speaker: tuple[int, int] | None = None  # token span of the speaker mention
    kind: str = "indirect"
    contained: list[int] = field(default_factory=list)  # indexes of quote regions inside
    origin: str = "verb"  # verb | source ("according to") | noun | label | learned (statement.py)


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The speaker token of a cue verb: its subject, the agent of a passive,
    or the subject inherited from the verb it depends on (``X did it, saying
    ...``, ``X began by saying``, ``X was likely to say``)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj", "expl")]
    if len(subjects) > 1:
        before = [c for c in subjects if c.i < verb.i and c.dep_ != "expl"]
        who = [c for c in before[:-1] if any(r.dep_ == "relcl" and r.i < before[-1].i for r in c.children)]
        if who and before[-1].pos_ == "NOUN":  # "A spokesperson who ... because of agency policy said"
            return who[0]
        if before:  # "Wikileaks editor-in-chief Kristinn Hrafnsson said" parsed with two subjects
            return before[-1]
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj", "expl"):
            if child.dep_ == "expl":
                return None
            return child
        if child.dep_ == "nsubjpass":
            for c in verb.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return p
            return None
    if verb.tag_ in ("VBD", "VBZ", "VBP") and verb.dep_ in ("ROOT", "conj"):
        found = orphan_subject(verb)
        if found is not None:
            return found
    if depth >= 4 or verb.head is verb:
        return None
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() not in _SUBJECT_CONTROL:
        for c in head.children:
            if c.dep_ == "dobj" and c.i < verb.i:
                return c  # "prompted some users to argue ...": the object argues
    if verb.dep_ in ("conj", "xcomp", "acomp") or (verb.dep_ == "dep" and verb.head.pos_ == "VERB"):
        return subject_of(head, depth + 1)
    if verb.dep_ == "advcl":
        # a participle or infinitive clause shares the main subject ("Having announced X,
        # the judge ...", "..., while saying ..."); a subordinate clause ("because ...") does not
        if any(c.dep_ == "mark" and not (verb.tag_ == "VBG" and c.lower_ in _PARTICIPLE_MARKS)
               for c in verb.children):
            return None
        if verb.tag_ == "VBG" and head.dep_ == "ccomp" and head.head.pos_ in ("VERB", "AUX") and any(
                t.tag_ == "''" for t in verb.doc[head.i + 1 : verb.i]):
            # 'X told them that Y "ran a campaign of fear," adding, ...': the participle after the
            # closed quotation goes with the reporting verb, not with the reported clause
            return subject_of(head.head, depth + 1)
        return subject_of(head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VB" and head.pos_ == "NOUN":
        # "X's refusal to disavow ...", "X mounted a campaign to condemn ..."
        for c in head.children:
            if c.dep_ == "poss":
                return c
        if head.dep_ == "dobj" and head.head.pos_ in ("VERB", "AUX"):
            return subject_of(head.head, depth + 1)
        return None
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head is not head:
        return subject_of(head.head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and verb.tag_ in ("VBG", "VBN") and verb.dep_ == "acl":
        if verb.tag_ == "VBG" and head.dep_ == "pobj" and not _agent_like(head) \
                and not any(t.text == "," for t in verb.doc[head.i + 1 : verb.i]):
            # "X posted on Twitter accusing ...", "X spent the run-up to the caucuses portraying ...": the
            # participle goes with the clause's subject, not with a place or time it names
            anchor = head
            while anchor.dep_ in ("pobj", "prep", "dobj", "npadvmod") and anchor.head is not anchor:
                anchor = anchor.head
                if anchor.pos_ in ("VERB", "AUX"):
                    return subject_of(anchor, depth + 1)
        return head  # "Trump, saying ...", "a group backing X"
    return None


_LEXICON: list[Lexicon] = []


def _agent_like(tok: Token) -> bool:
    """Whether a noun can be who holds a participle's stance (a person, an organisation, a group: "a
    group backing X"), rather than a place, a time or a service ("on Twitter", "to the caucuses")."""
    from newsgraph.quotes.orgs import PLATFORMS

    if tok.lower_ in PLATFORMS:
        return False
    if tok.pos_ == "PRON" or tok.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    if not _LEXICON:
        _LEXICON.append(Lexicon.load())
    lex = _LEXICON[0]
    lemma = tok.lemma_.lower()
    return lemma in lex.roles or lemma in lex.speaker_nouns or tok.lower_ in lex.speaker_nouns


def np_bounds(head: Token, *, names: set[int] | None = None) -> tuple[int, int]:
    """Token bounds of the noun phrase headed by ``head`` (no relative clauses;
    an apposition only when it holds a name: ``the chairman, X Y``)."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("punct",) and child.i == head.left_edge.i:
            continue
        start = min(start, child.left_edge.i)
    doc = head.doc
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "punct":
            continue
        if child.dep_ in _NP_RIGHT or (child.dep_ == "prep" and child.lower_ == "of") or child.dep_ == "appos" and names is not None and any(t.i in names for t in child.subtree):
            end = max(end, child.right_edge.i + 1)
        elif child.dep_ in ("cc", "conj") and names is not None and head.i not in names and head.pos_ == "NOUN" \
                and any(t.i in names for c in head.rights if c.dep_ == "conj" for t in c.subtree):
            # "GOP contender and former neurosurgeon Ben Carson": one person, described twice
            end = max(end, child.right_edge.i + 1)
        else:
            break
    if end - start > 16:
        start = max(start, head.i - 6)
        end = min(end, head.i + 10)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def trim_chars(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in _TRIM):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _TRIM):
        e -= 1
    return s, e


def _char_span(doc: Doc, text: str, a: int, b: int) -> tuple[int, int]:
    """Trimmed character span of tokens [a, b)."""
    if b <= a:
        return 0, 0
    s = doc[a].idx
    e = doc[b - 1].idx + len(doc[b - 1].text)
    s, e = trim_chars(text, s, e)
    while e > s and text[e - 1] in ".!?;,\u201d\"" and not text[e - 2 : e] in ("S.", "C."):
        e -= 1
    return s, e


def _content_before(doc: Doc, text: str, sent: Span, clause_start: int, cue_lo: int) -> tuple[int, int]:
    """Content of an inverted cue: from the clause start up to the cue phrase."""
    return _char_span(doc, text, max(sent.start, clause_start), cue_lo)


def find_reported(doc: Doc, lex: Lexicon, *, skip_token: list[bool], name_tokens: set[int],
                  text: str | None = None) -> list[Reported]:
    """All reported-speech attributions of ``doc`` (one pass over the tokens).

    ``skip_token[i]`` is True for tokens inside a direct quotation (cues there
    belong to the quote's own text).
    """
    out: list[Reported] = []
    if text is None:
        text = doc_text(doc)
    cue_lemmas = lex.all_cue_lemmas
    for tok in doc:
        if skip_token[tok.i]:
            continue
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            r = _according(doc, text, tok, doc[tok.i + 1], name_tokens)
            if r:
                out.append(r)
            continue
        if low == "in" and tok.dep_ == "prep":
            r = _in_view(doc, text, tok, name_tokens)
            if r:
                out.append(r)
            continue
        if tok.pos_ not in ("VERB", "AUX") or (tok.i > 0 and doc[tok.i - 1].tag_ == "POS" and tok.i + 1 < len(doc)
                                                and doc[tok.i + 1].pos_ in ("NOUN", "PROPN", "ADJ")):
            continue  # "Vega's recommended device": a participle between a possessive and its noun
        lemma = tok.lemma_.lower()
        if lemma not in cue_lemmas:
            lemma = lex.cue_lemma(tok)
            if lemma is None:
                continue
        r = _verb_cue(doc, text, tok, lex, name_tokens, lemma)
        if r:
            out.append(r)
    return out


def speaker_span(subj: Token | None, names: set[int], verb: Token | None = None) -> tuple[int, int] | None:
    """Token span of the speaker noun phrase headed by ``subj`` (cue ``verb``)."""
    if subj is None:
        return None
    span = np_bounds(subj, names=names)
    if verb is not None and subj.i < verb.i:
        # a dateline or timestamp parsed as the subject ("2:40 p.m.\n\nX says")
        doc = subj.doc
        for j in range(verb.i - 1, subj.i - 1, -1):
            if "\n" in doc[j].text or "\n" in doc[j].whitespace_ or doc[j].text in _DATELINE_DASHES:
                k = j + 1
                while k < verb.i and (doc[k].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM", "PART")
                                      or doc[k].text in ("'s", "\u2019s", ".")):
                    k += 1
                if k > j + 1:
                    return j + 1, k
                break
    return span


# heads of noun phrases the parser makes subjects of a cue but that name no one
# ("In a statement, X said", "Tuesday at the rally, X said")
_NOT_SPEAKERS = {"statement", "interview", "call", "conference", "debate", "speech", "meeting", "appearance",
                 "event", "rally", "hearing", "session", "monday", "tuesday", "wednesday", "thursday", "friday",
                 "saturday", "sunday", "today", "yesterday", "night", "morning", "evening", "afternoon"}
_NO_SPEAKER_PREPS = {"to", "with", "about", "for", "against", "of", "on", "at", "from", "by"}


def named_speaker(doc: Doc, verb: Token, spk: tuple[int, int] | None, names: set[int],
                  floor: int | None = None) -> tuple[int, int] | None:
    """The speaker of a cue verb whose subject is missing or names no one
    (``Thursday at X, Gov. Mark Ellison (R-OH), said``, ``In a statement, her
    adviser, Jake Sullivan, said``): the last person named before the verb in its
    sentence, outside prepositional objects (``in a statement to Trump``)."""
    if spk is not None:
        last = doc[spk[1] - 1]
        if any(j in names for j in range(*spk)) or any(doc[j].pos_ == "PRON" for j in range(*spk)) or (
                last.pos_ in ("NOUN", "PROPN") and last.lower_ not in _NOT_SPEAKERS
                and last.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC")):
            return spk
    lo = max(verb.sent.start, spk[1] if spk is not None and spk[1] <= verb.i else verb.sent.start)
    if floor is not None:
        lo = max(lo, floor)
    for j in range(verb.i - 1, lo - 1, -1):
        if j not in names:
            continue
        head = doc[j]
        while head.dep_ in ("compound", "flat") and head.head.i != head.i and head.head.i in names:
            head = head.head
        t, ok = head, head.dep_ != "poss"
        while ok and t.head.i != t.i and t.i != verb.i:
            ok = not (t.dep_ == "pobj" and t.head.lower_ in _NO_SPEAKER_PREPS)  # "in a statement to Trump"
            t = t.head
        if ok:
            return np_bounds(head, names=names)
        break
    return spk


def _raising(doc: Doc, text: str, verb: Token, lex: Lexicon, lemma: str, names: set[int]) -> Reported | None:
    """``X seems to ...``, ``X is expected to ...``, ``X is seen as ...``: the
    subject belongs to the content; the source is the ``by`` agent, if any."""
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    active = [c for c in verb.children if c.dep_ == "nsubj"]
    if passive and lemma in lex.raising_passive:
        subj = passive[0]
    elif active and not passive and lemma in lex.raising_active:
        subj = active[0]
    else:
        return None
    if subj.lower_ in ("it", "there"):
        return None  # "it seems that ...": the clause rule's business
    comp = None
    for c in verb.rights:
        if c.dep_ in ("xcomp", "oprd", "acomp") or (c.dep_ == "prep" and c.lower_ == "as"):
            comp = c
            break
    if comp is None or comp.right_edge.i - comp.i < 1 and comp.dep_ != "prep":
        return None
    if subj in active and comp.dep_ == "xcomp" and comp.pos_ == "VERB" and (
            comp.lemma_.lower() in lex.all_cue_lemmas or lex.cue_lemma(comp) is not None):
        return None  # "She appeared to imply that ...": she is the source, not content
    a = _char_span(doc, text, subj.left_edge.i, subj.right_edge.i + 1)
    lo = comp.i + 1 if comp.dep_ == "prep" else comp.left_edge.i
    b = _char_span(doc, text, lo, comp.right_edge.i + 1)
    if b[1] - b[0] < 4 or a[1] <= a[0]:
        return None
    spk = None
    for c in verb.children:
        if c.dep_ == "agent":
            po = [x for x in c.children if x.dep_ == "pobj"]
            if po:
                spk = np_bounds(po[0], names=names)
    cue_lo = min([verb.i] + [c.i for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i])
    cue_hi = comp.i + 1 if comp.dep_ == "prep" else verb.i + 1
    return Reported(cue_start=cue_lo, cue_end=cue_hi, pieces=[a, b], speaker=spk)


def _verb_cue(doc: Doc, text: str, verb: Token, lex: Lexicon, names: set[int], lemma: str) -> Reported | None:
    sent = verb.sent
    if lemma in lex.raising_active or lemma in lex.raising_passive:
        r = _raising(doc, text, verb, lex, lemma, names)
        if r is not None:
            return r
    subj = subject_of(verb)
    spk = named_speaker(doc, verb, speaker_span(subj, names, verb), names)
    cue_lo, cue_hi = verb.i, verb.i + 1
    # phrasal parts of the cue: "has said", "pointed to", particles
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i < verb.i and child.i >= verb.i - 3:
            cue_lo = min(cue_lo, child.i)
        if child.dep_ == "prt" and child.i == verb.i + 1:
            cue_hi = child.i + 1
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if len(comps) > 1 and comps[0].i < verb.i < comps[-1].i:
        comps = [c for c in comps if c.i > verb.i]  # '"...," X said. Later X said Y' parsed as one sentence
    if lemma in lex.infinitive_verbs and not comps:
        comps = [c for c in verb.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.lefts)]
    if not comps and lemma in lex.clause_verbs:
        # "warned pharmacies that the pills were fake": the that-clause hung on the addressee
        # (also on a time or place: "claimed at the time that they were treated well")
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i] + [
            g for c in verb.children if c.dep_ == "prep" and c.i > verb.i for g in c.children if g.dep_ == "pobj"]
        for obj in objs:
            comps = [c for c in obj.children if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX")
                     and any(m.dep_ in ("mark", "advmod") and m.lower_ == "that" and m.i == c.left_edge.i
                             for m in c.children)
                     and any(m.dep_ in ("nsubj", "nsubjpass") and m.lower_ != "that" for m in c.children)]
            if comps:
                break
        if not comps and lemma in lex.addressee_verbs:
            comps = _told_clause(verb, lex)
    if lemma in lex.infinitive_verbs and not comps:
        # "asked for the investigation to be resumed" (parsed as a "for" clause)
        comps = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and any(
            m.dep_ == "mark" and m.lower_ == "for" and m.i == verb.i + 1 for m in c.children)]
    pieces: list[tuple[int, int]] = []
    origin = "verb"
    if lemma in lex.clause_verbs and verb.text[:1].isupper() and verb.i > sent.start and subj is not None:
        # a headline: "Clinton Says Russians Hacked DNC" -- the rest of the line
        le = text.find("\n", verb.idx)
        le = len(text) if le < 0 else le
        words = text[verb.idx : le].split()
        if 2 <= len(words) <= 25 and sum(w[:1].isupper() for w in words) * 3 >= len(words) * 2:
            pieces.append(trim_chars(text, verb.idx + len(verb.text), le))
            comps = []
            origin = "headline"
    if lemma in lex.clause_verbs or comps:
        for comp in comps[:1]:
            if comp.i < verb.i:  # "<clause>, the Russian leader said"
                lo = min(spk[0] if spk and spk[0] < verb.i else cue_lo, cue_lo)
                if _line_break(doc, comp.i, lo) or (lo > 0 and not doc[lo - 1].is_punct):
                    continue  # a clause on another line, or no comma before the cue: a misparse
                pieces.append(_content_before(doc, text, sent, comp.left_edge.i, lo))
            else:
                a, b = max(comp.left_edge.i, cue_hi), comp.right_edge.i + 1
                if comp.dep_ == "advcl":
                    a = max(a, verb.i + 2)  # after "for"
                if comp.dep_ in ("acl", "relcl"):
                    a = comp.left_edge.i  # the clause of "warned pharmacies that ...", not the addressee
                addressee = [c for c in verb.children if c.dep_ == "dobj" and cue_hi <= c.i < comp.i]
                if comp.dep_ == "xcomp" and addressee:
                    a = addressee[0].left_edge.i  # "urged Vietnam and others to push back": who is urged
                if spk and a <= spk[0] < b:  # "said the expert" parsed inside the clause
                    continue
                b = _clause_tail(verb, comp, b, sent.end, lex.all_cue_lemmas)
                pieces.append(_char_span(doc, text, a, _before_trailing_relative(doc, a, b)))
    if not pieces and verb.dep_ in ("parataxis", "ccomp", "advcl", "conj") and lemma in lex.clause_verbs \
            and spk is not None:
        # "<clause>, X said." / "<clause>, X said, <clause>" / "In ..., X says, <clause>"
        lo = min(spk[0], cue_lo)
        hi = max(spk[1], cue_hi)
        while hi < sent.end and hi < cue_hi + 8 and doc[hi].text not in (",", ".", ";", "!", "?", "\u2014") \
                and doc[hi].i <= verb.right_edge.i:
            hi += 1
        if lo > sent.start and doc[lo - 1].text in (",", "\u2014", "-"):
            left = _char_span(doc, text, sent.start, lo - 1)
            right = (0, 0)
            if hi < sent.end and doc[hi].text in (",", "\u2014"):
                right = _char_span(doc, text, hi + 1, sent.end)
            if hi < sent.end and not _finite(doc, hi + 1, sent.end):
                right = (0, 0)  # "..., X said, on condition of anonymity"
            if right[1] - right[0] > 10 or hi >= sent.end - 1 or doc[hi].text in (".", "!", "?"):
                pieces.append(left)
                if right[1] - right[0] > 10:
                    pieces.append(right)
    obj_piece = not pieces and lemma in lex.object_verbs
    if obj_piece:
        preps = lex.object_verbs[lemma]
        for child in verb.rights:
            if child.dep_ == "prep" and child.lower_ in preps:
                obj = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if obj:
                    cue_hi = child.i + 1
                    pieces.append(_char_span(doc, text, obj[0].left_edge.i, obj[0].right_edge.i + 1))
                    break
            if child.dep_ == "agent" and "" in preps:
                # passive: "The deal was criticized by X as ..." -> the subject is the content
                passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
                if passive:
                    pieces.append(_char_span(doc, text, passive[0].left_edge.i, passive[0].right_edge.i + 1))
                    break
            if (child.dep_ in ("dobj", "oprd") or child.dep_ == "xcomp" and child.tag_ == "VBG") and "" in preps:
                # the object and what completes it: "called Trump a fascist", "announced steps to ..."
                end = child.right_edge.i + 1
                for sib in verb.rights:
                    if sib.i > child.i and sib.dep_ in _OBJ_TAIL:
                        if _own_attribution(sib, lex.all_cue_lemmas):
                            break
                        end = max(end, sib.right_edge.i + 1)
                    elif sib.i > child.i and sib.dep_ in ("cc", "conj"):
                        break
                pieces.append(_char_span(doc, text, child.left_edge.i, end))
                break
    pieces = [(s, e) for s, e in pieces if e - s >= (8 if not obj_piece else 4)]
    if not pieces:
        return None
    if subj is None and verb.dep_ == "ROOT" and verb.tag_ == "VBN":
        return None  # "It was reported that" without a source: keep? no source, weak cue
    return Reported(cue_start=cue_lo, cue_end=cue_hi, pieces=pieces, speaker=spk, origin=origin)


def _told_clause(verb: Token, lex: Lexicon) -> list[Token]:
    """``told officers he had acted alone`` parsed with the clause as a relative clause of the
    addressee: a clause right after an addressee who can be spoken to (a person, a body, a role noun),
    opened by a personal-pronoun subject (no "that", "who" or "which"), is the reported content."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i]
    if not objs or objs[0].i - verb.i > 3:
        return []
    obj = objs[0]
    who = {obj.lower_, obj.lemma_.lower()}
    if not (obj.pos_ in ("PRON", "PROPN") or obj.ent_type_ in ("PERSON", "ORG", "NORP")
            or who & (lex.speaker_nouns | frozenset(lex.roles))):
        return []  # "told the story he had heard": a thing told, its relative clause no statement
    return [c for c in obj.children if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX")
            and c.left_edge.i == obj.i + 1 and c.left_edge.dep_ in ("nsubj", "nsubjpass")
            and c.left_edge.head.i == c.i and c.left_edge.lower_ in ("he", "she", "they", "i", "we", "it")][:1]


def _rest_of_sentence(doc: Doc, text: str, sent: Span, lo: int, hi: int) -> list[tuple[int, int]]:
    """Sentence pieces around the phrase tokens [lo, hi)."""
    pieces = []
    for a, b in ((sent.start, lo), (hi, sent.end)):
        if b - a < 3 or not any(doc[j].pos_ in ("VERB", "AUX") for j in range(a, b)):
            continue  # "At the same time, according to X, ..." : no clause on that side
        s, e = _char_span(doc, text, a, b)
        if e - s >= 12:
            pieces.append((s, e))
    return pieces


def _according(doc: Doc, text: str, acc: Token, to: Token, names: set[int]) -> Reported | None:
    obj = [c for c in to.children if c.dep_ == "pobj"]
    if obj:
        src = obj[0]
        spk = np_bounds(src, names=names)
        hi = max(spk[1], src.right_edge.i + 1) if src.right_edge.i - src.i < 12 else spk[1]
        spk = with_issuer(src, spk, hi)  # "a report from X", "a document filed by X"
    else:
        j = to.i + 1
        while j < len(doc) and j < to.i + 8 and not doc[j].is_punct:
            j += 1
        if j == to.i + 1:
            return None
        spk = (to.i + 1, j)
        hi = j
    pieces = _rest_of_sentence(doc, text, acc.sent, acc.i, hi)
    if not pieces:
        return None
    return Reported(cue_start=acc.i, cue_end=to.i + 1, pieces=pieces, speaker=spk, origin="source")


def _in_view(doc: Doc, text: str, prep: Token, names: set[int]) -> Reported | None:
    obj = [c for c in prep.children if c.dep_ == "pobj"]
    if not obj or obj[0].lower_ not in _VIEW_NOUNS:
        return None
    noun = obj[0]
    src = None
    for c in noun.children:
        if c.dep_ == "poss":
            src = c
        elif c.dep_ == "prep" and c.lower_ == "of":
            po = [x for x in c.children if x.dep_ == "pobj"]
            if po:
                src = po[0]
    if src is None:
        return None
    spk = np_bounds(src, names=names)
    lo, hi = prep.i, noun.right_edge.i + 1
    pieces = _rest_of_sentence(doc, text, prep.sent, lo, hi)
    if not pieces:
        return None
    return Reported(cue_start=prep.i, cue_end=noun.i + 1, pieces=pieces, speaker=spk, origin="source")


def leads_clause(doc: Doc, verb: Token, hi: int) -> bool:
    """A cue verb after a quote that starts a clause of its own (a participle, or a verb followed by
    ``that``, ``whether``, ``how``, ``why``): no inverted speaker follows it."""
    nxt = doc[verb.i + 1] if verb.i + 1 < hi else None
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj", "acl"):
        return True
    return nxt is not None and nxt.lower_ in ("that", "whether", "how", "why") and any(
        c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children)
