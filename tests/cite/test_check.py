"""Check: a tampered anchor is named; a faithful one passes."""

from __future__ import annotations

import json
from pathlib import Path

from briefgen.cite.check import check_outputs
from tests.conftest import write


def _brief(
    tmp_path: Path,
    quote: str,
    paragraph: int = 2,
    text: str = "The talks failed in May.",
    edits: list[dict[str, object]] | None = None,
) -> Path:
    write(tmp_path / "src" / "a.txt", "Title\n\nThe talks failed in May.\n")
    document = {
        "brief": {"id": "b", "title": "T", "audience": "analyst", "as_of": "2022"},
        "sources": [{"id": "a", "path": "src/a.txt", "csl": {"id": "a"}}],
        "sections": [
            {
                "id": "background",
                "title": "Background",
                "statements": [
                    {
                        "id": "s1",
                        "text": text,
                        "edits": edits or [],
                        "citations": [
                            {
                                "source": "a",
                                "paragraph": paragraph,
                                "start": 7,
                                "end": 31,
                                "quote": quote,
                            }
                        ],
                    }
                ],
            }
        ],
        "actors": [],
        "timeline": [],
    }
    return write(tmp_path / "out" / "b" / "analyst.json", json.dumps(document))


def test_faithful_anchor_passes(tmp_path: Path) -> None:
    _brief(tmp_path, "The talks failed in May.")
    assert check_outputs(tmp_path / "out", tmp_path) == (1, 1, [])


def test_changed_quote_and_wrong_paragraph_are_named(tmp_path: Path) -> None:
    path = _brief(tmp_path, "The talks succeeded in May.")
    _, _, problems = check_outputs(tmp_path / "out", tmp_path)
    assert problems == [
        f"{path}: statement s1: anchor a:7-31: quote differs from the source: "
        "'The talks failed in May.'"
    ]
    _brief(tmp_path, "The talks failed in May.", paragraph=1)
    _, _, problems = check_outputs(tmp_path / "out", tmp_path)
    assert problems == [f"{path}: statement s1: anchor a:7-31: quote is not inside paragraph 1"]


def test_a_statement_is_its_quote_with_declared_edits(tmp_path: Path) -> None:
    cut = [{"type": "ellipsis", "start": 16, "end": 23, "text": " …"}]
    _brief(tmp_path, "The talks failed in May.", text="The talks failed ….", edits=cut)
    assert check_outputs(tmp_path / "out", tmp_path) == (1, 1, [])


def test_undeclared_or_unfaithful_edits_are_named(tmp_path: Path) -> None:
    path = _brief(tmp_path, "The talks failed in May.", text="The talks failed.")
    _, _, problems = check_outputs(tmp_path / "out", tmp_path)
    assert problems == [
        f"{path}: statement s1: the text is not its quotes with the declared edits: "
        "'The talks failed.'"
    ]
    # A bracketed insertion must come from a quote: "[The rebels]" comes from none.
    insert = [{"type": "antecedent", "start": 0, "end": 9, "text": "[The rebels]"}]
    _brief(tmp_path, "The talks failed in May.", text="[The rebels] failed in May.", edits=insert)
    _, _, problems = check_outputs(tmp_path / "out", tmp_path)
    assert problems == [
        f"{path}: statement s1: the bracketed [The rebels] is in none of the statement's "
        "quotes: '[The rebels] failed in May.'"
    ]
    # A "marker" edit may remove a note number, never words.
    words = [{"type": "marker", "start": 16, "end": 23, "text": ""}]
    _brief(tmp_path, "The talks failed in May.", text="The talks failed.", edits=words)
    _, _, problems = check_outputs(tmp_path / "out", tmp_path)
    assert len(problems) == 1 and "a marker edit removes only" in problems[0]
