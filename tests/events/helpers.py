"""A small deterministic resolver for the event tests (independent of the
actors dictionaries, which evolve on their own)."""

from __future__ import annotations

from newsgraph.model import Actor, Place

ACTORS = {
    "russia": ("RUS", "RUS", "country"),
    "russian": ("RUS", "RUS", "country"),
    "moscow": ("RUS", "RUSGOV", "country"),
    "kazakhstan": ("KAZ", "KAZ", "country"),
    "kazakh": ("KAZ", "KAZ", "country"),
    "united states": ("USA", "USA", "country"),
    "us": ("USA", "USA", "country"),
    "u.s.": ("USA", "USA", "country"),
    "jordan": ("JOR", "JOR", "country"),
    "iraq": ("IRQ", "IRQ", "country"),
    "sudan": ("SDN", "SDN", "country"),
    "israel": ("ISR", "ISR", "country"),
    "israeli": ("ISR", "ISR", "country"),
    "palestinian": ("PSE", "PSE", "country"),
    "hungarian": ("HUN", "HUN", "country"),
    "romanian": ("ROU", "ROU", "country"),
    "csto": ("IGO", "IGO", "organisation"),
    "united nations": ("IGO", "IGO", "organisation"),
    "egypt": ("EGY", "EGY", "country"),
    "syria": ("SYR", "SYR", "country"),
    "afghanistan": ("AFG", "AFG", "country"),
    "tokayev": ("KAZ", "KAZGOV", "person"),
    "putin": ("RUS", "RUSGOV", "person"),
    "rahmon": ("TJK", "TJKGOV", "person"),
}
PLACES = {"cairo": "EGY", "gaza": "PSE", "kabul": "AFG", "baghdad": "IRQ", "hong kong": "HKG"}


def _key(text: str) -> str:
    words = [w for w in text.lower().replace("'s", "").split() if w not in ("the", "a", "an")]
    return " ".join(words)


class FakeResolver:
    """Resolves a span when its last words (or first word) name a known actor."""

    def __init__(self, published=None):
        self.published = published

    def _lookup(self, text: str):
        key = _key(text)
        if key in ACTORS:
            return ACTORS[key]
        words = key.split()
        for n in range(len(words), 0, -1):
            for i in range(0, len(words) - n + 1):
                cand = " ".join(words[i : i + n])
                if cand in ACTORS:
                    return ACTORS[cand]
        return None

    def resolve_span(self, span):
        hit = self._lookup(span.text)
        if hit is None:
            return None
        country, code, kind = hit
        return Actor(text=span.text, code=code, country=country, kind=kind, start=span.start_char, end=span.end_char)

    def resolve_text(self, text):
        hit = self._lookup(text)
        if hit is None:
            return None
        return Actor(text=text, code=hit[1], country=hit[0], kind=hit[2])

    def resolve_place(self, span_or_text):
        text = getattr(span_or_text, "text", span_or_text)
        country = PLACES.get(_key(text)) or (ACTORS.get(_key(text)) or (None,))[0]
        if country is None:
            return None
        start = getattr(span_or_text, "start_char", None)
        end = getattr(span_or_text, "end_char", None)
        return Place(text=text, country=country, start=start, end=end)
