"""A cue verb the parser left without a subject takes the name right before it, past a party label
in parentheses or an apposition (issue 15, session 7; texts invented)."""


def test_name_before_a_party_label(run):
    (q,) = run('Saturday at the state party convention in Boston Sen. Ruth Adler (D-MA) said the governor '
               'was a "proven failure" in office.')
    assert q.speaker.name == "Ruth Adler"


def test_name_in_apposition_after_a_role(run):
    (q,) = run('In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: '
               '"We value a strong Britain."')
    assert q.speaker.name == "Jake Sullivan"


def test_according_to_a_document_of_a_named_issuer(run):
    (q,) = run("Sales of electric scooters are growing 60 percent a year, according to a recent report from "
               "Bloomberg New Energy Finance.")
    assert q.speaker.mention == "a recent report from Bloomberg New Energy Finance"
    assert q.speaker.name == "Bloomberg New Energy Finance"
    (q,) = run('"The evidence cannot support a prosecution," according to a court document filed by state '
               'attorney Dave Aronberg.')
    assert q.speaker.name == "Dave Aronberg"


def test_two_subjects_the_described_person_speaks(run):
    (q,) = run("A spokesperson who did not wish to be named because of agency policy said in a statement "
               "that the agency never gave vaccines.")
    assert q.speaker.mention == "A spokesperson"
