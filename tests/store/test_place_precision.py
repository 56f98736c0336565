"""Place.precision in the database (migration 9): entities.place_precision and
events.location_precision are written by the writer, read back by the event views, and a version-8
database gets the columns (null for the rows stored before)."""

from sqlalchemy import text

from newsgraph.model import AnalyzedArticle, Article, Entity, Event, Place, Span
from newsgraph.store import open_store, views
from newsgraph.store.schema import migrate

BODY = "Guards fired near the hamlet of Ust-Toru on Friday. Talks opened in Vellmar."


def _article() -> AnalyzedArticle:
    hamlet = Place(text="Ust-Toru", geonameid=1527747, name="Ust-Toru", country="KGZ", latitude=41.5,
                   longitude=74.5, feature_class="P", start=BODY.index("Ust-Toru"), end=BODY.index("Ust-Toru") + 8,
                   precision="country")
    town = Place(text="Vellmar", geonameid=2817537, name="Vellmar", country="DEU", latitude=51.35,
                 longitude=9.47, feature_class="P", precision="city")
    s1 = BODY.index(" Talks")
    return AnalyzedArticle(
        article=Article(text=BODY, title="Shots at the border", published="2026-05-01"),
        entities=[Entity(text="Ust-Toru", label="GPE", start=hamlet.start, end=hamlet.end, place=hamlet)],
        events=[Event(type="ASSAULT", trigger=Span("fired", 7, 12), sentence=Span(BODY[:s1], 0, s1),
                      quad_class=4, goldstein=-9.0, location=hamlet),
                Event(type="CONSULT", trigger=Span("Talks", s1 + 1, s1 + 6), sentence=Span(BODY[s1 + 1:], s1 + 1,
                                                                                          len(BODY)),
                      quad_class=1, goldstein=1.0, location=town)])


def _stored(store):
    with store.engine.connect() as conn:
        ents = [tuple(r) for r in conn.execute(text("SELECT place_name, place_precision FROM entities"))]
        evs = [tuple(r) for r in conn.execute(text("SELECT location_name, location_precision FROM events ORDER BY id"))]
    return ents, evs


def test_writer_stores_the_precision_of_places(tmp_path):
    store = open_store(tmp_path / "p.db")
    try:
        store.write([_article()])
        assert _stored(store) == ([("Ust-Toru", "country")], [("Ust-Toru", "country"), ("Vellmar", "city")])
        got = {e["location_name"]: e["location_precision"] for e in views.list_events(store.engine).items}
        assert got == {"Ust-Toru": "country", "Vellmar": "city"}
    finally:
        store.close()


def test_migration_adds_the_columns_to_an_older_database(tmp_path):
    store = open_store(tmp_path / "p.db")
    try:
        store.write([_article()])
        with store.engine.begin() as conn:  # back to a version-8 database
            conn.exec_driver_sql("ALTER TABLE entities DROP COLUMN place_precision")
            conn.exec_driver_sql("ALTER TABLE events DROP COLUMN location_precision")
            conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version = 9")
        assert migrate(store.engine) == [9]
        assert _stored(store) == ([("Ust-Toru", None)], [("Ust-Toru", None), ("Vellmar", None)])
        assert migrate(store.engine) == []
    finally:
        store.close()
