"""Regressions found in the demo corpus output (session 1)."""

from newsgraph.actors import ActorResolver


def test_title_and_unknown_person_after_doc_resolution(nlp):
    doc = nlp("Kyrgyz Energy Minister Bakyt Jumabaev on Thursday rejected Uzbekistan's demand.")
    r = ActorResolver(published="2025-03-06")
    r.resolve_doc(doc)
    a = r.resolve_span(doc[0:5])
    assert a.name == "Bakyt Jumabaev" and a.kind == "person" and a.code == "KGZGOV"


def test_org_tagged_name_after_demonym_is_not_a_person(nlp):
    doc = nlp("Kyrgyz Energy Minister Bakyt Jumabaev on Thursday rejected Uzbekistan's demand.")
    ents, _actors, _places = ActorResolver(published="2025-03-06").resolve_doc(doc)
    kinds = {e.text: e.actor.kind for e in ents if e.actor}
    assert kinds.get("Kyrgyz Energy") != "person"
