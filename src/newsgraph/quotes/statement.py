"""Is a reported attribution a statement, or a stance?

A quote is a **statement**: someone said or wrote something with propositional content. The
rules and the learned back-up also find **stances** (PolNeAR annotates them): the object of a verb
that is not a statement (``praised the team``, ``called for calm``, ``denied the allegations``), a
thought, feeling or intention (``X believes ...``, ``X wants to ...``, ``X decided to ...``), and
text with nobody behind it. :func:`is_statement` tells them apart by evidence:

* the cue word is a speech word: not in ``not_speech`` of ``cues.yaml``; a cue only the learned
  model knows must be a word of the lists (``say``, ``claim``, ``accuse``, ...);
* the content is a clause (its head is a verb: a finite clause, an infinitive, a gerund, or a noun
  with a gerund or infinitive complement: ``accused China of using ...``, ``urged Vietnam to ...``),
  holds quoted words (a mixed quote), or is what a speech verb was about (``topic_objects`` of
  ``cues.yaml``: ``warned of the danger of clashes``);
* someone holds it: a speaker mention, or a passive speech verb (``he is accused of ...``) or a
  source phrase (``according to ...``).

First- and second-person holders outside quotation marks (``I prefer ...``, ``you will want ...``,
``we called it ...``) are the page's own voice, never quotes (:func:`page_voice`).
A ``Label: text`` line is a statement when the label is a transcript tag (capitals) or the text
speaks for the label (first person, or no clause with a subject of its own: ``Lynch: No outside
influence ...``); ``Julian Assange: Sweden drops inquiry`` is a headline about someone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.quotes.lexicon import Lexicon
from newsgraph.quotes.reported import Reported

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_PAGE_VOICE = {"i", "me", "we", "us", "you"}
_FIRST_PERSON = {"i", "me", "my", "we", "us", "our", "mine", "ours"}
_MARKS = ("\"", "\u201c", "\u201d", "\u2018", "\u00ab")
_REQUEST = {"ask", "call", "urge", "press", "push", "lobby", "appeal", "demand", "beg", "plead", "petition"}


def cue_head(doc: Doc, rep: Reported) -> Token:
    """The content word of the cue (``has said`` -> ``said``, ``did not reveal`` -> ``reveal``)."""
    toks = [doc[i] for i in range(rep.cue_start, min(rep.cue_end, len(doc)))]
    for t in toks:
        if t.pos_ in ("VERB", "NOUN", "ADJ") and t.dep_ not in ("aux", "auxpass", "neg"):
            return t
    return toks[0] if toks else doc[rep.cue_start]


def page_voice(doc: Doc, rep: Reported) -> bool:
    """The holder is ``I``, ``we`` or ``you``: the page speaking. So is advice put in a generic
    reader's mouth: a holder of the reader's (``if your partner says ...``) or a verb told to the
    reader (``locals will tell you that ...``)."""
    if rep.speaker is None:
        return False
    words = [doc[i].lower_ for i in range(*rep.speaker) if not doc[i].is_punct]
    if len(words) == 1 and words[0] in _PAGE_VOICE:
        return True
    if rep.origin != "verb":
        return False
    root = mention_root([doc[i] for i in range(*rep.speaker)])
    if root is not None and any(c.dep_ == "poss" and c.lower_ == "your" for c in root.children):
        return True
    cue = cue_head(doc, rep)
    return any(c.dep_ in ("dative", "dobj") and c.lower_ == "you" for c in cue.children)


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    out = []
    i = _first_token(doc, start)
    while i < len(doc) and doc[i].idx < end:
        out.append(doc[i])
        i += 1
    return out


def _first_token(doc: Doc, char: int) -> int:
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < char:
            lo = mid + 1
        else:
            hi = mid
    return lo


def clausal(doc: Doc, start: int, end: int, *, request: bool = False) -> bool:
    """Whether the text [start, end) is a clause rather than a noun phrase. A noun phrase with a
    clause of its own after it (``the allegations, saying ...``) is still a noun phrase: the
    clause is another attribution's business. ``request``: the cue asks for something, so a noun
    with an infinitive is a clause (``asked for the inquiry to be resumed``)."""
    toks = _tokens(doc, start, end)
    if not toks:
        return False
    ids = {t.i for t in toks}
    roots = [t for t in toks if (t.head.i not in ids or t.head.i == t.i) and not t.is_punct
             and t.pos_ not in ("CCONJ", "SCONJ", "PART")]
    if not roots:
        return False
    first = roots[0]
    if first.pos_ in ("VERB", "AUX") or first.tag_ == "VBG" and not any(c.dep_ == "det" for c in first.children):
        return True  # (a gerund clause has no determiner: "the following" is a noun phrase)
    if first.dep_ == "ccomp" and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < first.i for c in first.subtree) \
            and any(c.dep_ in ("aux", "auxpass", "cop") and c.i < first.i for c in first.children):
        return True  # "said it is cost effective": a clause the tagger read as a noun ("is cost")
    if toks[0].tag_ == "VBG" and toks[0].dep_ == "compound" and toks[0].head.i in ids:
        return True  # "reported hearing gunfire": a gerund clause parsed as a compound noun
    for r in roots[1:]:
        if r.pos_ in ("VERB", "AUX") and r.dep_ in ("xcomp", "ccomp"):
            return True  # "urged Vietnam [and others] to push back"
        if r.dep_ in ("prep", "oprd") and r.lower_ == "as" and first.dep_ == "dobj":
            return True  # "described the call as improper" (the parser hangs "as" on the verb)
        if r.dep_ == "prep" and r.lower_ in ("of", "for") and any(
                g.dep_ == "pcomp" and _gerund(g) for g in r.children):
            return True  # "accused China of using coercion" (the parser hangs "of" on the verb)
    deps = {r.dep_ for r in roots}
    if "oprd" in deps or first.dep_ == "dobj" and deps & {"attr", "xcomp", "ccomp"}:
        return True  # "called Trump a fascist", "urged Vietnam [and others] to push back": a small clause
    for c in first.children:
        if c.i not in ids:
            continue
        if c.dep_ in ("oprd", "attr") or c.dep_ == "prep" and c.lower_ == "as":
            return True  # "portrayed immigrants as criminals"
        if c.pos_ in ("VERB", "AUX") and c.dep_ in ("pcomp", "xcomp", "ccomp", "csubj"):
            return True
        if c.pos_ in ("VERB", "AUX") and c.dep_ in ("acl", "relcl") and any(
                g.lower_ == "to" and request or g.lower_ == "that" and g.dep_ == "mark" for g in c.children):
            return True  # "asked for the investigation to be resumed", "argued for decades that ..."
        if c.dep_ == "prep" and c.lower_ in ("of", "for") and any(
                g.dep_ == "pcomp" and _gerund(g) for g in c.children):
            return True  # "accused China of using coercion", "blamed the council for ignoring ..."
    return False


def _gerund(tok: Token) -> bool:
    """A gerund (``of using``, ``of having used``), not a wh-clause hung on a noun (``an explanation of
    how the system failed`` is a noun phrase)."""
    return tok.pos_ in ("VERB", "AUX") and (tok.tag_ == "VBG" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBG" for c in tok.children))


_SPEAKING_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "those", "this",
                      "these", "another", "others", "one", "both", "some", "many", "all", "each", "him", "her",
                      "them", "his", "its", "their", "us", "me", "someone", "somebody", "nobody", "everyone"}
_SPEAKER_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_PASSIVE_SOURCES = {"say", "report", "accuse", "allege", "claim", "quote", "rumor", "rumour", "describe", "tell",
                    "charge", "understand"}
# verbs of saying that make a statement whoever the parser takes for their subject (the speaker
# stage marks an unresolvable one); weaker cues need a holder that can speak
_STRONG = {"say", "tell", "add", "state", "announce", "declare", "write", "tweet", "post", "reply", "respond",
           "answer", "explain", "claim", "insist", "argue", "warn", "confirm", "acknowledge", "admit",
           "note", "stress", "emphasize", "emphasise", "comment", "recall", "allege", "assert", "contend"}
_HYPOTHETICAL = {"could", "might", "may", "would", "should", "must"}
_QUESTION_CUES = {"ask", "wonder", "question", "inquire", "enquire", "query"}
_RELATIVE = {"who", "whom", "whose", "which"}
_NOBODY = {"no", "nobody", "none", "neither", "nothing"}


def mention_root(toks: list[Token]) -> Token | None:
    """The head of a mention: its token whose head lies outside it."""
    ids = {t.i for t in toks}
    for t in toks:
        if not t.is_punct and (t.head.i not in ids or t.head.i == t.i):
            return t
    return toks[-1] if toks else None


def can_speak(toks: list[Token], lex: Lexicon) -> bool:
    """Whether a mention can be someone who makes a statement: a name (or a phrase holding one:
    "tests by Digital Foundry"), a pronoun, a role, a group or body ("the doctor", "officials",
    "the ministry"), a document that speaks for its issuer ("the statement"). "The pressure",
    "the 10", "the terms of the treaty" cannot."""
    root = mention_root(toks)
    if root is None:
        return False
    if root.pos_ == "PRON" or root.pos_ == "DET":
        return root.lower_ in _SPEAKING_PRONOUNS
    if root.ent_type_ in _SPEAKER_ENTS or root.pos_ == "PROPN":
        return True
    if any(t.ent_type_ in _SPEAKER_ENTS or t.pos_ == "PROPN" for t in toks):
        return True  # "preliminary tests by Digital Foundry"
    for prep in root.children:  # "tests by Digital Foundry", "data from the ministry"
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of") and any(
                g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_ in _SPEAKER_ENTS) for g in prep.children):
            return True
    words = {root.lemma_.lower(), root.lower_, root.lower_.split("-")[-1]}
    return any(w in lex.roles or w in lex.speaker_nouns for w in words) or bool(words & _title_words(lex))


def _title_words(lex: Lexicon) -> set[str]:
    cached = lex.__dict__.get("_title_word_set")
    if cached is None:
        cached = {w for t in lex.titles for w in t.split()} - {"of", "the", "state"}
        object.__setattr__(lex, "_title_word_set", cached)
    return cached


def _passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _speech(lemma: str, lex: Lexicon) -> bool:
    return lemma not in lex.not_speech and (
        lemma in lex.all_cue_lemmas or lemma in lex.cue_nouns or lemma in lex.noun_objects)


_WHEN = {"when", "if", "after", "once", "as", "while"}


def is_statement(doc: Doc, text: str, rep: Reported, lex: Lexicon, kind: str) -> bool:
    """Whether ``rep`` (already known to be ``kind`` indirect or mixed) reports a statement."""
    if rep.origin == "headline":
        return True  # "Clinton Says Russians Hacked DNC"
    if rep.origin == "source":  # "according to X": X must be someone ("the terms of the treaty" is not)
        return rep.speaker is None or can_speak([doc[i] for i in range(*rep.speaker)], lex)
    if rep.origin == "label":
        return label_statement(doc, text, rep)
    head = cue_head(doc, rep)
    lemma = lex.cue_lemma(head) or head.lemma_.lower()
    if lemma in lex.not_speech or head.lower_ in lex.not_speech or head.lemma_.lower() in lex.not_speech:
        return False
    if any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in head.children):
        return False  # "VW didn't say when ...", "voters could have shown ...": nothing was said
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in head.children):
        return False  # "if the seller says ...": a condition, nothing was said
    if rep.origin == "learned" and not _speech(lemma, lex):
        return False
    if lemma == "ask" and head.tag_ == "VBN" and (head.is_sent_start or any(
            c.dep_ == "auxpass" or c.dep_ in ("mark", "advmod") and c.lower_ in _WHEN for c in head.children)):
        return False  # "(when) asked about X, Holt ...": a question put to the subject, not their words
    strong = lemma in _STRONG and rep.origin == "verb"
    if rep.speaker is None and any(c.dep_ == "aux" and c.tag_ == "TO" for c in head.children):
        return False  # "it is easy to say ...": nobody said it
    if rep.speaker is not None and doc[rep.speaker[0]].lower_ in _NOBODY:
        return False  # "no one would admit ...", "none of them said ...": nothing was said
    if rep.speaker is None and not strong and not (_passive(head) and lemma in _PASSIVE_SOURCES):
        return False  # nobody holds it ("Share it with a friend", "appeared pale", "is predicted")
    if rep.speaker is not None and not strong and not can_speak([doc[i] for i in range(*rep.speaker)], lex):
        return False  # "the pressure showed that ...", "observations point to ..."
    if head.dep_ == "acl" and head.tag_ == "VBN" and rep.speaker is None:
        return False  # "a mission called Europa Clipper": a name, not a statement
    first = text[rep.pieces[0][0]:rep.pieces[0][1]].split()
    if sum(len(text[s:e].split()) for s, e in rep.pieces) < 2:
        return False  # "what": no content
    if first and first[0].lower() in _RELATIVE and lemma not in _QUESTION_CUES:
        return False  # "the witness testifying, who listened in ...": a relative clause, not content
    request = lemma in _REQUEST
    for s, e in rep.pieces:
        if clausal(doc, s, e, request=request) or _topic_object(doc, s, e, head, lemma, lex):
            return True
        if kind == "mixed" and _quotation_object(text, s, e):
            return True  # 'urged an "end to the violence ..."': the object is a quotation
    return False


def _quotation_object(text: str, start: int, end: int) -> bool:
    """The content opens with a quotation (at most two words before the first mark)."""
    piece = text[start:end]
    marks = [piece.find(m) for m in _MARKS if m in piece]
    return bool(marks) and len(piece[: min(marks)].split()) <= 2


def _topic_object(doc: Doc, start: int, end: int, head: Token, lemma: str, lex: Lexicon) -> bool:
    """``warned of <noun phrase>``: the object of a speech verb's topic preposition."""
    preps = lex.topic_objects.get(lemma)
    if not preps:
        return False
    for t in _tokens(doc, start, end):
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in preps and t.head.head.i == head.i:
            return True
    return False


