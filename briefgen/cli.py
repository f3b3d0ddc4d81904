"""The command line: a thin Typer layer over the library API.

The library raises BriefgenError and logs; this layer prints messages, counts warnings
and turns errors into exit code 1. Tracebacks only with --debug.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any

import typer
import yaml

from briefgen.errors import BriefgenError, ConfigError, contained
from briefgen.model import Zone, csl_issued
from briefgen.pipeline.plans import DEFAULT_FORMATS, DEFAULT_OUT, BuildOptions, load_plans

if TYPE_CHECKING:
    from rich.table import Table

    from briefgen.ingest.corpus import SourceReport
    from briefgen.model import Document

# The stages are imported by the commands that use them, not here: `briefgen build` with
# nothing to do, `status` and `--help` should not pay for importing every stage.

app = typer.Typer(
    help="Turn a folder of sources into cited briefing documents (HTML, PDF, JSON).\n\n"
    "Run it in a workspace: a folder with briefs/ (one YAML spec per brief), the corpus "
    "folder each spec names (sources plus a CSL YAML catalogue, sources.yaml) and, "
    "optionally, templates/.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class _CountingHandler(logging.Handler):
    """Prints progress, warnings and errors to stderr as they come and counts the warnings
    and errors (MkDocs' --strict idea)."""

    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING:
            typer.echo(record.getMessage(), err=True)
            return
        self.count += 1
        typer.echo(f"{record.levelname}: {record.getMessage()}", err=True)


def _console(quiet: bool) -> _CountingHandler:
    """Shows briefgen's log on stderr: progress too unless `quiet`."""
    # --debug adds what only a bug report needs: the traceback of a source left out.
    level = logging.DEBUG if _state["debug"] else logging.WARNING if quiet else logging.INFO
    handler = _CountingHandler(level)
    logging.getLogger("briefgen").addHandler(handler)
    return handler


_state: dict[str, Any] = {"debug": False, "max_memory": None}


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    _state["debug"] = debug
    if debug:
        logging.getLogger("briefgen").setLevel(logging.DEBUG)


def _fail(exc: BriefgenError) -> None:
    if _state["debug"]:
        raise exc
    typer.echo(f"Error: {exc}", err=True)
    raise typer.Exit(1)


_SPECS_ARGUMENT = typer.Argument(help="Brief specs (default: every spec in briefs/).")
_OUT_OPTION = typer.Option("--out", "-o", help=f"Output folder (default: {DEFAULT_OUT}/).")
_AUDIENCE_OPTION = typer.Option(
    "--audience", "-a", help="Only this audience (repeatable; default: the spec's audiences)."
)
_FORMAT_OPTION = typer.Option("--format", "-f", help="Comma-separated formats: html,pdf,json,docx.")
_TEMPLATES_OPTION = typer.Option(
    "--templates", help="A template folder searched before the built-in one (repeatable)."
)
_QUIET_OPTION = typer.Option("--quiet", "-q", help="Print only warnings and errors.")
_EXECUTOR_OPTION = typer.Option(
    "--executor",
    help="Where sources are read and summarised: local processes (default) or a Dask "
    "cluster, dask://HOST:PORT, whose workers share the corpus and output folder.",
)
_TIMEOUT_OPTION = typer.Option(
    "--timeout",
    min=1,
    help="Stop a build that takes longer than this many seconds (nothing is written).",
)
_MEMORY_OPTION = typer.Option(
    "--max-memory",
    min=256,
    help="Stop when the process needs more than this many MB of memory (nothing is written).",
)


def _options(
    out: Path | None,
    audience: list[str] | None,
    formats: str,
    templates: list[Path] | None,
    *,
    force: bool = False,
    wait: bool = True,
    timeout: float | None = None,
    progress: bool = False,
    executor: str | None = None,
) -> BuildOptions:
    return BuildOptions(
        out=out,
        audiences=tuple(audience) if audience else None,
        formats=tuple(f.strip() for f in formats.split(",") if f.strip()),
        template_dirs=tuple(templates or ()),
        force=force,
        wait=wait,
        timeout=timeout,
        progress=progress,
        executor=executor,
    )


def _limit_memory(megabytes: int | None) -> None:
    """Caps this process's address space (None: no cap); an allocation beyond it raises
    MemoryError, which `main` reports in one line."""
    import resource

    if megabytes is None:
        return
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    _state["max_memory"] = megabytes


@app.command("build")
def build_command(
    specs: Annotated[list[Path] | None, _SPECS_ARGUMENT] = None,
    out: Annotated[Path | None, _OUT_OPTION] = None,
    audience: Annotated[list[str] | None, _AUDIENCE_OPTION] = None,
    formats: Annotated[str, _FORMAT_OPTION] = ",".join(DEFAULT_FORMATS),
    templates: Annotated[list[Path] | None, _TEMPLATES_OPTION] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild every output, even those up to date.")
    ] = False,
    no_wait: Annotated[
        bool,
        typer.Option("--no-wait", help="Fail at once if another build is writing to OUT."),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) if anything was warned about.")
    ] = False,
    quiet: Annotated[bool, _QUIET_OPTION] = False,
    timeout: Annotated[int | None, _TIMEOUT_OPTION] = None,
    max_memory: Annotated[int | None, _MEMORY_OPTION] = None,
    timings: Annotated[
        Path | None,
        typer.Option(
            "--timings",
            help="Write the seconds each stage took (ingest, extract, compose, cite, "
            "render HTML, render PDF) to this JSON file.",
        ),
    ] = None,
    executor: Annotated[str | None, _EXECUTOR_OPTION] = None,
) -> None:
    """Build briefs: writes OUT/<spec name>/<audience>.html, .pdf and .json.

    Only outputs whose inputs changed are rebuilt (see `briefgen status`); each rebuilt
    edition also gets <audience>.changes.md and .changes.json.
    """
    from briefgen.pipeline.build import build
    from briefgen.pipeline.manifest import EDITIONS_DIR

    handler = _console(quiet)
    _limit_memory(max_memory)
    options = _options(
        out,
        audience,
        formats,
        templates,
        force=force,
        wait=not no_wait,
        timeout=timeout,
        progress=not quiet,
        executor=executor,
    )
    try:
        report = build(specs or [], options)
    except BriefgenError as exc:
        _fail(exc)
        return
    except KeyboardInterrupt:
        typer.echo("interrupted; nothing was written for the briefs not yet finished", err=True)
        raise typer.Exit(130) from None
    if timings is not None:
        timings.write_text(json.dumps(report.stages, indent=2) + "\n", encoding="utf-8")
    for path in report.written:
        if EDITIONS_DIR not in path.parts:  # the record of the last edition is internal
            typer.echo(f"wrote {path}")
    if not report.written:
        typer.echo("nothing to write: every output is up to date", err=True)
    if strict and handler.count:
        typer.echo(f"Aborted with {handler.count} warnings in strict mode!", err=True)
        raise typer.Exit(1)


