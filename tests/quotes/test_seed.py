"""The seed article: every quote a careful reader would list, with its speaker."""

import pytest

from newsgraph.quotes import extract_quotes

TOKAYEV, PUTIN, LUKASHENKO = "Kasim-Jomart Tokayev", "Vladimir Putin", "Alexander Lukashenko"
RAHMON, PASHINYAN = "Emomali Rahmon", "Nikol Pashinyan"
LEPEKHIN, SATANOVSKY = "Vladimir Lepekhin", "Evgeny Satanovsky"

# (start of the content, kind, speaker name, speaker mention)
EXPECTED = [
    ("the involvement of external forces", "indirect", PUTIN, "Russian President Vladimir Putin"),
    ("that Russia would not allow", "indirect", PUTIN, "Russian President Vladimir Putin"),
    ("the terrorists' main goal", "indirect", TOKAYEV, "Kazakh President Kasim-Jomart Tokayev"),
    ("A hot phase ensued", "direct", TOKAYEV, "the Kazakh leader"),
    ("that the current crisis is the worst", "indirect", TOKAYEV, "The politician"),
    ("Synchronous attacks on the buildings", "indirect", TOKAYEV, "Tokayev"),
    ("Airports were seized", "direct", TOKAYEV, "he"),
    ("the numerical advantage of terrorists", "indirect", TOKAYEV, "him"),
    ("that lessons from the situation", "indirect", LUKASHENKO, None),
    ("Many international terrorists have gathered", "direct", LUKASHENKO, "the Belarusian leader"),
    ("In order to overcome these negative tendencies", "direct", LUKASHENKO, "the Belarusian leader"),
    ("that the threat to Kazakhstan's statehood", "indirect", PUTIN, None),
    ("that elements of forced informational support", "indirect", PUTIN, "Putin"),
    ("Kazakhstan faces a threat to its statehood", "indirect", PUTIN, "the Russian leader"),
    ("We understand that the events in Kazakhstan", "direct", PUTIN, "the Russian president"),
    ("that Rahmon had warned", "indirect", LUKASHENKO, "Lukashenko"),
    ("The president of Tajikistan wants support", "direct", LUKASHENKO, "the Belarusian leader"),
    ("I would not like the situation", "direct", LUKASHENKO, "the Belarusian leader"),
    ("the danger of military clashes", "indirect", RAHMON, "Rahmon"),
    ('that the CSTO countries create a "security belt"', "mixed", RAHMON, "Rahmon"),
    ("that other terrorist groups are gaining ground", "indirect", RAHMON, "He"),
    ("about 6,000 fighters", "indirect", "intelligence agencies", "intelligence agencies"),
    ("the penetration of participants", "indirect", "the Prime Minister of Kyrgyzstan", "the Prime Minister of Kyrgyzstan"),
    ("there was no reduction in tensions", "indirect", PASHINYAN, None),
    ("We ourselves have faced", "direct", PASHINYAN, "he"),
    ("Apart from the problem of terrorism", "direct", LEPEKHIN, "EurAsEC Director General Vladimir Lepekhin"),
    ("the internal struggle coincided", "indirect", LEPEKHIN, "Lepekhin"),
    ("Both Western powers and Turkey", "direct", LEPEKHIN, "he"),
    ("Furthermore, the crisis in Kazakhstan", "direct", LEPEKHIN, "the political scientist"),
    ("The most important thing is", "direct", LEPEKHIN, "the source"),
    ("Russia has three main tasks", "direct", LEPEKHIN, None),
    ("In any case, what is happening", "direct", SATANOVSKY, "Evgeny Satanovsky"),
    ("During the Arab Spring", "direct", SATANOVSKY, "he"),
    ("These are revolutions involving", "direct", SATANOVSKY, "he"),
    ('the current protests in Kazakhstan need to be "quenched"', "mixed", SATANOVSKY, "him"),
    ("It is very important that the West", "direct", SATANOVSKY, "the political scientist"),
    ("that unlike Bashar Assad", "indirect", SATANOVSKY, "the interlocutor"),
    ("In 2020, at the forum in Valdai", "direct", SATANOVSKY, "the expert"),
    ("Saddam Hussein thinks so too.", "direct", PUTIN, "Putin"),
    ("that the current Kazakh protests", "indirect", SATANOVSKY, "Satanovsky"),
    ("It is also interesting", "direct", SATANOVSKY, "the analyst"),
    ("The calculation is apparently based", "direct", SATANOVSKY, "the analyst"),
    ("We are now hearing Washington's", "direct", SATANOVSKY, "he"),
]


@pytest.fixture(scope="module")
def seed(nlp, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    doc = nlp(text)
    return text, extract_quotes(doc)


def test_offsets(seed):
    text, quotes = seed
    assert quotes
    for q in quotes:
        assert text[q.start : q.end] == q.content
        if q.speaker:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.mention
        if q.cue:
            assert text[q.cue.start : q.cue.end] == q.cue.text


@pytest.mark.parametrize("start,kind,name,mention", EXPECTED, ids=[e[0][:30] for e in EXPECTED])
def test_expected_quote(seed, start, kind, name, mention):
    _, quotes = seed
    found = [q for q in quotes if q.content.startswith(start)]
    assert found, f"quote not found: {start}"
    q = found[0]
    assert q.kind == kind
    assert q.speaker is not None and q.speaker.name == name
    if mention is not None:
        assert q.speaker.mention == mention


def test_no_stitched_strings_and_split_groups(seed):
    _, quotes = seed
    by_start = {q.content[:25]: q for q in quotes}
    a = by_start["Many international terror"]
    b = by_start["In order to overcome thes"]
    assert a.group == b.group and a.end < b.start
    c = by_start["It is also interesting th"]
    d = by_start["The calculation is appare"]
    assert c.group == d.group  # one quotation over two paragraphs
    for q in quotes:
        assert '"' not in q.content[:1] and '"' not in q.content[-1:]


def test_not_quotes(seed):
    _, quotes = seed
    contents = [q.content for q in quotes]
    assert "Vzglyad" not in contents
    assert not any(c.startswith(("No comments", "Post a Comment")) for c in contents)


def test_one_speaker_entity_per_person(seed):
    _, quotes = seed
    people = {}
    for q in quotes:
        if q.speaker and q.speaker.name:
            people.setdefault(q.speaker.name.split()[-1], set()).add(
                (q.speaker.name, q.speaker.title, q.speaker.affiliation)
            )
    for surname, forms in people.items():
        assert len(forms) == 1, (surname, forms)
    assert people["Satanovsky"] == {(SATANOVSKY, "president", "Middle East Institute research center")}
    assert people["Tokayev"] == {(TOKAYEV, "President", "Kazakhstan")}
    assert people["Lukashenko"] == {(LUKASHENKO, "President", "Belarus")}
