from newsgraph.monitor.narratives import find_narratives

from monitor_records import CLAIMS


def _by_claim(narratives):
    out = {}
    for n in narratives:
        texts = {e["content"] for e in n["examples"]}
        for name, claims in CLAIMS.items():
            if texts & set(claims):
                out.setdefault(name, []).append(n)
    return out


def test_seed_like_claims_cluster(store):
    ns = find_narratives(store.engine, limit=None, examples=50)
    found = _by_claim(ns)
    assert set(found) == set(CLAIMS)
    for name, claims in CLAIMS.items():
        assert len(found[name]) == 1, name  # one narrative per claim, not split
        n = found[name][0]
        members = {e["content"] for e in n["examples"]}
        assert members == set(claims), name  # nothing else pulled in
        assert n["statements"] == len(claims) and n["articles"] == len(claims)


def test_narrative_who_when_where(store):
    n = _by_claim(find_narratives(store.engine, limit=None))["forces"][0]
    assert [p["speaker"] for p in n["pushed_by"]] == ["Dmitry Peskov", "Kassym-Jomart Tokayev"]
    assert n["pushed_by"][0]["country"] == "RUS"
    assert n["first"]["date"] == "2025-01-31" and n["first"]["speaker"] == "Kassym-Jomart Tokayev"
    assert n["first"]["content"] == CLAIMS["forces"][0]
    assert len(n["sources"]) == 4 and n["days"] == 4
    assert [t["day"] for t in n["timeline"]] == sorted(t["day"] for t in n["timeline"])
    assert "external forces" in n["terms"]


def test_unrelated_statements_are_not_narratives(store):
    ns = find_narratives(store.engine, limit=None, examples=50)
    contents = {e["content"] for n in ns for e in n["examples"]}
    assert "Museum attendance doubled after the renovation of the east wing." not in contents or any(
        n["statements"] >= 2 and all("Museum" in e["content"] for e in n["examples"]) for n in ns)


def test_filters_and_deterministic(store):
    a = find_narratives(store.engine, limit=None)
    assert a == find_narratives(store.engine, limit=None)
    assert find_narratives(store.engine, since="2099-01-01") == []
    rus = find_narratives(store.engine, country="RUS", limit=None)
    assert all(p["country"] == "RUS" for n in rus for p in n["pushed_by"])