@app.command("watch")
def watch_command(
    specs: Annotated[list[Path] | None, _SPECS_ARGUMENT] = None,
    out: Annotated[Path | None, _OUT_OPTION] = None,
    audience: Annotated[list[str] | None, _AUDIENCE_OPTION] = None,
    formats: Annotated[str, _FORMAT_OPTION] = ",".join(DEFAULT_FORMATS),
    templates: Annotated[list[Path] | None, _TEMPLATES_OPTION] = None,
    debounce: Annotated[
        int,
        typer.Option(
            "--debounce", min=10, help="Rebuild once nothing has changed for this many ms."
        ),
    ] = 300,
    quiet: Annotated[bool, _QUIET_OPTION] = False,
    timeout: Annotated[int | None, _TIMEOUT_OPTION] = None,
    max_memory: Annotated[int | None, _MEMORY_OPTION] = None,
) -> None:
    """Build, then rebuild whatever a change to a spec, source or template makes stale,
    until Ctrl-C. A failed rebuild is reported and the watch goes on; --timeout bounds
    each rebuild."""
    from briefgen.pipeline.watch import watch  # watchfiles is needed only here

    _console(quiet)
    _limit_memory(max_memory)
    options = _options(out, audience, formats, templates, timeout=timeout)
    # Ctrl-C sets a stop event rather than raising KeyboardInterrupt wherever Python is:
    # raised inside a finalizer (a file lock's __del__) it was printed and dropped, and the
    # watch went on. The watch ends within half a second, or after the rebuild under way;
    # a second Ctrl-C stops that rebuild at once (and it writes nothing).
    stop = threading.Event()

    def interrupt(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        watch(specs or [], options, quiet_ms=debounce, stop=stop)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, previous)
    typer.echo("stopped watching", err=True)


