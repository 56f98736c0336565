"""Crisis monitor: daily series, early-warning alerts, narratives and reports.

- ``series``: materialised daily aggregates per country, actor and country pair
  (``refresh(engine, since=None)`` after each ingest);
- ``alerts``: spikes and shifts against each series' own baseline (negative-binomial
  surprise scores), each alert linked to the events and quotes that drove it;
- ``narratives``: recurring claims clustered across articles (TF-IDF + agglomerative);
- ``report``: a self-contained HTML (inline SVG charts) or Markdown report for a country;
- ``web``: a FastAPI router with ``/api/alerts``, ``/api/narratives``, ``/alerts``, ``/narratives``.

See docs/monitor.md.
"""
