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
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "greater",
              "upper", "lower", "mainland", "occupied", "rural", "coastal", "northeastern", "northwestern",
              "southeastern", "southwestern", "northeast", "northwest", "southeast", "southwest", "new", "old"}
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