@app.command("status")
def status_command(
    specs: Annotated[list[Path] | None, _SPECS_ARGUMENT] = None,
    out: Annotated[Path | None, _OUT_OPTION] = None,
    audience: Annotated[list[str] | None, _AUDIENCE_OPTION] = None,
    formats: Annotated[str, _FORMAT_OPTION] = ",".join(DEFAULT_FORMATS),
    templates: Annotated[list[Path] | None, _TEMPLATES_OPTION] = None,
) -> None:
    """Say which outputs are stale and why, and which sources the last build left out.
    Exit 0: all current; 1: something is stale; 2: the specs or their inputs have an error."""
    from briefgen.pipeline.staleness import left_out_sources, plan_states, stale_reviews

    _console(quiet=True)
    options = _options(out, audience, formats, templates)
    try:
        plans = load_plans(specs or [], options)
        states = [state for plan in plans for state in plan_states(plan, options)]
        left_out = left_out_sources(plans, options)
        reviews = stale_reviews(plans, options)
    except BriefgenError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(2) from None
    for state in states:
        if state.reasons:
            typer.echo(f"stale    {state.label}: {'; '.join(state.reasons)}")
        else:
            typer.echo(f"current  {state.label}")
    for spec, source, reason in left_out:
        typer.echo(f"left out {spec}/{source}: {reason}")
    for spec, line in reviews:
        typer.echo(f"stale    {spec} review: {line}")
    stale = sum(1 for s in states if s.reasons)
    typer.echo(f"{stale} of {len(states)} outputs stale", err=True)
    if reviews:
        typer.echo(f"{len(reviews)} review entries stale", err=True)
    raise typer.Exit(1 if stale or reviews else 0)


@app.command("check")
def check_command(
    folder: Annotated[
        Path, typer.Argument(help=f"Folder of built briefs (default: {DEFAULT_OUT}/).")
    ] = DEFAULT_OUT,
    root: Annotated[
        Path, typer.Option("--root", help="Workspace the briefs' source paths are relative to.")
    ] = Path(),
) -> None:
    """Re-verify every anchor of every built JSON brief against its source text."""
    from briefgen.cite.check import check_outputs

    try:
        files, anchors, problems = check_outputs(folder, root)
    except BriefgenError as exc:
        _fail(exc)
        return
    for problem in problems:
        typer.echo(problem, err=True)
    if not files:
        typer.echo(f"Error: no JSON briefs under {folder}", err=True)
        raise typer.Exit(1)
    if problems:
        typer.echo(f"{len(problems)} of {anchors} anchors failed in {files} briefs", err=True)
        raise typer.Exit(1)
    typer.echo(f"{anchors} anchors verified in {files} briefs")


_CORPUS_OPTION = typer.Option(
    "--corpus", "-c", help="Corpus folder (default: the corpus of each spec in briefs/)."
)


def _corpora(corpus: Path | None) -> list[Path]:
    from briefgen.ingest.corpus import default_corpora

    return [corpus.resolve()] if corpus else default_corpora(Path())


# The sources table: one row per source, the paragraphs of the zones worth counting.
_ZONE_COLUMNS = (Zone.BODY, Zone.NOTE, Zone.COMMENT)


