"""Every source of a spec ingested and summarised: read back from the caches when nothing
it depends on changed, and in worker processes when many sources need the work.

Two caches under the output folder: ingested documents filed by the source file's bytes
(document_cache), and summaries filed by the document's text (summary_cache). A build
that changed one source of a thousand reads 999 of each back and works on one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from pathlib import Path

from briefgen.core.cluster import cluster_map, is_cluster
from briefgen.core.digest import digest_file
from briefgen.core.limits import SourceLimits
from briefgen.core.parallel import cores, forked_map
from briefgen.core.progress import progress_bar
from briefgen.core.timings import stage
from briefgen.errors import BriefgenError, contained
from briefgen.extract import EXTRACTOR_VERSION, summarize
from briefgen.ingest import ingest_document
from briefgen.model import Document, SourceEntry, SourceSummary, Zone
from briefgen.pipeline.document_cache import document_key, load_document, store_document
from briefgen.pipeline.summary_cache import cache_key, load_cached, store

log = logging.getLogger(__name__)

SUMMARY_CACHE = Path(".cache") / "summaries"  # under the output folder
DOCUMENT_CACHE = Path(".cache") / "documents"
# Below this many sources to ingest, starting worker processes costs more than it saves.
PARALLEL_FROM = 8


def summary_of(
    document: Document,
    citable: frozenset[Zone],
    cache: Path,
    extracted: list[str] | None = None,
) -> SourceSummary:
    """A document's structured summary, from the cache when nothing it depends on changed;
    a summary drawn afresh is stored and its source id appended to `extracted`."""
    with stage("extract"):
        key = cache_key(document, citable, EXTRACTOR_VERSION)
        summary = load_cached(cache, key)
        if summary is None:
            summary = summarize(document, citable)
            store(cache, key, summary)
            if extracted is not None:
                extracted.append(document.id)
    return summary


@dataclass(frozen=True)
class _Job:
    """One source to read: where its caches are and what its file's bytes hashed to."""

    entry: SourceEntry
    digest: str | None  # of the bytes the build was planned from; None: not readable
    limits: SourceLimits
    citable: frozenset[Zone]
    out: Path

    @cached_property  # asked twice: is it cached, and where to read or file it
    def document_key(self) -> str | None:
        return None if self.digest is None else document_key(self.entry, self.digest, self.limits)

    def cached(self) -> bool:
        key = self.document_key
        return key is not None and (self.out / DOCUMENT_CACHE / f"{key}.json").is_file()


@dataclass(frozen=True)
class SourceRead:
    """A source's document and summary, or why it could not be read."""

    entry: SourceEntry
    document: Document | None = None
    summary: SourceSummary | None = None
    error: str | None = None
    extracted: bool = False  # summarised afresh rather than read from the cache


def _read(job: _Job) -> SourceRead:
    """One source read and summarised; any failure is the source's alone (see contained)."""
    key = job.document_key
    folder = job.out / DOCUMENT_CACHE
    with stage("ingest"):  # reading a document back stands in for ingesting it
        document = load_document(folder, key, job.entry) if key else None
    if document is None:
        try:
            with stage("ingest"), contained(job.entry.path, "reading"):
                document = ingest_document(job.entry, job.limits)
        except BriefgenError as exc:
            return SourceRead(job.entry, error=str(exc))
        # Filed only if the file still has the bytes the key names: edited mid-build, it
        # is ingested again next time rather than served under the wrong key.
        if key is not None and digest_file(job.entry.path) == job.digest:
            store_document(folder, key, document)
    extracted: list[str] = []
    try:
        with contained(job.entry.path, "summarising"):
            summary = summary_of(document, job.citable, job.out / SUMMARY_CACHE, extracted)
    except BriefgenError as exc:
        return SourceRead(job.entry, error=str(exc))
    return SourceRead(job.entry, document, summary, extracted=bool(extracted))


def read_sources(
    entries: list[SourceEntry],
    *,
    out: Path,
    limits: SourceLimits,
    citable: frozenset[Zone],
    digests: Mapping[str, str | None] | None = None,
    progress: bool = False,
    executor: str | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[SourceRead]:
    """Each entry's document and summary, in entry order.

    `digests` are the source files' hashes as the build planned them (computed here when
    not given). Sources missing from the document cache are worked on in processes, one a
    core, when there are PARALLEL_FROM or more, or on a Dask cluster when `executor` names
    one (core/cluster.py); meanwhile this process reads the cached ones. `meanwhile` is
    work of the build's own for this process while the workers read (importing the PDF
    renderer), done when at least half the sources need reading: then even one fresh
    source goes to a worker.
    """
    if digests is None:
        digests = {e.id: digest_file(e.path) for e in entries}
    jobs = [_Job(e, digests.get(e.id), limits, citable, out) for e in entries]
    fresh = [job for job in jobs if not job.cached()]
    fresh_ids = {job.entry.id for job in fresh}
    # `meanwhile` pays only while the workers have much to do: when most sources are new.
    # With one edited source among many, this process is busy reading the cached ones (and
    # the caller's work may turn out not to be needed).
    if not fresh or len(fresh) * 2 < len(jobs):
        meanwhile = None
    # Workers pay for their start when there are many sources to ingest, or when this
    # process has work of its own meanwhile: one edited source among a thousand cached
    # is summarised in a worker while this process reads the thousand back.
    busy_here = meanwhile is not None or len(jobs) - len(fresh) >= PARALLEL_FROM
    workers = cores() if len(fresh) >= PARALLEL_FROM or busy_here else 1
    results: dict[str, SourceRead] = {}
    spread = (
        cluster_map(_read, fresh, executor)
        if executor is not None and is_cluster(executor)
        else forked_map(_read, fresh, workers)
    )
    with (  # the workers are forked before the progress bar starts its thread
        spread as worked,
        progress_bar(len(jobs), "Reading sources", enabled=progress) as advance,
    ):
        if meanwhile is not None:
            meanwhile()
        # The cached sources are read here while the workers ingest and extract the rest.
        cached = (_read(job) for job in jobs if job.entry.id not in fresh_ids)
        for read in chain(cached, worked):
            results[read.entry.id] = read
            advance()
    return [results[e.id] for e in entries]
