"""Build: the one place that runs the stages in order (ingest, extract, compose, cite, render).

Everything is computed in memory first and written only when every output of a brief is
ready, each file atomically, so a failed build leaves the previous edition intact.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefgen.catalogue import load_catalogue
from briefgen.cite import cite_brief, resolve_style
from briefgen.compose import compose_brief
from briefgen.curation import load_curation
from briefgen.errors import BriefgenError, CitationError, ConfigError
from briefgen.export import brief_to_json, dumps
from briefgen.extract import CITABLE_ZONES, EXTRACTOR_VERSION, summarize
from briefgen.fileio import write_atomic
from briefgen.ingest import ingest_document
from briefgen.model import Document, SourceEntry, SourceSummary, Zone
from briefgen.render import available_audiences, render_html, render_pdf, template_dirs
from briefgen.spec import BriefSpec, find_specs, load_spec
from briefgen.summary_store import cache_key, load_cached, store
from briefgen.yamlfile import suggest

log = logging.getLogger(__name__)

DEFAULT_OUT = Path("_build")
CACHE_DIR = Path(".cache") / "summaries"  # under the output folder
FORMATS = ("html", "pdf", "json")


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where; every field has the CLI's default."""

    root: Path = Path()
    out: Path | None = None
    audiences: tuple[str, ...] | None = None
    formats: tuple[str, ...] = FORMATS
    template_dirs: tuple[Path, ...] = ()


def build_timestamp() -> str:
    """The build time, from SOURCE_DATE_EPOCH when set so equal inputs give equal bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def build(specs: Sequence[Path] = (), options: BuildOptions | None = None) -> list[Path]:
    """Builds every output of the given specs (all of `root/briefs` by default).

    Returns the paths written. Raises BriefgenError before writing anything if a spec,
    catalogue, style or template is wrong; a source that cannot be read is skipped with a
    logged error.
    """
    options = options or BuildOptions()
    unknown_formats = [f for f in options.formats if f not in FORMATS]
    if unknown_formats:
        raise ConfigError(
            [f"unknown format '{f}'{suggest(f, list(FORMATS))}" for f in unknown_formats]
        )
    paths = list(specs) or find_specs(options.root / "briefs")
    loaded = _load_specs(paths, options)
    out = options.out or options.root / DEFAULT_OUT
    written: list[Path] = []
    for spec in loaded:
        written.extend(_build_spec(spec, out, options))
    return written


def _load_specs(paths: list[Path], options: BuildOptions) -> list[BriefSpec]:
    problems: list[str] = []
    specs: list[BriefSpec] = []
    known = available_audiences(options.template_dirs)
    for path in paths:
        try:
            spec = load_spec(path)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        for audience in options.audiences or spec.audiences:
            if audience not in known:
                problems.append(
                    f"{path}: audiences: no template for audience '{audience}'"
                    f"{suggest(audience, known)}; available: {', '.join(known)}"
                )
        try:
            resolve_style(spec.citation_style)
        except CitationError as exc:
            problems.append(f"{path}: citation_style: {exc}")
        specs.append(spec)
    if problems:
        raise ConfigError(problems)
    return specs


def _select_sources(spec: BriefSpec) -> list[SourceEntry]:
    entries = load_catalogue(spec.corpus)
    if spec.sources is None:
        return entries
    by_id = {e.id: e for e in entries}
    unknown = [s for s in spec.sources if s not in by_id]
    if unknown:
        raise ConfigError(
            [
                f"{spec.path}: sources: no source '{s}' in {spec.corpus}{suggest(s, list(by_id))}"
                for s in unknown
            ]
        )
    return [by_id[s] for s in spec.sources]


def _ingest_all(entries: list[SourceEntry]) -> list[Document]:
    documents = []
    for entry in entries:
        try:
            document = ingest_document(entry)
        except BriefgenError as exc:
            log.error("Could not process %s", exc)
            continue
        for warning in document.warnings:
            log.warning("%s", warning)
        documents.append(document)
    return documents


def summary_of(document: Document, citable: frozenset[Zone], cache: Path) -> SourceSummary:
    """A document's structured summary, from the cache when nothing it depends on changed."""
    key = cache_key(document, citable, EXTRACTOR_VERSION)
    summary = load_cached(cache, key)
    if summary is None:
        summary = summarize(document, citable)
        store(cache, key, summary)
    return summary


def _build_spec(spec: BriefSpec, out: Path, options: BuildOptions) -> list[Path]:
    documents = _ingest_all(_select_sources(spec))
    if not documents:
        raise BriefgenError(f"{spec.path}: no readable sources in {spec.corpus}")
    citable = CITABLE_ZONES | ({Zone.COMMENT} if spec.cite_reader_comments else set())
    curation = load_curation(spec.corpus)
    summaries = [summary_of(d, citable, out / CACHE_DIR) for d in documents]
    generated = build_timestamp()
    written: list[Path] = []
    for audience in options.audiences or spec.audiences:
        brief, warnings = compose_brief(
            brief_id=spec.name,
            title=spec.title,
            subtitle=spec.subtitle,
            audience=audience,
            as_of=spec.as_of,
            sources=[d.entry for d in documents],
            summaries=summaries,
            curation=curation,
        )
        for warning in warnings:
            log.warning("%s", warning)
        citations = cite_brief(brief, spec.citation_style)
        outputs: dict[str, bytes] = {}
        if "json" in options.formats:
            outputs["json"] = dumps(brief_to_json(brief, options.root)).encode()
        if "html" in options.formats:
            outputs["html"] = render_html(
                brief,
                citations,
                mode="screen",
                generated=generated,
                user_dirs=options.template_dirs,
            ).encode()
        if "pdf" in options.formats:
            print_html = render_html(
                brief,
                citations,
                mode="print",
                generated=generated,
                user_dirs=options.template_dirs,
            )
            outputs["pdf"] = render_pdf(
                print_html, allowed_dirs=template_dirs(options.template_dirs)
            )
        folder = out / spec.name
        for extension, data in outputs.items():
            target = folder / f"{audience}.{extension}"
            write_atomic(target, data)
            written.append(target)
    return written
