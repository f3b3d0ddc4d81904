"""The place-name answers a build keeps for the next: the same answers, from a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.extract import actors
from briefgen.pipeline.place_memo import PLACE_MEMO, load_place_memo, save_place_memo


@pytest.fixture
def fresh_answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    answers: dict[str, bool] = {}
    monkeypatch.setattr(actors, "_NEAR_SUBDIVISION", answers)
    return answers


def test_answers_kept_by_one_build_are_the_next_build_s(
    tmp_path: Path, fresh_answers: dict[str, bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["North Wazirstan", "Tony Hayward", "Gulf Coast"]
    expected = {name: actors._scan_subdivisions(name) for name in names}
    assert load_place_memo(tmp_path) == 0
    for name in names:
        actors._near_subdivision(name)
    (tmp_path / PLACE_MEMO).mkdir(parents=True)
    (tmp_path / PLACE_MEMO / "of-other-code.json").write_text("{}")
    save_place_memo(tmp_path, 0)
    (kept,) = (tmp_path / PLACE_MEMO).iterdir()  # the other code's answers are gone
    assert kept.name != "of-other-code.json"

    fresh_answers.clear()
    monkeypatch.setattr(actors, "_scan_subdivisions", lambda name: pytest.fail(name))
    assert load_place_memo(tmp_path) == 3
    assert {name: actors._near_subdivision(name) for name in names} == expected


def test_an_unreadable_memo_is_no_memo(tmp_path: Path, fresh_answers: dict[str, bool]) -> None:
    actors._near_subdivision("Gulf Coast")
    save_place_memo(tmp_path, 0)
    (memo,) = (tmp_path / PLACE_MEMO).iterdir()
    memo.write_text("{not json")
    fresh_answers.clear()
    assert load_place_memo(tmp_path) == 0 and fresh_answers == {}
