"""Records for a hand-built database for the monitor tests (model records, no NLP):

* KAZ: one or two events a day from 2025-01-01 to 2025-02-14, then 2025-02-10 a burst of twelve
  material-conflict events (``SPIKE_DAY``) — the alert the tests expect;
* UZB: a quiet background, no spike;
* quotes repeating three seed-like claims ("external forces", "colour revolution", "foreign
  terrorists") across articles from different sites, plus unrelated quotes.
"""

from __future__ import annotations

from datetime import date, timedelta

from newsgraph.model import Actor, AnalyzedArticle, Article, Event, Quote, Span, Speaker

START = date(2025, 1, 1)
DAYS = 45
SPIKE_DAY = "2025-02-10"
XSS = '<script>alert("x")</script>'

KAZGOV = Actor(text="Astana", code="KAZGOV", country="KAZ", sector="GOV", name="Government of Kazakhstan",
               kind="organisation", id="gov:KAZ")
KAZOPP = Actor(text="protesters", code="KAZOPP", country="KAZ", sector="OPP", name="Kazakh protesters",
               kind="group", id="group:kaz_protesters")
UZBGOV = Actor(text="Tashkent", code="UZBGOV", country="UZB", sector="GOV", name="Government of Uzbekistan",
               kind="organisation", id="gov:UZB")
TOKAYEV = Actor(text="Tokayev", code="KAZGOV", country="KAZ", sector="GOV", name="Kassym-Jomart Tokayev",
                kind="person", id="person:kassym_jomart_tokayev")
PESKOV = Actor(text="Peskov", code="RUSGOV", country="RUS", sector="GOV", name="Dmitry Peskov",
               kind="person", id="person:dmitry_peskov")

CLAIMS = {
    "forces": ["External forces are behind the unrest in Kazakhstan.",
               "The unrest was organised by external forces from abroad.",
               "We know that external forces are behind these riots.",
               "These riots were directed by external forces, the minister said again."],
    "revolution": ["This was an attempted colour revolution.",
                   "What we saw was a colour revolution attempt, planned in advance.",
                   "Another colour revolution was attempted in Kazakhstan."],
    "terrorists": ["Foreign terrorists trained abroad attacked the city.",
                   "Bands of foreign terrorists attacked government buildings.",
                   "The foreign terrorists who attacked Almaty were trained abroad."],
}
OTHER = ["Grain prices rose by four percent over the winter months.",
         "The football season opens next Saturday with a derby in Shymkent.",
         "Museum attendance doubled after the renovation of the east wing."]


def _event(text: str, start: int, etype: str, quad: int, gold: float, src: Actor, tgt: Actor, day: str) -> Event:
    return Event(type=etype, trigger=Span(text[start:start + 4], start, start + 4),
                 sentence=Span(text, 0, len(text)), cameo="190" if quad == 4 else "040", quad_class=quad,
                 goldstein=gold, source=[src], target=[tgt], date=day)


def _quote(text: str, content: str, speaker: Actor, group: int) -> Quote:
    i = text.index(content)
    return Quote(kind="direct", content=content, start=i, end=i + len(content),
                 speaker=Speaker(name=speaker.name, mention=speaker.text, start=0, end=len(speaker.text),
                                 actor=speaker), group=group)


def build_records() -> list[AnalyzedArticle]:
    items = []
    for d in range(DAYS):
        day = (START + timedelta(days=d)).isoformat()
        n_kaz = 12 if day == SPIKE_DAY else 1 + d % 2
        sentences = [f"Report {day} number {i}: Astana met protesters in the capital." for i in range(n_kaz)]
        text = " ".join(sentences)
        evs = []
        pos = 0
        for s in sentences:
            if day == SPIKE_DAY:
                evs.append(_event(s, 0, "ASSAULT", 4, -9.0, KAZGOV, KAZOPP, day))
            else:
                evs.append(_event(s, 0, "CONSULT", 1, 1.0, KAZGOV, KAZOPP, day))
            evs[-1].trigger = Span(text[pos:pos + 4], pos, pos + 4)
            evs[-1].sentence = Span(s, pos, pos + len(s))
            pos += len(s) + 1
        art = Article(text=text, id=f"kaz-{day}", title=f"Kazakhstan {day}", published=day,
                      url=f"https://kaz.example/{day}", site="Kaz Daily", language="en")
        items.append(AnalyzedArticle(article=art, events=evs, actors=[KAZGOV, KAZOPP]))
        if d % 3 == 0:
            s = f"Tashkent and Astana held routine talks on {day}."
            art = Article(text=s, id=f"uzb-{day}", title=f"Uzbekistan {day}", published=day, site="Uzb Post",
                          language="en")
            items.append(AnalyzedArticle(article=art, events=[_event(s, 0, "CONSULT", 1, 1.0, UZBGOV, KAZGOV, day)],
                                         actors=[UZBGOV, KAZGOV]))
    # claims: one article per (claim, repetition), spread over days and sites
    sites = ["Tass", "RIA", "Kaz Daily", "Astana Times"]
    for k, (name, texts) in enumerate(CLAIMS.items()):
        for j, content in enumerate(texts):
            day = (START + timedelta(days=30 + 2 * j + k)).isoformat()
            speaker = TOKAYEV if j % 2 == 0 else PESKOV
            other = OTHER[(j + k) % len(OTHER)]
            text = f"“{content}” {speaker.text} said. Separately, “{other}” a spokesman said. {XSS}"
            art = Article(text=text, id=f"claim-{name}-{j}", title=f"Claim {name} {j} {XSS}", published=day,
                          url=f"https://{sites[j % 4].replace(' ', '').lower()}.example/{name}/{j}",
                          site=sites[j % 4], language="en")
            items.append(AnalyzedArticle(article=art, quotes=[
                _quote(text, content, speaker, 0),
                _quote(text, other, Actor(text="a spokesman", name=None), 1),
            ], actors=[speaker]))
    return items
