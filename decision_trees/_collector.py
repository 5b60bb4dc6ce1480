"""Pausing the cyclic garbage collector around work that makes many long-lived objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, if it runs, until the block ends.

    Reference counting goes on, so acyclic garbage is freed as usual. It helps where a block
    keeps many objects alive until it ends (a batch of decisions, an analysis): the collector
    would otherwise walk all of them again at every full collection. Cycles made meanwhile are
    collected after the block.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
