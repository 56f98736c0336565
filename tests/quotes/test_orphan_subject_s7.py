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
