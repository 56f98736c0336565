from newsgraph.events import PLOVER_TYPES, cameo_info, default_patterns, load_patterns, quad_class
from newsgraph.events.patterns import DATA, _read


def test_pattern_files_load_and_are_consistent():
    p = default_patterns()
    assert len(p.verbs) > 150 and len(p.nouns) > 60
    for table in (p.verbs, p.nouns):
        for lemma, rules in table.items():
            for r in rules:
                if r.type is None:
                    continue
                assert r.type in PLOVER_TYPES, lemma
                goldstein, quad, name = cameo_info(r.cameo)
                assert goldstein is not None and quad in (1, 2, 3, 4), (lemma, r.cameo)
    # every PLOVER type has at least one trigger
    used = {r.type for t in (p.verbs, p.nouns) for rules in t.values() for r in rules}
    assert set(PLOVER_TYPES) <= used


def test_yaml_keeps_on_and_off_as_words():
    p = default_patterns()
    preps = {next(iter(r.prep)) for r in p.verbs["call"] if r.prep}
    assert {"for", "on"} <= preps
    assert any(r.particle == frozenset({"off"}) for r in p.verbs["call"])


def test_no_duplicate_lemmas_in_verbs_file():
    import re

    keys = re.findall(r"^([a-z-]+):", (DATA / "verbs.yaml").read_text(), flags=re.M)
    assert len(keys) == len(set(keys))
    assert _read(DATA / "cameo.yaml")["183"][1].startswith("Conduct suicide, car")


def test_cameo_goldstein_and_quad_class():
    assert cameo_info("190")[:2] == (-10.0, 4)
    assert cameo_info("041")[:2] == (1.0, 1)
    assert cameo_info("074")[:2] == (8.5, 2)
    assert cameo_info("112")[:2] == (-2.0, 3)
    assert cameo_info("0231")[0] == 3.4  # falls back to "023"
    assert quad_class("145") == 4 and quad_class("057") == 1 and quad_class(None) is None
    assert cameo_info("99") == (None, None, None)


def test_user_pattern_file_extends_rules(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("verbs:\n  chide: {type: REJECT, cameo: '120'}\nnouns:\n  chide: {type: REJECT, cameo: '120'}\n")
    p = load_patterns([extra])
    assert p.verbs["chide"][0].type == "REJECT" and p.nouns["chide"][0].cameo == "120"
    assert p.verbs["chide"][0].source == "newsgraph"  # the user's rule comes before the CAMEO dictionary's
    assert all(r.source == "cameo" for r in default_patterns().verbs.get("chide", ()))  # defaults untouched


def test_bad_pattern_is_rejected(tmp_path):
    import pytest

    extra = tmp_path / "bad.yaml"
    extra.write_text("snub: {type: SNUB, cameo: '120'}\n")
    with pytest.raises(ValueError):
        load_patterns([extra])
