"""`briefgen watch` in a real process: one rebuild per burst of edits, survives a bad
edit, stops cleanly on Ctrl-C (SIGINT)."""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.pipeline.manifest import Manifest
from tests.conftest import REPO
from tests.processes import LineReader

pytestmark = pytest.mark.slow

WATCH_ARGS = ("-a", "analyst", "-f", "json", "--debounce", "300")


@pytest.fixture
def watcher(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str], LineReader]]:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copytree(REPO / "briefs", tmp_path / "briefs")
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "watch", *WATCH_ARGS],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"},
    )
    log = LineReader(process.stderr)
    yield tmp_path, process, log
    if process.poll() is None:
        process.kill()
        process.wait(30)


def _edit_like_an_editor(source: Path, addition: str) -> None:
    """A burst: several saves, a swap file, Vim's write test, a backup and an atomic
    rename of a temporary file over the source."""
    for part in ("First", "Second", "Third"):
        with source.open("a", encoding="utf-8") as stream:
            stream.write(f"\n{part} note.\n")
    swap = source.with_name(f".{source.name}.swp")
    swap.write_bytes(b"swap")
    probe = source.with_name("4913")
    probe.write_text("")
    probe.unlink()
    shutil.copy(source, source.with_name(source.name + "~"))
    temporary = source.with_name(f".{source.name}.save")
    temporary.write_text(source.read_text(encoding="utf-8") + addition, encoding="utf-8")
    temporary.replace(source)
    swap.unlink()


def test_watch_rebuilds_once_per_burst_survives_a_bad_edit_and_stops_on_ctrl_c(
    watcher: tuple[Path, subprocess.Popen[str], LineReader],
) -> None:
    root, process, log = watcher
    assert log.wait_for("wrote", timeout=180), log.text()  # the first build
    assert log.wait_for("watching", timeout=30), log.text()

    source = next((root / "seeds").glob("002_*.txt"))
    spec = root / "briefs" / "pakistan-ttp.yaml"
    good = spec.read_text(encoding="utf-8")
    _edit_like_an_editor(source, "\nOn 2 August 2022 the delegations met again.\n")
    assert log.wait_for("wrote", timeout=180, times=2), log.text()
    # A sentinel, not a sleep: saving the spec unchanged is one more change, handled after
    # anything the editor's burst still had queued, so a second rebuild for that burst
    # would show before the sentinel's "up to date".
    spec.write_text(good, encoding="utf-8")
    assert log.wait_for("every output is up to date", timeout=120), log.text()
    assert log.count("changed:") == 2, log.text()  # one burst, one rebuild; the sentinel
    assert log.count("rebuilding: source") == 1, log.text()
    manifest = Manifest.load(root / "_build" / "pakistan-ttp")
    recorded = manifest.outputs["analyst.json"].inputs.sources
    assert hashlib.sha256(source.read_bytes()).hexdigest() in recorded.values()

    spec.write_text(good.replace("title:", "title: [unclosed", 1), encoding="utf-8")
    assert log.wait_for("build failed", timeout=60), log.text()
    assert process.poll() is None  # still watching
    assert "pakistan-ttp.yaml:" in log.text()

    spec.write_text(good, encoding="utf-8")
    assert log.wait_for("every output is up to date", timeout=120, times=2), log.text()
    spec.write_text(good, encoding="utf-8")  # the sentinel again
    assert log.wait_for("every output is up to date", timeout=120, times=3), log.text()
    assert log.count("changed:") == 5, log.text()  # + the bad save, the fix, the sentinel

    process.send_signal(signal.SIGINT)
    try:
        assert process.wait(60) == 0
    except subprocess.TimeoutExpired:
        pytest.fail("the watcher did not stop on Ctrl-C:\n" + log.text())
    assert log.wait_for("stopped watching", timeout=10), log.text()
    assert "Traceback" not in log.text()
