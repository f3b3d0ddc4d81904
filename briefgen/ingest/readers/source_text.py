"""What a reader returns: canonical text, metadata found in the file, structural zones."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefgen.model import TextMetadata, Zone


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
