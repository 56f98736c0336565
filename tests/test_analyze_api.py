"""analyze_text and analyze_file take one kind of input each and return one type each; analyze
keeps its documented uses (a text, a path or an Article; all=True for every article of a file)."""

from __future__ import annotations

import json

import pytest

import newsgraph
from newsgraph.model import AnalyzedArticle, Article
from newsgraph.readers import ReaderError


def test_analyze_text_never_reads_a_file(tmp_path, monkeypatch):
    (tmp_path / "notes.txt").write_text("A file body that must not be read.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = newsgraph.analyze_text("notes.txt", nlp=False)
    assert isinstance(r, AnalyzedArticle) and r.article.text == "notes.txt"
    assert newsgraph.analyze("notes.txt", nlp=False).article.text.startswith("A file body")  # analyze guesses
    art = Article(text="The mayor opened a bridge on Friday.", language="en")
    assert newsgraph.analyze_text(art, nlp=False).article is art
    with pytest.raises(ReaderError):
        newsgraph.analyze_text("   ", nlp=False)
    with pytest.raises(TypeError):
        newsgraph.analyze_text(42, nlp=False)


def test_analyze_file_returns_every_article(tmp_path):
    rows = [{"id": "r1", "text": "The council met on Monday to discuss the budget."},
            {"id": "r2", "text": "Farmers asked the ministry for more water this spring."}]
    path = tmp_path / "two.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = newsgraph.analyze_file(path, nlp=False)
    assert [x.article.id for x in out] == ["r1", "r2"] and all(x.article.language for x in out)
    assert [x.article.id for x in newsgraph.analyze(str(path), nlp=False, all=True)] == ["r1", "r2"]
    assert newsgraph.analyze(path, nlp=False).article.id == "r1"
    with pytest.raises(ReaderError):
        newsgraph.analyze_file(tmp_path / "missing.txt", nlp=False)
