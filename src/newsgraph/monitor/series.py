"""The monitor's daily series live in the store now (``newsgraph.store.series``: the ingest keeps
them up to date). This old import path is the same module object, so ``from
newsgraph.monitor.series import refresh`` and patches of its names keep working."""

import sys

from ..store import series as _series

sys.modules[__name__] = _series
