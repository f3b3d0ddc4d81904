"""Bad input meets a clear message and costs nothing: a bad source is skipped with
"Could not process <path>: <why>" while the others are built; a bad spec, catalogue or
template, a full disk, a time limit or a memory limit writes nothing and keeps the
previous edition; no traceback reaches the user without --debug."""

from __future__ import annotations

import codecs
import contextlib
import errno
import itertools
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from briefgen import cli
from briefgen.cite.check import check_outputs
from briefgen.core.deadline import shielded, time_limit
from briefgen.core.fileio import StagedFile
from briefgen.core.limits import SourceLimits
from briefgen.errors import (
    BriefgenError,
    BuildTimeoutError,
    ConfigError,
    RenderError,
    SourceError,
)
from briefgen.ingest import ingest_document
from briefgen.ingest.readers import read_source
from briefgen.ingest.segment import _WINDOW, sentence_spans
from briefgen.model import SourceEntry
from briefgen.pipeline import publish
from briefgen.pipeline.build import build
from briefgen.pipeline.plans import BuildOptions, load_plans
from briefgen.workspace.catalogue import load_catalogue
from briefgen.workspace.curation import load_curation
from briefgen.workspace.spec import load_spec
from tests.conftest import UPDATE_ENTRY, run_cli, small_workspace, write

DATA = Path(__file__).parent / "data"


def _json_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(root, "build", "--format", "json,html", *args)


