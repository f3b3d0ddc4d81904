"""A spec's material: its sources ingested, each summarised (from the cache when its
inputs are unchanged), and the summaries composed into the ranked material editions use."""

from __future__ import annotations

import logging
from pathlib import Path

from briefgen.compose import compose_material
from briefgen.curation import load_curation
from briefgen.errors import BriefgenError
from briefgen.extract import CITABLE_ZONES, EXTRACTOR_VERSION, summarize
from briefgen.ingest import ingest_document
from briefgen.limits import SourceLimits
from briefgen.model import Document, SourceEntry, SourceSummary, Zone
from briefgen.plans import select_sources
from briefgen.spec import BriefSpec
from briefgen.summary_store import cache_key, load_cached, store
from briefgen.tailor import Material

log = logging.getLogger(__name__)

CACHE_DIR = Path(".cache") / "summaries"  # under the output folder


def _ingest_all(entries: list[SourceEntry], limits: SourceLimits) -> list[Document]:
    documents = []
    for entry in entries:
        try:
            document = ingest_document(entry, limits)
        except BriefgenError as exc:
            log.error("Could not process %s", exc)
            continue
        for warning in document.warnings:
            log.warning("%s", warning)
        documents.append(document)
    return documents


def summary_of(
    document: Document,
    citable: frozenset[Zone],
    cache: Path,
    extracted: list[str] | None = None,
) -> SourceSummary:
    """A document's structured summary, from the cache when nothing it depends on changed;
    a summary drawn afresh is stored and its source id appended to `extracted`."""
    key = cache_key(document, citable, EXTRACTOR_VERSION)
    summary = load_cached(cache, key)
    if summary is None:
        summary = summarize(document, citable)
        store(cache, key, summary)
        if extracted is not None:
            extracted.append(document.id)
    return summary


def compose_spec(
    spec: BriefSpec,
    cache: Path,
    entries: list[SourceEntry] | None = None,
    extracted: list[str] | None = None,
) -> tuple[list[Document], Material]:
    """A spec's readable sources and the ranked material every audience draws on.

    Summaries come from `cache` when nothing they depend on changed; the ids of sources
    extracted afresh are appended to `extracted`.
    """
    documents = _ingest_all(entries if entries is not None else select_sources(spec), spec.limits)
    if not documents:
        raise BriefgenError(f"{spec.path}: no readable sources in {spec.corpus}")
    citable = CITABLE_ZONES | ({Zone.COMMENT} if spec.cite_reader_comments else set())
    material, warnings = compose_material(
        brief_id=spec.name,
        title=spec.title,
        subtitle=spec.subtitle,
        as_of=spec.as_of,
        sources=[d.entry for d in documents],
        summaries=[summary_of(d, citable, cache, extracted) for d in documents],
        curation=load_curation(spec.corpus),
    )
    for warning in warnings:
        log.warning("%s", warning)
    return documents, material
