"""Ingested documents as files, filed by the source file's bytes, so a rebuild reads back
what it would otherwise parse, segment and label again.

The key covers the file's bytes, its catalogue entry, the limits it was read under and
briefgen's own code and lexicons; change any of them and the source is ingested again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefgen.core.digest import code_fingerprint, digest_json
from briefgen.core.fileio import write_atomic
from briefgen.core.jsontext import read_json
from briefgen.core.limits import SourceLimits
from briefgen.model import (
    ZONE_BY_VALUE,
    Document,
    Paragraph,
    Sentence,
    SourceEntry,
    TextMetadata,
)
from briefgen.pipeline.summary_cache import read_date, write_date

DOCUMENT_FORMAT = 2  # 2: metadata carries `extra` CSL fields


def document_key(entry: SourceEntry, file_digest: str, limits: SourceLimits) -> str:
    """The content hash an ingested document is filed under."""
    return digest_json(
        {
            "bytes": file_digest,
            "entry": [entry.id, entry.path.suffix, entry.csl, entry.encoding, entry.catalogued],
            "limits": [limits.max_megabytes, limits.max_characters],
            "code": [DOCUMENT_FORMAT, code_fingerprint()],
        }
    )


def load_document(folder: Path, key: str, entry: SourceEntry) -> Document | None:
    """The document filed under `key`, for `entry`'s file; None if absent or unreadable."""
    try:
        data = read_json(folder / f"{key}.json")
        return document_from_json(data, entry)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store_document(folder: Path, key: str, document: Document) -> None:
    """Files a document under its key, atomically."""
    data = json.dumps(document_to_json(document), ensure_ascii=False, separators=(",", ":"))
    write_atomic(folder / f"{key}.json", data.encode())


def document_to_json(document: Document) -> dict[str, Any]:
    """The document as plain data; the file path is not kept (the entry supplies it)."""
    meta = document.metadata
    return {
        "format": DOCUMENT_FORMAT,
        "csl": document.entry.csl,
        "text": document.text,
        "paragraphs": [
            [p.number, p.start, p.end, str(p.zone), [[s.start, s.end] for s in p.sentences]]
            for p in document.paragraphs
        ],
        "metadata": {
            "title": meta.title,
            "authors": list(meta.authors),
            "date": write_date(meta.date),
            "publisher": meta.publisher,
            "url": meta.url,
            "where": [list(pair) for pair in meta.where],
            "extra": [list(pair) for pair in meta.extra],
        },
        "warnings": list(document.warnings),
    }


def document_from_json(data: dict[str, Any], entry: SourceEntry) -> Document:
    """Reads back what `document_to_json` wrote; raises KeyError/ValueError if it is not."""
    if data.get("format") != DOCUMENT_FORMAT:
        raise ValueError("document written in another format")
    meta = data["metadata"]
    return Document(
        entry=SourceEntry(entry.id, entry.path, data["csl"], entry.catalogued, entry.encoding),
        text=data["text"],
        paragraphs=tuple(
            Paragraph(number, start, end, ZONE_BY_VALUE[zone], tuple(Sentence(*s) for s in said))
            for number, start, end, zone, said in data["paragraphs"]
        ),
        metadata=TextMetadata(
            title=meta["title"],
            authors=tuple(meta["authors"]),
            date=read_date(meta["date"]),
            publisher=meta["publisher"],
            url=meta["url"],
            where=tuple((field, where) for field, where in meta["where"]),
            extra=tuple((key, value) for key, value in meta["extra"]),
        ),
        warnings=tuple(data["warnings"]),
    )
