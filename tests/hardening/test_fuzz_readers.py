"""Property tests for the readers: malformed HTML, JSON Lines, gzip, WARC, feeds, bombs.

Each input must give Articles and one-line ``ReaderError``s only (never an exception, never the
readers' "unexpected …" safety net), within the per-document budget, in bounded memory, with a
text that can be stored (no lone surrogates, no NUL).
"""

from __future__ import annotations

import functools
import gzip
import json
import random
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fuzzlib
from newsgraph.model import Article
from newsgraph.readers import ReaderError, iter_articles

BUDGET = 15.0
FAST = settings(max_examples=15, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
seeds = st.integers(0, 2**32)


def read_all(path, **kw) -> list:
    with fuzzlib.budget(BUDGET):
        items = list(iter_articles([path], **kw))
    for it in items:
        assert isinstance(it, (Article, ReaderError)), it
        if isinstance(it, ReaderError):
            assert it.path and "\n" not in it.reason, it
            assert not it.reason.startswith("unexpected "), f"a reader bug hit the safety net: {it}"
        else:
            assert it.text.strip()
            it.text.encode("utf-8")  # no lone surrogates
            assert "\x00" not in it.text
            assert len(it.hash) == 64
    return items


@FAST
@given(seed=seeds)
def test_adversarial_html(tmp_path_factory, seed):
    p = tmp_path_factory.mktemp("h") / "page.html"
    p.write_bytes(fuzzlib.adversarial_html(random.Random(seed)))
    assert len(read_all(p)) == 1


@FAST
@given(data=st.binary(max_size=3000))
def test_random_bytes_as_every_kind(tmp_path_factory, data):
    d = tmp_path_factory.mktemp("b")
    for name in ("x.html", "x.txt", "x.jsonl", "x.txt.gz", "x.warc", "x.warc.gz", "x.unknown"):
        (d / name).write_bytes(data)
        read_all(d / name)


@FAST
@given(seed=seeds)
def test_adversarial_jsonl_one_result_per_line(tmp_path_factory, seed):
    data = fuzzlib.adversarial_jsonl(random.Random(seed))
    p = tmp_path_factory.mktemp("j") / "in.jsonl"
    p.write_bytes(data)
    items = read_all(p)
    lines = [ln for ln in data.decode("utf-8", "surrogatepass").splitlines() if ln.strip()]
    if any(isinstance(i, ReaderError) and i.line is None for i in items):
        return  # a file-level error (undecodable bytes): one error for the file
    assert len(items) == len(lines)
    assert [getattr(i, "line", None) or int(i.source_path.rsplit(":", 1)[1]) for i in items] == \
        [n for n, ln in enumerate(data.decode("utf-8", "surrogatepass").splitlines(), 1) if ln.strip()]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
    max_leaves=12)


@FAST
@given(records=st.lists(st.dictionaries(st.sampled_from(["text", "id", "title", "published", "url", "authors",
                                                           "site", "language", "date", "lang"]),
                                         json_values | st.text(), max_size=8), min_size=1, max_size=6))
def test_jsonl_records_of_any_shape(tmp_path_factory, records):
    p = tmp_path_factory.mktemp("r") / "in.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    assert len(read_all(p)) == len(records)


