"""Progress bars for long runs (issue 17): ``newsgraph eval ...`` and ``load-shards`` show a click
progress bar on stderr when it is a terminal, and nothing otherwise; the figures are the same."""

from __future__ import annotations

import gzip
import json

from typer.testing import CliRunner

from newsgraph import cli_options
from newsgraph.cli import app
from newsgraph.eval import progress
from newsgraph.model import AnalyzedArticle, Article
from newsgraph.shards import Manifest, write_shard
from newsgraph.store import open_store


def test_track_is_the_items_themselves_without_a_bar():
    items = [1, 2, 3]
    assert progress.track(items, 3, "things") is items


def test_track_advances_the_installed_bar():
    seen = []

    class Bar:
        def __init__(self, label, total):
            seen.append(("open", label, total))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            seen.append(("close",))

        def update(self, n):
            seen.append(("step", n))

    with progress.reporting(Bar):
        assert list(progress.track(iter("abc"), 3, "letters")) == ["a", "b", "c"]
    assert seen == [("open", "letters", 3), ("step", 1), ("step", 1), ("step", 1), ("close",)]
    assert progress.track([1], 1, "after") == [1]  # the reporter is gone after the block


def _aeb(tmp_path):
    """A two-page benchmark folder of invented pages."""
    root = tmp_path / "aeb"
    (root / "html").mkdir(parents=True)
    gold = {}
    for i, body in enumerate(["The ferry to the island runs twice a day in summer and once in winter.",
                              "A new reading room opened in the library on the hill last Monday."]):
        page = (f"<html><head><title>Page {i}</title></head><body><article><h1>Page {i}</h1>"
                f"<p>{body}</p></article></body></html>")
        (root / "html" / f"p{i}.html.gz").write_bytes(gzip.compress(page.encode()))
        gold[f"p{i}"] = {"articleBody": body}
    (root / "ground-truth.json").write_text(json.dumps(gold), encoding="utf-8")
    return root


def _figures(out: str) -> dict:
    r = json.loads(out)
    return {k: r[k] for k in ("pages", "precision", "recall", "f1", "accuracy")}


def test_eval_shows_a_bar_on_a_terminal_only(tmp_path, monkeypatch):
    aeb = _aeb(tmp_path)
    plain = CliRunner().invoke(app, ["eval", "extraction", "--aeb", str(aeb), "--json"])
    assert plain.exit_code == 0, plain.output
    assert "scoring" not in plain.stderr
    monkeypatch.setattr(cli_options, "_stderr_is_terminal", lambda: True)
    shown = CliRunner().invoke(app, ["eval", "extraction", "--aeb", str(aeb), "--json"])
    assert shown.exit_code == 0, shown.output
    assert "scoring pages" in shown.stderr  # click writes the label where the stream is no real terminal
    assert _figures(shown.stdout) == _figures(plain.stdout) and _figures(plain.stdout)["pages"] == 2


def _shards(tmp_path):
    d = tmp_path / "shards"
    m = Manifest.open(d, nlp=False, model=None)
    for seq in range(2):
        items = [AnalyzedArticle(article=Article(text=f"Shard {seq} note {k}: the market opened late.",
                                                 id=f"s{seq}-{k}", published="2025-05-01")) for k in range(3)]
        e = write_shard(d, f"unit-{seq:06d}", items)
        m.add(seq, {"id": f"u{seq}", **e})
    m.complete = True
    m.save()
    return d


def test_load_shards_shows_a_bar_on_a_terminal(tmp_path, monkeypatch):
    d = _shards(tmp_path)
    plain = CliRunner().invoke(app, ["load-shards", str(d), "--db", str(tmp_path / "a.db"), "--json"])
    assert plain.exit_code == 0, plain.output
    assert "loading articles" not in plain.stderr and json.loads(plain.stdout)["inserted"] == 6
    monkeypatch.setattr(cli_options, "_stderr_is_terminal", lambda: True)
    shown = CliRunner().invoke(app, ["load-shards", str(d), "--db", str(tmp_path / "b.db"), "--json"])
    assert shown.exit_code == 0, shown.output
    assert "loading articles" in shown.stderr and json.loads(shown.stdout)["inserted"] == 6


def test_store_on_write_hook(tmp_path):
    store = open_store(tmp_path / "h.db")
    calls = []
    store.on_write = lambda n, res: calls.append((n, res.inserted))
    store.write(iter([AnalyzedArticle(article=Article(text="One short invented line.", id="x"))]))
    store.write([AnalyzedArticle(article=Article(text="One short invented line.", id="x"))])
    store.close()
    assert calls == [(1, 1), (1, 0)]


def test_fetch_counts_written_articles_on_a_bar(tmp_path, monkeypatch):
    """``fetch`` shows a spinner with the articles written (the store's on_write hook) while it runs,
    and leaves the hook unset afterwards; its summary is the same with or without the bar."""
    from newsgraph import feeds
    from newsgraph.feeds import FetchSummary

    hooks = []

    def fake_fetch(sources, store, **kw):
        hooks.append(store.on_write)
        store.write([AnalyzedArticle(article=Article(text=f"The council met on day {i} to plan the new bridge.",
                                                     id=f"f{i}")) for i in range(3)])
        return FetchSummary(inserted=3)

    monkeypatch.setattr(feeds, "fetch", fake_fetch)
    monkeypatch.setattr(cli_options, "_stderr_is_terminal", lambda: True)
    r = CliRunner().invoke(app, ["fetch", "https://feeds.invalid/a.xml", "--db", str(tmp_path / "f.db"), "--json"])
    assert r.exit_code == 0, r.output
    assert hooks and callable(hooks[0]) and json.loads(r.stdout)["inserted"] == 3
    s = open_store(tmp_path / "f.db")
    with s.engine.connect() as conn:
        assert s.on_write is None and conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() == 3
    s.close()
