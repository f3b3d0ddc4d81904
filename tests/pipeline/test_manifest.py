"""The manifest's reasons: every kind of input change named in plain words."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from briefgen.pipeline.manifest import EditionInputs, Manifest, OutputRecord, changed_inputs

BASE = EditionInputs(
    briefgen="0.1.0+aaa",
    brief={"title": "T", "as_of": "2022"},
    edition={"paper": "A4", "max_pages": None},
    sources={"a": "1", "b": "2"},
    catalogue={"a": "c1", "b": "c2"},
    curation=None,
    style="s1",
    logo=None,
    templates={"base.html": "t1", "analyst/brief.html": "t2"},
)


def test_unchanged_inputs_give_no_reason() -> None:
    assert changed_inputs(BASE, replace(BASE)) == []


def test_each_kind_of_change_is_named() -> None:
    changed = replace(
        BASE,
        briefgen="0.2.0+bbb",
        edition={"paper": "letter", "max_pages": None},
        sources={"a": "1", "c": "3"},
        catalogue={"a": "c9", "c": "c3"},
        curation="k1",
        style="s2",
        logo="l1",
        templates={"base.html": "t9", "analyst/brief.html": None},
    )
    assert changed_inputs(BASE, changed) == [
        "briefgen changed (0.1.0+aaa -> 0.2.0+bbb)",
        'setting paper changed ("A4" -> "letter")',
        "catalogue entry of 'a' changed",
        "source 'b' removed",
        "source 'c' added",
        "curation file changed",
        "citation style file changed",
        "logo changed",
        "template 'analyst/brief.html' no longer found",
        "template 'base.html' changed",
    ]


def test_an_output_edited_or_deleted_after_the_build_is_stale(tmp_path: Path) -> None:
    (tmp_path / "analyst.json").write_text("{}", encoding="utf-8")
    manifest = Manifest(tmp_path, {"analyst.json": OutputRecord("not-its-digest", BASE)})
    assert manifest.why_stale("analyst.json", BASE) == [
        "analyst.json was changed since it was built"
    ]
    assert manifest.why_stale("analyst.pdf", BASE) == ["not built yet"]
    (tmp_path / "analyst.json").unlink()
    assert manifest.why_stale("analyst.json", BASE) == ["analyst.json is missing"]
    loaded = Manifest.load(tmp_path)
    assert loaded.outputs == {}
    (tmp_path / "_manifest.json").write_bytes(manifest.to_bytes())
    assert Manifest.load(tmp_path).outputs == manifest.outputs
