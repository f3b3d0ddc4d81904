"""A bug that one source trips while it is read or summarised is contained to that
source: the brief is built from the others, the source is named with the reason in the
log, the JSON export, the changes report and `status`, and the bug still reads as a bug
(with the traceback under --debug). `--strict` makes it fatal, as for an unreadable file.

The bug is planted by tests/data/fault_injection/sitecustomize.py, which fires only on
files that carry a marker. Mutations this catches: catching only BriefgenError again in
extraction._read (the build stops); dropping `left_out` from the export, the manifest or
the changes report; `status` not printing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.cite.check import check_outputs
from tests.conftest import DATA, run_cli, small_workspace, write

INJECT = {"PYTHONPATH": str(DATA / "fault_injection")}


def _workspace(tmp_path: Path) -> Path:
    root = small_workspace(tmp_path / "ws")
    write(
        root / "corpus" / "faulty.md",
        "# Notes\n\nFAULT-WHILE-SUMMARISING: the envoys met on 2016-07-14 in Havana.\n",
    )
    write(root / "corpus" / "broken.txt", "FAULT-WHILE-READING\n\nThe talks resumed.\n")
    return root


@pytest.mark.slow
def test_a_bug_in_one_source_leaves_that_source_out_and_builds_the_rest(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    result = run_cli(root, "build", "--format", "json,html", env=INJECT)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR: ")]
    faulty, broken = root / "corpus" / "faulty.md", root / "corpus" / "broken.txt"
    summarising = next(line for line in errors if str(faulty) in line)
    assert f"Could not process {faulty}: unexpected KeyError while summarising it ('07')" in (
        summarising
    )
    assert "This is a bug in briefgen" in summarising and "--debug" in summarising
    reading = next(line for line in errors if str(broken) in line)
    assert "unexpected IndexError while reading it" in reading

    brief = json.loads((root / "_build" / "brief" / "analyst.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in brief["sources"]] == ["update"]
    assert any(section["statements"] for section in brief["sections"])
    left_out = {s["id"]: s for s in brief["left_out"]}
    assert sorted(left_out) == ["broken", "faulty"]
    assert left_out["faulty"]["path"] == "corpus/faulty.md"
    assert left_out["faulty"]["reason"].startswith("unexpected KeyError while summarising it")
    assert check_outputs(root / "_build", root)[2] == []

    changes = (root / "_build" / "brief" / "analyst.changes.md").read_text(encoding="utf-8")
    assert "## Sources left out of this edition (2)" in changes
    assert "- `corpus/faulty.md`: unexpected KeyError while summarising it" in changes

    status = run_cli(root, "status", "--format", "json,html", env=INJECT)
    assert status.returncode == 0, status.stdout + status.stderr
    assert "left out brief/faulty: unexpected KeyError while summarising it" in status.stdout
    assert "left out brief/broken: unexpected IndexError while reading it" in status.stdout

    strict = run_cli(root, "build", "--format", "json", "--strict", "--force", env=INJECT)
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[-1].startswith("Aborted with")


@pytest.mark.slow
def test_debug_shows_the_traceback_of_the_source_left_out(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    result = run_cli(root, "--debug", "build", "--format", "json", env=INJECT)
    assert result.returncode == 0, result.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert "KeyError: '07'" in result.stderr


@pytest.mark.slow
def test_the_source_comes_back_once_it_reads(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    assert run_cli(root, "build", "--format", "json", env=INJECT).returncode == 0
    # Without the planted bug (a fixed briefgen), the same files build whole.
    assert run_cli(root, "build", "--format", "json", "--force").returncode == 0
    brief = json.loads((root / "_build" / "brief" / "analyst.json").read_text(encoding="utf-8"))
    assert sorted(s["id"] for s in brief["sources"]) == ["broken", "faulty", "update"]
    assert "left_out" not in brief
    status = run_cli(root, "status", "--format", "json")
    assert "left out" not in status.stdout
