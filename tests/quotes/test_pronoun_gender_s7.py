"""A pronoun takes the nearest compatible person: 'she' is never a man the article names as one
(issue 15, session 7; texts invented)."""

import pytest


@pytest.mark.parametrize("text,name", [
    ("Tom Bell met Ann Kerr on Friday. In her remarks, she said the talks had gone well.", "Ann Kerr"),
    ("Ann Kerr thanked Tom Bell. He said the deal was fair.", "Tom Bell"),
    ("Mr. Ortiz spoke after Ms. Lane. She said the vote was close.", "Lane"),
    ("Tom Bell spoke first. He said the plan was sound.", "Tom Bell"),
])
def test_gendered_pronoun(run, text, name):
    (q,) = run(text)
    assert q.speaker.name == name


def test_unknown_gender_fits_any_pronoun(run):
    (q,) = run("Sasha Korn opened the meeting. She said the budget was tight.")
    assert q.speaker.name == "Sasha Korn"
