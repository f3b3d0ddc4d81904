"""Shared fixtures: the repository's own workspace and small sample corpora."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefgen.material import compose_spec
from briefgen.model import Document
from briefgen.spec import BriefSpec, load_spec
from briefgen.tailor import Material

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo() -> Path:
    """The repository root: itself a briefgen workspace with the shipped corpus."""
    return REPO


def write(path: Path, text: str) -> Path:
    """Writes a UTF-8 file, creating folders; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Runs `python -m briefgen ARGS` in `cwd` with a fixed SOURCE_DATE_EPOCH."""
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture(scope="session")
def default_build(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The README's build of the shipped workspace, through the CLI, into a temporary folder."""
    out = tmp_path_factory.mktemp("out")
    return out, run_cli(REPO, "build", "--out", str(out))


@dataclass(frozen=True)
class Shipped:
    """The shipped corpus composed once: its spec, documents and ranked material."""

    spec: BriefSpec
    documents: list[Document]
    material: Material


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Shipped:
    """The default brief's material, composed in-process (summaries cached per session)."""
    spec = load_spec(REPO / "briefs" / "pakistan-ttp.yaml")
    documents, material = compose_spec(spec, tmp_path_factory.mktemp("cache"))
    return Shipped(spec, documents, material)
