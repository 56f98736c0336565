"""Dispatch by kind, gzip, directories, and every kind of bad input."""

import gzip
import json

from newsgraph.model import Article
from newsgraph.readers import ReaderError, iter_articles, kind_of

ARTICLE = "Friday, March 7, 2025\n\nTalks resume in Geneva\n\nDiplomats from both sides met in Geneva on Friday."


def _read(*paths, **kw):
    return list(iter_articles([str(p) for p in paths], **kw))


def test_kind_of(tmp_path):
    assert kind_of(tmp_path / "a.txt") == ("text", False)
    assert kind_of(tmp_path / "a.HTML.gz") == ("html", True)
    assert kind_of(tmp_path / "a.jsonl.gz") == ("jsonl", True)
    assert kind_of(tmp_path / "a.md") == (None, False)


def test_gzip_text(tmp_path):
    p = tmp_path / "a.txt.gz"
    p.write_bytes(gzip.compress(ARTICLE.encode()))
    (art,) = _read(p)
    assert art.title == "Talks resume in Geneva" and art.published == "2025-03-07"


def test_gzip_jsonl(tmp_path):
    p = tmp_path / "a.jsonl.gz"
    p.write_bytes(gzip.compress((json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."})).encode()))
    assert [a.text for a in _read(p)] == ["One.", "Two."]


def test_directory_recursive_and_ordered(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(ARTICLE)
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE.replace("Geneva", "Vienna"))
    (tmp_path / "notes.md").write_text("# not an article")
    (tmp_path / ".hidden.txt").write_text("hidden")
    out = _read(tmp_path)
    assert all(isinstance(a, Article) for a in out)
    assert [a.source_path.split("/")[-1] for a in out] == ["b.txt", "a.txt"]


def test_bad_inputs_each_reported_batch_continues(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 talks in Gen\xe8ve went on until late at night.".encode("latin-1"))
    good = gzip.compress(ARTICLE.encode())
    (tmp_path / "trunc.txt.gz").write_bytes(good[: len(good) // 2])
    (tmp_path / "notgz.txt.gz").write_bytes(b"this is not gzip at all")
    (tmp_path / "big.txt").write_text("word " * 5000)
    (tmp_path / "furniture.txt").write_text("Share this:\n")
    (tmp_path / "zgood.txt").write_text(ARTICLE)
    out = {r.path.split("/")[-1] if isinstance(r, ReaderError) else r.source_path.split("/")[-1]: r
           for r in _read(tmp_path, max_bytes=10_000)}
    assert isinstance(out["zgood.txt"], Article)
    assert isinstance(out["latin.txt"], Article) and "Café" in out["latin.txt"].text
    reasons = {k: v.reason for k, v in out.items() if isinstance(v, ReaderError)}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "truncated" in reasons["trunc.txt.gz"] or "corrupt" in reasons["trunc.txt.gz"]
    assert "gzip" in reasons["notgz.txt.gz"]
    assert "limit" in reasons["big.txt"]
    assert set(reasons) == {"empty.txt", "binary.txt", "trunc.txt.gz", "notgz.txt.gz", "big.txt"}


def test_decompression_bomb_is_limited(tmp_path):
    p = tmp_path / "bomb.txt.gz"
    p.write_bytes(gzip.compress(b"a" * 5_000_000))
    (err,) = _read(p, max_bytes=100_000)
    assert isinstance(err, ReaderError) and "limit" in err.reason


def test_missing_path(tmp_path):
    (err,) = _read(tmp_path / "nope.txt")
    assert "no such file" in err.reason


def test_non_english_flagged(tmp_path):
    p = tmp_path / "fr.txt"
    p.write_text("Le gouvernement a annoncé mardi une nouvelle série de mesures pour la région frontalière.")
    (art,) = _read(p)
    assert art.language == "fr"
