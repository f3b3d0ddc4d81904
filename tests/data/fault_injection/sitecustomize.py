"""Loaded at start-up when a test puts this folder on PYTHONPATH: plants a bug that fires
only on sources carrying a marker, standing in for any bug real text may trip in reading
or summarising one source (as an ISO date once did)."""

import briefgen.pipeline.sources as extraction

_ingest, _summarize = extraction.ingest_document, extraction.summarize


def ingest_document(entry, limits=None):  # type: ignore[no-untyped-def]
    if b"FAULT-WHILE-READING" in entry.path.read_bytes():
        raise IndexError("list index out of range")
    return _ingest(entry, limits)


def summarize(document, citable):  # type: ignore[no-untyped-def]
    if "FAULT-WHILE-SUMMARISING" in document.text:
        raise KeyError("07")
    return _summarize(document, citable)


extraction.ingest_document = ingest_document
extraction.summarize = summarize
