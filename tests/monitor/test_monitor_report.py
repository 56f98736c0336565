import re

from newsgraph.monitor import report as R

from monitor_records import SPIKE_DAY, XSS


def test_html_report_sections_links_and_escaping(store):
    html = R.make_report(store.engine, "KAZ", "2025-01-01", "2025-02-14")
    for sid in ("summary", "timeline", "alerts", "top-actors", "key-quotes", "key-events", "actor-network",
                "narratives", "sources"):
        assert f'id="{sid}"' in html, sid
    assert html.count("<svg") == 2  # timeline and network, drawn inline
    assert "<script" not in html and XSS not in html and "&lt;script&gt;" in html
    assert not re.search(r'(src|href)="(https?:)?//(?!kaz\.example|tass\.example|ria\.example|kazdaily\.example|'
                         r'astanatimes\.example)', html)  # no network resources, only article links
    assert SPIKE_DAY in html and "spike" in html
    assert "Kassym-Jomart Tokayev" in html and "External forces are behind the unrest" in html
    assert f'href="https://kaz.example/{SPIKE_DAY}"' in html  # key events link to their article
    assert 'id="src-kaz-2025-02-10"' in html  # the Sources list


def test_links_to_anchors_and_dashboard(store):
    data = R.build(store.engine, "KAZ", "2025-01-01", "2025-02-14")
    for s in data["sources"]:
        s["url"] = None
    html = R.render_html(data)
    assert f'href="#src-kaz-{SPIKE_DAY}"' in html
    html = R.render_html(data, base_url="http://localhost:8000/")
    assert f'href="http://localhost:8000/articles/kaz-{SPIKE_DAY}"' in html


def test_markdown_report(store):
    md = R.make_report(store.engine, "KAZ", "2025-01-01", "2025-02-14", fmt="md")
    for title in R.SECTIONS:
        assert f"## {title}" in md, title
    assert f"(https://kaz.example/{SPIKE_DAY})" in md
    assert "<script>" not in md


def test_empty_period_still_renders(store):
    html = R.make_report(store.engine, "KAZ", "2030-01-01", "2030-01-07")
    assert 'id="alerts"' in html and "No alerts in this period." in html


def test_key_quotes_are_statements_by_or_about_the_country(store):
    data = R.build(store.engine, "KAZ", "2025-01-01", "2025-03-31")
    assert data["country_name"] == "Kazakhstan"
    assert data["key_quotes"], "no key quotes"
    for q in data["key_quotes"]:
        # a foreign speaker's statement is kept only when it names the country or its people
        assert q["by_country"] or q["about_country"], q
        assert q["speaker_name"] and q["kind"] in ("direct", "indirect", "mixed")
    assert not any(q["speaker_name"] == "Dmitry Peskov" for q in data["key_quotes"])  # never names Kazakhstan


def test_foreign_statements_about_the_country_are_key_quotes(tmp_path):
    from monitor_records import PESKOV, TOKAYEV, _quote
    from newsgraph.model import AnalyzedArticle, Article
    from newsgraph.store import open_store

    said = {
        "a": (PESKOV, "Moscow will keep helping the Kazakh authorities restore order in the cities."),
        "b": (PESKOV, "The weather in Moscow has been unusually mild for the whole of January."),
        "c": (TOKAYEV, "Order has been restored and the counter-terrorist operation is ending."),
    }
    items = []
    for key, (who, content) in said.items():
        text = f"“{content}” {who.text} said."
        items.append(AnalyzedArticle(article=Article(text=text, id=key, title=key, published="2025-01-10",
                                                     language="en"),
                                     quotes=[_quote(text, content, who, 0)], actors=[who]))
    s = open_store(tmp_path / "r.db")
    s.write(items)
    qs = R.key_quotes_about(s.engine, "KAZ", "2025-01-01", "2025-01-31")
    got = {q["content"]: (q["by_country"], q["about_country"]) for q in qs}
    assert got == {said["a"][1]: (False, True), said["c"][1]: (True, False)}
    s.close()


def test_report_heading_names_the_country_and_rejects_unknown_codes(store):
    import pytest

    assert "<h1>newsgraph report — Kazakhstan (KAZ)" in R.make_report(store.engine, "kaz", "2025-01-01", "2025-02-14")
    with pytest.raises(ValueError, match="unknown country code"):
        R.build(store.engine, "XYZ", "2025-01-01", "2025-02-14")
