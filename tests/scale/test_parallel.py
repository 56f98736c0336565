"""--workers N (processes) and --dask (a LocalCluster of 2 workers) give the results of one
process; concurrent SQLite writers never duplicate an article."""

import json
import shutil
import threading

import pytest
from sqlalchemy import text

from newsgraph.model import AnalyzedArticle, Article
from newsgraph.parallel import ingest_parallel, plan_units
from newsgraph.pipeline import ingest
from newsgraph.store import open_store

from conftest import CORPUS
from scale_helpers import dump_db, edited, story_text


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Some of the demo corpus (text and HTML), a JSON Lines file with a syndicated copy and
    a repeat, and a missing file."""
    d = tmp_path_factory.mktemp("corpus")
    for p in [p for p in sorted(CORPUS.iterdir()) if not p.name.startswith("2025-01")][:10]:  # crisis files, not the background feed
        shutil.copy(p, d / p.name)
    base = story_text(1)
    lines = [{"id": f"j{i}", "text": story_text(10 + i), "published": "2025-03-07"} for i in range(12)]
    lines += [{"id": "copy", "text": edited(base, 3)}, {"id": "orig", "text": base}, {"id": "again", "text": base}]
    (d / "more.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    return d


def test_plan_units_groups_files_and_chunks_records(corpus):
    units = list(plan_units([corpus, corpus / "nope.txt"], files_per_unit=4, records_per_unit=5))
    files = [x for k, x in units if k == "files"]
    assert [len(x) for x in files] == [4, 4, 1]  # 9 text/HTML files, in groups of at most 4
    records = [x for k, x in units if k == "articles"]
    assert sum(len(x) for x in records) == 5 + 15 and max(len(x) for x in records) <= 5
    errors = [e for k, x in units if k == "errors" for e in x]
    assert len(errors) == 1 and "no such file" in errors[0].reason


def _single(corpus, db, nlp):
    s = open_store(db)
    summary = ingest([corpus], s, nlp=nlp)
    s.close()
    return summary


def test_workers_no_nlp_same_as_single_process(corpus, tmp_path):
    one = _single(corpus, tmp_path / "one.db", nlp=False)
    two = ingest_parallel([corpus], str(tmp_path / "two.db"), workers=2, nlp=False, files_per_unit=3,
                          records_per_unit=4)
    assert (two.read, two.inserted, two.duplicates, two.failed) == (one.read, one.inserted, one.duplicates, 0)
    assert dump_db(tmp_path / "one.db") == dump_db(tmp_path / "two.db")


def test_workers_with_nlp_same_as_single_process(corpus, tmp_path):
    """Each worker loads its own spaCy pipeline; entities, quotes and events are the same."""
    small = tmp_path / "small"
    small.mkdir()
    for p in sorted(corpus.glob("*.txt"))[:2]:
        shutil.copy(p, small / p.name)
    _single(small, tmp_path / "one.db", nlp=True)
    pids = set()
    two = ingest_parallel([small], str(tmp_path / "two.db"), workers=2, files_per_unit=1,
                          on_result=lambda r: pids.add(r["pid"]))
    assert two.inserted == 2
    a, b = dump_db(tmp_path / "one.db"), dump_db(tmp_path / "two.db")
    assert a["entities"] and a == b


def test_dask_local_cluster_same_as_single_process(corpus, tmp_path):
    pytest.importorskip("distributed")
    _single(corpus, tmp_path / "one.db", nlp=False)
    pids = set()
    res = ingest_parallel([corpus], str(tmp_path / "dask.db"), workers=2, dask="local", nlp=False,
                          files_per_unit=2, records_per_unit=3, on_result=lambda r: pids.add(r["pid"]))
    assert res.failed == 0 and len(pids) == 2
    assert dump_db(tmp_path / "one.db") == dump_db(tmp_path / "dask.db")


@pytest.mark.slow
def test_dask_with_nlp_same_as_single_process(corpus, tmp_path):
    pytest.importorskip("distributed")
    small = tmp_path / "small"
    small.mkdir()
    for p in sorted(corpus.glob("*.txt"))[:4]:
        shutil.copy(p, small / p.name)
    _single(small, tmp_path / "one.db", nlp=True)
    ingest_parallel([small], str(tmp_path / "dask.db"), workers=2, dask="local", files_per_unit=1)
    assert dump_db(tmp_path / "one.db") == dump_db(tmp_path / "dask.db")


def test_parallel_into_postgres(corpus, pg_url):
    res = ingest_parallel([corpus], pg_url, workers=2, nlp=False, files_per_unit=3, records_per_unit=4)
    again = ingest_parallel([corpus], pg_url, workers=2, nlp=False, files_per_unit=3, records_per_unit=4)
    assert res.inserted > 0 and again.inserted == 0 and again.duplicates == res.inserted + res.duplicates
    s = open_store(pg_url)
    with s.engine.connect() as c:
        assert c.execute(text("SELECT count(*) - count(DISTINCT hash) FROM articles")).scalar() == 0
    s.close()


def test_concurrent_sqlite_writers_never_duplicate(tmp_path):
    db = tmp_path / "c.db"
    open_store(db).close()
    texts = [story_text(i, 60) for i in range(20)]
    errors = []

    def work(n):
        s = open_store(db)
        try:
            for r in range(5):
                s.write([AnalyzedArticle(article=Article(text=texts[(r * 3 + j * (n + 1)) % 20])) for j in range(6)])
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            s.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    s = open_store(db)
    with s.engine.connect() as c:
        n, distinct = c.execute(text("SELECT count(*), count(DISTINCT hash) FROM articles")).one()
    assert n == distinct <= 20
    s.close()


def test_cli_workers_and_dask(corpus, tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    one = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "1.db"), "--no-nlp", "--json"])
    r = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "w.db"), "--no-nlp",
                                 "--workers", "2", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == json.loads(one.stdout)
    assert json.loads(r.stdout)["duplicates"] == 1
