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
