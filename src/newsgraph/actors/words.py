"""Word lists of the actor resolver: prepositions, titles, words that are never names."""

from __future__ import annotations

PREPS = {"in", "of", "at", "near", "from", "on", "into", "to", "against", "with", "for", "by", "over", "across",
         "outside", "inside", "within", "around", "toward", "towards", "between", "throughout", "based", "fleeing"}
NEGATORS = {"anti", "pro", "non", "ex"}
FORMER = {"former", "ex", "late", "then", "previous", "outgoing", "deposed", "ousted"}
ORG_WORDS = {"institute", "union", "party", "association", "front", "council", "committee", "ministry", "university",
             "company", "bank", "agency", "organisation", "organization", "group", "movement", "army", "court",
             "commission", "foundation", "centre", "center", "corporation", "inc", "ltd", "news", "times", "post"}
COUNTRYISH = {"country", "adjective", "demonym", "capital"}
PERSON_LABELS = {"PERSON"}
ORG_LABELS = {"ORG", "NORP"}
TITLE_WORDS = {"mr", "mrs", "ms", "dr", "sir", "lt", "gen", "general", "col", "colonel", "maj", "major", "capt",
               "captain", "president", "prime", "minister", "king", "queen", "prince", "sheikh", "ayatollah",
               "archbishop", "bishop", "pope", "senator", "sen", "rep", "gov", "governor", "chancellor",
               "secretary", "vice", "deputy", "foreign", "interior", "defence", "defense", "premier", "maulana",
               "mullah", "emir", "marshal", "adm", "admiral", "judge", "justice", "mayor", "leader", "chief",
               "new", "senior", "the", "a", "an", "and", "of", "his", "her", "their", "its", "s"}
# pronouns and other capitalised sentence openers that are never names
NOT_NAMES = TITLE_WORDS | {"he", "she", "it", "they", "we", "i", "you", "him", "them", "us", "this", "that", "these", "those",
               "there", "here", "who", "which", "what", "many", "some", "all", "both", "each", "one", "our",
               "my", "your", "if", "but", "so", "then", "when", "while", "after", "before", "according", "in",
               "on", "at", "for", "with", "as", "by", "to", "from", "former", "ex", "late", "acting"}
TITLES = TITLE_WORDS - {"new", "senior", "the", "a", "an", "and", "of", "his", "her", "their", "its", "s", "leader",
                        "chief", "foreign", "interior", "defence", "defense", "deputy", "vice"}

# the last word of a title that names one person ("Energy Minister", "Foreign Secretary")
PERSON_OFFICES = {"minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "chief", "director",
                  "ambassador", "envoy", "governor", "mayor", "commander", "president", "chairman", "chairwoman",
                  "premier", "chancellor", "prosecutor", "representative", "coordinator", "commissioner"}
# office words that are also common surnames: "Kevin King", "Lorna Bishop" (after a given name, a name)
SURNAME_OFFICES = {"king", "queen", "bishop", "judge", "pope", "prince", "marshal"}
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "greater",
              "upper", "lower", "mainland", "occupied", "rural", "coastal", "northeastern", "northwestern",
              "southeastern", "southwestern", "northeast", "northwest", "southeast", "southwest", "new", "old"}
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}



# id(word list) -> (the list itself, kept so that its id is never reused; length -> words of a
# fitting length; word -> answer)
_CLOSE: dict[tuple[int, float], tuple[dict, dict[int, list[str]], dict[str, str | None]]] = {}


def close_word(word: str, words: dict[str, str], cutoff: float) -> str | None:
    """``difflib.get_close_matches(word, words, n=1, cutoff=cutoff)``'s word, or None: the same
    answer, faster. Only words whose length lets the ratio reach ``cutoff`` are compared (that
    is difflib's own first test, ``real_quick_ratio``), and answers are remembered per word list
    and cutoff (``words`` must not change: the resolver's country words are built once per index)."""
    _words, near, answers = _CLOSE.setdefault((id(words), cutoff), (words, {}, {}))
    if word in answers:
        return answers[word]
    import difflib

    n = len(word)
    if n not in near:
        near[n] = [w for w in words if 2.0 * min(n, len(w)) / (n + len(w)) >= cutoff]
    close = difflib.get_close_matches(word, near[n], n=1, cutoff=cutoff)
    if len(answers) > 100_000:  # a long ingest meets many names: start again
        answers.clear()
    answers[word] = close[0] if close else None
    return answers[word]
