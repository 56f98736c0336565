"""The API's roll-ups are part of the store's one daily-series system now
(``newsgraph.store.series.rollups``). This old import path is the same module object, so ``from
newsgraph.store.rollups import rebuild`` and patches of its names keep working."""

import sys

from .series import rollups as _rollups

sys.modules[__name__] = _rollups
