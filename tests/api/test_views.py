"""store.views building blocks: cursors, keyset order with NULL keys, highlighting, geometry."""

from __future__ import annotations

import pytest

from newsgraph.api import highlight
from newsgraph.model import AnalyzedArticle, Article
from newsgraph.store import open_store
from newsgraph.store import views


def test_cursor_roundtrip_and_tampering():
    c = views.encode_cursor("-date", "2022-01-10", 42)
    assert views.decode_cursor(c, "-date") == ("2022-01-10", 42)
    assert views.decode_cursor(views.encode_cursor("-date", None, 3), "-date") == (None, 3)
    for bad in ("", "x", "!!!", views.encode_cursor("-date", {"a": 1}, 1), views.encode_cursor("-date", 1, True)):
        with pytest.raises(views.ViewError):
            views.decode_cursor(bad, "-date")
    with pytest.raises(views.ViewError):
        views.decode_cursor(c, "date")


def test_keyset_with_null_dates_visits_every_row(tmp_path):
    store = open_store(tmp_path / "n.db")
    arts = [AnalyzedArticle(article=Article(text=f"text number {i}", id=f"k{i}",
                                            published=None if i % 3 == 0 else f"2022-01-{i % 5 + 1:02d}"))
            for i in range(17)]
    store.write(arts)
    for sort in ("-date", "date"):
        seen, cursor = [], None
        while True:
            page = views.list_articles(store.engine, limit=4, cursor=cursor, sort=sort)
            seen += [(r["published"], r["id"]) for r in page.items]
            cursor = page.next_cursor
            if not cursor:
                break
        assert len(seen) == 17 and len(set(seen)) == 17
        dated = [s for s in seen if s[0] is not None]
        assert [s[0] for s in seen[:len(dated)]] == sorted((s[0] for s in dated), reverse=sort == "-date")
        assert all(s[0] is None for s in seen[len(dated):])  # NULLs last in both directions
    store.close()


def test_limits():
    with pytest.raises(views.ViewError):
        views._check_limit(0)
    with pytest.raises(views.ViewError):
        views._check_limit(views.MAX_LIMIT + 1)


def test_date_checks():
    assert views.check_date("2022-01", "since") == "2022-01"
    for bad in ("2022-1-1", "20220101", "2022-02-30", "2022-13"):
        with pytest.raises(views.ViewError):
            views.check_date(bad, "since")
    assert views._until_bound("2022-01") == "2022-01-99"


def test_segments_cover_the_text_exactly():
    from api_records import article_1, hostile_article

    for item in (article_1(), hostile_article()):
        text = item.article.text
        art = {
            "quotes": [dict(id=i + 1, start=q.start, end=q.end, kind=q.kind,
                            cue_start=q.cue.start if q.cue else None, cue_end=q.cue.end if q.cue else None,
                            speaker_start=q.speaker.start if q.speaker else None,
                            speaker_end=q.speaker.end if q.speaker else None) for i, q in enumerate(item.quotes)],
            "events": [dict(id=i + 1, type=e.type, cameo=e.cameo, quad_class=e.quad_class,
                            trigger_start=e.trigger.start, trigger_end=e.trigger.end,
                            sentence_start=e.sentence.start, sentence_end=e.sentence.end)
                       for i, e in enumerate(item.events)],
            "entities": [dict(start=e.start, end=e.end, actor_id=e.actor.id if e.actor else None,
                              place_geonameid=e.place.geonameid if e.place else None) for e in item.entities],
        }
        segs = highlight.segments(text, art, focus_quote=1, focus_event=1)
        assert "".join(s.text for s in segs) == text
        quoted = "".join(s.text for s in segs if s.quote == 1)
        assert quoted == item.quotes[0].content
        assert any("focus" in s.classes for s in segs)
        anchors = [a for s in segs for a in s.anchors if a.startswith("q-")]
        assert anchors == [f"q-{i + 1}" for i in range(len(item.quotes))]


def test_segments_ignore_bad_offsets():
    segs = highlight.segments("abc", {"quotes": [dict(id=1, start=2, end=9, kind="direct")],
                                      "events": [], "entities": []})
    assert "".join(s.text for s in segs) == "abc" and not any(s.quote for s in segs)


def test_world_geometry_from_package():
    from newsgraph.api import geo

    w = geo.world()
    if not w["available"]:
        pytest.skip("bqplot (world geometry) not installed")
    iso = {c["iso3"] for c in w["countries"]}
    assert {"KAZ", "KGZ", "UZB", "RUS", "FRA", "USA"} <= iso
    lat, lon = geo.country_centroid("KGZ")
    assert 39 < lat < 43 and 70 < lon < 78
    lat, lon = geo.country_centroid("FRA")  # mainland, not French Guiana
    assert 42 < lat < 50 and -2 < lon < 7
