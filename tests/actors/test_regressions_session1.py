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


def test_hyphenated_names_stay_whole_and_are_no_junk_people(nlp):
    """spaCy tags "Bulak" of "Tash-Bulak" alone, as a person; and "Kara-Suu" as a person."""
    text = "Residents of Tash-Bulak and Kara-Suu protested on Monday."
    ents, actors, _places = ActorResolver(published="2025-03-06").resolve_doc(nlp(text))
    for e in ents:
        assert text[e.start:e.end] == e.text
    names = {e.text: e for e in ents}
    assert "Bulak" not in names and "Tash" not in names
    for name in ("Tash-Bulak", "Kara-Suu"):
        if name in names:
            assert names[name].label in ("GPE", "LOC", "FAC") and names[name].actor is None
    assert not [a for a in actors if a.kind == "person"]


def test_hyphenated_person_names_are_kept(nlp):
    text = "Jean-Pierre Martin, the French envoy, arrived in Bishkek. Anna Smith-Jones met him."
    ents, actors, _places = ActorResolver(published="2025-03-06").resolve_doc(nlp(text))
    people = {a.name for a in actors if a.kind == "person"}
    assert {"Jean-Pierre Martin", "Anna Smith-Jones"} <= people


def test_surname_after_a_full_mention_is_that_person_not_a_dictionary_namesake(nlp):
    text = "Jean-Pierre Martin, the French envoy, arrived in Bishkek. Martin said talks would go on."
    ents, _actors, _places = ActorResolver(published="2025-03-06").resolve_doc(nlp(text))
    ids = {e.start: e.actor.id for e in ents if e.actor and e.text.endswith("Martin")}
    assert set(ids.values()) == {"person:jean_pierre_martin"}
    # without the full mention, the dictionary's Martin still applies
    ents, _actors, _places = ActorResolver(published="2025-03-06").resolve_doc(
        nlp("Irish Prime Minister Micheal Martin spoke in Dublin. Martin said talks would go on."))
    assert {e.actor.id for e in ents if e.actor and e.text.endswith("Martin")} == {"person:micheal_martin"}
