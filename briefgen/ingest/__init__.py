"""Ingest: a source file becomes a Document (canonical text, paragraphs, sentences, zones)."""

from __future__ import annotations

from briefgen.ingest.display import case_repairs_for, display_text
from briefgen.ingest.readers import READABLE_SUFFIXES, read_canonical_text
from briefgen.ingest.segment import block_spans, sentence_spans
from briefgen.ingest.zones import label_blocks
from briefgen.model import Document, Paragraph, SourceEntry

__all__ = [
    "READABLE_SUFFIXES",
    "TextView",
    "ingest_document",
    "read_canonical_text",
]


def ingest_document(entry: SourceEntry) -> Document:
    """Reads, segments and labels one source; raises SourceError if it cannot be read."""
    text = read_canonical_text(entry.path)
    spans = block_spans(text)
    view = TextView(text)
    zones = label_blocks(
        [text[text.rfind("\n", 0, s) + 1 : e] for s, e in spans],
        [view.shown(s, e) for s, e in spans],
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
    return Document(entry=entry, text=text, paragraphs=paragraphs)


class TextView:
    """Display text of any span of one document, with that document's case repairs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._repairs = case_repairs_for(text)

    def shown(self, start: int, end: int) -> str:
        """The cleaned text a reader sees for `text[start:end]`."""
        return display_text(self.text[start:end], self._repairs)
