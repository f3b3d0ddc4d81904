"""A progress bar for long stages: done and total counts, elapsed time and an estimate of
the time left (rich). Shown only on a terminal; elsewhere the stage runs silently."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# A bar for a handful of items flashes by and only clutters the log.
SHOWN_FROM = 20


@contextmanager
def progress_bar(
    total: int, description: str, *, enabled: bool = True, console: Any = None
) -> Iterator[Callable[[], None]]:
    """Yields a function to call once per item done; shows nothing when not `enabled`,
    for fewer than SHOWN_FROM items, or when stderr (or `console`) is not a terminal."""
    if not enabled or total < SHOWN_FROM:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = console or Console(stderr=True)
    if not console.is_terminal:
        yield lambda: None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda: bar.advance(task)
