"""One build per output folder at a time (filelock: an OS lock the kernel drops when its
process dies, so a killed build never leaves a stale lock behind)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from briefgen.errors import BriefgenError, BuildLockedError

log = logging.getLogger(__name__)

LOCK_NAME = ".lock"


@contextmanager
def build_lock(out: Path, *, wait: bool = True) -> Iterator[None]:
    """Holds the output folder's lock; waits for another build (saying so) or, with
    `wait=False`, raises BuildLockedError at once."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefgenError(f"{out}: cannot create the output folder: {exc.strerror}") from exc
    lock = FileLock(out / LOCK_NAME, thread_local=False, preserve_lock_file=True)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise BuildLockedError(
                f"{out}: another briefgen build is writing here; "
                "try again when it has finished (or leave out --no-wait to wait for it)"
            ) from None
        log.info("%s: waiting for another briefgen build to finish...", out)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()
