"""A time limit for a build, so a hostile source or template cannot hang a scheduled build.

The limit is a POSIX interval timer: when it fires, an exception is raised in the main
thread wherever the build is (every stage runs Python code or short library calls, which
the signal interrupts between). It derives from BaseException, like KeyboardInterrupt, so
no `except Exception` in briefgen or a library can mistake it for a bad source or a
failed render; `time_limit` turns it into BuildTimeoutError. Renaming the finished files
into place is shielded: a limit that expires then lets the renames finish and stops the
build after.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from briefgen.errors import BuildTimeoutError


class _Expired(BaseException):
    """The time limit has passed (raised from the signal handler)."""


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.shielded = False
        self.expired = False

    def fire(self, signum: int, frame: FrameType | None) -> None:
        self.expired = True
        if not self.shielded:
            self.stop()

    def stop(self) -> None:
        raise _Expired


_active: list[_Deadline] = []


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raises BuildTimeoutError in the block once `seconds` have passed (None: no limit).

    Only the main thread receives signals, so a limit elsewhere is refused.
    """
    if seconds is None:
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        raise ValueError("a build time limit works only in the main thread")
    deadline = _Deadline(seconds)
    previous = signal.signal(signal.SIGALRM, deadline.fire)
    _active.append(deadline)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise BuildTimeoutError(
            f"the build took longer than its time limit of {seconds:g} s and was stopped; "
            "nothing was written for the briefs not yet finished. Raise --timeout, or look "
            "for an unusually large source with `briefgen sources`"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _active.remove(deadline)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def shielded() -> Iterator[None]:
    """Runs the block to its end even if the time limit expires meanwhile; the limit
    takes effect when the block is done. A limit that expired before the block starts it
    not: the exception may have been raised where it was lost (a library's hook that
    ignores exceptions, such as those run around a fork)."""
    if not _active:
        yield
        return
    deadline = _active[-1]
    if deadline.expired:
        deadline.stop()
    deadline.shielded = True
    try:
        yield
    finally:
        deadline.shielded = False
    if deadline.expired:
        deadline.stop()
