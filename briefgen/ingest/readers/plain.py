"""Plain text and Markdown: the canonical text is the file itself, decoded as UTF-8.

Keeping the bytes untouched means an anchor can be checked against the raw file.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import SourceError
from briefgen.ingest.readers.source_text import SourceText


def read_plain(path: Path, data: bytes) -> SourceText:
    """A .txt or .md file as canonical text; raises SourceError if it is not UTF-8."""
    return SourceText(text=decode_utf8(path, data))


def decode_utf8(path: Path, data: bytes) -> str:
    """UTF-8 text (a leading byte-order mark is kept, as a character of the text)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); re-save the file as UTF-8"
        ) from exc
