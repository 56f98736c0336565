"""The read layer: every read of stored records, for the API, the dashboard, the exports and the CLI.

One module to import (``from newsgraph.store import read``), one set of filters with one meaning
and one validation (a bad value raises ``ViewError``, code E401/E402), one output shape per
record (the JSON contract of docs/output.md) and keyset pagination (``Page``) for every list:

* records (``views``): ``list_articles``, ``list_quotes``, ``list_events`` and their ``get_*``;
  ``iter_quotes``/``iter_events`` for exports;
* actors (``actor_views``): ``list_actors``, ``get_actor``, ``actor_profile`` (with the latest
  quotes and events), ``find_actor`` (a name to an id), ``is_generic`` (agents that are no top actors);
* search (``search``): ``search_all`` (full text across records);
* stories (``story_views``): ``list_stories`` (near-duplicate stories, the largest first), ``get_story``;
* places and countries (``geo_views``): ``list_places``, ``get_place``, ``list_countries``,
  ``map_layer``;
* aggregates (``aggregates``): ``timeline``, ``network``;
* counts (``queries``): ``stats``, ``known_hashes``;
* validators (``filters``): ``check_date``, ``check_country``, ``check_types``, ``check_modality``
  (the lists call them; the monitor's alerts and the CLI's own options use them too).

The modules below stay importable on their own; this one only gathers them, so none of them needs
to re-export another (which is what made ``views`` and ``aggregates`` import each other).
"""

from __future__ import annotations

from .actor_views import actor_profile, find_actor, get_actor, is_generic, list_actors
from .aggregates import network, timeline
from .geo_views import (
    country_name,
    event_locations,
    get_place,
    list_countries,
    list_places,
    map_layer,
    place_coordinates,
)
from .filters import MODALITIES, check_country, check_modality, check_types
from .queries import known_hashes, stats
from .search import search_all
from .story_views import get_story, list_stories
from .views import (
    MAX_LIMIT,
    QUAD_CLASSES,
    Page,
    ViewError,
    check_date,
    decode_cursor,
    encode_cursor,
    event_conditions,
    get_article,
    get_event,
    get_quote,
    iter_events,
    iter_quotes,
    list_articles,
    list_events,
    list_quotes,
    quote_conditions,
)

__all__ = [
    "MAX_LIMIT", "QUAD_CLASSES", "Page", "ViewError", "check_date", "decode_cursor", "encode_cursor",
    "event_conditions", "quote_conditions", "get_actor", "get_article", "get_event", "get_quote", "iter_events",
    "iter_quotes", "list_actors", "list_articles", "list_events", "list_quotes", "search_all", "network",
    "timeline", "country_name", "event_locations", "get_place", "list_countries", "list_places", "map_layer",
    "place_coordinates", "actor_profile", "find_actor", "is_generic", "known_hashes", "stats",
    "MODALITIES", "check_country", "check_modality", "check_types", "list_stories", "get_story",
]
