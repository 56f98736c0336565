"""Parquet shards: workers (a Dask LocalCluster of 2, or processes) write one shard per unit,
the loader stores them through the writer; the database is that of a single process."""

import json
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

pytest.importorskip("pyarrow")

from newsgraph.model import (  # noqa: E402
    Actor, AnalyzedArticle, Article, Entity, Event, Place, Quote, Span, Speaker,
)
from newsgraph.parallel import ingest_parallel  # noqa: E402
from newsgraph.pipeline import ingest  # noqa: E402
from newsgraph.shards import MANIFEST, Manifest, decode, encode, load_shards, read_shard, write_shard  # noqa: E402
from newsgraph.store import open_store  # noqa: E402

from conftest import CORPUS  # noqa: E402
from scale_helpers import dump_db, edited, story_text  # noqa: E402


def _rich() -> AnalyzedArticle:
    t = "President Tokayev said on Monday in Astana: “We will talk.” Police arrested 12 protesters."
    kaz = Actor(text="Tokayev", code="KAZGOV", country="KAZ", sector="GOV", name="Kassym-Jomart Tokayev",
                kind="person", id="person:tokayev", start=10, end=17, title="President")
    astana = Place(text="Astana", geonameid=1526273, name="Astana", country="KAZ", latitude=51.18,
                   longitude=71.45, feature_class="P", start=39, end=45)
    sp = Speaker(name="Kassym-Jomart Tokayev", mention="Tokayev", start=10, end=17, title="President",
                 actor=kaz, resolved_from="name")
    q = Quote(kind="direct", content="We will talk.", start=48, end=61, cue=Span("said", 18, 22), speaker=sp,
              sentence=Span(t[:63], 0, 63), group=3)
    ev = Event(type="ARREST", trigger=Span("arrested", 71, 79), sentence=Span(t[64:], 64, len(t)), mode="detain",
               cameo="173", quad_class=4, goldstein=-5.0, source=[Actor(text="Police")],
               target=[Actor(text="protesters", code="KAZOPP")], date="2025-03-03", location=astana,
               negated=True, modality="future", claimed_by=sp)
    art = Article(text=t, id="a1", title="T", published="2025-03-03", url="https://x.example/a", authors=["A B"],
                  site="x.example", source_path="/tmp/a.html", language="en", notes=["crawled 2025"])
    return AnalyzedArticle(article=art, entities=[Entity("Tokayev", "PERSON", 10, 17, actor=kaz),
                                                  Entity("Astana", "GPE", 39, 45, place=astana)],
                           quotes=[q], events=[ev], actors=[kaz], places=[astana])


def test_round_trip_of_the_full_record(tmp_path):
    item = _rich()
    assert decode(encode(item)) == item
    entry = write_shard(tmp_path, "unit-000000", [item, AnalyzedArticle(article=Article(text="plain"))])
    assert entry["rows"] == 2 and entry["file"] == "unit-000000.parquet" and len(entry["sha256"]) == 64
    back = read_shard(tmp_path / entry["file"])
    assert back[0] == item and back[0].quotes[0].sentence == item.quotes[0].sentence
    assert back[1].article.text == "plain" and back[1].entities == []
    assert [p.name for p in tmp_path.iterdir()] == ["unit-000000.parquet"]  # no temporary left


