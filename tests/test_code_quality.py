"""The code stays ruff- and mypy-clean, and its stages import one way (all configured in
pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_is_clean(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_stages_import_one_way() -> None:
    """import-linter's layered contract: a module importing a stage above its own, or a
    sibling stage, fails here (tried: compose/statement_text.py importing briefgen.render.fit)."""
    script = Path(sys.executable).parent / "lint-imports"
    command = [str(script)] if script.exists() else ["lint-imports"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout
