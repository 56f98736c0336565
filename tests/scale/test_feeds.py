"""Feeds against a local HTTP server on 127.0.0.1: new items fetched and ingested once,
timeouts, size limits, retries with backoff, per-host pacing, User-Agent, CLI."""

import json
import time

import pytest

pytest.importorskip("feedparser")
pytest.importorskip("httpx")

from newsgraph.feeds import (  # noqa: E402
    FetchError, Fetcher, FetchSettings, expand_sources, fetch, parse_interval, watch,
)
from newsgraph.store import open_store  # noqa: E402
from newsgraph.store.queries import search_articles, stats  # noqa: E402

FAST = dict(per_host_delay=0.0, backoff=0.01, timeout=2.0)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "f.db")
    yield s
    s.close()


def _feed(site, n=3, path="/feed.xml", etag=None):
    links = [(f"Dam story {i}", site.add_article(f"/news/{i}", f"Dam story {i}", seed=i)) for i in range(n)]
    return site.add_feed(path, links, etag=etag)


def test_fetch_ingests_new_items_once(site, store):
    feed = _feed(site)
    s1 = fetch([feed], store, settings=FetchSettings(**FAST), nlp=False)
    assert (s1.feeds, s1.items, s1.fetched, s1.inserted, s1.failed) == (1, 3, 3, 3, 0)
    rows = search_articles(store.engine, None)
    assert {r["url"] for r in rows} == {f"{site.base}/news/{i}" for i in range(3)}
    assert {r["title"] for r in rows} == {f"Dam story {i}" for i in range(3)}
    # a second poll: every link is known, no page is downloaded again
    before = len(site.requests)
    s2 = fetch([feed], store, settings=FetchSettings(**FAST), nlp=False)
    assert (s2.items, s2.known, s2.fetched, s2.inserted) == (3, 3, 0, 0)
    assert [r[1] for r in site.requests[before:]] == ["/feed.xml"]


def test_user_agent_and_per_host_pacing(site, store):
    feed = _feed(site, n=3)
    settings = FetchSettings(per_host_delay=0.2, backoff=0.01, timeout=2.0, user_agent="newsgraph-test/1 (+me)")
    fetch([feed], store, settings=settings, nlp=False)
    times = [t for t, _, _ in site.requests]
    assert len(times) == 4
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.18, gaps
    assert all(h.get("User-Agent") == "newsgraph-test/1 (+me)" for _, _, h in site.requests)
    assert FetchSettings().user_agent.startswith("newsgraph/")


def test_retries_with_backoff_then_success(site):
    url = site.add_article("/flaky", "Flaky", seed=3)
    site.fail_first["/flaky"] = 2
    with Fetcher(FetchSettings(per_host_delay=0, backoff=0.05, retries=3)) as f:
        t0 = time.monotonic()
        r = f.get(url)
        took = time.monotonic() - t0
    assert r.status == 200 and len(site.hits("/flaky")) == 3
    assert took >= 0.05 + 0.1 - 0.01  # backoff doubled: 0.05 then 0.1


def test_gives_up_after_retries(site):
    site.add("/down", "x")
    site.fail_first["/down"] = 99
    with Fetcher(FetchSettings(per_host_delay=0, backoff=0.01, retries=2)) as f:
        with pytest.raises(FetchError, match=r"HTTP 503 \(gave up after 3 tries\)"):
            f.get(site.base + "/down")
    assert len(site.hits("/down")) == 3


def test_timeout_and_size_limit_and_404(site, store):
    slow = site.add_article("/slow", "Slow", seed=4)
    site.delay["/slow"] = 1.5
    big = site.add("/big", "<html><body>" + "<p>word </p>" * 50_000 + "</body></html>")
    links = [("Slow", slow), ("Big", big), ("Missing", site.base + "/missing"),
             ("Good", site.add_article("/good", "Good one", seed=5))]
    feed = site.add_feed("/mixed.xml", links)
    settings = FetchSettings(per_host_delay=0, backoff=0.01, retries=1, timeout=0.5, max_bytes=100_000)
    s = fetch([feed], store, settings=settings, nlp=False)
    reasons = {f.path.rsplit("/", 1)[-1]: f.reason for f in s.failures}
    assert s.inserted == 1 and s.failed == 3
    assert "timed out" in reasons["slow"]
    assert "larger than the limit" in reasons["big"]
    assert reasons["missing"] == "HTTP 404"