def sources_table(corpus: Path, reports: list[SourceReport]) -> Table:
    """One row per source: id, title, authors, date, paragraphs per zone, warnings."""
    from rich.table import Table  # rich only for the commands that print a table

    table = Table(title=f"Sources in {corpus}", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("title", max_width=40, no_wrap=True, overflow="ellipsis")
    table.add_column("authors", max_width=14, no_wrap=True, overflow="ellipsis")
    table.add_column("date", no_wrap=True, min_width=10)
    for zone in _ZONE_COLUMNS:
        table.add_column(str(zone), justify="right", min_width=4)
    table.add_column("other", justify="right", min_width=4)
    table.add_column("warn", justify="right", min_width=4)
    for report in reports:
        csl = report.entry.csl
        issued = csl_issued(csl)
        counts = report.zone_counts
        table.add_row(
            report.entry.id,
            str(csl.get("title", "")),
            "; ".join(n.get("family") or n.get("literal", "") for n in csl.get("author", [])),
            issued.iso() if issued else "",
            *(str(counts[zone]) for zone in _ZONE_COLUMNS),
            str(sum(counts.values()) - sum(counts[zone] for zone in _ZONE_COLUMNS)),
            str(len(report.warnings)) if report.document else "unreadable",
        )
    return table


@app.command("sources")
def sources_command(
    corpus: Annotated[Path | None, _CORPUS_OPTION] = None,
) -> None:
    """List the sources of a corpus: metadata, paragraphs per zone and warnings."""
    from briefgen.ingest.corpus import survey

    _quiet_logging()  # the table reports every warning itself
    try:
        corpora = _corpora(corpus)
        surveys = [(folder, survey(folder)) for folder in corpora]
    except BriefgenError as exc:
        _fail(exc)
        return
    from rich.console import Console

    # Piped output has no terminal width to follow; rich's 80 columns would crush the table.
    console = Console(width=None if sys.stdout.isatty() else 120)
    for folder, reports in surveys:
        console.print(sources_table(folder, reports))
        for report in reports:
            if report.inferred:
                fields = "; ".join(f"{key} from {where}" for key, where in report.inferred)
                console.print(f"inferred {report.entry.id}: {fields}", highlight=False)
            for warning in report.warnings:
                console.print(f"[yellow]warning[/yellow] {report.entry.id}: {warning}")
            if report.error:
                console.print(f"[red]unreadable[/red] {report.entry.id}: {report.error}")


@app.command("show")
def show_command(
    source: Annotated[str, typer.Argument(help="Source id, file name or path.")],
    zones: Annotated[
        bool, typer.Option("--zones", help="Label each paragraph with its zone.")
    ] = False,
    corpus: Annotated[Path | None, _CORPUS_OPTION] = None,
) -> None:
    """Print a source's canonical text with the paragraph numbers citations use."""
    from briefgen.ingest.corpus import annotated_text

    report, document = _read_source(source, corpus)
    typer.echo(f"{report.entry.id}: {report.entry.path}")
    typer.echo(annotated_text(document, zones))


@app.command("summarize")
def summarize_command(
    source: Annotated[str, typer.Argument(help="Source id, file name or path.")],
    output_format: Annotated[
        str, typer.Option("--format", help="yaml or json.", case_sensitive=False)
    ] = "yaml",
    reader_comments: Annotated[
        bool, typer.Option("--reader-comments", help="Include reader comments as citable.")
    ] = False,
    corpus: Annotated[Path | None, _CORPUS_OPTION] = None,
) -> None:
    """Print a source's structured summary: actors, dated events, claims, every one anchored.

    The summary is the one `build` uses, read from the cache when the source is unchanged.
    """
    from briefgen.extract import CITABLE_ZONES
    from briefgen.pipeline.sources import SUMMARY_CACHE, summary_of
    from briefgen.pipeline.summary_cache import dumps, summary_to_json

    if output_format.lower() not in ("yaml", "json"):
        _fail(BriefgenError(f"--format: expected yaml or json, got {output_format!r}"))
    _, document = _read_source(source, corpus)
    citable = CITABLE_ZONES | ({Zone.COMMENT} if reader_comments else set())
    try:
        with contained(document.entry.path, "summarising"):
            summary = summary_of(document, citable, DEFAULT_OUT / SUMMARY_CACHE)
    except BriefgenError as exc:
        _fail(exc)
        return
    data = summary_to_json(summary)
    if output_format.lower() == "json":
        typer.echo(dumps(data), nl=False)
    else:
        typer.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), nl=False)


def _spec_path(brief: str) -> Path:
    """A brief named by its spec file or by its name in briefs/."""
    given = Path(brief)
    if given.suffix in (".yaml", ".yml") or given.exists():
        return given
    return Path("briefs") / f"{brief}.yaml"


@app.command("statements")
def statements_command(
    brief: Annotated[str, typer.Argument(help="A brief's name (briefs/NAME.yaml) or spec.")],
    section: Annotated[
        str | None, typer.Option("--section", "-s", help="Only this section.")
    ] = None,
    out: Annotated[Path | None, _OUT_OPTION] = None,
) -> None:
    """List a brief's statements with the ids a review file names them by."""
    from briefgen.pipeline.statements import brief_statements

    _console(quiet=True)
    try:
        listed = brief_statements(_spec_path(brief), _options(out, None, "json", None))
    except BriefgenError as exc:
        _fail(exc)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "section", "statement", show_lines=False, expand=True)
    for item in listed:
        if section is not None and item.section != section:
            continue
        mark = " (desk)" if item.author == "analyst" else " (edited)" if item.reworded else ""
        table.add_row(item.id, item.section, " ".join(item.text.split()) + mark)
    Console(width=160).print(table)


@app.command("review")
def review_command(
    brief: Annotated[str, typer.Argument(help="A brief's name (briefs/NAME.yaml) or spec.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing review.")] = False,
    out: Annotated[Path | None, _OUT_OPTION] = None,
) -> None:
    """Write a starter review file beside the spec, every statement listed commented out."""
    from briefgen.pipeline.statements import write_starter_review

    _console(quiet=True)
    try:
        path = write_starter_review(_spec_path(brief), _options(out, None, "json", None), force)
    except (BriefgenError, FileExistsError) as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"wrote {path}")


