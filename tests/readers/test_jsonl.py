import io
import json

from newsgraph.model import Article
from newsgraph.readers import ReaderError, iter_articles
from newsgraph.readers.jsonl import read_jsonl_lines


def test_verbatim_text_and_metadata():
    text = "  Leading spaces\u00a0kept.\n\nSecond \"para\".  "
    line = json.dumps({"id": "a1", "title": "T", "published": "2025-03-04T10:00:00Z", "url": "https://x.test/a",
                       "authors": ["Ann Lee"], "text": text})
    (art,) = list(read_jsonl_lines([line], source_path="f.jsonl"))
    assert isinstance(art, Article)
    assert art.text == text  # not cleaned: offsets index the given text
    assert art.id == "a1" and art.title == "T" and art.published == "2025-03-04"
    assert art.authors == ["Ann Lee"] and art.url == "https://x.test/a"
    assert art.source_path == "f.jsonl:1"


def test_bad_lines_do_not_stop_the_file():
    lines = [
        json.dumps({"text": "Good one about the summit in Astana."}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "   "}),
        "",
        json.dumps({"text": "Another good one.", "authors": "Single Author"}),
    ]
    out = list(read_jsonl_lines(lines, source_path="f.jsonl"))
    good = [x for x in out if isinstance(x, Article)]
    bad = [x for x in out if isinstance(x, ReaderError)]
    assert len(good) == 2 and good[1].authors == ["Single Author"]
    assert [b.line for b in bad] == [2, 3, 4, 5]
    assert "malformed JSON" in bad[0].reason
    assert "text" in bad[1].reason
    assert str(bad[0]).startswith("f.jsonl:2: ")


def test_stdin():
    stdin = io.StringIO(json.dumps({"text": "From standard input: the government in Bishkek announced new measures on Tuesday."}) + "\n")
    (art,) = list(iter_articles(["-"], stdin=stdin))
    assert art.text.startswith("From standard input") and art.language == "en"
    assert art.source_path == "<stdin>:1"


def test_empty_jsonl_file(tmp_path):
    p = tmp_path / "e.jsonl"
    p.write_text("\n\n")
    (err,) = list(iter_articles([p]))
    assert isinstance(err, ReaderError) and "empty" in err.reason


def test_declared_language_is_kept():
    lines = [json.dumps({"text": "Short.", "language": "EN-gb"}),
             json.dumps({"text": "Le gouvernement a annoncé mardi une nouvelle série de mesures.", "lang": "fr"}),
             json.dumps({"text": "The government in Bishkek announced new measures on Tuesday.", "language": "??"})]
    arts = list(iter_articles(["-"], stdin=io.StringIO("\n".join(lines))))
    assert [a.language for a in arts] == ["en", "fr", "en"]  # the last one is detected
