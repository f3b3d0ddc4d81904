"""What an edition's last build made, kept in a folder by a hash of what it was made from.

A build that makes the same thing from the same inputs takes it back instead (a PDF
layout, the CSL processor's notes). Each edition keeps only what its last build used, so
a folder does not grow with the number of builds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar


@dataclass
class KeptResults:
    """One edition's kept results, in `folder`; `reuse` False makes everything afresh
    (what is made is still kept for the next build)."""

    folder: Path
    reuse: bool = True
    used: set[str] = field(default_factory=set)
    suffixes: ClassVar[tuple[str, ...]] = (".json",)  # of the files one result is kept in

    def forget_unused(self) -> None:
        """Deletes the results this build did not use."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.suffix in self.suffixes and path.stem not in self.used:
                path.unlink(missing_ok=True)
