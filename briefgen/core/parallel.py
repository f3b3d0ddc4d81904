"""Work spread over the machine's cores in forked processes, as if it ran here.

A worker is a fork of the build, so the work and its inputs are inherited rather than
pickled; only the results travel back. What a worker logs and the stage times it
measures are handed back with each result and replayed here, so messages, `--strict`
counts and `--timings` read the same as in a serial build. Where fork is not the safe
default (anything but Linux), and on one core, the work runs here, one item at a time.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from briefgen.core import timings
from briefgen.core.deadline import shielded

Item = TypeVar("Item")
Result = TypeVar("Result")

_LOGGER = "briefgen"


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def can_fork() -> bool:
    """True where work can go to forked workers: Linux, with more than one core, and not
    in a pool's worker (which may not start processes of its own)."""
    return sys.platform == "linux" and cores() > 1 and not multiprocessing.current_process().daemon


@dataclass(frozen=True)
class _Outcome(Generic[Result]):
    result: Result
    records: list[tuple[str, int, str]]  # logger name, level, message
    stages: dict[str, float]


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


# The work of the pool being forked: set just before the fork, inherited by the workers.
_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
_recorder = _Recorder()


def _start_worker() -> None:
    # Ctrl-C reaches the whole process group: the parent alone handles it, ending the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logger = logging.getLogger(_LOGGER)
    logger.handlers = [_recorder]  # the parent's handlers would print and count here
    logger.propagate = False
    logger.setLevel(logging.DEBUG)


def _run(index: int) -> _Outcome[Any]:
    assert _work is not None
    function, items = _work
    _recorder.records = []
    timings.take()  # the totals inherited from the parent are the parent's
    result = function(items[index])
    return _Outcome(result, _recorder.records, timings.take())


def _replay(outcome: _Outcome[Result]) -> Result:
    for name, level, message in outcome.records:
        logger = logging.getLogger(name)
        if logger.isEnabledFor(level):
            logger.log(level, "%s", message)
    timings.add(outcome.stages)
    return outcome.result


@contextmanager
def forked_map(
    function: Callable[[Item], Result], items: Sequence[Item], workers: int
) -> Iterator[Iterator[Result]]:
    """Yields the results of `function(item)` for every item, in the order they finish.

    The workers start at once, so the caller can do other work before reading the
    results. Leaving the block ends the workers, finished or not: a timeout, Ctrl-C or
    error never waits for the rest. An exception in a worker is raised here.
    """
    global _work
    if not items or workers < 2 or not can_fork():
        yield (function(item) for item in items)
        return
    _work = (function, items)
    try:
        context = multiprocessing.get_context("fork")
        # The time limit's exception, raised while the pool forks, could be lost in the
        # hooks run around a fork, or leave workers no pool object would end.
        with ExitStack() as pooled:
            with shielded():
                start = context.Pool(min(workers, len(items)), initializer=_start_worker)
                pool = pooled.enter_context(start)  # ended however the block is left
            outcomes = pool.imap_unordered(_run, range(len(items)), chunksize=1)
            yield (_replay(outcome) for outcome in outcomes)
    finally:
        _work = None


@contextmanager
def in_background(function: Callable[[], Result]) -> Iterator[Callable[[], Result]]:
    """Runs `function` in a forked process while the block runs here; the block calls
    what this yields to wait for the result. Where work cannot fork, `function` runs
    here when its result is asked for."""
    with forked_map(lambda _: function(), [None], workers=2) as results:
        yield lambda: next(results)
