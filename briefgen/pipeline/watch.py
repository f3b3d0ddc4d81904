"""Watch mode: rebuild when a spec, source, catalogue, curation file or template changes.

watchfiles reports changes in batches: a batch ends when nothing has changed for
`quiet_ms`, so an editor's burst (swap file, temporary file, rename) gives one rebuild.
Each rebuild is an ordinary incremental build, so it touches only what the change made
stale, and one that fails (a bad edit) is logged and the watch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from threading import Event

import watchfiles

from briefgen.errors import BriefgenError
from briefgen.pipeline.build import build
from briefgen.pipeline.plans import BuildOptions, load_plans
from briefgen.workspace.templates import builtin_template_dir

log = logging.getLogger(__name__)

_LONGEST_BATCH_MS = 10_000  # a longer stream of changes is built in pieces
_IDLE_MS = 500  # how often the watcher wakes when nothing changes
# Editors' scratch files that never hold a brief's input: Vim's write test file "4913",
# briefgen's own temporary files, lock files.
_SCRATCH = (r"^4913$", r"^\..*\.tmp$", r"^\.lock$", r"\.swx$", r"^#.*#$")


class _InputFilter(watchfiles.DefaultFilter):
    """watchfiles' defaults (VCS folders, swap and backup files) plus the output folder
    and editors' scratch files."""

    def __init__(self, out: Path) -> None:
        patterns = (*watchfiles.DefaultFilter.ignore_entity_patterns, *_SCRATCH)
        super().__init__(ignore_entity_patterns=patterns, ignore_paths=[out.resolve()])


def watched_paths(
    specs: Sequence[Path], options: BuildOptions, last: Sequence[Path] = ()
) -> list[Path]:
    """The folders and files whose changes can change a brief. While a spec cannot be
    read (a bad edit), the folders watched before (`last`) stay watched."""
    paths = {(options.root / "briefs").resolve(), builtin_template_dir().resolve()}
    paths.update(p.resolve() for p in specs)
    paths.update(d.resolve() for d in options.template_dirs)
    try:
        plans = load_plans(specs, options)
    except BriefgenError:
        paths.update(last)  # the build reports the error
        plans = []
    for plan in plans:
        paths.add(plan.spec.corpus.resolve())
        paths.update(d.resolve() for d in plan.user_dirs)
    return sorted(p for p in paths if p.exists())


def rebuild(specs: Sequence[Path], options: BuildOptions) -> bool:
    """One build; an error is logged, not raised, so the watch survives a bad edit."""
    try:
        report = build(specs, options)
    except BriefgenError as exc:
        log.error("%s", exc)
        log.error("build failed; fix the input and save it again (still watching)")
        return False
    if report.written:
        log.info("wrote %d files", len(report.written))
    return True


def watch(
    specs: Sequence[Path],
    options: BuildOptions,
    *,
    quiet_ms: int = 300,
    stop: Event | None = None,
) -> None:
    """Builds, then rebuilds after every batch of changes until `stop` is set or Ctrl-C
    (KeyboardInterrupt, left to the caller)."""
    out = options.output_folder
    paths: list[Path] = []
    first = True
    while stop is None or not stop.is_set():
        paths = watched_paths(specs, options, paths)
        log.info("watching %s", ", ".join(str(p) for p in paths))
        batches = watchfiles.watch(
            *paths,
            watch_filter=_InputFilter(out),
            step=quiet_ms,
            debounce=max(_LONGEST_BATCH_MS, quiet_ms),
            stop_event=stop,
            # An empty batch once the watcher runs: the first build starts only then, so
            # an edit made while it runs is seen, not lost.
            yield_on_timeout=True,
            rust_timeout=_IDLE_MS,
        )
        for batch in batches:
            if first:
                first = False
            elif not batch:
                continue
            else:
                changed = sorted({Path(path) for _, path in batch})
                shown = ", ".join(_relative(p, options.root) for p in changed[:3])
                more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
                log.info("changed: %s%s; rebuilding", shown, more)
            rebuild(specs, options)
            if watched_paths(specs, options, paths) != paths:
                break  # a spec now names another corpus or template folder
        else:
            return


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.resolve()))
    except ValueError:
        return str(path)
