"""Evidence before a match: readings of a mention that the rest of the text rules out.

``resolve_doc`` resolves each mention on its own words; these checks look at its neighbours and
at the whole article, and say when a stronger reading wins:

* **teams**: in a sports article, a city or region named as the one who plays ("Pittsburgh beat
  Cleveland", "Tottenham's defence"), and a name spaCy tags as a person that starts with a town or
  is a plural after "the" ("the Steelers", "Manchester United"), is a team - an organisation of
  that place's country, not a place and not a person;
* **products**: a name followed by a product noun ("the Zentra speaker"), ending in a model word
  ("Zentra Pro"), written with a digit ("Zentra 3") or in camel case with no action of its own
  ("ZenKit"), or owned by an organisation ("Zentrix's Zentra"), is a product, not an actor;
* **lone names**: a single word spaCy calls a person that no full name of the article contains
  and no title introduces ("Crumble", "Sparkle") is not taken as a person.

All of it is general text evidence: no list of teams or products.
"""

from __future__ import annotations

import re

from ..nlp import doc_text
from .words import ORG_WORDS, PERSON_OFFICES, TITLE_WORDS

SPORTS_WORDS = {
    "game", "season", "coach", "quarterback", "touchdown", "goal", "goals", "league", "match", "playoff",
    "playoffs", "striker", "midfielder", "defender", "goalkeeper", "pitcher", "inning", "innings", "score",
    "scored", "championship", "tournament", "stadium", "nfl", "nba", "nhl", "mlb", "mls", "fifa", "uefa",
    "squad", "roster", "rookie", "offense", "defense", "defence", "penalty", "fixture", "kickoff",
    "overtime", "shootout", "assist", "assists", "rebound", "rebounds", "yards", "wicket", "innings",
    "manager", "transfer", "club", "teammate", "teammates", "referee", "halftime", "win", "wins", "loss",
    "losses", "beat", "victory", "defeat", "points", "draft", "play-off", "standings", "lineup",
}
SPORTS_WORDS |= {"goalless", "winger", "relegation", "equaliser", "equalizer", "hat-trick", "goaltender", "puck",
                 "linebacker", "receiver", "touchdowns", "homer", "bowler", "batsman", "fullback", "sacks"}
SPORTS_MIN = 5  # distinct sports words that make an article a sports article
PLAY_VERBS = {"beat", "win", "lose", "draw", "play", "face", "host", "defeat", "score", "edge", "rout",
              "thrash", "trail", "lead", "sign", "visit", "tie", "top", "down", "stun", "upset", "hold"}
TEAM_PREPS = {"against", "vs", "v", "versus", "over", "to", "for", "with", "by"}
PRODUCT_NOUNS = {
    "app", "apps", "speaker", "speakers", "console", "consoles", "device", "devices", "thermostat", "sensor",
    "sensors", "phone", "phones", "laptop", "laptops", "tablet", "headphones", "earbuds", "camera", "update",
    "version", "model", "models", "browser", "controller", "subscription", "feature", "features", "chip",
    "processor", "display", "screen", "keyboard", "charger", "cable", "port", "recipe", "sauce", "kit",
    "pump", "lineup", "edition", "software", "firmware", "drive", "router", "watch", "smartwatch",
    "appliance", "gadget", "accessory", "accessories", "plan", "plans", "bundle", "game", "games",
}
MODEL_WORDS = {"pro", "air", "max", "mini", "ultra", "plus", "lite", "se", "edition", "series", "one", "x", "xl"}
ACT_DEPS = {"nsubj", "nsubjpass"}
_CAMEL = re.compile(r"^[A-Za-z]*[a-z][A-Z]")
_DIGIT = re.compile(r"\d")
_VERSION = re.compile(r"^v?\d+(?:\.\d+)+$|^v\d+$")


STRONG_SPORTS = {"goalless", "equaliser", "equalizer", "relegation", "goaltender", "linebacker", "hat-trick", "quarterback", "touchdown", "goalkeeper", "striker", "midfielder", "playoff", "playoffs", "inning",
                 "innings", "nfl", "nba", "nhl", "mlb", "mls", "fifa", "uefa", "halftime", "referee", "rebounds",
                 "assists", "yards", "wicket", "teammate", "teammates", "coach", "league", "stadium", "squad",
                 "roster", "rookie", "overtime", "shootout", "kickoff", "fixture", "goalie", "pitcher"}
