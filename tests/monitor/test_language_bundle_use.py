"""The narratives' stop words and PostgreSQL's full-text configuration come from the language
bundle (issue 18: a second language is a data file, not edits in the store and the monitor)."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

from sqlalchemy import text

from newsgraph import languages
from newsgraph.monitor import narratives

# invented statements
TEXTS = ["The convoy of trucks crossed the bridge at dawn.", "Trucks of the convoy crossed the river bridge.",
         "A choir sang in the square of the old town."]


def test_english_bundle_names_scikit_learns_list():
    assert languages.bundle("en").stop_words == "english"
    _, words, _ = narratives.vectorise(TEXTS)
    vocab = set(words.vocabulary_)
    assert "convoy" in vocab and "the" not in vocab and "of" not in vocab


def test_narratives_read_the_stop_words_from_the_bundle(monkeypatch):
    mine = replace(languages.bundle("en"), stop_words=("convoy", "trucks"))
    monkeypatch.setattr(narratives, "bundle", lambda code=languages.DEFAULT: mine)
    _, words, _ = narratives.vectorise(TEXTS)
    vocab = set(words.vocabulary_)
    assert "convoy" not in vocab and "trucks" not in vocab and "the" in vocab
    monkeypatch.setattr(narratives, "bundle", lambda code=languages.DEFAULT: replace(mine, stop_words=()))
    assert "the" in narratives.vectorise(TEXTS)[1].vocabulary_


def _pg_schema_url():
    spec = importlib.util.spec_from_file_location("pg_helpers", Path(__file__).parents[1] / "api" / "pg_helpers.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.pg_schema_url()


def _generation(engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.execute(text(
            "SELECT table_name, generation_expression FROM information_schema.columns "
            "WHERE column_name = 'tsv' AND table_schema = current_schema()")).all())


def test_postgresql_full_text_columns_use_the_bundles_configuration(monkeypatch):
    from newsgraph.store import open_store, schema

    admin, name, url = _pg_schema_url()
    try:
        store = open_store(url)
        got = _generation(store.engine)
        store.close()
        assert set(got) == {"articles", "quotes"} and all("'english'::regconfig" in g for g in got.values())
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        simple = replace(languages.bundle("en"), text_search="simple")
        monkeypatch.setattr(schema, "bundle", lambda code=languages.DEFAULT: simple)
        store = open_store(url)
        got = _generation(store.engine)
        store.close()
        assert all("'simple'::regconfig" in g and "english" not in g for g in got.values())
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        admin.dispose()