def _files(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# Each file is wrong in its own way; the message says what and how to fix it.
_BAD_SOURCES: dict[str, tuple[bytes, str]] = {
    "latin.txt": ("Café crème in Peshawar.\n".encode("latin-1"), "it looks like latin-1"),
    "windows.txt": (
        "\u201cQuoted\u201d \u2013 text.\n".encode("windows-1252"),
        "it looks like windows-1252",
    ),
    "wide.txt": (
        "Plain words here.\n".encode("utf-16-le"),
        "UTF-16 text without a byte-order mark",
    ),
    "photo.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "this is a PNG image, not text"),
    "blob.md": (b"text\x00\x01\x02" * 100, "binary data, not text"),
    "empty.txt": (b"", "no text found"),
    "blank.md": (b"  \n\n\t\n", "no text found"),
    "broken.pdf": (b"%PDF-1.4\n1 0 obj <<\ngarbage", "cannot read the PDF"),
}


def _zip_bytes(tmp_path: Path) -> bytes:
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("a.txt", "hello")
    return archive.read_bytes()


@pytest.mark.slow
def test_bad_sources_are_skipped_by_name_and_the_rest_is_built(tmp_path: Path) -> None:
    root = small_workspace(tmp_path / "ws")
    corpus = root / "corpus"
    for name, (data, _) in _BAD_SOURCES.items():
        (corpus / name).write_bytes(data)
    (corpus / "archive.txt").write_bytes(_zip_bytes(tmp_path))
    (corpus / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a source format: skipped

    result = _json_build(root)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    expected = {name: why for name, (_, why) in _BAD_SOURCES.items()}
    expected["archive.txt"] = "this is a ZIP archive"
    for name, why in expected.items():
        line = next(
            (x for x in result.stderr.splitlines() if f"Could not process {corpus / name}" in x),
            None,
        )
        assert line is not None, f"{name} not reported:\n{result.stderr}"
        assert line.startswith("ERROR: ") and why in line, line
    assert "skipped 1 file(s) of formats briefgen does not read: picture.png" in result.stderr
    brief = json.loads((root / "_build" / "brief" / "analyst.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in brief["sources"]] == ["update"]
    assert any(section["statements"] for section in brief["sections"])
    assert check_outputs(root / "_build", root)[2] == []

    strict = _json_build(root, "--strict", "--force")
    assert strict.returncode == 1
    lines = strict.stderr.splitlines()
    reported = sum(1 for line in lines if line.startswith(("WARNING: ", "ERROR: ")))
    assert lines[-1] == f"Aborted with {reported} warnings in strict mode!"
    assert reported >= len(expected)


@pytest.mark.parametrize(
    ("encoding", "mark"),
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
    ],
)
def test_a_byte_order_mark_says_the_encoding_and_is_not_part_of_the_text(
    tmp_path: Path, encoding: str, mark: bytes
) -> None:
    text = "Caf\u00e9 talks in Peshawar.\n\n\u0628\u062a and \u201cquotes\u201d.\n"
    path = tmp_path / "source.txt"
    path.write_bytes(mark + text.encode(encoding))
    assert read_source(path).text == text


def test_a_declared_encoding_is_decoded_and_check_reads_it_the_same_way(
    tmp_path: Path,
) -> None:
    accented = (DATA / "update.txt").read_text(encoding="utf-8").replace("Peshawar", "Peshawár")
    root = small_workspace(
        tmp_path, catalogue=UPDATE_ENTRY.replace("file: update.txt", "file: l1.txt")
    )
    (root / "corpus" / "update.txt").unlink()
    catalogue = root / "corpus" / "sources.yaml"
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace(
            "file: l1.txt", "file: l1.txt\n    encoding: latin-1"
        ),
        encoding="utf-8",
    )
    (root / "corpus" / "l1.txt").write_bytes(accented.encode("latin-1"))

    build(options=BuildOptions(root=root, formats=("json",)))

    brief = json.loads((root / "_build" / "brief" / "analyst.json").read_text(encoding="utf-8"))
    assert brief["sources"][0]["encoding"] == "latin-1"
    quotes = [
        c["quote"] for s in brief["sections"] for st in s["statements"] for c in st["citations"]
    ]
    assert any("Peshawár" in q for q in quotes), quotes
    files, anchors, problems = check_outputs(root / "_build", root)
    assert (files, problems) == (1, []) and anchors > 0


def test_an_unknown_declared_encoding_is_a_catalogue_error_with_a_suggestion(
    tmp_path: Path,
) -> None:
    write(
        tmp_path / "sources.yaml",
        UPDATE_ENTRY.replace("file: update.txt", "file: update.txt\n    encoding: latin1x"),
    )
    write(tmp_path / "update.txt", "Some text.\n")
    with pytest.raises(ConfigError) as error:
        load_catalogue(tmp_path)
    assert error.value.problems == [
        f"{tmp_path / 'sources.yaml'}:2: references[0].encoding: unknown encoding 'latin1x' "
        "(did you mean 'latin-1'?)"
    ]


def test_a_missing_catalogued_file_is_named_with_the_closest_file(tmp_path: Path) -> None:
    write(tmp_path / "sources.yaml", UPDATE_ENTRY.replace("update.txt", "updates.txt"))
    write(tmp_path / "update.txt", "Some text.\n")
    with pytest.raises(ConfigError, match=r"sources.yaml:2: .*updates.txt not found.*"):
        load_catalogue(tmp_path)
    with pytest.raises(ConfigError, match=r"did you mean 'update.txt'\?"):
        load_catalogue(tmp_path)


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("sources.yaml", "references:\n  - id: [a\n", ":3:1: invalid YAML: "),
        ("curation.yaml", "actors:\n  - merge: [A, B\n", ":3:1: invalid YAML: "),
    ],
)
def test_malformed_corpus_yaml_names_line_and_column(
    tmp_path: Path, name: str, text: str, where: str
) -> None:
    path = write(tmp_path / name, text)
    loader = load_catalogue if name == "sources.yaml" else load_curation
    with pytest.raises(ConfigError) as error:
        loader(tmp_path)
    assert str(error.value).startswith(f"{path}{where}"), str(error.value)
    # libyaml says "did not find expected ',' or ']'", the pure-Python parser "expected ','".
    assert "expected ','" in str(error.value)