def test_a_crash_while_writing_leaves_no_shard(tmp_path, monkeypatch):
    """A worker failing half-way through a unit (a row group already on disk) leaves nothing."""
    from newsgraph import parallel, shards

    monkeypatch.setattr(shards, "ROW_GROUP", 2)
    real = shards.encode

    def failing(item, seq=0):
        if seq == 5:
            raise MemoryError("worker killed")
        return real(item, seq)

    monkeypatch.setattr(shards, "encode", failing)
    arts = [Article(text=story_text(i), id=f"a{i}") for i in range(8)]
    cfg = parallel.Config(db="", nlp=False, batch_size=3, shards=str(tmp_path))
    with pytest.raises(MemoryError):
        parallel.process_unit(("articles", arts), cfg, "unit-000003")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(shards, "encode", real)
    res = parallel.process_unit(("articles", arts), cfg, "unit-000003")
    assert res["shard"]["rows"] == 8 and [p.name for p in tmp_path.iterdir()] == ["unit-000003.parquet"]
    assert [x.article.id for x in read_shard(tmp_path / "unit-000003.parquet")] == [f"a{i}" for i in range(8)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    for p in [p for p in sorted(CORPUS.iterdir()) if not p.name.startswith("2025-01")][:8]:  # crisis files, not the background feed
        shutil.copy(p, d / p.name)
    base = story_text(1)
    lines = [{"id": f"j{i}", "text": story_text(10 + i), "published": "2025-03-07"} for i in range(10)]
    lines += [{"id": "orig", "text": base}, {"id": "copy", "text": edited(base, 3)}, {"id": "again", "text": base}]
    (d / "more.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    return d


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("one") / "one.db"
    s = open_store(db)
    summary = ingest([corpus], s, nlp=False)
    s.close()
    return summary, dump_db(db)


def test_dask_workers_write_shards_then_one_load(corpus, single, tmp_path):
    pytest.importorskip("distributed")
    one, expected = single
    pids = set()
    res = ingest_parallel([corpus], str(tmp_path / "dask.db"), workers=2, dask="local", nlp=False,
                          files_per_unit=2, records_per_unit=4, shards=tmp_path / "shards",
                          on_result=lambda r: pids.add(r["pid"]))
    assert len(pids) == 2 and res.failed == 0
    assert (res.read, res.inserted, res.duplicates) == (one.read, one.inserted, one.duplicates)
    assert dump_db(tmp_path / "dask.db") == expected
    m = Manifest.read(tmp_path / "shards")
    assert m.complete and not m.nlp and len(m.units) >= 4 + 4  # 13 records in units of 4, files in 2s
    files = [m.units[k]["file"] for k in sorted(m.units)]
    assert files == [f"unit-{k:06d}.parquet" for k in sorted(m.units)]
    assert sorted(p.name for p in (tmp_path / "shards").iterdir()) == sorted([MANIFEST] + files)
    # loading again (or into another database) is idempotent / gives the same database
    s = open_store(tmp_path / "dask.db")
    again = load_shards(tmp_path / "shards", s)
    s.close()
    assert again.inserted == 0 and again.duplicates == again.articles
    assert again.articles == sum(e["rows"] for e in m.units.values()) == one.inserted + 1  # "again" too
    assert dump_db(tmp_path / "dask.db") == expected


def test_resume_reuses_finished_units_and_skips_damaged_ones(corpus, single, tmp_path):
    one, expected = single
    d = tmp_path / "shards"
    first = ingest_parallel([corpus], None, workers=2, nlp=False, files_per_unit=3, records_per_unit=5,
                            shards=d, load=False)
    assert first.inserted == 0 and first.read == one.read
    m = Manifest.read(d)
    # a crash after a shard was renamed but before the manifest listed it, and a stray temporary
    (d / "unit-000099.parquet").write_bytes((d / m.units[0]["file"]).read_bytes())
    (d / ".unit-000100.parquet.123.abcd.tmp").write_bytes(b"PAR1")
    del m.units[max(m.units)]  # the last unit "did not finish"
    m.complete = False
    m.save()
    runs = []
    res = ingest_parallel([corpus], str(tmp_path / "r.db"), workers=2, nlp=False, files_per_unit=3,
                          records_per_unit=5, shards=d, on_result=lambda r: runs.append(r["pid"]))
    assert sum(p is not None for p in runs) == 1  # only the missing unit was analysed again
    assert (res.read, res.inserted, res.duplicates) == (one.read, one.inserted, one.duplicates)
    assert dump_db(tmp_path / "r.db") == expected
    # a damaged shard is reported, not loaded
    m = Manifest.read(d)
    with open(d / m.units[0]["file"], "ab") as fh:
        fh.write(b"x")
    s = open_store(tmp_path / "other.db")
    out = load_shards(d, s)
    s.close()
    assert out.problems == [f"{m.units[0]['file']}: does not match its SHA-256 in the manifest"]
    assert out.shards == len([e for e in m.units.values() if e["file"]]) - 1


def test_manifest_refuses_other_settings(tmp_path):
    Manifest.open(tmp_path, nlp=False, model=None).save()
    with pytest.raises(ValueError, match="nlp=False"):
        Manifest.open(tmp_path, nlp=True, model=None)


def test_manifest_refuses_other_stage_options(tmp_path):
    """Shards analysed with other stage options are not reused (their records would differ)."""
    from newsgraph.options import StageOptions

    mine = StageOptions(event_patterns=("my_verbs.yaml",))
    Manifest.open(tmp_path, nlp=True, model=None, options=mine).save()
    assert Manifest.read(tmp_path).options == mine.to_dict()
    assert Manifest.open(tmp_path, nlp=True, model=None, options=mine).options == mine.to_dict()
    for other in (None, StageOptions(), StageOptions(learned_cues=False)):
        with pytest.raises(ValueError, match="stage options"):
            Manifest.open(tmp_path, nlp=True, model=None, options=other)
    plain = tmp_path / "plain"
    Manifest.open(plain, nlp=True, model=None, options=StageOptions()).save()
    assert "options" not in (plain / MANIFEST).read_text(encoding="utf-8")  # default runs: manifest as before
    Manifest.open(plain, nlp=True, model=None)


def test_cli_ingest_with_shards_and_load_shards(corpus, single, tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    one, expected = single
    d = tmp_path / "sh"
    r = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "w.db"), "--no-nlp",
                                 "--workers", "2", "--shards", str(d), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["inserted"] == one.inserted
    assert dump_db(tmp_path / "w.db") == expected
    r = CliRunner().invoke(app, ["load-shards", str(d), "--db", str(tmp_path / "l.db"), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["inserted"] == one.inserted and out["problems"] == []
    assert dump_db(tmp_path / "l.db") == expected
    r = CliRunner().invoke(app, ["load-shards", str(tmp_path), "--db", str(tmp_path / "l.db")])
    assert r.exit_code == 2 and "not a shard directory" in r.output  # a usage error (the database was made above)
    assert os.path.exists(tmp_path / "l.db")


def test_a_directory_reused_for_other_input_keeps_only_this_input(tmp_path):
    d = tmp_path / "shards"
    for name, seeds in (("a.jsonl", range(0, 9)), ("b.jsonl", range(20, 24))):
        (tmp_path / name).write_text("".join(json.dumps({"id": f"r{i}", "text": story_text(i)}) + "\n"
                                             for i in seeds))
    ingest_parallel([tmp_path / "a.jsonl"], None, workers=1, nlp=False, records_per_unit=3, shards=d, load=False)
    assert len(Manifest.read(d).units) == 3
    res = ingest_parallel([tmp_path / "b.jsonl"], str(tmp_path / "b.db"), workers=1, nlp=False,
                          records_per_unit=3, shards=d)
    assert res.inserted == 4 and sorted(Manifest.read(d).units) == [0, 1]
    assert [r[0] for r in dump_db(tmp_path / "b.db")["articles"]] == ["r20", "r21", "r22", "r23"]


def test_shards_loaded_into_postgres(tmp_path, pg_url):
    (tmp_path / "a.jsonl").write_text("".join(json.dumps({"id": f"r{i}", "text": story_text(i % 5)}) + "\n"
                                              for i in range(8)))
    res = ingest_parallel([tmp_path / "a.jsonl"], pg_url, workers=1, nlp=False, records_per_unit=3,
                          shards=tmp_path / "sh")
    assert (res.read, res.inserted, res.duplicates) == (8, 5, 3)
    s = open_store(pg_url)
    again = load_shards(tmp_path / "sh", s)
    with s.engine.connect() as c:
        assert c.execute(text("SELECT count(*), count(DISTINCT hash) FROM articles")).one() == (5, 5)
    s.close()
    assert again.inserted == 0


@pytest.mark.slow
def test_shards_with_nlp_same_as_single_process(corpus, tmp_path):
    """Real entities, quotes and events survive the shard round trip."""
    small = tmp_path / "small"
    small.mkdir()
    for p in sorted(corpus.glob("*.txt"))[:2]:
        shutil.copy(p, small / p.name)
    s = open_store(tmp_path / "one.db")
    ingest([small], s)
    s.close()
    ingest_parallel([small], str(tmp_path / "sh.db"), workers=1, files_per_unit=1, shards=tmp_path / "sh")
    a, b = dump_db(tmp_path / "one.db"), dump_db(tmp_path / "sh.db")
    assert a["entities"] and a["quotes"] and a == b


def test_loading_shards_refreshes_the_monitor(tmp_path):
    """load-shards is one more door into the one ingest path: the monitor's series follow."""
    from newsgraph.ingestion import load_shards as load_and_refresh

    rows = [{"id": f"m{i}", "published": f"2024-05-0{i + 1}", "text": f"Story {i}: {story_text(i)}"} for i in range(3)]
    (tmp_path / "m.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    d = tmp_path / "sh"
    ingest_parallel([tmp_path / "m.jsonl"], None, workers=1, nlp=False, records_per_unit=2, shards=d, load=False)
    res = load_and_refresh(d, tmp_path / "m.db")
    assert res.inserted == 3 and res.monitor == {"since": "2024-05-01", "rows": 0, "type_rows": 0, "skipped": False}
    assert "monitor" not in res.to_dict()  # the load-shards --json summary keeps its fields
    again = load_and_refresh(d, tmp_path / "m.db")
    assert (again.inserted, again.duplicates, again.monitor) == (0, 3, None)
