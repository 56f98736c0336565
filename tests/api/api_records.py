"""Hand-built model records for the API tests (imported by conftest and the tests)."""

from __future__ import annotations

from newsgraph.model import Actor, AnalyzedArticle, Article, Entity, Event, Place, Quote, Span, Speaker

XSS = '<script>alert("xss")</script><img src=x onerror="alert(1)">'


def _span(text: str, needle: str, start_at: int = 0) -> Span:
    s = text.index(needle, start_at)
    return Span(needle, s, s + len(needle))


def _actor(text: str, body: str, **kw) -> Actor:
    s = body.index(text)
    return Actor(text=text, start=s, end=s + len(text), **kw)


PUTIN = dict(code="RUSGOV", country="RUS", sector="GOV", name="Vladimir Putin", kind="person",
             id="person:vladimir_putin", title="President")
TOKAYEV = dict(code="KAZGOV", country="KAZ", sector="GOV", name="Kassym-Jomart Tokayev", kind="person",
               id="person:kassym_jomart_tokayev", title="President")
CSTO = dict(code="IGO", country="IGO", name="CSTO", kind="organisation", id="org:csto")
KAZMIL = dict(code="KAZMIL", country="KAZ", sector="MIL", name="Kazakh army", kind="group", id="agent:KAZ:MIL")
PROTESTERS = dict(code="KAZOPP", country="KAZ", sector="OPP", name="protesters", kind="group", id="agent:KAZ:OPP")


def article_1() -> AnalyzedArticle:
    body = ('Putin met Tokayev in Moscow on Monday. "We stand with Kazakhstan," Putin said. '
            'Tokayev said that the CSTO troops would leave soon.')
    art = Article(text=body, id="a1", title="Putin meets Tokayev", published="2022-01-10", url="https://example.org/a1")
    putin, tok = _actor("Putin", body, **PUTIN), _actor("Tokayev", body, **TOKAYEV)
    q1c = _span(body, "We stand with Kazakhstan,")
    q1 = Quote(kind="direct", content=q1c.text, start=q1c.start, end=q1c.end, cue=_span(body, "said"),
               speaker=Speaker(name="Vladimir Putin", mention="Putin", start=body.index("Putin said"),
                               end=body.index("Putin said") + 5, title="President", affiliation="Russia",
                               actor=Actor(**{**PUTIN, "text": "Putin"})))
    q2c = _span(body, "the CSTO troops would leave soon")
    tok2 = body.index("Tokayev said")
    q2 = Quote(kind="indirect", content=q2c.text, start=q2c.start, end=q2c.end,
               cue=Span("said", tok2 + 8, tok2 + 12),
               speaker=Speaker(name="Kassym-Jomart Tokayev", mention="Tokayev", start=tok2, end=tok2 + 7,
                               title="President", affiliation="Kazakhstan",
                               actor=Actor(**{**TOKAYEV, "text": "Tokayev"})))
    moscow = Place(text="Moscow", geonameid=524901, name="Moscow", country="RUS", latitude=55.75, longitude=37.62,
                   feature_class="P", start=body.index("Moscow"), end=body.index("Moscow") + 6)
    ev = Event(type="CONSULT", trigger=_span(body, "met"), sentence=Span(body[:38], 0, 38), mode="visit",
               cameo="042", quad_class=1, goldstein=1.9, source=[putin], target=[tok], date="2022-01-10",
               location=moscow)
    csto_s = body.index("CSTO")
    ents = [
        Entity("Putin", "PERSON", 0, 5, actor=putin),
        Entity("Tokayev", "PERSON", body.index("Tokayev"), body.index("Tokayev") + 7, actor=tok),
        Entity("Moscow", "GPE", moscow.start, moscow.end, place=moscow),
        Entity("CSTO", "ORG", csto_s, csto_s + 4, actor=Actor(text="CSTO", start=csto_s, end=csto_s + 4, **CSTO)),
    ]
    return AnalyzedArticle(article=art, entities=ents, quotes=[q1, q2], events=[ev], actors=[putin, tok],
                           places=[moscow])


