"""Plain text and Markdown: the canonical text is the file itself, decoded.

Keeping the characters untouched means an anchor can be checked against the raw file.
Front matter at the top is read as the file's declared metadata (front_matter.py).
"""

from __future__ import annotations

from pathlib import Path

from briefgen.ingest.readers.decode import decode_text
from briefgen.ingest.readers.front_matter import front_matter
from briefgen.ingest.readers.source_text import SourceText


def read_plain(path: Path, data: bytes, encoding: str | None = None) -> SourceText:
    """A .txt or .md file as canonical text; raises SourceError if it cannot be decoded."""
    text = decode_text(path, data, encoding)
    declared = front_matter(text)
    if declared is None:
        return SourceText(text=text)
    metadata, span = declared
    return SourceText(text=text, metadata=metadata, zone_hints=(span,))
