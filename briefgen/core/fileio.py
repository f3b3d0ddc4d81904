"""Writing outputs atomically: a reader sees the old file or the new one, never half of one.

A build stages every file first (a temporary file beside its target, flushed and synced) and
renames them into place only when all are staged, so a build killed while rendering or
staging leaves the previous edition whole; the next build sweeps up its temporaries.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import BriefgenError

_TEMPORARY_SUFFIX = ".tmp"
_KEPT = "; nothing was written, the files there are as they were"


@dataclass(frozen=True)
class StagedFile:
    """New content written beside its target, waiting to be renamed over it."""

    target: Path
    temporary: Path


def stage_file(path: Path, data: bytes) -> StagedFile:
    """Writes `data` to a temporary file beside `path` and syncs it to storage."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=_TEMPORARY_SUFFIX, dir=path.parent
        )
    except OSError as exc:
        raise BriefgenError(f"{path.parent}: cannot write here: {exc.strerror}{_KEPT}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as exc:  # no space left, a time limit, Ctrl-C: no temporary left
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise BriefgenError(f"{path}: cannot write: {exc.strerror}{_KEPT}") from exc
        raise
    return StagedFile(path, Path(temporary))


def commit(staged: Iterable[StagedFile]) -> None:
    """Renames staged files over their targets, in order."""
    pending = list(staged)
    for index, item in enumerate(pending):
        try:
            item.temporary.replace(item.target)
        except OSError as exc:
            discard(pending[index:])
            raise BriefgenError(f"{item.target}: cannot write: {exc.strerror}") from exc


def discard(staged: Iterable[StagedFile]) -> None:
    """Removes staged files that will not be committed."""
    for item in staged:
        item.temporary.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Writes one file atomically."""
    commit([stage_file(path, data)])


def remove_leftovers(folder: Path) -> list[Path]:
    """Deletes the temporary files an interrupted build left under `folder`; call it only
    while holding the folder's build lock, when no other build can be staging."""
    removed = []
    # os.walk, not Path.rglob: an output folder holds a file per cached source, and a
    # build that changes nothing should not spend a twentieth of its time listing them.
    for where, _, names in os.walk(folder):
        for name in names:
            if name.startswith(".") and name.endswith(_TEMPORARY_SUFFIX):
                path = Path(where) / name
                if path.is_file():
                    path.unlink(missing_ok=True)
                    removed.append(path)
    return removed
