"""The seed article (../shared/corpus): the events a reader expects, with sensible actors."""

import pytest

from newsgraph.events import cameo_info, extract_events


def _article(seed_path):
    try:
        from newsgraph.readers import iter_articles

        art = next(iter(iter_articles([str(seed_path)])))
        return art.text, art.published or "2022-01-10"
    except Exception:  # the reader is another stage: fall back to the body by hand
        raw = seed_path.read_text(encoding="utf-8")
        lines = [l for l in raw.splitlines() if l.strip()]
        body = "\n\n".join(l.strip() for l in lines[2:])
        return body.split("No comments:")[0], "2022-01-10"


@pytest.fixture(scope="module")
def seed(nlp, seed_path):
    text, published = _article(seed_path)
    doc = nlp(text)
    try:
        from newsgraph.actors import ActorResolver

        resolver = ActorResolver(published=published)
    except Exception:
        resolver = None
    try:
        from newsgraph.quotes import extract_quotes

        quotes = extract_quotes(doc, resolver=resolver)
    except Exception:
        quotes = []
    return text, extract_events(doc, resolver=resolver, quotes=quotes, published=published), bool(quotes)


def texts(actors):
    return " | ".join(a.text for a in actors)


def find(events, etype, trigger, **attrs):
    hits = [e for e in events if e.type == etype and e.trigger.text == trigger
            and all(getattr(e, k) == v for k, v in attrs.items())]
    assert hits, f"no {etype} [{trigger}] {attrs}: {[(e.type, e.trigger.text) for e in events]}"
    return hits


def test_summit_and_meeting(seed):
    _, events, _ = seed
    summit = find(events, "CONSULT", "summit")[0]
    assert summit.mode == "multilateral" and summit.cameo.startswith("04")
    assert "Kazakhstan" in texts(summit.source)
    assert "Collective Security Treaty Organization" in texts(summit.target)
    meeting = find(events, "CONSULT", "meeting")[0]
    assert "CSTO Council" in texts(meeting.source) and meeting.mode == "multilateral"
    assert len(meeting.target) >= 3  # the leaders of Armenia, Belarus, Kazakhstan, ...


def test_appeal_to_csto_and_decision_to_send_troops(seed):
    _, events, quoted = seed
    turned = find(events, "REQUEST", "turned")[0]
    assert "Tokayev" in texts(turned.source) and "CSTO" in texts(turned.target)
    assert turned.modality == "asserted"
    if quoted:
        assert turned.claimed_by is not None  # Lepekhin's words, not the narrator's
    send = find(events, "AID", "send")[0]
    assert send.mode == "military" and send.modality == "asserted"
    assert "CSTO" in texts(send.source) and "Kazakhstan" in texts(send.target)
    assert send.claimed_by is None


def test_rahmon_request_and_putin_call(seed):
    _, events, _ = seed
    wants = find(events, "REQUEST", "wants")[0]
    assert "Tajikistan" in texts(wants.source) and wants.cameo == "023"
    invited = find(events, "REQUEST", "invited")[0]
    assert "Putin" in texts(invited.source) and "Rahmon" in texts(invited.target)
    call = find(events, "CONSULT", "call", mode="phone")[0]
    assert "Rahmon" in texts(call.source) and "Putin" in texts(call.target)
    assert call.modality == "requested"


def test_attacks_seizures_and_order_to_shoot(seed):
    _, events, _ = seed
    attacked = find(events, "ASSAULT", "attacked")[0]
    assert "bandits" in texts(attacked.source)
    attacks = find(events, "ASSAULT", "attacks")[0]
    assert "authorities" in texts(attacks.target)
    seized = find(events, "COERCE", "seized")[0]
    assert seized.mode == "seize" and seized.quad_class == 4
    shoot = find(events, "ASSAULT", "shoot")[0]
    assert shoot.mode == "firearms" and shoot.modality == "requested"
    assert "Kazakh leader" in texts(shoot.source)


def test_withdrawal_and_security_talks(seed):
    _, events, _ = seed
    withdrawals = find(events, "RETREAT", "withdrawal")
    assert len(withdrawals) == 2
    for w in withdrawals:
        assert "US" in texts(w.source) and "Afghanistan" in texts(w.target)
    dialogue = [e for e in find(events, "CONSULT", "dialogue") if "Russia" in texts(e.target)]
    assert dialogue and "United States" in texts(dialogue[0].source)
    talks = find(events, "CONSULT", "talks")[0]
    assert "United States" in texts(talks.target)


def test_putin_would_not_allow(seed):
    _, events, _ = seed
    rejections = find(events, "REJECT", "allow")
    assert any("Russia" in texts(r.source) for r in rejections)
    assert not [e for e in events if e.type == "CONCEDE" and e.trigger.text == "allow"]  # one trigger, one type


def test_nothing_absurd(seed):
    text, events, _ = seed
    assert 20 <= len(events) <= 80
    for e in events:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        goldstein, quad, _ = cameo_info(e.cameo)
        assert (e.goldstein, e.quad_class) == (goldstein, quad)
        src = {(a.text.lower(), a.country) for a in e.source}
        assert not any((a.text.lower(), a.country) in src for a in e.target), e
        assert e.date in ("2022-01-10", "2020-01-01"), e.date
    # nothing from the page furniture
    assert not [e for e in events if e.sentence.text.startswith(("No comments", "Post a Comment"))]
    dated = [e for e in events if e.date == "2020-01-01"]
    assert dated and all("2020" in e.sentence.text for e in dated)