TEAM_WORDS = {"fc", "cf", "sc", "afc", "ac", "united", "city", "athletic", "athletico", "rovers", "wanderers",
              "hotspur", "albion", "rangers", "celtic", "olympique", "sporting", "dynamo", "real", "inter"}


def is_sports(doc) -> bool:
    """An article that talks sport: two distinct words only sport uses ("quarterback", "league"),
    or one and three more sports words, or SPORTS_MIN sports words in all."""
    seen = {t.lower_ for t in doc if t.lower_ in SPORTS_WORDS or t.lower_ in STRONG_SPORTS}
    strong = seen & STRONG_SPORTS
    return len(strong) >= 2 or (len(strong) == 1 and len(seen) >= 4) or len(seen) >= SPORTS_MIN


def team_words(ent) -> bool:
    """A club's name: "Athletic Zentra", "Zentra City" (with a capital: "city" alone is no club)."""
    words = [t for t in ent if t.is_alpha and t.lower_ != "the"]
    return len(words) >= 2 and any(t.lower_ in TEAM_WORDS and t.text[:1].isupper() for t in words)


def _after(ent):
    doc = ent.doc
    k = ent.end
    while k < len(doc) and doc[k].text in ("’s", "'s"):
        k += 1
    return doc[k] if k < len(doc) else None


def _plays(ent) -> bool:
    """The mention is a side in play: the subject or object of a playing verb, after "against"/"vs",
    or the owner of something ("Tottenham's defence")."""
    root = ent.root
    head = root.head
    if root.dep_ in ("nsubj", "dobj", "nsubjpass") and head.lemma_.lower() in PLAY_VERBS:
        return True
    if root.dep_ == "pobj" and head.lower_ in TEAM_PREPS and head.head.lemma_.lower() in PLAY_VERBS | {"game",
                                                                                                     "match", "win"}:
        return True
    if root.dep_ == "pobj" and head.lower_ in ("against", "vs", "v", "versus"):
        return True
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return nxt is not None and nxt.tag_ == "POS"


CLUB_VERBS = {"manage", "coach", "join", "leave", "captain", "represent", "rejoin", "face", "host"}
CLUB_NOUNS = {"away", "home", "trip", "visit", "move", "transfer", "loan", "spell", "stint", "switch",
              "signing", "debut", "contract", "deal", "joined", "moved", "loaned", "signed", "sign"}


def club_context(ent) -> bool:
    """Words around a place name that make it a club in a sports report: the object of a club verb
    ("managed Zentra", "joined Zentra"), or after "to/at/from/for/with" that follows a word of a
    fixture or a transfer ("away to Zentra", "his spell at Zentra", "a loan from Zentra")."""
    root = ent.root
    head = root.head
    if root.dep_ == "dobj" and head.lemma_.lower() in CLUB_VERBS:
        return True
    if root.dep_ == "pobj" and head.lower_ in ("to", "at", "from", "for", "with") and (
            head.head.lower_ in CLUB_NOUNS or head.head.lemma_.lower() in CLUB_NOUNS):
        return True
    return False


def team_reading(ent, place, sports: bool, locative: bool) -> bool:
    """A place-named mention that names a team in a sports article."""
    country = place is not None and place.feature_class == "A" and place.geonameid and place.latitude is None
    if not sports or place is None or (locative and (country or not club_context(ent))):
        return False  # "returned to England" stays a place: a country is no club
    if country:
        return _plays(ent) or _side(ent)
    return True


SIDE_ROLES = {"manager", "coach", "captain", "striker", "squad", "team", "side", "goalkeeper", "defender",
              "midfielder", "forward", "boss", "supporters", "fans", "international", "debut", "lineup",
              "quarterback", "receiver", "linebacker", "pitcher", "winger", "defenseman", "goalie", "player",
              "players", "offense", "defense", "program"}


def side_named(ent) -> bool:
    return _side(ent)


def plays(ent) -> bool:
    return _plays(ent)


def _side(ent) -> bool:
    """A country named as a national team: the subject of any verb ("Brazil won", "England
    struggled") or the modifier of a team's role ("the England manager", "Brazil's squad")."""
    root = ent.root
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    if root.dep_ in ("compound", "poss", "nmod") and root.head.lower_ in SIDE_ROLES:
        return True
    return False


