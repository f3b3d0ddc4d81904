"""The issue's targets for lines, background and actors, on three corpora with gold:
the shipped corpus (tests/gold/pakistan-ttp.yaml), the wild corpus of another dispute
(tests/gold/tavrin.yaml) and a coastal insurgency written for these tests
(tests/gold/harbour.yaml). Each is built as a user would build it, from the CLI.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefgen.cite.check import check_outputs
from tests.conftest import DATA, REPO, run_cli, write
from tests.gold.profiles import ProfileScore, score_profiles
from tests.gold.standalone import brief_lines, problems
from tests.test_wild_corpus import wild_workspace

GOLD = REPO / "tests" / "gold"


def _harbour(root: Path) -> Path:
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    for source in (DATA / "harbour").iterdir():
        shutil.copy(source, seeds / source.name)
    write(root / "briefs" / "selvar.yaml", "title: The Selvar talks\nkeywords: [Selvar, talks]\n")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, Any]]]:
    """Each corpus's workspace and its analyst brief's JSON, by gold name."""
    out: dict[str, tuple[Path, dict[str, Any]]] = {}
    shipped = tmp_path_factory.mktemp("shipped")
    result = run_cli(REPO, "build", "--format", "json", "--out", str(shipped / "_build"))
    assert result.returncode == 0, result.stderr
    out["pakistan-ttp"] = (shipped, _brief(shipped / "_build" / "pakistan-ttp"))
    for name, make, brief in (
        ("tavrin", wild_workspace, "tavrin"),
        ("harbour", _harbour, "selvar"),
    ):
        root = make(tmp_path_factory.mktemp(name))
        result = run_cli(root, "build", "--format", "json")
        assert result.returncode == 0, result.stderr
        out[name] = (root, _brief(root / "_build" / brief))
    return out


def _brief(folder: Path) -> dict[str, Any]:
    return dict(json.loads((folder / "analyst.json").read_text(encoding="utf-8")))


def _score(built: dict[str, tuple[Path, dict[str, Any]]], name: str) -> ProfileScore:
    gold = yaml.safe_load((GOLD / f"{name}.yaml").read_text(encoding="utf-8"))
    return score_profiles(built[name][1], gold)


CORPORA = ["pakistan-ttp", "tavrin", "harbour"]


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPORA)
def test_every_line_stands_alone(built: dict[str, tuple[Path, dict[str, Any]]], name: str) -> None:
    lines = list(dict.fromkeys(brief_lines(built[name][1])))
    failing = [(line, problems(line)) for line in lines if problems(line)]
    assert len(lines) > 20
    assert 1 - len(failing) / len(lines) >= 0.97, failing


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPORA)
def test_check_verifies_every_statement_and_its_edits(
    built: dict[str, tuple[Path, dict[str, Any]]], name: str
) -> None:
    root, brief = built[name]
    folder = root / "_build"
    _files, anchors, found = check_outputs(folder, REPO if name == "pakistan-ttp" else root)
    assert found == [] and anchors > 50
    edited = [st for s in brief["sections"] for st in s["statements"] if st["edits"]]
    assert edited, "no statement needed an edit: the test shows nothing"


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPORA)
def test_the_background_tells_the_story_in_date_order(
    built: dict[str, tuple[Path, dict[str, Any]]], name: str
) -> None:
    score = _score(built, name)
    assert len(score.elements_found) / score.elements >= 0.85, score.lines()
    assert score.in_date_order, score.lines()


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPORA)
def test_one_profile_per_actor_with_kind_roles_and_description(
    built: dict[str, tuple[Path, dict[str, Any]]], name: str
) -> None:
    score = _score(built, name)
    assert score.splits == [], score.lines()
    assert score.actors_found / score.actors >= 0.9, score.lines()
    assert score.roles_found / score.roles >= 0.85, score.lines()
    assert score.profiles_without_description == 0 and score.relations_unanchored == 0
    # Kinds: the shipped gold has two political parties whose names say "Movement"; the
    # other corpora must have every kind right.
    assert len(score.wrong_kinds) <= (2 if name == "pakistan-ttp" else 0), score.lines()
    assert score.relations_found / score.relations >= 0.6, score.lines()
