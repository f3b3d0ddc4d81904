"""Ingest: a source file becomes a Document (canonical text, paragraphs, sentences, zones)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from functools import cached_property

from briefgen.core.limits import SourceLimits
from briefgen.ingest.display import case_repairs_for, display_text
from briefgen.ingest.metadata import reconcile, text_metadata
from briefgen.ingest.readers import READABLE_SUFFIXES, read_canonical_text, read_source
from briefgen.ingest.segment import block_spans, sentence_spans
from briefgen.ingest.zones import label_blocks
from briefgen.model import Document, Paragraph, SourceEntry, Zone

__all__ = [
    "READABLE_SUFFIXES",
    "TextView",
    "ingest_document",
    "read_canonical_text",
]


def ingest_document(entry: SourceEntry, limits: SourceLimits | None = None) -> Document:
    """Reads, segments and labels one source; raises SourceError if it cannot be read or
    is over `limits`.

    The returned document's entry is the catalogue entry with gaps filled from the
    metadata the source states; disagreements are in `warnings`.
    """
    source = read_source(entry.path, entry.encoding, limits)
    text = source.text
    spans = block_spans(text)
    view = TextView(text)
    shown = [view.shown(s, e) for s, e in spans]
    zones = label_blocks(
        [text[text.rfind("\n", 0, s) + 1 : e] for s, e in spans],
        shown,
        _hints_by_block(spans, source.zone_hints),
        source.metadata.title,
    )
    paragraphs = tuple(
        Paragraph(
            number=number,
            start=start,
            end=end,
            zone=zone,
            sentences=sentence_spans(text, start, end),
        )
        for number, ((start, end), zone) in enumerate(zip(spans, zones, strict=True), start=1)
    )
    metadata = text_metadata(text, paragraphs, shown, source.metadata)
    csl, warnings = reconcile(entry.csl, metadata, str(entry.path))
    csl.setdefault("title", entry.path.stem)
    return Document(
        entry=dataclasses.replace(entry, csl=csl),
        text=text,
        paragraphs=paragraphs,
        metadata=metadata,
        warnings=tuple(warnings),
    )


def _hints_by_block(
    spans: list[tuple[int, int]], hints: tuple[tuple[int, int, Zone], ...]
) -> list[Zone | None]:
    """The zone the file's structure gives each block, where a hint covers it.

    Both lists are in text order, so one pass over each suffices.
    """
    zones: list[Zone | None] = []
    index = 0
    for start, end in spans:
        while index < len(hints) and hints[index][1] <= start:
            index += 1
        covered = index < len(hints) and hints[index][0] <= start and end <= hints[index][1]
        zones.append(hints[index][2] if covered else None)
    return zones


class TextView:
    """Display text of any span of one document, with that document's case repairs."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def _repairs(self) -> Mapping[str, str]:
        # Found when first needed: a brief shows passages of few of a large corpus's sources.
        return case_repairs_for(self.text)

    def shown(self, start: int, end: int) -> str:
        """The cleaned text a reader sees for `text[start:end]`."""
        return display_text(self.text[start:end], self._repairs)