def person_team(ent, sports: bool, first_place, context=()) -> bool:
    """A name tagged as a person that is a team: "the Steelers"; in sport, "Manchester United"."""
    doc = ent.doc
    words = [t for t in ent if t.lower_ != "the"]
    if not words:
        return False
    before = doc[ent.start - 1] if ent.start > 0 else None
    plural = len(words) == 1 and words[0].text.endswith("s") and not words[0].text.endswith("ss")
    if plural and (ent[0].lower_ == "the" or (before is not None and before.lower_ == "the")):
        return True
    if not (sports and first_place is not None and len(words) >= 2):
        return False
    # a town and a club word or a plural nickname ("Zentra United", "Zentra Falcons"), or a town of the
    # article's own countries ("Zentra Heat"); "Bam Adebayo" is a person, whatever town Bam is
    last = words[-1]
    return (any(t.lower_ in TEAM_WORDS for t in words) or (last.text.endswith("s") and not last.text.endswith("ss"))
            or first_place.country in context)


def _product_after(doc, end: int) -> bool:
    """The words after a name make it a product: a product noun ("the Zentra speaker"), capitalised
    words ending in one ("the Zentra Wine Saver Pump"), or a version number ("Zentra 14.1")."""
    nxt = doc[end] if end < len(doc) else None
    if nxt is None:
        return False
    if nxt.lower_ in PRODUCT_NOUNS and nxt.pos_ in ("NOUN", "PROPN"):
        return True
    k = end
    while k < len(doc) and k < end + 4 and doc[k].is_title:
        if doc[k].lower_ in PRODUCT_NOUNS:
            return True
        k += 1
    return bool(_VERSION.match(nxt.text))


def product_reading(ent, known_orgs: set[str]) -> bool:
    """Text evidence that an unknown name is a product, not an organisation or person."""
    doc = ent.doc
    words = [t for t in ent if t.lower_ != "the"]
    if not words:
        return False
    last = words[-1]
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if _product_after(doc, ent.end):
        return True
    if len(words) >= 2 and last.lower_ in PRODUCT_NOUNS and not last.lower_.endswith("s"):
        return True  # "the Zentra Saver Pump", "Zentra Grinder Kit" (a plural ends company names: "Zentra Games")
    if len(words) >= 2 and last.lower_ in MODEL_WORDS:
        return True
    if any(_DIGIT.search(t.text) for t in words) and not any(t.like_num for t in words):
        return True
    # owned by an organisation: "Zentrix's Zentra", "Zentrix Zentra"
    k = ent.start - 1
    if k >= 1 and doc[k].tag_ == "POS" and (doc[k - 1].ent_type_ == "ORG" or doc[k - 1].lower_ in known_orgs):
        return True
    acts = ent.root.dep_ in ACT_DEPS
    if any(_CAMEL.match(t.text) for t in words) and not acts:
        return True
    return False


def lone_name(ent, full_name_words: set[str], titled: bool) -> bool:
    """A one-word person mention no full name of the article accounts for."""
    words = [t for t in ent if t.is_alpha]
    if len(words) != 1 or titled:
        return False
    return words[0].lower_ not in full_name_words


def full_name_words(doc) -> set[str]:
    """Lower-cased words of the article's names of two words or more (PERSON or ORG)."""
    out: set[str] = set()
    for e in doc.ents:
        if e.label_ in ("PERSON", "ORG"):
            ws = [t.lower_ for t in e if t.is_alpha and t.lower_ != "the"]
            if len(ws) >= 2:
                out.update(ws)
    return out


EVENT_LAST = {"league", "cup", "championship", "championships", "open", "games", "festival", "division",
              "conference", "series", "tour", "olympics", "awards", "award", "prix", "bowl", "derby", "classic",
              "marathon", "expo", "fair", "week"}


def event_name(ent) -> bool:
    """A name of an event, a competition or an idea, not of an actor: "the Zentra Cup",
    "the Northern Division", "Zentrism"."""
    words = [t for t in ent if t.is_alpha]
    if not words:
        return False
    last = words[-1].lower_
    return (len(words) >= 2 and last in EVENT_LAST) or (last.endswith("ism") and len(last) > 5)


WORK_LAST = {"act", "bill", "treaty", "accord", "accords", "amendment", "doctrine", "protocol", "manifesto",
             "charter"}  # not "report" nor "constitution": the Drudge Report, the Atlanta Journal-Constitution


