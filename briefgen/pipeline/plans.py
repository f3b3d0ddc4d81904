"""Build plans: which specs, which editions of each, and from which template folders.

Everything a build or `status` needs to know before reading a source: loading and
validating every spec, resolving each audience's edition, and every problem reported at once.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefgen.cite.csl import resolve_style
from briefgen.compose.edition_settings import Edition, resolve_edition
from briefgen.errors import CitationError, ConfigError
from briefgen.model import SourceEntry
from briefgen.workspace.catalogue import load_catalogue
from briefgen.workspace.spec import BriefSpec, find_specs, load_spec
from briefgen.workspace.templates import builtin_template_dir
from briefgen.workspace.yamlfile import suggest

DEFAULT_OUT = Path("_build")
PARSED_CACHE = Path(".cache") / "parsed"  # under the output folder: catalogues, validated
FORMATS = ("html", "pdf", "json", "docx")
DEFAULT_FORMATS = ("html", "pdf", "json")  # DOCX when asked (`--format docx`)


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where; every field has the CLI's default."""

    root: Path = Path()
    out: Path | None = None
    audiences: tuple[str, ...] | None = None
    formats: tuple[str, ...] = DEFAULT_FORMATS
    template_dirs: tuple[Path, ...] = ()
    force: bool = False  # rebuild every output, current or not
    wait: bool = True  # wait for another build of the same output folder, or fail at once
    timeout: float | None = None  # seconds the whole build may take (main thread only)
    progress: bool = False  # a progress bar on stderr (when it is a terminal)
    # Where sources are read and summarised: None for local processes, or "dask://HOST:PORT"
    # for a Dask cluster whose workers share the corpus and output folder.
    executor: str | None = None

    @property
    def output_folder(self) -> Path:
        return self.out or self.root / DEFAULT_OUT


def load_plans(specs: Sequence[Path], options: BuildOptions) -> list[SpecPlan]:
    """The specs (every one in `root/briefs` when none is given) with their editions."""
    unknown_formats = [f for f in options.formats if f not in FORMATS]
    if unknown_formats:
        raise ConfigError(
            [f"unknown format '{f}'{suggest(f, list(FORMATS))}" for f in unknown_formats]
        )
    return _load_specs(list(specs) or find_specs(options.root / "briefs"), options)


def _load_specs(paths: list[Path], options: BuildOptions) -> list[SpecPlan]:
    """Every spec with its editions resolved; all problems of all specs reported at once."""
    problems: list[str] = []
    plans: list[SpecPlan] = []
    # Specs and template defaults validated before are read back: validating costs
    # little, but importing the validator is a tenth of a build that changes nothing.
    cache = options.output_folder / PARSED_CACHE
    new_folder = not options.output_folder.exists()
    for path in paths:
        try:
            spec = load_spec(path, cache)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        user_dirs = _user_template_dirs(spec, options)
        editions = []
        for audience in options.audiences or tuple(a.name for a in spec.audiences):
            try:
                edition = resolve_edition(spec, audience, user_dirs, cache)
                resolve_style(edition.citation_style)
            except ConfigError as exc:
                problems.extend(f"{spec.audience(audience).where}: {p}" for p in exc.problems)
                continue
            except CitationError as exc:
                # Said once, at the line that sets the style, however many audiences use it.
                problems.append(f"{spec.audience(audience).style_where}: {exc}")
                continue
            editions.append(edition)
        plans.append(SpecPlan(spec, tuple(editions), user_dirs))
    if problems:
        if new_folder:  # a spec found wrong leaves no output folder behind
            _remove_new_cache(cache, options.output_folder)
        raise ConfigError(list(dict.fromkeys(problems)))
    return plans


def _remove_new_cache(cache: Path, output_folder: Path) -> None:
    """Removes the cache a failed first build wrote, and the folders above it up to the
    output folder while they are empty (something else may have put files there since)."""
    shutil.rmtree(cache, ignore_errors=True)
    folder = cache.parent
    while True:
        try:
            folder.rmdir()
        except OSError:
            return  # not empty, or already gone
        if folder == output_folder:
            return
        folder = folder.parent


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
class SpecPlan:
    """One spec with its resolved editions and the user template folders it renders with."""

    spec: BriefSpec
    editions: tuple[Edition, ...]
    user_dirs: tuple[Path, ...]


def select_sources(spec: BriefSpec, cache: Path | None = None) -> list[SourceEntry]:
    """The spec's sources from its corpus's catalogue (parsed once per version into
    `cache`, when given)."""
    entries = load_catalogue(spec.corpus, cache)
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
