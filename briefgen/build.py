"""Build: the one place that runs the stages in order (ingest, extract, compose, cite, render).

A build is incremental. The manifest beside each brief's outputs records what every
output was made from; only outputs whose inputs changed are rebuilt, only sources whose
bytes changed are re-extracted, and a build that changes nothing writes nothing.
Everything is computed in memory first and written only when every output of a brief is
ready, so a failed or killed build leaves the previous edition intact.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from briefgen.catalogue import load_catalogue
from briefgen.changes import EditionRecord, changes_markdown
from briefgen.cite import resolve_style
from briefgen.compose import compose_material
from briefgen.curation import load_curation
from briefgen.digest import digest_bytes, digest_file
from briefgen.edition import Edition, resolve_edition
from briefgen.errors import BriefgenError, CitationError, ConfigError
from briefgen.export import dumps
from briefgen.extract import CITABLE_ZONES, EXTRACTOR_VERSION, summarize
from briefgen.fileio import StagedFile, commit, discard, remove_leftovers, stage_file
from briefgen.ingest import ingest_document
from briefgen.inputs import edition_inputs
from briefgen.lock import build_lock
from briefgen.manifest import MANIFEST_NAME, EditionInputs, Manifest, OutputRecord
from briefgen.model import Document, SourceEntry, SourceSummary, Zone
from briefgen.passages import PassageFinder
from briefgen.render import template_digests
from briefgen.render_edition import EditionHistory, EditionRenderer, RenderedEdition
from briefgen.spec import BriefSpec, find_specs, load_spec
from briefgen.summary_store import cache_key, load_cached, store
from briefgen.tailor import Material
from briefgen.templates import builtin_template_dir
from briefgen.yamlfile import suggest

log = logging.getLogger(__name__)

DEFAULT_OUT = Path("_build")
CACHE_DIR = Path(".cache") / "summaries"  # under the output folder
EDITIONS_DIR = ".editions"  # under a brief's output folder: the last edition per audience
FORMATS = ("html", "pdf", "json")
FORCED = "rebuild forced (--force)"


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where; every field has the CLI's default."""

    root: Path = Path()
    out: Path | None = None
    audiences: tuple[str, ...] | None = None
    formats: tuple[str, ...] = FORMATS
    template_dirs: tuple[Path, ...] = ()
    force: bool = False  # rebuild every output, current or not
    wait: bool = True  # wait for another build of the same output folder, or fail at once

    @property
    def output_folder(self) -> Path:
        return self.out or self.root / DEFAULT_OUT


@dataclass
class BuildReport:
    """What a build did: files written, sources extracted afresh, outputs left as they were."""

    written: list[Path] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)  # source ids not served by the cache
    rebuilt: dict[str, list[str]] = field(default_factory=dict)  # output file -> reasons
    current: list[str] = field(default_factory=list)  # output files already up to date


@dataclass(frozen=True)
class OutputState:
    """One output file of one edition and why it is stale (no reasons: current)."""

    spec: str
    edition: Edition
    file: str  # e.g. "policymaker.pdf"
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.spec}/{self.file}"


