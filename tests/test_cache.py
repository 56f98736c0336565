"""The start-up cache (newsgraph.cache): built once, read back, rebuilt when a source changes; and
the light start of the CLI (issue 14, whole-process throughput)."""

from __future__ import annotations

import difflib
import random
import subprocess
import sys

import pytest

from newsgraph import cache


@pytest.fixture()
def cache_home(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    return folder


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_built_once_then_read_back(cache_home, tmp_path):
    src = tmp_path / "words.txt"
    src.write_text("alpha\nbeta\n", encoding="utf-8")
    build, calls = _counting({"words": ["alpha", "beta"]})
    assert cache.cached("words", build, sources=[src]) == {"words": ["alpha", "beta"]}
    assert cache.cached("words", build, sources=[src]) == {"words": ["alpha", "beta"]}
    assert len(calls) == 1
    assert len(list(cache_home.glob("words-*.pickle"))) == 1


def test_a_changed_source_rebuilds_and_removes_the_stale_file(cache_home, tmp_path):
    src = tmp_path / "words.txt"
    src.write_text("alpha\n", encoding="utf-8")
    cache.cached("words", lambda: "old", sources=[src])
    src.write_text("alpha\ngamma\n", encoding="utf-8")  # the data file is edited
    build, calls = _counting("new")
    assert cache.cached("words", build, sources=[src]) == "new"
    assert calls == [1]
    assert cache.cached("words", build, sources=[src]) == "new" and calls == [1]
    assert len(list(cache_home.glob("words-*.pickle"))) == 1  # the old key's file is gone


def test_extra_keys_and_missing_sources_count(cache_home, tmp_path):
    gone = tmp_path / "not-there.yaml"
    assert cache.cached("flags", lambda: "on", sources=[gone], extra=["phoenix=True"]) == "on"
    assert cache.cached("flags", lambda: "off", sources=[gone], extra=["phoenix=False"]) == "off"
    gone.write_text("now here", encoding="utf-8")
    assert cache.cached("flags", lambda: "created", sources=[gone], extra=["phoenix=False"]) == "created"


def test_unreadable_file_is_rebuilt(cache_home, tmp_path):
    src = tmp_path / "s.txt"
    src.write_text("x", encoding="utf-8")
    cache.cached("broken", lambda: [1, 2, 3], sources=[src])
    (path,) = cache_home.glob("broken-*.pickle")
    path.write_bytes(b"\x80\x05truncated")
    assert cache.cached("broken", lambda: [4], sources=[src]) == [4]


def test_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, "off")
    build, calls = _counting(7)
    assert cache.cached("off", build) == 7 and cache.cached("off", build) == 7
    assert len(calls) == 2 and cache.cache_dir() is None


def test_unwritable_cache_folder_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "sub"))
    assert cache.cached("x", lambda: "built") == "built"


def test_arrays_memory_mapped_and_rebuilt_on_change(cache_home, tmp_path):
    np = pytest.importorskip("numpy")
    src = tmp_path / "model.bin"
    src.write_bytes(b"one")
    first = cache.cached_arrays("model", lambda: {"a": np.arange(5, dtype=np.uint32)}, sources=[src])
    again = cache.cached_arrays("model", lambda: {"a": np.zeros(1)}, sources=[src])
    assert again["a"].tolist() == [0, 1, 2, 3, 4] and isinstance(again["a"], np.memmap)
    assert first["a"].tolist() == again["a"].tolist()
    src.write_bytes(b"two")
    assert cache.cached_arrays("model", lambda: {"a": np.ones(2)}, sources=[src])["a"].tolist() == [1.0, 1.0]
    assert len([p for p in cache_home.iterdir() if p.name.startswith("model-")]) == 1


