"""A spec's material: its sources read and summarised (pipeline/sources.py), and the summaries
composed into the ranked material editions use."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from briefgen.compose.material import compose_material
from briefgen.compose.review import apply_review
from briefgen.compose.tailor import Material
from briefgen.core.dates import build_date
from briefgen.core.timings import stage
from briefgen.errors import BriefgenError
from briefgen.extract import CITABLE_ZONES
from briefgen.model import Document, LeftOut, PartialDate, SourceEntry, Zone
from briefgen.pipeline.place_memo import load_place_memo, save_place_memo
from briefgen.pipeline.plans import select_sources
from briefgen.pipeline.sources import read_sources
from briefgen.workspace.curation import load_curation
from briefgen.workspace.review import load_review
from briefgen.workspace.spec import BriefSpec

log = logging.getLogger(__name__)


def compose_spec(
    spec: BriefSpec,
    out: Path,
    entries: list[SourceEntry] | None = None,
    extracted: list[str] | None = None,
    *,
    digests: Mapping[str, str | None] | None = None,
    progress: bool = False,
    executor: str | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[list[Document], Material]:
    """A spec's readable sources and the ranked material every audience draws on.

    Documents and summaries come from the caches under `out` when nothing they depend on
    changed; the ids of sources summarised afresh are appended to `extracted`. A source
    that cannot be read is logged and left out. `meanwhile` runs in this process while
    workers read the sources.
    """
    citable = CITABLE_ZONES | ({Zone.COMMENT} if spec.cite_reader_comments else set())
    known_places = load_place_memo(out)  # before the workers fork: they share it
    reads = read_sources(
        entries if entries is not None else select_sources(spec),
        out=out,
        limits=spec.limits,
        citable=citable,
        digests=digests,
        progress=progress,
        executor=executor,
        meanwhile=meanwhile,
    )
    documents = []
    summaries = []
    left_out = []
    for read in reads:
        if read.document is None or read.summary is None:
            log.error("Could not process %s", read.error)
            left_out.append(_left_out(read.entry, read.error or "unreadable"))
            continue
        for warning in read.document.warnings:
            log.warning("%s", warning)
        documents.append(read.document)
        summaries.append(read.summary)
        if read.extracted and extracted is not None:
            extracted.append(read.entry.id)
    if not documents and not reads:
        raise BriefgenError(
            f"{spec.path}: the corpus {spec.corpus} holds no sources yet: put documents there "
            "(.txt, .md, .html or .pdf; a catalogue entry in sources.yaml makes a citation "
            "exact) and build again"
        )
    if not documents:
        raise BriefgenError(f"{spec.path}: no readable sources in {spec.corpus}")
    with stage("compose"):
        material, warnings = compose_material(
            brief_id=spec.name,
            title=spec.title,
            subtitle=spec.subtitle,
            as_of=spec.as_of or _newest_date(documents),
            sources=[d.entry for d in documents],
            summaries=summaries,
            curation=load_curation(spec.corpus),
            keywords=spec.keywords,
            timeline_from=spec.timeline_from,
        )
    save_place_memo(out, known_places)
    for warning in warnings:
        log.warning("%s", warning)
    material = apply_review(material, load_review(spec.path))
    for stale in material.stale_review:
        log.warning("%s", stale)
    return documents, replace(material, left_out=tuple(left_out))


def _newest_date(documents: list[Document]) -> PartialDate:
    """What a brief with no `as_of` is current to: its newest source's date, or, when no
    source is dated, the build's date."""
    dates = [d.date for d in documents if d.date is not None]
    return max(dates, key=PartialDate.sort_key, default=None) or build_date()


def _left_out(entry: SourceEntry, error: str) -> LeftOut:
    # The error leads with the file's path, which LeftOut keeps apart.
    prefix = f"{entry.path}: "
    return LeftOut(entry.id, entry.path, error.removeprefix(prefix))
