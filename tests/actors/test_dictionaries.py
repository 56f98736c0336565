from pathlib import Path

from newsgraph.actors import ActorResolver, import_petrarch, load_dictionary

DATA = Path(__file__).parent / "data"


def test_import_petrarch():
    entries = import_petrarch(DATA / "sample_petrarch.txt")
    by = {e["name"]: e for e in entries}
    z = by["Zoran Examplov"]
    assert z["kind"] == "person" and z["country"] == "SRB"
    assert "Z. EXAMPLOV" in z["aliases"] and "ZORAN EXAMPLOVIC" in z["aliases"]
    flf = by["Freedonia Liberation Front"]
    assert (flf["country"], flf["sector"], flf["kind"]) == ("FDN", "REB", "organisation")
    assert "FLF" in flf["aliases"]
    assert by["Acme Widgets Corp"]["country"] == "MNC"


def test_petrarch_dictionary_used_by_resolver():
    r = ActorResolver(published="2022-01-10", extra_dictionaries=[DATA / "sample_petrarch.txt"])
    a = r.resolve_text("the Freedonia Liberation Front")
    assert a.country == "FDN" and a.sector == "REB"


def test_user_yaml_and_csv_dictionaries():
    assert load_dictionary(DATA / "user_actors.csv")[0]["aliases"] == ["MinPeace", "Peace Ministry"]
    r = ActorResolver(published="2022-01-10", extra_dictionaries=[DATA / "user_actors.yaml", DATA / "user_actors.csv"])
    assert r.resolve_text("the Army of Freedonia").code == "FDNMIL"
    f = r.resolve_text("Rufus T. Firefly")
    assert (f.code, f.kind, f.title) == ("FDNGOV", "person", "President")
    assert r.resolve_text("Firefly").name == "Rufus T. Firefly"
    assert r.resolve_text("road blockers").sector == "OPP"
    assert r.resolve_text("MinPeace").code == "SYLGOV"
    # the built-in dictionary is untouched by user entries
    assert ActorResolver().resolve_text("MinPeace").code is None


def test_env_var_dictionaries(monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_ACTOR_DICTS", str(DATA / "user_actors.yaml"))
    assert ActorResolver().resolve_text("Army of Freedonia").code == "FDNMIL"


def test_petrarch_igo_codes():
    by = {e["name"]: e for e in import_petrarch(DATA / "sample_petrarch.txt")}
    g = by["Gulf Example Secretary"]
    assert (g["country"], g["sector"]) == ("IGO", "GOV")