def test_a_symbolic_link_out_of_the_corpus_is_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secret = write(tmp_path / "elsewhere" / "secret.txt", "A private note that must not leak.\n")
    corpus = tmp_path / "corpus"
    write(corpus / "inside.txt", "Some text of the corpus itself.\n")
    (corpus / "leak.txt").symlink_to(secret)
    (corpus / "alias.txt").symlink_to(corpus / "inside.txt")  # inside the corpus: fine
    entries = load_catalogue(corpus)
    assert sorted(e.path.name for e in entries) == ["alias.txt", "inside.txt"]
    assert (
        f"Could not process {corpus / 'leak.txt'}: a symbolic link to {secret.resolve()}, "
        "outside the corpus folder" in caplog.text
    )


def test_size_limits_refuse_a_source_before_it_costs_memory(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # 100 MB, sparse: refused from its size, never read
        handle.truncate(100 * 1000 * 1000)
    with pytest.raises(SourceError, match=r"95.4 MB, over the 50 MB a source may be"):
        read_source(huge, limits=SourceLimits())
    one_line = tmp_path / "line.txt"
    one_line.write_text("word " * 2_000_000, encoding="utf-8")  # a single 10 MB line
    with pytest.raises(SourceError, match=r"10,000,000 characters of text, over the 2,000,000"):
        read_source(one_line, limits=SourceLimits())
    assert read_source(one_line).text.startswith("word")  # `check` reads without limits


def test_a_spec_can_change_the_limits(tmp_path: Path) -> None:
    root = small_workspace(tmp_path, "limits: {source_megabytes: 0.5, source_characters: 300}\n")
    spec = load_spec(root / "briefs" / "brief.yaml")
    assert spec.limits == SourceLimits(max_megabytes=0.5, max_characters=300)
    entry = load_catalogue(root / "corpus")[0]
    with pytest.raises(SourceError, match="raise `limits: source_characters` in the spec"):
        ingest_document(entry, spec.limits)


def test_a_long_single_line_is_split_into_bounded_sentences(tmp_path: Path) -> None:
    sentence = "The delegations met again in the city and agreed to talk. "
    text = sentence * 5000 + "x" * (3 * _WINDOW)  # 290,000 characters, one paragraph
    sentences = sentence_spans(text, 0, len(text))
    assert all(s.end - s.start <= _WINDOW for s in sentences)
    assert [text[s.start : s.end] for s in sentences[:3]] == [sentence.strip()] * 3
    assert all(a.end <= b.start for a, b in itertools.pairwise(sentences))
    # Only white space is left between sentences: no text is lost at a window edge.
    covered = [False] * len(text)
    for s in sentences:
        covered[s.start : s.end] = [True] * (s.end - s.start)
    assert all(inside or char.isspace() for inside, char in zip(covered, text, strict=True))


def test_brief_names_that_could_escape_the_output_folder_are_refused(tmp_path: Path) -> None:
    for stem in ("..", ".", "a b", "-x"):
        spec = write(tmp_path / f"{stem}.yaml", "title: T\nas_of: 2022\n")
        with pytest.raises(ConfigError, match="cannot name a brief"):
            load_spec(spec)
    assert load_spec(write(tmp_path / "ok-1.2_x.yaml", "title: T\nas_of: 2022\n")).name == (
        "ok-1.2_x"
    )


@pytest.mark.slow
def test_a_full_disk_keeps_the_previous_edition_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_workspace(tmp_path)
    options = BuildOptions(root=root, formats=("json", "html"))
    build(options=options)
    before = _files(root / "_build" / "brief")
    write(root / "corpus" / "more.txt", "On 2 August 2022 the council met again in the city.\n")
    # The disk fills while the outputs are staged: two of the new edition's files fit, the
    # third does not. (Failing an earlier write, a cache file, would stop the build before
    # any output was staged and prove nothing about publishing: a publish that renamed
    # each file as soon as it was staged passed that version of this test.)
    real_stage = publish.stage_file
    staged: list[Path] = []

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def stage_then_fill(path: Path, data: bytes) -> StagedFile:
        if len(staged) == 2:
            monkeypatch.setattr("briefgen.core.fileio.os.fsync", full)
        item = real_stage(path, data)
        staged.append(path)
        return item

    monkeypatch.setattr(publish, "stage_file", stage_then_fill)
    with pytest.raises(BriefgenError, match="No space left on device") as error:
        build(options=options)
    assert len(staged) == 2 and all(p.parent == root / "_build" / "brief" for p in staged)
    assert str(error.value).startswith(str(root / "_build"))
    assert _files(root / "_build" / "brief") == before  # nothing renamed, nothing left over


@pytest.mark.slow
def test_a_file_size_limit_from_the_os_fails_cleanly(tmp_path: Path) -> None:
    root = small_workspace(tmp_path)
    assert _json_build(root).returncode == 0
    before = _files(root / "_build" / "brief")
    write(root / "corpus" / "more.txt", "On 2 August 2022 the council met again in the city.\n")

    largest = max(len(data) for data in before.values())

    def small_files() -> None:  # the OS refuses to write a file that large: EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (largest // 2, largest // 2))

    result = run_cli(root, "build", "--format", "json,html", preexec_fn=small_files)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: _build/brief/analyst.html: cannot write: File too large; nothing was "
        "written, the files there are as they were"
    )
    assert "Traceback" not in result.stderr
    assert _files(root / "_build" / "brief") == before


