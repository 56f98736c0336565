"""Word lists behind quote finding, read from the editable files of the language bundle's quotes
folder (``languages/data/en.toml``: ``quotes/data/``).

``cues.yaml`` (cue verbs and phrases), ``roles.yaml`` (role nouns and titles)
and ``demonyms.csv`` (nationality adjective -> country).  Pass your own
:class:`Lexicon` (e.g. ``Lexicon.load(extra_dir)``) to extend them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..languages import bundle

PRONOUNS_PERSON = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f", "i": None, "me": None}
PRONOUNS_OTHER = {"they", "them", "their", "we", "us", "it", "you", "who", "which", "that"}


@dataclass(frozen=True)
class Lexicon:
    clause_verbs: frozenset[str]
    object_verbs: dict[str, frozenset[str]]
    infinitive_verbs: frozenset[str]
    source_phrases: tuple[str, ...]
    roles: dict[str, str]  # role noun -> class (expert | office | generic)
    titles: tuple[str, ...]  # longest first, lower case
    demonyms: dict[str, str]  # lower-case adjective -> country
    countries: frozenset[str] = field(default_factory=frozenset)  # lower-case country names
    cue_nouns: frozenset[str] = field(default_factory=frozenset)  # "claim", "warning" (+ that-clause)
    label_skip: frozenset[str] = field(default_factory=frozenset)  # "Update:", "Photo:" are no sources
    noun_objects: dict[str, frozenset[str]] = field(default_factory=dict)  # "support" -> {"for"}
    raising_active: frozenset[str] = field(default_factory=frozenset)  # "X seems to ..."
    raising_passive: frozenset[str] = field(default_factory=frozenset)  # "X is expected to ..."
    not_speech: frozenset[str] = field(default_factory=frozenset)  # "believe", "want": stances, not statements
    topic_objects: dict[str, frozenset[str]] = field(default_factory=dict)  # "warn" -> {"of", ...}
    speaker_nouns: frozenset[str] = field(default_factory=frozenset)  # "doctor", "ministry": can speak unnamed
    document_nouns: frozenset[str] = field(default_factory=frozenset)  # "statement": speaks for its issuer
    apposed_roles: frozenset[str] = field(default_factory=frozenset)  # "mother", "lawyer": "the X's mother, NAME"
    addressee_verbs: frozenset[str] = field(default_factory=frozenset)  # "tell": "told officers he ..."
    # "suspect" -> (passive verbs, active verbs): "X was charged" makes X "the suspect"
    case_roles: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)

    @property
    def all_cue_lemmas(self) -> frozenset[str]:
        cached = self.__dict__.get("_all_cues")
        if cached is None:
            cached = self.clause_verbs | frozenset(self.object_verbs) | self.infinitive_verbs \
                | self.raising_active | self.raising_passive
            object.__setattr__(self, "_all_cues", cached)
        return cached

    @property
    def cue_words(self) -> frozenset[str]:
        """Surface forms good enough for the quote-mark heuristics."""
        words = set()
        for lemma in self.clause_verbs | frozenset(self.object_verbs):
            words.update({lemma, lemma + "s", lemma + "ed", lemma + "d"})
        words.update({"said", "says", "told", "wrote", "thought", "felt", "knew", "according"})
        return frozenset(words)

    def cue_lemma(self, token) -> str | None:
        """The cue lemma of a token, or None: the lemmatizer's, else a guess
        from the surface form (for verbs the model does not know)."""
        cues = self.all_cue_lemmas
        lemma = token.lemma_.lower()
        if lemma in cues:
            return lemma
        w = token.lower_
        for cand in (w, w[:-1], w[:-2], w[:-3], w[:-3] + "e", w[:-2] + "e" if w.endswith("es") else ""):
            if cand and cand in cues and len(cand) > 2:
                return cand
        return None

    def country_of(self, word: str) -> str | None:
        w = word.lower()
        if w in self.demonyms:
            return self.demonyms[w]
        if w in self.countries:
            return word if word[:1].isupper() else word.title()
        return None

    @classmethod
    def load(cls, directory: Path | None = None) -> Lexicon:
        # the default: the quotes folder of the language bundle (languages/data/en.toml)
        d = bundle().folder("quotes") if directory is None else Path(directory)
        fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the same data, ~5x faster to start
        cues = yaml.load((d / "cues.yaml").read_text(encoding="utf-8"), Loader=fast)
        roles = yaml.load((d / "roles.yaml").read_text(encoding="utf-8"), Loader=fast)
        dem_text = (d / "demonyms.csv").read_text(encoding="utf-8")
        demonyms = {row["adjective"].lower(): row["country"] for row in csv.DictReader(dem_text.splitlines())}
        role_map: dict[str, str] = {}
        for klass in ("generic", "office", "expert"):
            for noun in roles.get(klass) or []:
                role_map[noun.lower()] = klass
        titles = tuple(sorted({t.lower() for t in roles.get("titles") or []}, key=lambda t: (-len(t.split()), t)))
        countries = {v.lower() for v in demonyms.values()}
        try:  # pycountry is a project dependency; names only, no network
            import pycountry

            for c in pycountry.countries:
                countries.add(c.name.lower())
                if getattr(c, "common_name", None):
                    countries.add(c.common_name.lower())
        except ImportError:  # pragma: no cover - pycountry is a dependency; the demonyms suffice
            pass
        countries.update({"russia", "iran", "syria", "south korea", "north korea", "vietnam", "bolivia", "venezuela",
                          "tanzania", "moldova", "laos", "taiwan", "palestine", "kosovo", "turkey", "britain",
                          "america", "the united states", "united states", "the us", "us", "uk"})
        return cls(
            clause_verbs=frozenset(w.lower() for w in cues.get("clause") or []),
            object_verbs={k.lower(): frozenset(p or "" for p in v) for k, v in (cues.get("object") or {}).items()},
            infinitive_verbs=frozenset(w.lower() for w in cues.get("infinitive") or []),
            source_phrases=tuple(cues.get("source_phrases") or []),
            roles=role_map,
            titles=titles,
            demonyms=demonyms,
            countries=frozenset(countries),
            cue_nouns=frozenset(w.lower() for w in cues.get("nouns") or []),
            label_skip=frozenset(w.lower() for w in cues.get("label_skip") or []),
            noun_objects={k.lower(): frozenset(v) for k, v in (cues.get("noun_objects") or {}).items()},
            raising_active=frozenset(w.lower() for w in (cues.get("raising") or {}).get("active") or []),
            raising_passive=frozenset(w.lower() for w in (cues.get("raising") or {}).get("passive") or []),
            not_speech=frozenset(w.lower() for w in cues.get("not_speech") or []),
            topic_objects={k.lower(): frozenset(v) for k, v in (cues.get("topic_objects") or {}).items()},
            speaker_nouns=frozenset(w.lower() for w in roles.get("speakers") or []),
            document_nouns=frozenset(w.lower() for w in roles.get("documents") or []),
            apposed_roles=frozenset(w.lower() for w in roles.get("apposed") or []),
            addressee_verbs=frozenset(w.lower() for w in cues.get("addressee") or []),
            case_roles={role.lower(): (frozenset(v.get("passive") or []), frozenset(v.get("active") or []))
                        for role, v in (roles.get("case_roles") or {}).items()},
        )


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.load()
