"""Build: the one place that runs the stages in order (ingest, extract, compose, cite, render).

A build is incremental. The manifest beside each brief's outputs records what every
output was made from; only outputs whose inputs changed are rebuilt, only sources whose
bytes changed are re-extracted, and a build that changes nothing writes nothing.
Everything is computed in memory first and written only when every output of a brief is
ready, so a failed or killed build leaves the previous edition intact.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.compose.edition_settings import Edition
from briefgen.core import timings
from briefgen.core.collector import fewer_collections
from briefgen.core.deadline import time_limit
from briefgen.core.fileio import remove_leftovers
from briefgen.core.wording import named_few
from briefgen.pipeline.inputs import corpus_digests, edition_inputs
from briefgen.pipeline.lock import build_lock
from briefgen.pipeline.manifest import EDITIONS_DIR, MANIFEST_NAME, EditionInputs, Manifest
from briefgen.pipeline.plans import (
    PARSED_CACHE,
    BuildOptions,
    SpecPlan,
    load_plans,
    select_sources,
)
from briefgen.pipeline.staleness import OutputState, file_states

if TYPE_CHECKING:
    from briefgen.pipeline.publish import PendingWrites
    from briefgen.render.edition import EditionHistory, RenderedEdition

# Composing and rendering are imported once a build has something to do (in
# `_build_spec`): a build that finds every output current costs little more than
# reading the inputs.

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build did: files written, sources extracted afresh, outputs left as they were."""

    written: list[Path] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)  # source ids not served by the cache
    rebuilt: dict[str, list[str]] = field(default_factory=dict)  # output file -> reasons
    current: list[str] = field(default_factory=list)  # output files already up to date
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage (core/timings.py)


def build_timestamp() -> str:
    """The build time, from SOURCE_DATE_EPOCH when set so equal inputs give equal bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def build(specs: Sequence[Path] = (), options: BuildOptions | None = None) -> BuildReport:
    """Builds the stale outputs of the given specs (all of `root/briefs` by default).

    Every brief is rendered before any file is written, so a wrong spec, catalogue,
    style or template, a timeout or an interruption writes nothing. A source that cannot
    be read is skipped with a logged error.
    """
    options = options or BuildOptions()
    report = BuildReport()
    timings.take()  # this build's stages only
    with time_limit(options.timeout), fewer_collections():
        plans = load_plans(specs, options)
        out = options.output_folder
        with build_lock(out, wait=options.wait):
            for leftover in remove_leftovers(out):
                log.info("removed %s, left by an interrupted build", leftover)
            ready = [_build_spec(plan, out, options, report) for plan in plans]
            if any(w is not None for w in ready):
                from briefgen.pipeline.publish import publish

                report.written.extend(publish([w for w in ready if w is not None]))
    report.stages = timings.take()
    return report


def _build_spec(
    plan: SpecPlan, out: Path, options: BuildOptions, report: BuildReport
) -> PendingWrites | None:
    """The files of the spec's stale outputs, staged in memory; None if all are current."""
    folder = out / plan.spec.name
    manifest = Manifest.load(folder)
    # Inputs are read before any source is ingested: a file edited mid-build shows as
    # changed next time instead of being recorded as built.
    entries = select_sources(plan.spec, out / PARSED_CACHE)
    corpus = corpus_digests(plan.spec, entries)
    stale: list[tuple[Edition, EditionInputs, list[OutputState]]] = []
    for edition in plan.editions:
        inputs = edition_inputs(plan.spec, edition, corpus, root=options.root)
        states = file_states(plan, edition, inputs, manifest, options)
        report.current.extend(s.label for s in states if not s.reasons)
        if any(s.reasons for s in states):
            stale.append((edition, inputs, states))
            _log_rebuild(plan.spec.name, edition, states)
    if not stale:
        log.info("%s: every output is up to date", plan.spec.name)
        return None
    from briefgen.cite.memo import CITATION_CACHE, CitationMemo
    from briefgen.cite.passages import PassageFinder
    from briefgen.core.parallel import forked_map
    from briefgen.pipeline.publish import PendingWrites, load_record, stage_edition
    from briefgen.pipeline.spec_material import compose_spec
    from briefgen.render.edition import EditionHistory, EditionRenderer
    from briefgen.render.html import prepare_pdf_renderer
    from briefgen.render.layout_cache import LayoutCache

    extracted: list[str] = []
    # WeasyPrint is imported while workers read the sources when a layout is coming.
    lays_out = any(
        edition.max_pages is not None or any(s.reasons and s.extension == "pdf" for s in states)
        for edition, _, states in stale
    )
    documents, material = compose_spec(
        plan.spec,
        out,
        entries,
        extracted,
        digests=corpus.sources,
        progress=options.progress,
        executor=options.executor,
        meanwhile=prepare_pdf_renderer if lays_out else None,
    )
    reused = len(documents) - len(extracted)
    log.info(
        "%s: %d of %d sources extracted afresh%s%s",
        plan.spec.name,
        len(extracted),
        len(documents),
        f" ({named_few(extracted)})" if extracted else "",
        f"; {reused} from the cache" if reused else "",
    )
    report.extracted.extend(extracted)
    manifest.left_out = {s.source: s.reason for s in material.left_out}
    manifest.stale_review = list(material.stale_review)
    renderer = EditionRenderer(
        PassageFinder(documents),
        build_timestamp(),
        plan.user_dirs,
        options.root,
        sandboxed=plan.spec.template_sandbox,
    )
    jobs = []
    reuse = not options.force  # --force makes everything afresh
    for edition, inputs, states in stale:
        stale_states = [s for s in states if s.reasons]
        reasons = tuple(dict.fromkeys(r for s in stale_states for r in s.reasons))
        history = EditionHistory(
            load_record(folder, edition.audience),
            inputs.sources,
            reasons,
            LayoutCache(folder / EDITIONS_DIR / "layouts" / edition.audience, reuse),
            CitationMemo(out / CITATION_CACHE / plan.spec.name / edition.audience, reuse),
        )
        jobs.append((edition, inputs, history, [s.extension for s in stale_states]))
        log.info("%s/%s: rendering...", plan.spec.name, edition.audience)
        report.rebuilt.update((s.label, list(s.reasons)) for s in stale_states)

    def render(job: tuple[Edition, EditionInputs, EditionHistory, list[str]]) -> RenderedEdition:
        edition, _, history, formats = job
        return renderer.render(material, edition, history, formats)

    # Editions lay out their PDFs side by side, one a core. Every edition is ready before
    # any file is written: a failure leaves the last set whole.
    with forked_map(render, jobs, workers=len(jobs)) as rendered:
        by_audience = {r.edition.audience: r for r in rendered}
    writes = PendingWrites(folder)
    for edition, inputs, history, _ in jobs:
        stage_edition(writes, manifest, by_audience[edition.audience], inputs, history.record)
    writes.add(folder / MANIFEST_NAME, manifest.to_bytes())  # last: it vouches for the rest
    return writes


def _log_rebuild(spec: str, edition: Edition, states: list[OutputState]) -> None:
    """One line per set of files rebuilt for the same reasons."""
    by_reasons: dict[tuple[str, ...], list[str]] = {}
    for state in states:
        if state.reasons:
            by_reasons.setdefault(state.reasons, []).append(state.extension)
    for reasons, extensions in by_reasons.items():
        log.info(
            "%s/%s (%s): rebuilding: %s",
            spec,
            edition.audience,
            ", ".join(extensions),
            "; ".join(reasons),
        )