def work_name(ent) -> bool:
    """A name of a law, treaty or report, not of an actor: "the Harbour Safety Act", "the Norvik
    Accord" (two words or more, capitalised, the last a word for such a text)."""
    words = [t for t in ent if t.is_alpha]
    return len(words) >= 2 and words[-1].lower_ in WORK_LAST and words[-1].text[:1].isupper()


def core(text: str) -> str:
    """A name without "the" and a possessive: the key products and teams are known by."""
    t = text.strip()
    for p in ("the ", "The "):
        if t.startswith(p):
            t = t[len(p):]
    for s in ("’s", "'s", "’", "'"):
        if t.endswith(s):
            t = t[: -len(s)]
    return t.strip()


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what re's \w matches in a str pattern


def _whole_word_matches(name: str, text: str):
    """(start, end) of each ``re.finditer(r"\\b" + re.escape(name) + r"\\b", text)`` match, without
    compiling a pattern per name: the same non-overlapping matches, left to right."""
    n, k = len(name), text.find(name)
    while k >= 0:
        before = k > 0 and _is_word_char(text[k - 1])
        after = k + n < len(text) and _is_word_char(text[k + n])
        if n and before != _is_word_char(name[0]) and after != _is_word_char(name[-1]):
            yield k, k + n
            k = text.find(name, k + n)
        else:
            k = text.find(name, k + 1)


def product_names(doc, known_orgs: set[str] = frozenset()) -> set[str]:
    """Names the article shows to be products somewhere (spaCy's PRODUCT, or text evidence):
    every mention of such a name is the product ("Zentra" after "the Zentra speaker")."""
    out = set()
    text = doc_text(doc)
    searched: set[str] = set()  # a name's search gives the same answer at each of its mentions
    for e in doc.ents:
        if e.label_ in ("ORG", "PERSON") and len(core(e.text)) > 2 and core(e.text) not in searched:
            searched.add(core(e.text))
            # the same name elsewhere in the text, untagged, before a product noun ("The Zentra Wine
            # Saver Pump keeps ..." and later "the Zentra" tagged as a person)
            for start, end in _whole_word_matches(core(e.text), text):
                span = doc.char_span(start, end)
                if span is not None and _product_after(doc, span.end):
                    out.add(core(e.text))
                    break
        if e.label_ == "PRODUCT" or (e.label_ in ("ORG", "PERSON") and product_reading(e, known_orgs)):
            out.add(core(e.text))
            words = [t for t in e if t.is_alpha and t.lower_ != "the"]
            if len(words) >= 2 and words[-1].lower_ in MODEL_WORDS:
                out.add(core(e.doc[words[0].i:words[-1].i].text))  # "Zentra" of "Zentra Pro"
    return out


ROLE_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "deputy", "minister", "farmer", "resident", "coordinator",
              "envoy", "representative", "analyst", "official", "director", "chairman", "chairwoman", "leader", "teacher",
              "mother", "father", "wife", "husband", "son", "daughter", "coach", "player", "singer", "actor", "actress",
              "author", "writer", "lawyer", "doctor", "professor", "student", "journalist", "reporter", "neighbour",
              "neighbor", "villager", "worker", "head", "chief", "founder", "president", "senator", "governor"}


def person_like(ent) -> bool:
    """A name spaCy tagged as an organisation that the text shows to be a person: two or three
    capitalised words with no organisation word, followed by ", who" or an apposition with a
    person's role, or introduced by a role noun ("spokeswoman Irina Volkova")."""
    words = [t for t in ent if t.is_alpha]
    parts = [t for t in ent if t.text != "-"]  # "Eva-Lena Berg": a hyphenated given name is one name
    if not (2 <= len(words) <= 3) or not all(t.is_title for t in words) or len(words) != len(parts):
        return False
    if any(t.lower_ in ORG_WORDS for t in words):
        return False
    doc = ent.doc
    if ent.root.dep_ == "appos" and ent.root.head.lemma_.lower() in ROLE_NOUNS:
        return True  # "the deputy director of prosecutions, Eva-Lena Berg,"
    nxt = doc[ent.end:ent.end + 2]
    if len(nxt) == 2 and nxt[0].text == "," and nxt[1].lower_ in ("who", "whose"):
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS for c in ent.root.children):
        return True
    before = doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in ROLE_NOUNS


