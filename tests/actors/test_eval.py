from newsgraph.eval.actors import CAMEO_TO_ISO, evaluate, find_span, format_report


def test_find_span():
    s = "Bosnian Serbs on Monday sent forces to the town."
    assert s[slice(*find_span(s, "Bosnian Serbs ... forces"))] == "Bosnian Serbs on Monday sent forces"
    s2 = "the UK is pushing hard for the US support"
    assert s2[slice(*find_span(s2, "US"))] == "US"  # not the "us" of "pushing"
    s3 = "French and Egyptian warships on Monday"
    assert s3[slice(*find_span(s3, "French warships"))] == "French and Egyptian warships"
    assert find_span(s3, "Italian") is None


def test_legacy_codes():
    assert CAMEO_TO_ISO["JAP"] == "JPN" and CAMEO_TO_ISO["ITL"] == "ITA"


def test_evaluate_on_a_slice(shared_dir):
    result = evaluate(shared_dir / "eval" / "plover-gsr" / "dev.jsonl", limit=25)
    assert result["sentences"] == 25 and result["actors"] > 25
    assert result["accuracy"] >= 0.85
    text = format_report(result)
    assert "country accuracy" in text
