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



# id(word list) -> (the list itself, kept so that its id is never reused; length -> (words of a
# fitting length, their letter counts, their lengths); word -> answer)
_CLOSE: dict[tuple[int, float], tuple[dict, dict[int, tuple], dict[str, str | None]]] = {}


def close_word(word: str, words: dict[str, str], cutoff: float) -> str | None:
    """``difflib.get_close_matches(word, words, n=1, cutoff=cutoff)``'s word, or None: the same
    answer, faster. difflib's two cheap bounds are computed for all words at once: the length
    bound (``real_quick_ratio``) picks the words of each length worth comparing, the letter-count
    bound (``quick_ratio``, 2 * shared letters / total length) is one array operation over them;
    ``ratio`` is computed for the words that pass both, and the best (ratio, word) wins, as in
    difflib. Answers are remembered per word list and cutoff (``words`` must not change: the
    resolver's country words are built once per index)."""
    _words, near, answers = _CLOSE.setdefault((id(words), cutoff), (words, {}, {}))
    if word in answers:
        return answers[word]
    import difflib

    import numpy as np

    n = len(word)
    if n not in near:
        cands = [w for w in words if 2.0 * min(n, len(w)) / (n + len(w)) >= cutoff]
        letters = {c: i for i, c in enumerate(sorted({c for w in cands for c in w}))}
        counts = np.zeros((len(cands), len(letters)), dtype=np.int32)
        for r, w in enumerate(cands):
            for c in w:
                counts[r, letters[c]] += 1
        near[n] = (cands, letters, counts, np.array([len(w) for w in cands], dtype=np.int64))
    cands, letters, counts, lengths = near[n]
    best = None
    if cands:
        mine = np.zeros(len(letters), dtype=np.int32)
        for c in word:
            if c in letters:
                mine[letters[c]] += 1
        shared = np.minimum(counts, mine).sum(axis=1)
        keep = np.flatnonzero(2.0 * shared / (n + lengths) >= cutoff)  # difflib's quick_ratio bound
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        found = []
        for k in keep.tolist():
            matcher.set_seq1(cands[k])
            ratio = matcher.ratio()
            if ratio >= cutoff:
                found.append((ratio, cands[k]))
        best = max(found)[1] if found else None
    if len(answers) > 100_000:  # a long ingest meets many names: start again
        answers.clear()
    answers[word] = best
    return best
    import difflib

    n = len(word)
    if n not in near:
        near[n] = [w for w in words if 2.0 * min(n, len(w)) / (n + len(w)) >= cutoff]
    close = difflib.get_close_matches(word, near[n], n=1, cutoff=cutoff)
    if len(answers) > 100_000:  # a long ingest meets many names: start again
        answers.clear()
    answers[word] = close[0] if close else None
    return answers[word]