def build_timestamp() -> str:
    """The build time, from SOURCE_DATE_EPOCH when set so equal inputs give equal bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def build(specs: Sequence[Path] = (), options: BuildOptions | None = None) -> BuildReport:
    """Builds the stale outputs of the given specs (all of `root/briefs` by default).

    Raises BriefgenError before writing anything if a spec, catalogue, style or template
    is wrong; a source that cannot be read is skipped with a logged error.
    """
    options = options or BuildOptions()
    plans = load_plans(specs, options)
    out = options.output_folder
    report = BuildReport()
    with build_lock(out, wait=options.wait):
        for leftover in remove_leftovers(out):
            log.info("removed %s, left by an interrupted build", leftover)
        for plan in plans:
            _build_spec(plan, out, options, report)
    return report


def output_states(
    specs: Sequence[Path] = (), options: BuildOptions | None = None
) -> list[OutputState]:
    """Every output the specs ask for and why it is stale; reads hashes, builds nothing."""
    options = options or BuildOptions()
    states: list[OutputState] = []
    for plan in load_plans(specs, options):
        states.extend(_plan_states(plan, options))
    return states


def load_plans(specs: Sequence[Path], options: BuildOptions) -> list[_SpecPlan]:
    """The specs (every one in `root/briefs` when none is given) with their editions."""
    unknown_formats = [f for f in options.formats if f not in FORMATS]
    if unknown_formats:
        raise ConfigError(
            [f"unknown format '{f}'{suggest(f, list(FORMATS))}" for f in unknown_formats]
        )
    return _load_specs(list(specs) or find_specs(options.root / "briefs"), options)


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
    documents = _ingest_all(entries if entries is not None else _select_sources(spec))
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


def _output_names(edition: Edition, formats: Sequence[str]) -> list[str]:
    return [f"{edition.audience}.{extension}" for extension in formats]


def _current_inputs(
    plan: _SpecPlan, edition: Edition, entries: list[SourceEntry], options: BuildOptions
) -> EditionInputs:
    return edition_inputs(
        plan.spec, edition, entries, root=options.root, user_dirs=plan.user_dirs, templates=()
    )


def _file_states(
    plan: _SpecPlan,
    edition: Edition,
    inputs: EditionInputs,
    manifest: Manifest,
    options: BuildOptions,
) -> list[OutputState]:
    states = []
    for name in _output_names(edition, options.formats):
        record = manifest.outputs.get(name)
        # Templates: the ones the last build read, looked up again as the next build would.
        names = sorted(record.inputs.templates) if record else []
        now = replace(inputs, templates=template_digests(names, plan.user_dirs))
        reasons = manifest.why_stale(name, now)
        if options.force and not reasons:
            reasons = [FORCED]
        states.append(OutputState(plan.spec.name, edition, name, tuple(reasons)))
    return states


def _plan_states(plan: _SpecPlan, options: BuildOptions) -> list[OutputState]:
    manifest = Manifest.load(options.output_folder / plan.spec.name)
    entries = _select_sources(plan.spec)
    return [
        state
        for edition in plan.editions
        for state in _file_states(
            plan, edition, _current_inputs(plan, edition, entries, options), manifest, options
        )
    ]


def _build_spec(plan: _SpecPlan, out: Path, options: BuildOptions, report: BuildReport) -> None:
    folder = out / plan.spec.name
    manifest = Manifest.load(folder)
    # Inputs are read before any source is ingested: a file edited mid-build shows as
    # changed next time instead of being recorded as built.
    entries = _select_sources(plan.spec)
    stale: list[tuple[Edition, EditionInputs, list[OutputState]]] = []
    for edition in plan.editions:
        inputs = _current_inputs(plan, edition, entries, options)
        states = _file_states(plan, edition, inputs, manifest, options)
        report.current.extend(s.label for s in states if not s.reasons)
        if any(s.reasons for s in states):
            stale.append((edition, inputs, states))
            _log_rebuild(plan.spec.name, edition, states)
    if not stale:
        log.info("%s: every output is up to date", plan.spec.name)
        return
    extracted: list[str] = []
    documents, material = compose_spec(plan.spec, out / CACHE_DIR, entries, extracted)
    log.info(
        "%s: %d of %d sources extracted afresh%s",
        plan.spec.name,
        len(extracted),
        len(documents),
        f" ({', '.join(extracted)})" if extracted else "; the rest from the cache",
    )
    report.extracted.extend(extracted)
    renderer = EditionRenderer(
        PassageFinder(documents),
        build_timestamp(),
        plan.user_dirs,
        options.root,
    )
    # Every edition is ready before any file is written: a failure leaves the last set whole.
    ready = []
    for edition, inputs, states in stale:
        stale_states = [s for s in states if s.reasons]
        reasons = tuple(dict.fromkeys(r for s in stale_states for r in s.reasons))
        history = EditionHistory(_load_record(folder, edition.audience), inputs.sources, reasons)
        formats = [s.file.rsplit(".", 1)[1] for s in stale_states]
        log.info("%s/%s: rendering...", plan.spec.name, edition.audience)
        ready.append((renderer.render(material, edition, history, formats), inputs))
        report.rebuilt.update((s.label, list(s.reasons)) for s in stale_states)
    writes = _Writes(folder)
    for rendered, inputs in ready:
        _stage_edition(writes, manifest, rendered, inputs)
    writes.add(folder / MANIFEST_NAME, manifest.to_bytes())  # last: it vouches for the rest
    report.written.extend(writes.commit())


def _log_rebuild(spec: str, edition: Edition, states: list[OutputState]) -> None:
    """One line per set of files rebuilt for the same reasons."""
    by_reasons: dict[tuple[str, ...], list[str]] = {}
    for state in states:
        if state.reasons:
            by_reasons.setdefault(state.reasons, []).append(state.file.rsplit(".", 1)[1])
    for reasons, extensions in by_reasons.items():
        log.info(
            "%s/%s (%s): rebuilding: %s",
            spec,
            edition.audience,
            ", ".join(extensions),
            "; ".join(reasons),
        )


def _record_path(folder: Path, audience: str) -> Path:
    return folder / EDITIONS_DIR / f"{audience}.json"


def _load_record(folder: Path, audience: str) -> EditionRecord | None:
    """The last edition built for an audience, or None (first edition, or unreadable)."""
    path = _record_path(folder, audience)
    try:
        return EditionRecord.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("%s: unreadable record of the last edition (%s); starting afresh", path, exc)
        return None


def _stage_edition(
    writes: _Writes, manifest: Manifest, rendered: RenderedEdition, inputs: EditionInputs
) -> None:
    audience = rendered.edition.audience
    for extension, data in rendered.outputs.items():
        name = f"{audience}.{extension}"
        writes.add(writes.folder / name, data)
        templates: dict[str, str | None] = {**rendered.templates[extension]}
        manifest.outputs[name] = OutputRecord(
            digest_bytes(data), replace(inputs, templates=templates)
        )
    previous = _load_record(writes.folder, audience)
    if previous is None or not previous.snapshot.same_content(rendered.snapshot):
        # A new edition: its changes report and record replace the last one's.
        record = EditionRecord(rendered.snapshot, rendered.changes)
        writes.add(_record_path(writes.folder, audience), dumps(record.to_json()).encode())
    writes.add(
        writes.folder / f"{audience}.changes.json", dumps(rendered.changes.to_json()).encode()
    )
    writes.add(
        writes.folder / f"{audience}.changes.md", changes_markdown(rendered.changes).encode()
    )


@dataclass
class _Writes:
    """The files a build will write; a file whose bytes are already on disk is skipped."""

    folder: Path
    files: dict[Path, bytes] = field(default_factory=dict)

    def add(self, path: Path, data: bytes) -> None:
        self.files[path] = data

    def commit(self) -> list[Path]:
        changed = {p: d for p, d in self.files.items() if digest_file(p) != digest_bytes(d)}
        staged: list[StagedFile] = []
        try:
            for path, data in changed.items():
                staged.append(stage_file(path, data))
        except BriefgenError:
            discard(staged)
            raise
        commit(staged)
        return list(changed)