def test_conditional_get_and_watch_rounds(site, store):
    feed = _feed(site, n=2, etag='"v1"')
    rounds = []
    total = watch([feed], store, every=0.01, rounds=3, settings=FetchSettings(**FAST), nlp=False,
                  on_round=lambda n, s: rounds.append((n, s.unchanged, s.inserted)))
    assert rounds == [(1, 0, 2), (2, 1, 0), (3, 1, 0)]
    assert total.inserted == 2 and stats(store.engine)["articles"] == 2
    feed_hits = site.hits("/feed.xml")
    assert feed_hits[1][2].get("If-None-Match") == '"v1"'


def test_watch_picks_up_new_items(site, store):
    feed = _feed(site, n=1)
    polls = []

    def between(_secs):  # the feed grows between two polls
        site.add_feed("/feed.xml", [("Dam story 0", f"{site.base}/news/0"),
                                    ("Late", site.add_article("/news/late", "Late news", seed=42))])

    total = watch([feed], store, every=5, rounds=2, settings=FetchSettings(**FAST), nlp=False,
                  sleep=between, on_round=lambda n, s: polls.append(s.inserted))
    assert polls == [1, 1] and total.inserted == 2


def test_page_url_and_files_as_sources(site, store, tmp_path):
    page = site.add_article("/direct", "Direct page", seed=9)
    feed = _feed(site, n=1)
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# my feeds\n{feed}\n\n{page}  # a page\n")
    local = tmp_path / "local.xml"
    local.write_bytes(site.pages["/feed.xml"][2])
    assert expand_sources([str(listing), str(local)]) == [feed, page, str(local)]
    with pytest.raises(ValueError):
        expand_sources(["not-a-file-or-url"])
    s = fetch(expand_sources([str(listing), str(local)]), store, settings=FetchSettings(**FAST), nlp=False)
    assert s.inserted == 2 and s.known == 1 and s.failed == 0


def test_not_a_feed(site, store):
    url = site.add("/broken.xml", "<?xml version='1.0'?><nothing", "application/xml")
    s = fetch([url], store, settings=FetchSettings(**FAST), nlp=False)
    assert s.failed == 1 and "not a feed" in s.failures[0].reason


def test_intervals():
    assert parse_interval("10m") == 600 and parse_interval("30s") == 30 and parse_interval("1h") == 3600
    assert parse_interval("45") == 45
    for bad in ("soon", "0", "-1m"):
        with pytest.raises(ValueError):
            parse_interval(bad)


def test_cli_fetch_and_watch(site, tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    feed = _feed(site, n=2)
    db = str(tmp_path / "cli.db")
    r = CliRunner().invoke(app, ["fetch", feed, "--db", db, "--no-nlp", "--delay", "0", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["inserted"] == 2
    r = CliRunner().invoke(app, ["watch", feed, "--db", db, "--no-nlp", "--delay", "0", "--every", "1s",
                                 "--rounds", "2"])
    assert r.exit_code == 0, r.output
    assert "round 2:" in r.output
    r = CliRunner().invoke(app, ["watch", feed, "--db", db, "--every", "soon"])
    assert r.exit_code == 2
    r = CliRunner().invoke(app, ["fetch", site.base + "/missing.xml", "--db", db, "--delay", "0",
                                 "--timeout", "1"])
    assert r.exit_code == 1 and "HTTP 404" in r.output


def test_a_poll_that_stores_refreshes_the_monitor(site, store):
    """fetch/watch go through the one ingest path: a poll that stores articles brings the monitor's
    daily series up to date, a poll that stores nothing leaves them."""
    feed = _feed(site, n=2)
    s1 = fetch([feed], store, settings=FetchSettings(**FAST), nlp=False)
    assert s1.inserted == 2 and s1.monitor is not None and s1.monitor["skipped"] is False
    s2 = fetch([feed], store, settings=FetchSettings(**FAST), nlp=False)
    assert s2.inserted == 0 and s2.monitor is None
