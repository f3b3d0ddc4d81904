"""Shared fixtures: the repository's own workspace and small sample corpora."""

from __future__ import annotations

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
