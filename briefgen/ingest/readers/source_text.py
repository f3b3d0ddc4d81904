"""What a reader returns: canonical text, metadata found in the file, structural zones."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefgen.model import PartialDate, TextMetadata, Zone

_NAME_LIST = re.compile(r"\s*(?:;|,|\band\b|&)\s*")


@dataclass(frozen=True)
class SourceText:
    """A source file as text.

    `zone_hints` are (start, end, zone) spans whose zone the file's structure states (an
    HTML comment thread, a PDF running header); text outside them is labelled by the
    text rules. `metadata` is what the file's own structure declares (HTML meta tags, PDF
    document info); metadata printed in the text itself is read later, from the zones.
    """

    text: str
    metadata: TextMetadata = field(default_factory=lambda: TextMetadata())
    zone_hints: tuple[tuple[int, int, Zone], ...] = ()


def declared_metadata(
    where: str,
    *,
    title: str | None = None,
    authors: str | None = None,
    date: PartialDate | None = None,
    publisher: str | None = None,
    url: str | None = None,
) -> TextMetadata:
    """Metadata a file format declares (`where`: "the page's HTML metadata", ...).

    `authors` is the declared text, "A and B" or "A; B", split into names.
    """
    names = tuple(n for n in _NAME_LIST.split(authors or "") if n)
    values = {"title": title, "authors": names, "date": date, "publisher": publisher, "url": url}
    return TextMetadata(
        title=title or None,
        authors=names,
        date=date,
        publisher=publisher or None,
        url=url or None,
        where=tuple((name, where) for name, value in values.items() if value),
    )


class TextBuilder:
    """Canonical text assembled from blocks joined by blank lines, with their zone hints."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._hints: list[tuple[int, int, Zone]] = []

    def add(self, block: str, zone: Zone | None = None) -> None:
        """Appends a block (an empty one is skipped); `zone` if the structure states it."""
        if not block:
            return
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        start = self._length
        self._parts.append(block)
        self._length += len(block)
        if zone is not None:
            self._hints.append((start, self._length, zone))

    def source_text(self, metadata: TextMetadata) -> SourceText:
        """The text so far, ending in a newline, with its hints and `metadata`."""
        return SourceText("".join(self._parts) + "\n", metadata, tuple(self._hints))
