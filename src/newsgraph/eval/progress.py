"""Progress of long evaluation runs, for the CLI's progress bar.

The evaluation loops wrap their main iteration in ``track(items, total, label)``; the CLI installs a
bar maker with ``reporting(make)`` (a click progress bar on stderr when stderr is a terminal).
Without one, ``track`` returns ``items`` itself: the scorers and their figures do not change, and
nothing is printed.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Callable, ContextManager, Iterable, Iterator

# (label, total) -> a context manager with .update(n)
Maker = Callable[[str, int], ContextManager[Any]]
_maker: ContextVar[Maker | None] = ContextVar("newsgraph_eval_progress", default=None)


@contextmanager
def reporting(make: Maker) -> Iterator[None]:
    """Show the progress of the evaluations run inside this block with bars made by ``make``."""
    token = _maker.set(make)
    try:
        yield
    finally:
        _maker.reset(token)


def track(items: Iterable, total: int, label: str) -> Iterable:
    """``items``, advancing a progress bar of ``total`` steps as each is taken (when one is installed)."""
    make = _maker.get()
    if make is None:
        return items
    return _tracked(items, make, total, label)


def _tracked(items: Iterable, make: Maker, total: int, label: str) -> Iterator:
    with make(label, total) as bar:
        for item in items:
            yield item
            bar.update(1)


__all__ = ["reporting", "track"]