def _named_elsewhere(doc: Doc, tok: Token, headline: bool = False) -> bool:
    """Whether the text uses ``tok`` as a name elsewhere: capitalised inside a sentence, and never
    in lower case ("the battery lasts" makes "Battery:" a heading). A headline (the first line) may
    name someone the text does not name again."""
    low, named = tok.lower_, headline
    for t in doc:
        if t.i == tok.i or t.lower_ != low:
            continue
        if t.text[:1].islower():
            return False
        if not t.is_sent_start and t.i > 0 and "\n" not in doc[t.i - 1].text and doc[t.i - 1].text not in ":.":
            named = True
    return named


def label_statement(doc: Doc, text: str, rep: Reported) -> bool:
    label = [doc[i] for i in range(*rep.speaker)] if rep.speaker else []
    if label and any(t.ent_type_ in ("GPE", "LOC") for t in label) and not any(
            t.ent_type_ in ("PERSON", "ORG") for t in label):
        return False  # a dateline: "NEW DELHI: ..."
    if label and all(t.is_upper or t.is_punct for t in label if t.is_alpha or t.is_punct):
        return True  # a transcript: "TAPPER: ..."
    root = mention_root(label)
    if root is None or not (root.pos_ == "PROPN" or root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")) \
            or not (any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in label)
                    or len([t for t in label if t.is_alpha]) == 1 and root.pos_ == "PROPN"):
        return False  # "The promise of Google Stadia:", "Shrine Location:": a heading, not a name
    if not any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in label) and (
            any(t.like_num for t in label) or not _named_elsewhere(doc, root, headline=label[0].i == 0)):
        return False  # "Step 1:", "Battery:", "Tip:": a heading or a list item, not someone named
    for s, e in rep.pieces:
        toks = _tokens(doc, s, e)
        if any(t.lower_ in _FIRST_PERSON for t in toks):
            return True
        if text[s:e].rstrip()[-1:] in ".!?\"\u201d":
            continue  # a sentence: someone's words
        for t in toks:
            if t.tag_ in ("VBD", "VBZ", "VBP", "MD") and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN") for c in t.children):
                return False  # a headline about the label's person, not their words
    return True


