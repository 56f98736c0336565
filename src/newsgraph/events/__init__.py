"""Event coding: who did what to whom, in PLOVER 2.0 with CAMEO, quad class and Goldstein.

    >>> from newsgraph.nlp import load_nlp                              # doctest: +SKIP
    >>> from newsgraph.events import extract_events                     # doctest: +SKIP
    >>> doc = load_nlp()("Russian troops attacked Kyiv on Monday.")     # doctest: +SKIP
    >>> [(e.type, e.cameo, e.quad_class) for e in extract_events(doc, published="2022-02-28")]  # doctest: +SKIP
    [('ASSAULT', '190', 4)]

Patterns live in readable YAML files under ``data/`` (see ``docs/events.md``).
"""

from __future__ import annotations

from .coder import extract_events
from .patterns import PLOVER_TYPES, cameo_info, default_patterns, load_patterns, quad_class

__all__ = ["extract_events", "PLOVER_TYPES", "cameo_info", "default_patterns", "load_patterns", "quad_class"]