def article_2() -> AnalyzedArticle:
    body = ("Kazakh troops fired on protesters in Almaty on Wednesday. The army did not arrest the leaders. "
            "Protesters threatened to strike.")
    art = Article(text=body, id="a2", title="Troops fire on protesters", published="2022-01-05")
    army, prot = _actor("Kazakh troops", body, **KAZMIL), _actor("protesters", body, **PROTESTERS)
    almaty = Place(text="Almaty", geonameid=1526384, name="Almaty", country="KAZ", latitude=43.25, longitude=76.92,
                   feature_class="P", start=body.index("Almaty"), end=body.index("Almaty") + 6)
    e1 = Event(type="ASSAULT", trigger=_span(body, "fired"), sentence=Span("", 0, 57), mode="firearms", cameo="190",
               quad_class=4, goldstein=-10.0, source=[army], target=[prot], date="2022-01-05", location=almaty)
    e2 = Event(type="COERCE", trigger=_span(body, "arrest"), sentence=Span("", 58, 96), cameo="173", quad_class=4,
               goldstein=-5.0, source=[army], target=[], date="2022-01-05", negated=True)
    p2 = _actor("Protesters", body, **PROTESTERS)
    e3 = Event(type="THREATEN", trigger=_span(body, "threatened"), sentence=Span("", 97, len(body)), cameo="130",
               quad_class=3, goldstein=-4.4, source=[p2], target=[], date="2022-01", modality="asserted")
    ents = [Entity("Kazakh troops", "NORP", army.start, army.end, actor=army),
            Entity("Almaty", "GPE", almaty.start, almaty.end, place=almaty)]
    return AnalyzedArticle(article=art, entities=ents, events=[e1, e2, e3], actors=[army, prot], places=[almaty])


def article_3() -> AnalyzedArticle:
    body = ("Tokayev thanked the CSTO. \"The peacekeepers did their job,\" he said, adding that "
            "Putin had been a reliable partner.")
    art = Article(text=body, id="a3", title="Tokayev thanks the CSTO", published="2022-01-13")
    tok, csto = _actor("Tokayev", body, **TOKAYEV), _actor("CSTO", body, **CSTO)
    qc = _span(body, "The peacekeepers did their job,")
    he = body.index("he said")
    q = Quote(kind="direct", content=qc.text, start=qc.start, end=qc.end, cue=Span("said", he + 3, he + 7),
              speaker=Speaker(name="Kassym-Jomart Tokayev", mention="he", start=he, end=he + 2, title="President",
                              actor=Actor(**{**TOKAYEV, "text": "he"}), resolved_from="pronoun"))
    q2c = _span(body, "Putin had been a reliable partner")
    q2 = Quote(kind="indirect", content=q2c.text, start=q2c.start, end=q2c.end,
               cue=Span("adding", body.index("adding"), body.index("adding") + 6),
               speaker=Speaker(name="Kassym-Jomart Tokayev", mention="he", start=he, end=he + 2,
                               actor=Actor(**{**TOKAYEV, "text": "he"})))
    ev = Event(type="SUPPORT", trigger=_span(body, "thanked"), sentence=Span("", 0, 26), cameo="051", quad_class=1,
               goldstein=3.4, source=[tok], target=[csto], date="2022-01-13")
    ps = body.index("Putin")
    ents = [Entity("Tokayev", "PERSON", 0, 7, actor=tok), Entity("CSTO", "ORG", csto.start, csto.end, actor=csto),
            Entity("Putin", "PERSON", ps, ps + 5, actor=Actor(text="Putin", start=ps, end=ps + 5, **PUTIN))]
    return AnalyzedArticle(article=art, entities=ents, quotes=[q, q2], events=[ev], actors=[tok, csto])


def hostile_article() -> AnalyzedArticle:
    """Every text field carries HTML/script payloads: they must show as text, never run."""
    body = (f"Breaking {XSS} news. \"{XSS} is our answer,\" said Ivan <b>Bold</b>. "
            "The rebels attacked <iframe src=javascript:alert(2)>.")
    art = Article(text=body, id="evil<script>", title=f"Hostile {XSS} title", published="2022-01-20",
                  url="javascript:alert(3)", authors=["<script>alert(4)</script>"], site="<i>site</i>")
    qc = _span(body, f"{XSS} is our answer,")
    sp = body.index("Ivan <b>Bold</b>")
    evil_actor = dict(code="XSSGOV", country="XSS", name=f"Ivan {XSS}", kind="person", id='person:<script>"x"')
    q = Quote(kind="direct", content=qc.text, start=qc.start, end=qc.end, cue=_span(body, "said"),
              speaker=Speaker(name=f"Ivan {XSS}", mention="Ivan <b>Bold</b>", start=sp, end=sp + 16,
                              title="<b>Chief</b>", actor=Actor(text="Ivan <b>Bold</b>", **evil_actor)))
    ev = Event(type="ASSAULT", trigger=_span(body, "attacked"), sentence=Span("", body.index("The rebels"), len(body)),
               cameo="190", quad_class=4, goldstein=-10.0,
               source=[Actor(text="The rebels", start=body.index("The rebels"), end=body.index("The rebels") + 10)],
               target=[Actor(text="Ivan <b>Bold</b>", start=sp, end=sp + 16, **evil_actor)], date="2022-01-20")
    ents = [Entity("Ivan <b>Bold</b>", "PERSON", sp, sp + 16, actor=Actor(text="Ivan <b>Bold</b>", start=sp,
                                                                        end=sp + 16, **evil_actor))]
    return AnalyzedArticle(article=art, entities=ents, quotes=[q], events=[ev])


def all_small() -> list[AnalyzedArticle]:
    return [article_1(), article_2(), article_3(), hostile_article()]
