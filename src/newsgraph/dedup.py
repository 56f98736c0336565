"""Near-duplicate stories live in the store now (``newsgraph.store.dedup``: the writer links each
batch in its transaction). This old import path is the same module object, so ``from
newsgraph.dedup import list_stories`` and patches of its names keep working."""

import sys

from .store import dedup as _dedup

sys.modules[__name__] = _dedup