GAME_WORDS = {"gameplay", "unlock", "unlocks", "unlocked", "boss", "bosses", "quest", "quests", "expansion", "dlc",
              "console", "consoles", "multiplayer", "character", "characters", "pokemon", "pokémon", "trainer",
              "trainers", "spawn", "loot", "playable", "nintendo", "playstation", "xbox", "gamers", "speedrun",
              "roguelike", "rpg", "npc", "npcs", "hitpoints", "cooldown"}  # words news outside games rarely uses
GAMES_MIN = 4  # distinct game words that make an article a games article
SAY_LEMMAS = {"say", "tell", "add", "explain", "write", "tweet", "announce", "confirm", "note", "argue", "claim",
              "insist", "recall", "describe", "believe", "think", "ask", "reply", "respond", "warn", "admit",
              "speak", "told", "post", "comment"}


def is_games(doc) -> bool:
    """An article about a video game: GAMES_MIN distinct words only games use much."""
    return len({t.lower_ for t in doc if t.lower_ in GAME_WORDS}) >= GAMES_MIN


def speaks(span) -> bool:
    """A mention that says something or is introduced as a person: the subject of a speech verb
    ("X said", "X told"), after a role noun or title ("designer X"), or with a role in apposition."""
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in SAY_LEMMAS:
        return True
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lemma_.lower() in ROLE_NOUNS | {"mr", "mrs", "ms", "dr"}:
        return True
    nxt = doc[span.end:span.end + 2]
    if len(nxt) == 2 and nxt[0].text == "," and nxt[1].lower_ in ("who", "whose", "the", "a", "an"):
        return True
    return any(c.dep_ == "appos" for c in root.children)


def title_tail(ent) -> bool:
    """The end of a longer title spaCy cut short: "Thrones" of "Game of Thrones", "Rings" of "Lord of
    the Rings" - a name after "of" ("of the") that follows a capitalised word outside any entity."""
    doc = ent.doc
    k = ent.start - 1
    if k >= 0 and doc[k].lower_ == "the" and ent[0].lower_ != "the":
        k -= 1
    if k < 1 or doc[k].lower_ != "of":
        return False
    head = doc[k - 1]
    return head.is_title and not head.ent_type_ and head.pos_ in ("PROPN", "NOUN") and not (
        head.lower_ in ORG_WORDS or head.lower_ in TITLE_WORDS or head.lower_ in PERSON_OFFICES or head.lower_ in (
            "department", "ministry", "bank", "secretary", "house", "republic", "state", "city", "museum",
            "office", "school", "college", "people", "friends", "board", "chamber", "port", "gulf", "sea", "bay"))


OPEN_QUOTES = {"“": "”", '"': '"', "‘": "’", "'": "'"}
_SMALL_TITLE_WORDS = {"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "with", "or", "after", "from"}


def quoted_title(ent) -> bool:
    """A name written alone between quotation marks ("“Harbour Lights”", "the show “Ferry Tales”") is
    the title of a work (a film, a song, a book, a show), not an actor: the quotes hold nothing but
    the name, in words with capitals (small words aside), at most eight words."""
    text = doc_text(ent.doc)
    s, e = ent.start_char, ent.end_char
    if ent.text.lower().startswith("the "):
        s += 4
    if s < 1 or e >= len(text):
        return False
    close = OPEN_QUOTES.get(text[s - 1])
    if close is not None and e - s > 1 and text[e - 1] == close:
        e -= 1  # spaCy took the closing mark into the name
    if close is None or text[e] != close:
        return False
    if s >= 2 and text[s - 2].isalnum():  # a word glued before the quote mark: an apostrophe
        return False
    words = text[s:e].split()
    return 0 < len(words) <= 8 and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL_TITLE_WORDS
                                       for w in words)


def word_in_capitals(span) -> bool:
    """A common word written in capitals for emphasis ("there IS a bar"), not the acronym it spells
    ("IS" fighters): one short stop word that spaCy reads as a verb or function word, not before a noun."""
    if len(span) != 1 or not span.text.isupper() or len(span.text) > 3 or not span[0].is_stop:
        return False
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return span[0].pos_ in ("AUX", "VERB", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "PART", "ADV") and (
        nxt is None or nxt.pos_ not in ("NOUN", "PROPN"))