def test_actor_and_place_indexes_are_keyed_by_their_data_files(monkeypatch):
    """Every file of actors/data and the modules that build the indexes are sources of the key."""
    from newsgraph.actors import dictionary, places

    seen = {}

    def spy(name, build, *, sources=(), extra=()):
        seen[name] = ({p.name for p in map(__import__("pathlib").Path, sources)}, tuple(extra))
        return "sentinel"

    monkeypatch.setattr(cache, "cached", spy)
    assert dictionary._builtin_index.__wrapped__() == "sentinel"
    assert places.place_index.__wrapped__() == "sentinel"
    data = {p.name for p in dictionary.DATA.iterdir()}
    assert data | {"dictionary.py", "phoenix.py"} <= seen["actor-index"][0]
    assert data | {"places.py", "dictionary.py", "phoenix.py"} <= seen["place-index"][0]
    assert any(x.startswith("phoenix=") for x in seen["actor-index"][1])


def test_actor_index_from_cache_is_the_built_one(cache_home):
    from newsgraph.actors import dictionary

    built = dictionary._builtin_index.__wrapped__()  # builds and writes
    read = dictionary._builtin_index.__wrapped__()  # reads the file
    assert read is not built and list(read.keys) == list(built.keys)
    key = next(k for k, b in built.keys.items() if len(b) > 1)
    assert [(f, e.__dict__) for f, e in read.keys[key]] == [(f, e.__dict__) for f, e in built.keys[key]]
    # shared entries stay shared: a person's surname key and full-name key hold one object
    person = next(iter(read.persons.values()))
    assert any(e is person for b in read.keys.values() for _f, e in b)


def test_close_word_is_difflibs_answer():
    from newsgraph.actors.words import close_word

    rng = random.Random(14)
    words = {"".join(rng.choice("aeiounrstlk") for _ in range(rng.randint(5, 11))): "X" for _ in range(300)}
    words.update({"philippines": "PHL", "argentinian": "ARG", "ukrainian": "UKR"})
    probes = ["phillippines", "argentinain", "ukranian", "ukrainians"]
    for w in list(words)[:60]:  # near misses of the list's own words
        i = rng.randrange(len(w))
        probes += [w[:i] + w[i + 1:], w[:i] + rng.choice("aeiou") + w[i:], w + "s"]
    for p in probes:
        want = difflib.get_close_matches(p, words.keys(), n=1, cutoff=0.86)
        assert close_word(p, words, 0.86) == (want[0] if want else None), p


def test_light_start():
    """`newsgraph --help` and `extract --help` import no spaCy; the pipeline module loads no store."""
    for args in (["--help"], ["extract", "--help"]):
        out = subprocess.run([sys.executable, "-X", "importtime", "-m", "newsgraph", *args],
                             capture_output=True, text=True)
        assert out.returncode == 0
        assert "spacy" not in out.stderr
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import newsgraph.pipeline"],
                         capture_output=True, text=True)
    assert out.returncode == 0
    assert " spacy" not in out.stderr and "sqlalchemy" not in out.stderr


def test_lazy_place_index_gives_the_built_candidates_after_pickling():
    """The place index kept in the cache decodes each name's candidates on lookup: same records,
    same types (int/float/None/bool), unknown names give the default."""
    import pickle

    from newsgraph.actors.places import _Cand, _LazyIndex

    built = {"springfield": [_Cand(1, "Springfield", "USA", 39.8, -89.6, "P", 116_000, True),
                             _Cand(2, "Springfield", "USA", None, None, "P", 0, False)],
             "atlantis": [_Cand(None, "Atlantis", None, 1, 2.5, "A", 0, True, True)]}
    lazy = pickle.loads(pickle.dumps(_LazyIndex(built)))
    assert len(lazy) == 2 and "atlantis" in lazy and "lemuria" not in lazy
    assert lazy.get("springfield") == built["springfield"] and lazy["atlantis"] == built["atlantis"]
    assert type(lazy["atlantis"][0].lat) is int and lazy["atlantis"][0].is_country is True
    assert lazy.get("springfield") is lazy.get("springfield")
    assert lazy.get("lemuria") is None and lazy.get("lemuria", []) == []
