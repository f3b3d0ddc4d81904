"""Staleness: which outputs must be rebuilt and exactly why, from the manifest and the
inputs as they are now (hashes only: nothing is ingested or rendered)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from briefgen.compose.edition_settings import Edition
from briefgen.pipeline.inputs import corpus_digests, edition_inputs
from briefgen.pipeline.manifest import EditionInputs, Manifest
from briefgen.pipeline.plans import (
    PARSED_CACHE,
    BuildOptions,
    SpecPlan,
    load_plans,
    select_sources,
)
from briefgen.workspace.templates import template_digests

FORCED = "rebuild forced (--force)"


@dataclass(frozen=True)
class OutputState:
    """One output file of one edition and why it is stale (no reasons: current)."""

    spec: str
    file: str  # e.g. "policymaker.pdf"
    reasons: tuple[str, ...]

    @property
    def extension(self) -> str:
        return self.file.rsplit(".", 1)[1]

    @property
    def label(self) -> str:
        return f"{self.spec}/{self.file}"


def output_states(
    specs: Sequence[Path] = (), options: BuildOptions | None = None
) -> list[OutputState]:
    """Every output the specs ask for and why it is stale; reads hashes, builds nothing."""
    options = options or BuildOptions()
    states: list[OutputState] = []
    for plan in load_plans(specs, options):
        states.extend(plan_states(plan, options))
    return states


def left_out_sources(
    plans: Sequence[SpecPlan], options: BuildOptions
) -> list[tuple[str, str, str]]:
    """(spec, source id, why) for each source the last build of a spec had to leave out."""
    return [
        (plan.spec.name, source, reason)
        for plan in plans
        for source, reason in Manifest.load(options.output_folder / plan.spec.name).left_out.items()
    ]


def stale_reviews(plans: Sequence[SpecPlan], options: BuildOptions) -> list[tuple[str, str]]:
    """(spec, entry) for each review entry the last build of a spec found stale."""
    return [
        (plan.spec.name, line)
        for plan in plans
        for line in Manifest.load(options.output_folder / plan.spec.name).stale_review
    ]


def file_states(
    plan: SpecPlan,
    edition: Edition,
    inputs: EditionInputs,
    manifest: Manifest,
    options: BuildOptions,
) -> list[OutputState]:
    """The state of each of `edition`'s output files, given its current `inputs`."""
    names = [f"{edition.audience}.{extension}" for extension in options.formats]
    records = [manifest.outputs.get(name) for name in names]
    # Templates: the ones the last build read, looked up again as the next build would.
    read = sorted({t for r in records if r is not None for t in r.inputs.templates})
    now = template_digests(read, plan.user_dirs)
    states = []
    for name, record in zip(names, records, strict=True):
        used = {t: now[t] for t in record.inputs.templates} if record is not None else {}
        reasons = manifest.why_stale(name, replace(inputs, templates=used))
        if options.force and not reasons:
            reasons = [FORCED]
        states.append(OutputState(plan.spec.name, name, tuple(reasons)))
    return states


def plan_states(plan: SpecPlan, options: BuildOptions) -> list[OutputState]:
    """The state of every output of one spec's plan."""
    manifest = Manifest.load(options.output_folder / plan.spec.name)
    corpus = corpus_digests(
        plan.spec, select_sources(plan.spec, options.output_folder / PARSED_CACHE)
    )
    return [
        state
        for edition in plan.editions
        for state in file_states(
            plan,
            edition,
            edition_inputs(plan.spec, edition, corpus, root=options.root),
            manifest,
            options,
        )
    ]
