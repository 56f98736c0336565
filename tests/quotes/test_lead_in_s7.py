"""A quotation after a lead-in clause and a colon is the lead-in subject's, even when the parser
makes a verb of the quotation the sentence's root (issue 15, session 7; texts invented)."""


def test_lead_in_whose_root_is_inside_the_quote(run):
    (q,) = run("The state board was blunt in its ruling: \u201cFurther appeals will not be heard.\u201d")
    assert q.speaker.mention == "The state board"


def test_lead_in_in_the_previous_paragraph(run):
    (q,) = run("Some voters disagreed. Retired teacher Joan Pruitt echoed:\n"
               "\u201cHe speaks for us, and that is what this town needs.\u201d")
    assert q.speaker.name == "Joan Pruitt"
