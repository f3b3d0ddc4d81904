"""What makes large corpora fast: work in forked processes that reads as if it ran here,
the document cache, stage timings and the progress bar. Speed itself is measured in
benchmarks/scale.py, never here."""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from briefgen.core import parallel, timings
from briefgen.core.parallel import can_fork, forked_map, in_background
from briefgen.core.progress import progress_bar
from briefgen.extract import CITABLE_ZONES
from briefgen.model import SourceEntry
from briefgen.pipeline import sources as extraction
from briefgen.pipeline.build import build
from briefgen.pipeline.plans import BuildOptions
from briefgen.pipeline.sources import DOCUMENT_CACHE, read_sources
from briefgen.workspace.catalogue import load_catalogue
from tests.conftest import run_cli

needs_fork = pytest.mark.skipif(not can_fork(), reason="forked workers: Linux, 2+ cores")


def _square_and_log(number: int) -> tuple[int, int]:
    logging.getLogger("briefgen.test").warning("worker saw %d", number)
    with timings.stage("extract"):
        time.sleep(0.01)
    return number * number, os.getpid()


@needs_fork
def test_forked_work_returns_every_result_and_replays_logs_and_timings(
    caplog: pytest.LogCaptureFixture,
) -> None:
    timings.take()
    with (
        caplog.at_level(logging.WARNING, logger="briefgen"),
        forked_map(_square_and_log, list(range(6)), workers=2) as results,
    ):
        found = list(results)
    assert sorted(square for square, _ in found) == [0, 1, 4, 9, 16, 25]
    assert os.getpid() not in {pid for _, pid in found}  # it ran elsewhere
    assert sorted(r.getMessage() for r in caplog.records) == [f"worker saw {n}" for n in range(6)]
    assert timings.take()["extract"] > 0  # timed in the workers, added here


def _fail_on_three(number: int) -> int:
    if number == 3:
        raise ValueError("three")
    return number


@needs_fork
def test_an_error_in_a_worker_is_raised_here() -> None:
    with (
        pytest.raises(ValueError, match="three"),
        forked_map(_fail_on_three, list(range(6)), workers=2) as results,
    ):
        list(results)


def test_one_worker_runs_the_work_here() -> None:
    with forked_map(_square_and_log, [2, 3], workers=1) as results:
        assert [pid for _, pid in results] == [os.getpid()] * 2


def _answer_and_pid() -> tuple[int, int]:
    return 42, os.getpid()


@needs_fork
def test_work_in_the_background_runs_in_another_process_while_the_block_runs_here() -> None:
    with in_background(_answer_and_pid) as answer:
        here = os.getpid()  # the block goes on meanwhile
        value, there = answer()
    assert value == 42 and there != here
    with (
        pytest.raises(ValueError, match="three"),
        in_background(lambda: _fail_on_three(3)) as failed,
    ):
        failed()
    # A pool's worker may not start processes: work it puts in the background runs in it.
    with forked_map(lambda _: can_fork(), [None], workers=2) as nested:
        assert list(nested) == [False]


