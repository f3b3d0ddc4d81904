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
from briefgen.compose import compose_material
from briefgen.curation import load_curation
from briefgen.edition import Edition, resolve_edition
from briefgen.errors import BriefgenError, CitationError, ConfigError
from briefgen.export import brief_to_json, dumps
from briefgen.extract import CITABLE_ZONES, EXTRACTOR_VERSION, summarize
from briefgen.fileio import write_atomic
from briefgen.fit import fit_pages
from briefgen.ingest import ingest_document
from briefgen.model import Brief, Document, SourceEntry, SourceSummary, Zone
from briefgen.passages import PassageFinder
from briefgen.render import RenderedPdf, RenderInputs, render_html, render_pdf
from briefgen.spec import BriefSpec, find_specs, load_spec
from briefgen.summary_store import cache_key, load_cached, store
from briefgen.tailor import Material, tailor_brief
from briefgen.templates import builtin_template_dir, template_dirs
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
    plans = _load_specs(paths, options)
    out = options.out or options.root / DEFAULT_OUT
    written: list[Path] = []
    for plan in plans:
        written.extend(_build_spec(plan, out, options))
    return written


def _load_specs(paths: list[Path], options: BuildOptions) -> list[_SpecPlan]:
    """Every spec with its editions resolved; all problems of all specs reported at once."""
    problems: list[str] = []
    plans: list[_SpecPlan] = []
    for path in paths:
        try:
            spec = load_spec(path)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        user_dirs = _user_template_dirs(spec, options)
        editions = []
        for audience in options.audiences or tuple(a.name for a in spec.audiences):
            try:
                edition = resolve_edition(spec, audience, user_dirs)
                resolve_style(edition.citation_style)
            except ConfigError as exc:
                problems.extend(f"{spec.audience(audience).where}: {p}" for p in exc.problems)
                continue
            except CitationError as exc:
                problems.append(f"{spec.audience(audience).where}: citation_style: {exc}")
                continue
            editions.append(edition)
        plans.append(_SpecPlan(spec, tuple(editions), user_dirs))
    if problems:
        raise ConfigError(problems)
    return plans


def _user_template_dirs(spec: BriefSpec, options: BuildOptions) -> tuple[Path, ...]:
    """The command line's template folders first, then the spec's, then the workspace's
    own templates/ (unless that is the built-in folder, as in a briefgen checkout)."""
    workspace = options.root / "templates"
    own = (
        (workspace,)
        if workspace.is_dir() and workspace.resolve() != builtin_template_dir().resolve()
        else ()
    )
    return (*options.template_dirs, *((spec.templates,) if spec.templates else ()), *own)


@dataclass(frozen=True)
class _SpecPlan:
    spec: BriefSpec
    editions: tuple[Edition, ...]
    user_dirs: tuple[Path, ...]


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


def compose_spec(spec: BriefSpec, cache: Path) -> tuple[list[Document], Material]:
    """A spec's readable sources and the ranked material every audience draws on;
    summaries come from `cache` when nothing they depend on changed."""
    documents = _ingest_all(_select_sources(spec))
    if not documents:
        raise BriefgenError(f"{spec.path}: no readable sources in {spec.corpus}")
    citable = CITABLE_ZONES | ({Zone.COMMENT} if spec.cite_reader_comments else set())
    material, warnings = compose_material(
        brief_id=spec.name,
        title=spec.title,
        subtitle=spec.subtitle,
        as_of=spec.as_of,
        sources=[d.entry for d in documents],
        summaries=[summary_of(d, citable, cache) for d in documents],
        curation=load_curation(spec.corpus),
    )
    for warning in warnings:
        log.warning("%s", warning)
    return documents, material


def _build_spec(plan: _SpecPlan, out: Path, options: BuildOptions) -> list[Path]:
    documents, material = compose_spec(plan.spec, out / CACHE_DIR)
    renderer = _EditionRenderer(PassageFinder(documents), build_timestamp(), plan.user_dirs)
    # Every edition is ready before any file is written: a failure leaves the last set whole.
    ready = [(e.audience, renderer.outputs(material, e, options)) for e in plan.editions]
    written: list[Path] = []
    for audience, outputs in ready:
        for extension, data in outputs.items():
            target = out / plan.spec.name / f"{audience}.{extension}"
            write_atomic(target, data)
            written.append(target)
    return written


@dataclass(frozen=True)
class _EditionRenderer:
    """Renders one edition's outputs; the PDF decides how much of the material fits."""

    passages: PassageFinder
    generated: str
    user_dirs: tuple[Path, ...]

    def outputs(
        self, material: Material, edition: Edition, options: BuildOptions
    ) -> dict[str, bytes]:
        def attempt(cut: int) -> tuple[Brief, RenderInputs, RenderedPdf | None]:
            brief = tailor_brief(material, edition.audience, edition.layout, cut)
            inputs = RenderInputs(
                citations=cite_brief(brief, edition.citation_style),
                edition=edition,
                generated=self.generated,
                passages=self.passages.note_passages(brief),
                appendix=self.passages.appendix(brief),
            )
            if "pdf" not in options.formats and edition.max_pages is None:
                return brief, inputs, None
            print_html = render_html(brief, inputs, mode="print", user_dirs=self.user_dirs)
            pdf = render_pdf(print_html, allowed_dirs=template_dirs(self.user_dirs))
            return brief, inputs, pdf

        def pages(result: tuple[Brief, RenderInputs, RenderedPdf | None]) -> int:
            return result[2].pages if result[2] is not None else 0

        if edition.max_pages is None:
            (brief, inputs, pdf), cut = attempt(0), 0
        else:
            full = tailor_brief(material, edition.audience, edition.layout)
            most = len(full.statements()) - len(full.sections)
            (brief, inputs, pdf), cut = fit_pages(attempt, pages, edition.max_pages, most)
            if pdf is not None and pdf.pages > edition.max_pages:
                log.warning(
                    "%s: the %s brief needs %d pages even at one statement per section; "
                    "its budget is %d (max_pages)",
                    material.brief_id,
                    edition.audience,
                    pdf.pages,
                    edition.max_pages,
                )
            elif cut:
                log.info(
                    "%s: %d statements cut to fit %d pages",
                    edition.audience,
                    cut,
                    edition.max_pages,
                )
        outputs: dict[str, bytes] = {}
        if "json" in options.formats:
            outputs["json"] = dumps(brief_to_json(brief, options.root)).encode()
        if "html" in options.formats:
            html = render_html(brief, inputs, mode="screen", user_dirs=self.user_dirs)
            outputs["html"] = html.encode()
        if "pdf" in options.formats and pdf is not None:
            outputs["pdf"] = pdf.data
        return outputs
