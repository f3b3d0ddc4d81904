"""Readers: one per source format, each returning the canonical text anchors point into.

For .txt and .md the canonical text is the file decoded as UTF-8, untouched, so an anchor
can be checked against the raw bytes. Other formats (HTML, PDF) come with issue #3.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import SourceError

READABLE_SUFFIXES = (".txt", ".md")


def read_canonical_text(path: Path) -> str:
    """The canonical text of a source file; raises SourceError saying what is wrong."""
    suffix = path.suffix.lower()
    if suffix not in READABLE_SUFFIXES:
        raise SourceError(
            f"{path}: unsupported format '{suffix}'; readable formats: "
            + ", ".join(READABLE_SUFFIXES)
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); re-save the file as UTF-8"
        ) from exc
