"""Readers: one per source format, each turning a file into the canonical text anchors use.

The canonical text of a .txt or .md file is the file itself, decoded; of an HTML page, its
main content as plain text; of a PDF, its text layer with paragraphs split across pages
re-joined. A reader is deterministic, so `briefgen check` can re-read a file and verify an
anchor against the same text the build cited. Heavy libraries are imported only when a
file of their format is read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefgen.core.limits import MEGABYTE, SourceLimits
from briefgen.errors import SourceError
from briefgen.ingest.readers.plain import read_plain
from briefgen.ingest.readers.source_text import SourceText

__all__ = ["READABLE_SUFFIXES", "SourceText", "read_canonical_text", "read_source"]


def _read_html(path: Path, data: bytes, encoding: str | None) -> SourceText:
    from briefgen.ingest.readers.html import read_html

    return read_html(path, data, encoding)


def _read_pdf(path: Path, data: bytes, encoding: str | None) -> SourceText:
    from briefgen.ingest.readers.pdf import read_pdf

    return read_pdf(path, data)


_READERS: dict[str, Callable[[Path, bytes, str | None], SourceText]] = {
    ".txt": read_plain,
    ".md": read_plain,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
}
READABLE_SUFFIXES = tuple(_READERS)


def read_source(
    path: Path, encoding: str | None = None, limits: SourceLimits | None = None
) -> SourceText:
    """Reads a source file with the reader for its extension; raises SourceError.

    `encoding` is the one its catalogue entry declares, if any. With `limits`, a file or
    text over them is refused (the file before it is read); `check` reads without them,
    since what a build cited must stay checkable.
    """
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise SourceError(
            f"{path}: unsupported format '{path.suffix}'; readable formats: "
            + ", ".join(READABLE_SUFFIXES)
        )
    try:
        if limits is not None and (size := path.stat().st_size) > limits.max_bytes:
            raise SourceError(
                f"{path}: {size / MEGABYTE:.1f} MB, over the {limits.max_megabytes:g} MB a "
                "source may be; split it, or raise `limits: source_megabytes` in the spec"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror}") from exc
    source = reader(path, data, encoding)
    if not source.text.strip():
        raise SourceError(f"{path}: no text found; a source needs readable text to be cited")
    if limits is not None and len(source.text) > limits.max_characters:
        raise SourceError(
            f"{path}: {len(source.text):,} characters of text, over the "
            f"{limits.max_characters:,} a source may have; split it, or raise "
            "`limits: source_characters` in the spec"
        )
    return source


def read_canonical_text(path: Path, encoding: str | None = None) -> str:
    """The canonical text of a source file, the text every anchor points into."""
    return read_source(path, encoding).text
