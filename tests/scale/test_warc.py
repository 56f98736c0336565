"""WARC / WARC.gz: HTML responses become articles with URL and crawl date; the rest is
skipped and counted; a broken archive is one error; the CLI ingests archives."""

import json
from datetime import datetime, timezone

import pytest

pytest.importorskip("fastwarc")

from newsgraph.readers import iter_articles, kind_of  # noqa: E402
from newsgraph.readers.warc import WarcStats, iter_warc, write_warc  # noqa: E402

from scale_helpers import page_html, story_text  # noqa: E402

CRAWL = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def _pages(n=3):
    pages = []
    for i in range(n):
        body = page_html(f"Story {i}", story_text(i), date="2023-12-3%d" % (i % 2))
        pages.append({"url": f"https://news.example/{i}", "body": body, "date": CRAWL})
    pages += [
        {"url": "https://news.example/logo.png", "body": b"\x89PNG\r\n", "content_type": "image/png"},
        {"url": "https://news.example/gone", "body": "<html>gone</html>", "status": 404},
        {"url": "https://news.example/meta", "body": "via: crawler", "type": "metadata"},
        {"url": "https://news.example/empty", "body": "<html><head><title>x</title></head><body></body></html>"},
        {"url": "https://news.example/nodate", "date": CRAWL,
         "body": page_html("No date", story_text(99)).replace('<meta property="article:published_time" '
                                                              'content="2023-12-30T08:00:00Z">', "")
                                                     .replace("2025-03-05", "")},
    ]
    return pages


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_responses_become_articles(tmp_path, name):
    path = tmp_path / name
    n = write_warc(path, _pages())
    stats = WarcStats()
    items = list(iter_warc(path, stats=stats))
    arts = [x for x in items if not isinstance(x, Exception)]
    assert [a.url for a in arts] == [f"https://news.example/{i}" for i in range(3)] + ["https://news.example/nodate"]
    assert stats.records == n
    assert stats.articles == 4
    assert stats.skipped["request"] == 7 and stats.skipped["warcinfo"] == 1
    assert stats.skipped["not HTML"] == 1 and stats.skipped["HTTP 404"] == 1 and stats.skipped["metadata"] == 1
    assert stats.skipped["no article text"] == 1
    assert stats.records == stats.articles + stats.skipped_total
    first = arts[0]
    assert first.title == "Story 0" and first.published == "2023-12-30"
    assert "crawled 2024-01-02T03:04:05Z" in first.notes
    assert first.source_path.startswith(str(path) + "#")
    nodate = arts[-1]
    assert nodate.published == "2024-01-02"  # the crawl date, and a note says so
    assert any("crawl date used" in n for n in nodate.notes)


def test_dispatch_and_directories(tmp_path):
    write_warc(tmp_path / "a.warc.gz", _pages(2))
    (tmp_path / "b.txt").write_text("Monday, March 3, 2025\n\nA plain text article about the dam.")
    assert kind_of(tmp_path / "x.warc.gz") == ("warc", True)
    assert kind_of(tmp_path / "x.WARC") == ("warc", False)
    arts = list(iter_articles([tmp_path]))
    assert sum(1 for a in arts if getattr(a, "url", None) or "") >= 2
    assert all(a.language for a in arts if not isinstance(a, Exception))


def test_truncated_and_garbage_archives_are_one_error(tmp_path):
    good = tmp_path / "good.warc.gz"
    write_warc(good, _pages(3))
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(good.read_bytes()[:-300])
    items = list(iter_warc(cut))
    errors = [x for x in items if isinstance(x, Exception)]
    assert len(errors) == 1 and "truncated" in errors[0].reason and errors[0].path == str(cut)
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not a web archive\n" * 20)
    items = list(iter_articles([junk]))
    assert len(items) == 1 and isinstance(items[0], Exception) and "WARC" in items[0].reason


def test_record_size_limit_applies_per_record(tmp_path):
    path = tmp_path / "big.warc"
    pages = _pages(2)
    pages[0]["body"] = page_html("Huge", story_text(5, 20000))
    write_warc(path, pages)
    stats = WarcStats()
    arts = [x for x in iter_warc(path, max_bytes=50_000, stats=stats) if not isinstance(x, Exception)]
    assert stats.skipped["too large"] == 1
    assert [a.url for a in arts][0] == "https://news.example/1"


def test_streams_in_constant_memory(tmp_path):
    """Reading never holds the archive: peak memory stays far below the file size."""
    import tracemalloc

    path = tmp_path / "many.warc.gz"
    body = page_html("Same layout", story_text(1))
    blob = bytes(range(256)) * 200  # 51 kB of incompressible-ish image data per record

    def pages():
        for i in range(400):
            if i % 40 == 0:
                yield {"url": f"https://n.example/{i}", "body": body.replace("Same", f"Page {i}")}
            else:
                yield {"url": f"https://n.example/{i}.jpg", "body": blob, "content_type": "image/jpeg"}

    write_warc(path, pages())
    tracemalloc.start()
    stats = WarcStats()
    count = sum(1 for _ in iter_warc(path, stats=stats))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 10 and stats.skipped["not HTML"] == 390
    raw = 400 * len(blob)
    assert peak < raw / 5, (peak, raw)


def test_cli_ingests_warc(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    path = tmp_path / "cc-news.warc.gz"
    write_warc(path, _pages(3))
    db = tmp_path / "w.db"
    res = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db), "--no-nlp", "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert summary["inserted"] == 4 and summary["failed"] == 0
    res = CliRunner().invoke(app, ["articles", "--db", str(db), "--json"])
    urls = {r["url"] for r in json.loads(res.stdout)}
    assert "https://news.example/0" in urls
