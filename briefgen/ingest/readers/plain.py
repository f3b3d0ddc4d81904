"""Plain text and Markdown: the canonical text is the file itself, decoded.

Keeping the characters untouched means an anchor can be checked against the raw file.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.ingest.readers.decode import decode_text
from briefgen.ingest.readers.source_text import SourceText


def read_plain(path: Path, data: bytes, encoding: str | None = None) -> SourceText:
    """A .txt or .md file as canonical text; raises SourceError if it cannot be decoded."""
    return SourceText(text=decode_text(path, data, encoding))