def test_an_output_folder_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    root = small_workspace(tmp_path)
    blocker = write(tmp_path / "blocker", "a file where a folder should be\n")
    result = run_cli(root, "build", "--out", str(blocker / "out"))
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: {blocker / 'out'}: cannot create the output folder: Not a directory\n"
    )


def test_the_time_limit_stops_a_build_and_writes_nothing(tmp_path: Path) -> None:
    root = small_workspace(tmp_path)
    options = BuildOptions(root=root, formats=("json",))
    build(options=options)
    before = _files(root / "_build" / "brief")
    write(root / "corpus" / "more.txt", "On 2 August 2022 the council met again in the city.\n")
    with pytest.raises(BuildTimeoutError, match=r"longer than its time limit of 0\.01 s"):
        build(options=BuildOptions(root=root, formats=("json",), timeout=0.01))
    assert _files(root / "_build" / "brief") == before
    assert list((root / "_build").rglob("*.tmp")) == []  # not even a half-cached summary


def test_the_time_limit_is_not_swallowed_by_a_broad_except() -> None:
    rounds = []
    with pytest.raises(BuildTimeoutError), time_limit(0.05):
        for _ in range(500):  # 5 s of work unless the limit stops it
            with contextlib.suppress(Exception):  # as a library's catch-all would
                time.sleep(0.01)
            rounds.append(1)
    assert len(rounds) < 500  # stopped by the limit, through the catch-all


def test_a_shielded_block_finishes_before_the_time_limit_stops_the_build() -> None:
    finished = []
    with pytest.raises(BuildTimeoutError), time_limit(0.05):
        with shielded():
            time.sleep(0.2)
            finished.append(True)
        finished.append(False)  # never reached: the limit takes effect after the block
    assert finished == [True]


def test_a_time_limit_whose_exception_was_lost_still_stops_the_build_before_it_writes() -> None:
    """A hook that ignores exceptions (as those run around a fork do) may swallow the
    limit's: the next shielded block, the renames of a publish, does not start."""
    wrote = []
    with pytest.raises(BuildTimeoutError), time_limit(0.05):
        with contextlib.suppress(BaseException):  # where the limit's exception is lost
            time.sleep(0.2)
        with shielded():
            wrote.append(True)
    assert wrote == []


def _square(number: int) -> int:
    return number * number


def test_a_time_limit_expiring_as_workers_fork_stops_the_build_and_leaves_no_worker() -> None:
    """Forks, one after another, until the limit expires: wherever it lands (in the
    fork itself most likely), the build stops and no worker is left running."""
    import multiprocessing

    from briefgen.core.parallel import forked_map

    give_up = time.monotonic() + 5  # a limit that never stops the loop fails the test
    with pytest.raises(BuildTimeoutError), time_limit(0.3):
        while time.monotonic() < give_up:
            with forked_map(_square, [1, 2], workers=2) as results:
                assert sorted(results) == [1, 4]
    deadline = time.monotonic() + 5
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert multiprocessing.active_children() == []


