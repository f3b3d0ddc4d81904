"""Spec and YAML validation: every problem reported with file, line and key, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import ConfigError
from briefgen.model import PartialDate
from briefgen.workspace.spec import load_spec
from tests.conftest import write


def test_valid_spec_loads_with_defaults(tmp_path: Path) -> None:
    path = write(tmp_path / "briefs" / "b.yaml", "title: T\nas_of: 2022-08\n")
    spec = load_spec(path)
    assert spec.name == "b"
    assert spec.as_of == PartialDate(2022, 8)
    assert [a.name for a in spec.audiences] == ["analyst"]
    assert spec.corpus == (tmp_path / "seeds").resolve()
    assert spec.sources is None


def test_malformed_yaml_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "b.yaml", "title: T\naudiences: [analyst\nas_of: 2022\n")
    with pytest.raises(ConfigError) as caught:
        load_spec(path)
    assert str(caught.value).startswith(f"{path}:3:")
    assert "invalid YAML" in str(caught.value)


def test_schema_errors_are_all_reported_with_line_and_suggestion(tmp_path: Path) -> None:
    path = write(
        tmp_path / "b.yaml",
        "title: T\nas_of: 2022-01-01\naudiencs: [analyst]\nsources: 3\n",
    )
    with pytest.raises(ConfigError) as caught:
        load_spec(path)
    assert caught.value.problems == [
        f"{path}:3: audiencs: unknown key (did you mean 'audiences'?)",
        f"{path}:4: sources: 3 is not valid under any of the given schemas",
    ]


def test_impossible_date_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "b.yaml", "title: T\nas_of: 2022-02-30\n")
    with pytest.raises(ConfigError, match=r"b.yaml:2: as_of: 2022-02 has no day 30"):
        load_spec(path)


def test_timeline_from_is_a_date_and_a_wrong_one_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "briefs" / "b.yaml", "title: T\ntimeline_from: 2008-09-15\n")
    assert load_spec(path).timeline_from == PartialDate(2008, 9, 15)
    assert load_spec(write(tmp_path / "briefs" / "c.yaml", "title: T\n")).timeline_from is None
    path = write(tmp_path / "b.yaml", "title: T\nas_of: 2022\ntimeline_from: 2008-13\n")
    with pytest.raises(ConfigError, match=r"b.yaml:3: timeline_from: "):
        load_spec(path)