def test_work_in_the_background_runs_here_where_nothing_can_fork(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    with in_background(_answer_and_pid) as answer:
        assert answer() == (42, os.getpid())


def _corpus(tmp_path: Path, repo: Path, copies: int) -> Path:
    """`copies` copies of each seed (distinct bytes each), uncatalogued."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for entry in load_catalogue(repo / "seeds"):
        text = entry.path.read_text(encoding="utf-8")
        for n in range(copies):
            (corpus / f"{entry.id}-{n}.txt").write_text(f"{text}\nCopy {n}.\n", encoding="utf-8")
    return corpus


@needs_fork
def test_sources_read_in_workers_equal_sources_read_here(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = load_catalogue(_corpus(tmp_path, repo, 2))  # 10 sources
    assert len(entries) >= extraction.PARALLEL_FROM

    def read(out: Path) -> list[extraction.SourceRead]:
        return read_sources(
            entries, out=out, limits=extraction.SourceLimits(), citable=CITABLE_ZONES
        )

    parallel = read(tmp_path / "parallel")
    monkeypatch.setattr(extraction, "PARALLEL_FROM", 10**6)
    serial = read(tmp_path / "serial")
    assert [r.document for r in parallel] == [r.document for r in serial]
    assert [r.summary for r in parallel] == [r.summary for r in serial]
    assert all(r.extracted for r in parallel)


def test_documents_are_read_back_from_the_cache_until_their_bytes_change(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = load_catalogue(_corpus(tmp_path, repo, 1))
    out = tmp_path / "out"

    def read() -> list[extraction.SourceRead]:
        return read_sources(
            entries, out=out, limits=extraction.SourceLimits(), citable=CITABLE_ZONES
        )

    first = read()
    assert len(list((out / DOCUMENT_CACHE).iterdir())) == len(entries)

    ingested: list[str] = []

    def no_ingest(entry: SourceEntry, *args: object) -> None:
        ingested.append(entry.id)
        raise AssertionError("ingested although cached")

    monkeypatch.setattr(extraction, "ingest_document", no_ingest)
    again = read()
    assert [r.document for r in again] == [r.document for r in first]
    assert not any(r.extracted for r in again)
    assert ingested == []

    # An edited file has another key: it is ingested (and fails here, proving it; the
    # failure is contained to that source).
    edited = entries[0].path
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    reads = read()
    assert ingested == [entries[0].id]
    assert reads[0].document is None and "ingested although cached" in (reads[0].error or "")
    monkeypatch.undo()
    # A damaged cache file is ingested afresh, not trusted.
    for cached in (out / DOCUMENT_CACHE).iterdir():
        cached.write_text("{not json", encoding="utf-8")
    assert [r.document for r in read()][1:] == [r.document for r in first][1:]


def test_a_build_reports_every_stage_and_the_cli_writes_them(tmp_path: Path, repo: Path) -> None:
    shutil.copytree(repo / "seeds", tmp_path / "seeds")
    shutil.copytree(repo / "briefs", tmp_path / "briefs")
    options = BuildOptions(root=tmp_path, formats=("json", "html"), audiences=("analyst",))
    report = build(options=options)
    assert set(report.stages) == set(timings.STAGES)
    assert all(report.stages[s] > 0 for s in ("ingest", "extract", "compose", "cite"))
    assert report.stages["render PDF"] == 0  # no PDF asked for (nor a page budget to fit)

    result = run_cli(
        tmp_path, "build", "-a", "analyst", "--force", "-f", "json", "--timings", "t.json"
    )
    assert result.returncode == 0, result.stderr
    written = json.loads((tmp_path / "t.json").read_text())
    assert set(written) == set(timings.STAGES)
    assert written["ingest"] > 0 and written["render HTML"] == 0


def test_the_progress_bar_shows_counts_and_time_left_on_a_terminal_only() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with progress_bar(30, "Reading sources", console=console) as advance:
        for _ in range(30):
            advance()
    shown = screen.getvalue()
    assert "Reading sources" in shown and "30/30" in shown and "left" in shown

    off = io.StringIO()
    with progress_bar(
        30, "x", enabled=False, console=Console(file=off, force_terminal=True)
    ) as advance:
        advance()
    assert off.getvalue() == ""
    pipe = io.StringIO()
    with progress_bar(30, "x", console=Console(file=pipe, force_terminal=False)) as advance:
        advance()
    assert pipe.getvalue() == ""
    few = io.StringIO()
    with progress_bar(3, "x", console=Console(file=few, force_terminal=True)) as advance:
        advance()
    assert few.getvalue() == ""


def _note_the_ingesting_processes(readers: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Has every ingest append its process id to `readers`, whichever process it runs in."""
    ingest = extraction.ingest_document

    def ingest_noting_the_process(*args: Any, **kwargs: Any) -> Any:
        with readers.open("a") as stream:
            stream.write(f"{os.getpid()}\n")
        return ingest(*args, **kwargs)

    monkeypatch.setattr(extraction, "ingest_document", ingest_noting_the_process)
    return readers


@needs_fork
def test_a_build_s_own_work_runs_here_while_a_worker_reads_even_one_source(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (entry,) = load_catalogue(_corpus(tmp_path, repo, 1))[:1]
    readers = _note_the_ingesting_processes(tmp_path / "readers", monkeypatch)
    ran_here: list[int] = []
    (read,) = read_sources(
        [entry],
        out=tmp_path / "out",
        limits=extraction.SourceLimits(),
        citable=CITABLE_ZONES,
        meanwhile=lambda: ran_here.append(os.getpid()),
    )
    assert read.extracted and read.summary is not None
    assert ran_here == [os.getpid()]
    assert readers.read_text().split() != [str(os.getpid())]  # a worker read it


@needs_fork
def test_one_edited_source_among_many_cached_is_read_by_a_worker(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """This process reads the cached sources back meanwhile (PARALLEL_FROM or more)."""
    entries = load_catalogue(_corpus(tmp_path, repo, 2))
    assert len(entries) - 1 >= extraction.PARALLEL_FROM
    options: dict[str, Any] = {
        "out": tmp_path / "out",
        "limits": extraction.SourceLimits(),
        "citable": CITABLE_ZONES,
    }
    read_sources(entries, **options)
    entries[0].path.write_text(entries[0].path.read_text() + "\nEdited.\n", encoding="utf-8")
    readers = _note_the_ingesting_processes(tmp_path / "readers", monkeypatch)
    reads = read_sources(entries, **options)
    assert [r.entry.id for r in reads if r.extracted] == [entries[0].id]
    assert readers.read_text().split() not in ([], [str(os.getpid())])