def test_jsonl_bad_unicode_and_nesting_cost_one_line(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text('{"text": "bad \\ud800 surrogate"}\n' + "[" * 100_000 + "\n"
                 + '{"text": "nul \\u0000 inside", "title": "t\\udfff"}\n{"text": "Fine text."}\n')
    items = read_all(p)
    assert [type(i).__name__ for i in items] == ["ReaderError", "ReaderError", "Article", "Article"]
    assert "surrogate" in items[0].reason and items[0].line == 1
    assert "nested too deeply" in items[1].reason and items[1].line == 2
    assert items[2].text == "nul \ufffd inside" and items[2].title == "t\ufffd"


@FAST
@given(seed=seeds, inner=st.sampled_from(["txt", "html", "jsonl"]))
def test_truncated_and_corrupt_gzip(tmp_path_factory, seed, inner):
    rng = random.Random(seed)
    payload = {"txt": lambda: fuzzlib.quote_text(rng).encode(), "html": lambda: fuzzlib.adversarial_html(rng),
               "jsonl": lambda: fuzzlib.adversarial_jsonl(rng)}[inner]()
    p = tmp_path_factory.mktemp("g") / f"in.{inner}.gz"
    p.write_bytes(fuzzlib.corrupt_gzip(rng, payload))
    read_all(p)


@FAST
@given(seed=seeds, gz=st.booleans())
def test_damaged_warc(tmp_path_factory, seed, gz):
    p = tmp_path_factory.mktemp("w") / ("in.warc.gz" if gz else "in.warc")
    fuzzlib.warc_bytes(random.Random(seed), p)
    read_all(p)


@functools.lru_cache(maxsize=1)
def _bomb() -> bytes:
    return fuzzlib.gzip_bomb(48 * 1024 * 1024)


@pytest.mark.parametrize("name", ["bomb.txt.gz", "bomb.html.gz", "bomb.jsonl.gz", "bomb.txt"])
def test_gzip_bomb_is_refused_in_bounded_memory(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(_bomb())  # 48 MB of spaces in ~50 KB, 24 times the limit
    tracemalloc.start()
    try:
        items = read_all(p, max_bytes=2 * 1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(items) == 1 and isinstance(items[0], ReaderError) and "limit" in items[0].reason
    assert peak < 16 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB"


def test_gzip_page_inside_html_and_warc_is_bounded(tmp_path):
    """A payload that is itself gzip (a WARC record, a feed item served without Content-Encoding)
    used to be gunzipped without limit by decode_html."""
    from newsgraph.readers.html import decode_html
    from newsgraph.readers.warc import write_warc

    bomb = _bomb()
    tracemalloc.start()
    try:
        with pytest.raises(ReaderError, match="limit"):
            decode_html(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 60 * 1024 * 1024
    write_warc(tmp_path / "b.warc.gz", [{"url": "https://x.test/1", "body": bomb},
                                        {"url": "https://x.test/2", "body": "<html><body><p>Ok page.</p></body></html>"}])
    items = read_all(tmp_path / "b.warc.gz")
    assert [type(i).__name__ for i in items] == ["Article"]
    with pytest.raises(ReaderError, match="truncated|corrupt"):
        decode_html(gzip.compress(b"<p>x</p>")[:-9])


def test_nul_after_the_binary_sniff_is_not_stored(tmp_path):
    (tmp_path / "a.txt").write_text("Start of a story.\n\n" + "word " * 3000 + "\x00 end.")
    (tmp_path / "a.html").write_text("<html><body><article><p>" + "word " * 3000 + "\x00 end.</p></article></body></html>")
    assert all(isinstance(i, Article) for i in read_all(tmp_path))


# ------------------------------------------------------------------ feeds

@pytest.fixture(scope="module")
def feed_store(tmp_path_factory):
    from newsgraph.store import open_store

    store = open_store(tmp_path_factory.mktemp("feeds") / "f.db")
    yield store
    store.close()


def _poll(tmp_path, data: bytes, store, **kw):
    import httpx

    from newsgraph.feeds import FetchSettings, Fetcher, poll

    page = "<html><body><article><p>\u201cWe will not,\u201d the minister said.</p></article></body></html>"
    transport = httpx.MockTransport(lambda r: httpx.Response(200, text=page, headers={"content-type": "text/html"}))
    (tmp_path / "feed.xml").write_bytes(data)
    with Fetcher(FetchSettings(**{"per_host_delay": 0, "retries": 0, "max_items": 3, **kw}), transport=transport) as f:
        with fuzzlib.budget(BUDGET):
            return poll(f, [str(tmp_path / "feed.xml")], store)


@settings(FAST, max_examples=8)
@given(seed=seeds)
def test_adversarial_feeds(tmp_path_factory, feed_store, seed):
    summary, arts = _poll(tmp_path_factory.mktemp("f"), fuzzlib.adversarial_feed(random.Random(seed), items=100),
                          feed_store)
    assert all("\n" not in f.reason for f in summary.failures)
    assert all(a.url and a.url.startswith("http") for a in arts)


def test_feed_links_that_are_not_http_are_not_fetched(tmp_path, feed_store):
    links = ["javascript:alert(1)", "file:///etc/passwd", "/relative", "http://[::1", "http://", "https://x.test/ok"]
    items = "".join(f"<item><title>t</title><link>{x}</link></item>" for x in links)
    doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()
    summary, arts = _poll(tmp_path, doc, feed_store, max_items=10)
    assert [a.url for a in arts] == ["https://x.test/ok"]
    assert summary.failed == len(links) - 1


def test_real_fetcher_refuses_bad_urls_without_retrying():
    import time

    from newsgraph.feeds import FetchError, FetchSettings, Fetcher

    with Fetcher(FetchSettings(per_host_delay=0, retries=3, backoff=2.0)) as f:
        for url in ("file:///etc/passwd", "javascript:x", "http://[::1", "/x"):
            t0 = time.monotonic()
            with pytest.raises(FetchError):
                f.get(url)
            assert time.monotonic() - t0 < 1.0, url  # no backoff sleeps on a URL that can never work


def test_huge_feed_is_refused_quickly(tmp_path, feed_store):
    big = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
           + b"<item><title>x</title><link>http://x.test/a</link></item>" * 20_000 + b"</channel></rss>")
    summary, arts = _poll(tmp_path, big, feed_store, max_feed_bytes=1_000_000)
    assert not arts and summary.failed == 1 and "larger" in summary.failures[0].reason


def test_feed_with_entity_declarations_is_refused_at_once(tmp_path, feed_store):
    """"Billion laughs": expat stops it, but only after seconds of expansion per poll."""
    import time

    ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{"&a%d;" % (i - 1) * 10}">' for i in range(1, 10))
    doc = (f'<?xml version="1.0"?><!DOCTYPE rss [{ents}]><rss version="2.0"><channel><title>&a9;</title>'
           "<item><title>&a9;</title><link>http://x.test/1</link></item></channel></rss>").encode()
    t0 = time.monotonic()
    summary, arts = _poll(tmp_path, doc, feed_store)
    assert not arts and "entities" in summary.failures[0].reason
    assert time.monotonic() - t0 < 2.0