def test_a_memory_limit_stops_the_build_with_one_line(tmp_path: Path) -> None:
    root = small_workspace(tmp_path, "limits: {source_megabytes: 2000}\n")
    with (root / "corpus" / "huge.txt").open("wb") as handle:
        handle.truncate(800 * 1000 * 1000)  # sparse: costs no space until read
    result = run_cli(root, "build", "--format", "json", "--max-memory", "512")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: out of memory (the limit is 512 MB; raise --max-memory); "
        "nothing was written for the briefs not yet finished"
    )
    assert not (root / "_build" / "brief").exists()


def test_an_unexpected_error_is_one_line_unless_debug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    # The build command imports the pipeline when it runs, so the pipeline's is replaced.
    import briefgen.pipeline.build

    monkeypatch.setattr(briefgen.pipeline.build, "build", broken)
    monkeypatch.setattr(sys, "argv", ["briefgen", "build"])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: unexpected RuntimeError: boom\nThis is a bug in briefgen.")
    assert "Traceback" not in err
    monkeypatch.setattr(sys, "argv", ["briefgen", "--debug", "build"])
    with pytest.raises(RuntimeError, match="boom"):
        cli.main()


def test_ingest_of_a_declared_encoding_entry_uses_it(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Stra\u00dfe und Caf\u00e9.\n".encode("cp1252"))
    entry = SourceEntry("a", path, {"id": "a", "type": "document"}, encoding="cp1252")
    assert ingest_document(entry).text == "Stra\u00dfe und Caf\u00e9.\n"


def test_a_misspelt_spec_wide_style_is_reported_once_at_its_line(tmp_path: Path) -> None:
    root = small_workspace(tmp_path, "citation_style: chicago-note-bibliography\n")
    spec = root / "briefs" / "brief.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("[analyst]", "[analyst, policymaker]"), "utf-8"
    )
    with pytest.raises(ConfigError) as error:
        load_plans([], BuildOptions(root=root))
    assert len(error.value.problems) == 1
    assert error.value.problems[0].startswith(
        f"{spec}:5: citation_style: unknown citation style 'chicago-note-bibliography'; "
        "did you mean chicago-notes-bibliography"
    )


@pytest.mark.parametrize(
    ("page", "read"),
    [
        ("<div>" * 100 + "<p>The talks resumed after a long pause.</p>" + "</div>" * 100, True),
        ("<div>" * 100_000 + "<p>The talks resumed after a long pause.</p>", False),
        (
            "<p>The talks <b>resumed <i>after</p></b> a <table><tr><td>pause</div>" + "<<>>&;" * 50,
            True,
        ),
    ],
)
def test_nested_and_broken_html_is_read_or_refused_clearly(
    tmp_path: Path, page: str, read: bool
) -> None:
    path = write(tmp_path / "page.html", f"<html><body>{page}</body></html>")
    if read:
        assert "The talks" in read_source(path).text
    else:
        with pytest.raises(SourceError, match="nested too deeply to parse"):
            read_source(path)


def test_a_template_error_in_one_brief_writes_no_brief_at_all(tmp_path: Path) -> None:
    root = small_workspace(tmp_path)
    write(
        root / "briefs" / "second.yaml",
        "title: Second\nas_of: 2022-08-01\ncorpus: ../corpus\naudiences: [analyst]\n"
        "templates: ../broken\n",
    )
    broken = write(
        root / "broken" / "analyst" / "brief.html",
        '{% extends "builtin/analyst/brief.html" %}\n'
        "{% block since_last_edition %}{{ no_such_variable }}{% endblock %}\n",
    )
    with pytest.raises(RenderError) as error:
        build(options=BuildOptions(root=root, formats=("json", "html")))
    assert str(error.value).startswith(f"{broken}:2: 'no_such_variable' is undefined")
    # brief.yaml sorts first and rendered fine, but nothing is written until all have.
    assert not (root / "_build" / "brief").exists()
    assert not (root / "_build" / "second").exists()
