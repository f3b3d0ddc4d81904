"""Where a build's time goes: seconds per stage, summed over the build.

Stages time themselves with `stage(name)`; `briefgen build --timings FILE` writes the
totals. Work done in extraction processes is timed there and added with `add`, so a
stage's figure is processor time summed over processes, which can exceed the wall time.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

STAGES = ("ingest", "extract", "compose", "cite", "render HTML", "render PDF")

_totals: defaultdict[str, float] = defaultdict(float)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Adds the time the block takes to the stage's total."""
    start = time.perf_counter()
    try:
        yield
    finally:
        _totals[name] += time.perf_counter() - start


def add(seconds: Mapping[str, float]) -> None:
    """Adds stage times measured elsewhere (in a worker process)."""
    for name, value in seconds.items():
        _totals[name] += value


def take() -> dict[str, float]:
    """The totals since the last call, every stage named (0 when it did not run); resets."""
    totals = {name: round(_totals.get(name, 0.0), 4) for name in STAGES}
    totals.update((k, round(v, 4)) for k, v in _totals.items() if k not in totals)
    _totals.clear()
    return totals