def keep_statements(doc: Doc, text: str, reported: list[Reported], lex: Lexicon,
                    in_quote: list[bool]) -> list[Reported]:
    """The attributions that report a statement (the kind is read from quoted words inside)."""
    out = []
    for rep in reported:
        quoted = any(in_quote[t.i] for s, e in rep.pieces for t in _tokens(doc, s, e))
        if is_statement(doc, text, rep, lex, "mixed" if quoted else "indirect") and not page_voice(doc, rep):
            out.append(rep)
    return out


def object_holder(toks: list[Token], lex: Lexicon) -> Token | None:
    """The holder behind a mention that cannot speak but is the object of a verb whose subject can
    (``Ramos used his speech to call for ...``, ``X was heard on a microphone telling ...``, ``the
    council approved a resolution condemning ...``, ``X and Y issued a statement describing ...``): that
    subject's head token, else None."""
    root = mention_root(toks)
    if root is None:
        return None
    if can_speak(toks, lex) and not (root.lemma_.lower() in lex.document_nouns and root.dep_ == "dobj"):
        return None  # a document speaks for its issuer unless the issuer is named ("X issued a statement")
    t = root
    if t.dep_ == "pobj" and t.head.dep_ == "prep":
        t = t.head
    elif t.dep_ != "dobj":
        return None
    verb = t.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i == t.i:
        return None
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i:
            mention = [x for x in c.subtree if x.i <= c.i]
            return c if can_speak(mention, lex) else None
    return None


def verbless_line(doc: Doc, text: str, outer_start: int, outer_end: int, s: int, e: int) -> bool:
    """A quotation alone on its line with no verb in it (``'Stars over Stars over Stars'`` between a
    designer's name and a showroom address): a title, caption or label, not someone's words.
    ``outer_*``: the quotation with its marks; ``s``, ``e``: its content."""
    ls, le = text.rfind("\n", 0, outer_start) + 1, text.find("\n", outer_end)
    le = len(text) if le < 0 else le
    if text[ls : outer_start].strip() or text[outer_end : le].strip(" \t.,;:!?"):
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in _tokens(doc, s, e))
