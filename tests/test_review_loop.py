"""The analyst signs off: a review file that survives regeneration, from `init` to a
stale edit, driven through the CLI as a user would."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, run_cli, write

pytestmark = pytest.mark.slow


def _brief(root: Path, audience: str = "analyst") -> dict[str, Any]:
    return dict(json.loads((root / "_build" / "talks" / f"{audience}.json").read_text()))


def _statements(brief: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {st["id"]: st for s in brief["sections"] for st in s["statements"]}


def _id_of(root: Path, words: str) -> str:
    listed = run_cli(root, "statements", "talks")
    assert listed.returncode == 0, listed.stderr
    row = next(line for line in listed.stdout.splitlines() if words in line)
    found = re.search(r"\b[a-z]{2}-[0-9a-f]{10}\b", row)
    assert found is not None, row
    return found[0]


def test_init_then_review_survives_a_rebuild_and_goes_stale_when_its_source_changes(
    tmp_path: Path,
) -> None:
    root = tmp_path / "desk"
    made = run_cli(tmp_path, "init", str(root), "--name", "talks")
    assert made.returncode == 0, made.stderr
    assert (root / ".gitignore").read_text().strip().endswith("_build/")
    empty = run_cli(root, "build", "--format", "json")
    assert empty.returncode != 0 and "holds no sources yet" in empty.stderr
    for source in (DATA / "harbour").iterdir():
        shutil.copy(source, root / "corpus" / source.name)
    first = run_cli(root, "build", "--format", "json,html")
    assert first.returncode == 0, first.stderr

    founded = _id_of(root, "was founded in 1998")
    sheltered = _id_of(root, "has long sheltered")
    tidewall = _id_of(root, "Operation Tidewall, a three-year")
    starter = run_cli(root, "review", "talks", "--force")
    assert starter.returncode == 0, starter.stderr
    assert founded in (root / "briefs" / "talks.review.yaml").read_text()
    write(
        root / "briefs" / "talks.review.yaml",
        f"""drop: [{sheltered}]
pin: [{tidewall}]
reword:
  {founded}: "Tomas Arvid founded the Selvar Coast Front (SCF) in 1998."
add:
  - section: outlook
    text: "We judge a final settlement unlikely before 2025."
    cites: [{founded}]
""",
    )
    second = run_cli(root, "build", "--format", "json,html")
    assert second.returncode == 0, second.stderr
    statements = _statements(_brief(root))
    assert sheltered not in statements and tidewall in statements
    reworded = statements[founded]
    assert reworded["reworded"] and reworded["text"].startswith("Tomas Arvid founded")
    assert reworded["source_text"].startswith("The Selvar Coast Front (SCF) was founded")
    desk = next(st for st in statements.values() if st.get("author") == "analyst")
    assert desk["likelihood"]["term"] == "unlikely" and desk["citations"]
    html = (root / "_build" / "talks" / "analyst.html").read_text()
    assert "Desk judgment" in html and "Edited" in html and f'title="Statement {founded}"' in html
    checked = run_cli(root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # The source changes under the reworded statement: the edit goes stale, loudly; the
    # other edits still apply, and the reworded words are not put on the new passage.
    report = root / "corpus" / "institute-report.md"
    report.write_text(report.read_text().replace("founded in 1998", "founded in 1997"))
    third = run_cli(root, "build", "--format", "json,html")
    assert third.returncode == 0, third.stderr
    assert f"reword {founded}" in third.stderr and "review it again" in third.stderr
    brief = _brief(root)
    statements = _statements(brief)
    assert founded not in statements
    assert not any(st.get("reworded") for st in statements.values())
    assert sheltered not in statements and tidewall in statements
    assert any(st.get("author") == "analyst" for st in statements.values())
    assert any(f"reword {founded}" in line for line in brief["review"]["stale"])
    changes = (root / "_build" / "talks" / "analyst.changes.md").read_text()
    assert "Review entries that no longer apply" in changes
    status = run_cli(root, "status", "--format", "json,html")
    assert status.returncode == 1 and "review" in status.stdout and "stale" in status.stdout


def test_a_reword_must_keep_the_sources_facts(tmp_path: Path) -> None:
    root = tmp_path / "desk"
    assert run_cli(tmp_path, "init", str(root), "--name", "talks").returncode == 0
    for source in (DATA / "harbour").iterdir():
        shutil.copy(source, root / "corpus" / source.name)
    founded = _id_of(root, "was founded in 1998")
    write(
        root / "briefs" / "talks.review.yaml",
        f'reword:\n  {founded}: "Tomas Arvid founded the SCF in 1996 in Brevia."\n',
    )
    built = run_cli(root, "build", "--format", "json")
    assert built.returncode != 0
    assert "talks.review.yaml:2: reword" in built.stderr and "1996, Brevia" in built.stderr
    write(root / "briefs" / "talks.review.yaml", 'add:\n  - section: outlook\n    text: "Peace."\n')
    built = run_cli(root, "build", "--format", "json")
    assert built.returncode != 0 and "talks.review.yaml:2: an added judgment" in built.stderr
    write(root / "briefs" / "talks.review.yaml", "pin: [not-an-id]\n")
    built = run_cli(root, "build", "--format", "json")
    assert built.returncode != 0 and "talks.review.yaml:1" in built.stderr
