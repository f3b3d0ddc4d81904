"""Shared fixtures: the repository's own workspace and small sample corpora."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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