@app.command("init")
def init_command(
    folder: Annotated[Path, typer.Argument(help="The workspace folder to create.")],
    name: Annotated[str, typer.Option("--name", help="The first brief's name.")] = "brief",
) -> None:
    """Start a workspace: a commented spec, an empty corpus with a catalogue stub, a review
    stub and a .gitignore for the build folder."""
    from briefgen.workspace.init import init_workspace

    try:
        written = init_workspace(folder, name)
    except BriefgenError as exc:
        _fail(exc)
        return
    for path in written:
        typer.echo(f"wrote {path}")
    typer.echo(
        f"Next: put your documents in {folder / 'corpus'}, then run `briefgen build` in {folder}."
    )


templates_app = typer.Typer(
    help="List the audience templates, or copy one to start a custom template.",
    no_args_is_help=True,
)
app.add_typer(templates_app, name="templates")


@templates_app.command("list")
def templates_list_command(
    templates: Annotated[list[Path] | None, _TEMPLATES_OPTION] = None,
) -> None:
    """List audience templates: name, where it comes from and what it shows."""
    from briefgen.workspace.templates import SHARED_FILES, available_templates

    try:
        found = available_templates(tuple(templates or ()))
    except BriefgenError as exc:
        _fail(exc)
        return
    width = max(len(t.name) for t in found)
    for template in found:
        origin = "built-in" if template.builtin else str(template.folder)
        typer.echo(f"{template.name:<{width}}  {origin}  {template.description}".rstrip())
    typer.echo(f"shared: {', '.join(SHARED_FILES)}")


@templates_app.command("copy")
def templates_copy_command(
    name: Annotated[str, typer.Argument(help="A built-in template, or base.html or brief.css.")],
    folder: Annotated[Path, typer.Argument(help="Your template folder.")],
    new_name: Annotated[
        str | None, typer.Option("--as", help="Copy under a new audience name.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Copy a built-in template into FOLDER to start a custom one."""
    from briefgen.workspace.templates import BUILTIN_PREFIX, SHARED_FILES, copy_template

    try:
        written = copy_template(name, folder, new_name=new_name, force=force)
    except BriefgenError as exc:
        _fail(exc)
        return
    for path in written:
        typer.echo(f"wrote {path}")
    hint = f"Use it with `templates: {folder}` in a brief spec or `--templates {folder}`."
    if name not in SHARED_FILES:
        hint += (
            " To change one block only, extend the original: "
            f'{{% extends "{BUILTIN_PREFIX}/{name}/brief.html" %}}'
        )
    typer.echo(hint)


def _read_source(source: str, corpus: Path | None) -> tuple[SourceReport, Document]:
    """The named source, ingested; exits with a clear error if it is unknown or unreadable."""
    _quiet_logging()
    try:
        report = _find_in(_corpora(corpus), source)
    except BriefgenError as exc:
        _fail(exc)
        raise
    if report.document is None:
        _fail(BriefgenError(report.error or f"{report.entry.path}: unreadable"))
    assert report.document is not None  # _fail exits
    return report, report.document


def _quiet_logging() -> None:
    logging.getLogger("briefgen").setLevel(logging.ERROR)


def _find_in(folders: list[Path], source: str) -> SourceReport:
    from briefgen.ingest.corpus import find_source

    problems: list[str] = []
    for folder in folders:
        try:
            return find_source(folder, source)
        except ConfigError as exc:
            problems.extend(exc.problems)
    raise ConfigError(problems)


def main() -> None:
    """Entry point of the `briefgen` command: a problem is one line, never a traceback
    (unless --debug), and an interrupted or failed build has written nothing."""
    logging.getLogger("briefgen").setLevel(logging.INFO)
    try:
        app(prog_name="briefgen")
    except MemoryError:
        if _state["debug"]:
            raise
        limit = _state["max_memory"]
        typer.echo(
            "Error: out of memory"
            + (f" (the limit is {limit} MB; raise --max-memory)" if limit else "")
            + "; nothing was written for the briefs not yet finished",
            err=True,
        )
        sys.exit(1)
    except Exception as exc:  # a bug: say so in one line, with how to get the details
        if _state["debug"]:
            raise
        typer.echo(
            f"Error: unexpected {type(exc).__name__}: {exc}\n"
            "This is a bug in briefgen. Run the command again with --debug (before the "
            "command name) for the traceback, and report it.",
            err=True,
        )
        sys.exit(1)
    sys.exit(0)
