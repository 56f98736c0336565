"""Actor.country_basis in the database (migration 10): the writer stores it in actors.country_basis,
the read layer returns it (actor list, profile, article), the desk writes "(from the article)" after
such a country, and an older database gets the column (null for the actors stored before). The same
on PostgreSQL when a server answers."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import text

from newsgraph.model import Actor, AnalyzedArticle, Article, Entity
from newsgraph.store import SCHEMA_VERSION, open_store, read
from newsgraph.store.schema import migrate

# invented: a farmer the text does not place, on a page whose one clear country is Kyrgyzstan,
# and a minister whose country the dictionaries give
BODY = "Talant Osmonbekov, a melon grower, waited at the gate. Minister Ainura Sadykbaeva came later."


def _article() -> AnalyzedArticle:
    grower = Actor(text="Talant Osmonbekov", country="KGZ", name="Talant Osmonbekov", kind="person",
                   id="person:talant_osmonbekov", start=0, end=17, country_basis="article")
    minister = Actor(text="Ainura Sadykbaeva", code="KGZGOV", country="KGZ", sector="GOV",
                     name="Ainura Sadykbaeva", kind="person", id="person:ainura_sadykbaeva",
                     start=BODY.index("Ainura"), end=BODY.index("Ainura") + 17, title="Minister")
    return AnalyzedArticle(
        article=Article(text=BODY, title="At the gate", published="2026-06-02"),
        entities=[Entity(text=a.text, label="PERSON", start=a.start, end=a.end, actor=a) for a in (grower, minister)],
        actors=[grower, minister])


def _check_read_layer(engine) -> None:
    got = {a["id"]: a["country_basis"] for a in read.list_actors(engine).items}
    assert got == {"person:talant_osmonbekov": "article", "person:ainura_sadykbaeva": None}
    assert read.get_actor(engine, "person:talant_osmonbekov")["country_basis"] == "article"
    art = read.list_articles(engine).items[0]
    arts = {a["id"]: a["country_basis"] for a in read.get_article(engine, art["key"])["actors"]}
    assert arts["person:talant_osmonbekov"] == "article" and arts["person:ainura_sadykbaeva"] is None


def test_writer_stores_and_the_read_layer_returns_country_basis(tmp_path):
    store = open_store(tmp_path / "b.db")
    try:
        assert store.schema_version == SCHEMA_VERSION >= 10
        store.write([_article()])
        _check_read_layer(store.engine)
    finally:
        store.close()


def test_migration_adds_the_column_to_an_older_database(tmp_path):
    store = open_store(tmp_path / "b.db")
    try:
        store.write([_article()])
        with store.engine.begin() as conn:  # back to a version-9 database
            conn.exec_driver_sql("ALTER TABLE actors DROP COLUMN country_basis")
            conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version = 10")
        assert migrate(store.engine) == [10]
        with store.engine.connect() as conn:
            assert [r[0] for r in conn.execute(text("SELECT country_basis FROM actors"))] == [None, None]
        assert migrate(store.engine) == []
    finally:
        store.close()


def test_the_desk_says_the_country_is_the_articles(tmp_path):
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    store = open_store(tmp_path / "b.db")
    try:
        store.write([_article()])
    finally:
        store.close()
    client = TestClient(create_app(str(tmp_path / "b.db")))
    page = client.get("/actors/person:talant_osmonbekov").text
    assert "Kyrgyzstan (from the article)" in page
    assert "(from the article)" not in client.get("/actors/person:ainura_sadykbaeva").text
    listing = client.get("/actors").text
    assert listing.count("(from the article)") == 1
    assert client.get("/api/v1/actors/person:talant_osmonbekov").json()["country_basis"] == "article"


def _pg_schema_url():
    spec = importlib.util.spec_from_file_location("pg_helpers", Path(__file__).parents[1] / "api" / "pg_helpers.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.pg_schema_url()


def test_country_basis_on_postgresql():
    admin, schema, url = _pg_schema_url()
    store = open_store(url)
    try:
        assert store.schema_version == SCHEMA_VERSION
        store.write([_article()])
        _check_read_layer(store.engine)
    finally:
        store.close()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_the_cli_profile_says_so(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    store = open_store(tmp_path / "b.db")
    try:
        store.write([_article()])
    finally:
        store.close()
    out = CliRunner().invoke(app, ["actor", "Osmonbekov", "--db", str(tmp_path / "b.db")]).output
    assert "country: KGZ (from the article)" in out
    out = CliRunner().invoke(app, ["actor", "Sadykbaeva", "--db", str(tmp_path / "b.db")]).output
    assert "country: KGZ\n" in out
