"""World geometry and country centroids live below the store now (``newsgraph.geo``: the store's
map layer needs them). This old import path is the same module object."""

import sys

from .. import geo as _geo

sys.modules[__name__] = _geo
