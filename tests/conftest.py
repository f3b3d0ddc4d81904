"""Shared fixtures: the repository's own workspace and small sample corpora."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from briefgen.compose.tailor import Material
from briefgen.model import Document
from briefgen.pipeline.spec_material import compose_spec
from briefgen.workspace.spec import BriefSpec, load_spec

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"  # small corpora and files written for the tests

# Property tests: a few dozen cases each in CI; `--hypothesis-profile=fuzz` for the long
# run documented in tests/ingest/test_fuzz_readers.py.
settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile("ci")


@pytest.fixture
def repo() -> Path:
    """The repository root: itself a briefgen workspace with the shipped corpus."""
    return REPO


def write(path: Path, text: str) -> Path:
    """Writes a UTF-8 file, creating folders; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# No command of the suite takes minutes: one that hangs fails its test instead of the run.
CLI_TIMEOUT = 600


def run_cli(
    cwd: Path, *args: str, env: dict[str, str] | None = None, **popen: Any
) -> subprocess.CompletedProcess[str]:
    """Runs `python -m briefgen ARGS` in `cwd` with a fixed SOURCE_DATE_EPOCH; `env` adds
    variables; `popen` passes on, e.g. a `preexec_fn` that sets a resource limit."""
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin", **(env or {})},
        timeout=popen.pop("timeout", CLI_TIMEOUT),
        **popen,
    )


UPDATE_ENTRY = """references:
  - id: update
    file: update.txt
    type: article-newspaper
    title: "Delegations meet again as the truce is extended"
    container-title: "Test Gazette"
    issued: 2022-07-15
"""


def small_workspace(root: Path, spec_extra: str = "", catalogue: str = UPDATE_ENTRY) -> Path:
    """A one-brief workspace over a one-source corpus the test may add files to."""
    write(
        root / "briefs" / "brief.yaml",
        "title: Test brief\nas_of: 2022-08-01\ncorpus: ../corpus\naudiences: [analyst]\n"
        + spec_extra,
    )
    write(root / "corpus" / "sources.yaml", catalogue)
    write(
        root / "corpus" / "update.txt",
        (REPO / "tests" / "data" / "update.txt").read_text(encoding="utf-8"),
    )
    return root


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
