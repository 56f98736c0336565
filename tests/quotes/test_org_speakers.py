"""Organisations as speakers (issue 15, pages dev): a description, initials, a name set off after a
description, "they" for an organisation that just spoke; a service named as a place of posting is
nobody. Invented sentences."""


def speakers(run, text):
    return [(q.content, q.speaker.name if q.speaker else None) for q in run(text)]


def by_start(run, text, start):
    for content, name in speakers(run, text):
        if content.startswith(start) or content.startswith("that " + start):
            return name
    raise AssertionError(f"no quote starting {start!r}: {speakers(run, text)}")


def test_the_agency_is_the_agency_named_before(run):
    text = ("The European Weather Agency said on Monday that the storm would reach the coast by Friday. "
            "The agency said its forecasters had tracked the system for ten days.")
    assert by_start(run, text, "its forecasters") in ("European Weather Agency", "The European Weather Agency")


def test_the_company_is_the_organisation_that_spoke_last(run):
    text = ("Harlow Records, which owns the band's early albums, said the band may play them on tour. "
            "Fans were relieved. But the company says the band never needed its permission.")
    assert by_start(run, text, "the band never") == "Harlow Records"


def test_initials_take_the_spelled_out_name(run):
    text = ("The Coastal Border Service has stopped issuing permits, officials said. In March, CBS announced "
            "that it would review every permit issued since 2020.")
    assert by_start(run, text, "it would review") == "Coastal Border Service"


def test_name_set_off_after_a_description(run):
    text = ("The firm that built the stadium, Orvell Construction, denies that the roof was ever unsafe. "
            "Another engineer, former adviser to Norway Lars Eklund, said the beams were checked twice.")
    assert by_start(run, text, "the roof") == "Orvell Construction"
    assert by_start(run, text, "the beams") == "Lars Eklund"


def test_they_after_an_organisation_speaks(run):
    text = ("Orvell Construction has denied doing anything wrong. \"We followed every rule the city gave us,\" "
            "they said in a statement on Friday.")
    assert by_start(run, text, "We followed") == "Orvell Construction"


def test_posting_service_is_not_the_speaker(run):
    text = ("Last week, Mara Lindqvist posted on Instagram accusing the council of ignoring her letters. "
            "She said the council had not replied in six months.")
    got = speakers(run, text)
    assert all(name != "Instagram" for _, name in got), got
    assert by_start(run, text, "the council had not") == "Mara Lindqvist"


def test_a_company_name_is_no_person_and_they_follows_it(run):
    text = ("The company that runs the awards, Brightwater Productions, denies that anything was agreed. "
            "\"Any final deal must be made with the singer's own team,\" they said.")
    assert by_start(run, text, "Any final deal") == "Brightwater Productions"


def test_a_document_speaks_for_its_owner(run):
    text = ("The Harbour Authority has kept ferries docked all week. Although the Harbour Authority's guidelines "
            "recommend that crews rest for twelve hours, the ships sailed on Monday.")
    got = speakers(run, text)
    assert any(name == "Harbour Authority" or name == "the Harbour Authority" for _, name in got), got
