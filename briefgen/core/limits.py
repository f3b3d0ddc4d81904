"""Bounds on what one source may cost, so a hostile or mistaken file cannot exhaust a build.

A spec can raise or lower them under `limits:`; a source over a limit is refused with the
limit's name, like any other unreadable source, and the build goes on without it.
"""

from __future__ import annotations

from dataclasses import dataclass

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class SourceLimits:
    """The largest source file read and the longest text cited from one source.

    The defaults admit a 1,000-page report (about 2 million characters) and a PDF full of
    images, and refuse a 100 MB log file before reading it.
    """

    max_megabytes: float = 50
    max_characters: int = 2_000_000

    @property
    def max_bytes(self) -> int:
        """`max_megabytes` in bytes."""
        return int(self.max_megabytes * MEGABYTE)
