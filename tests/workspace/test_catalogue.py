"""The CSL YAML catalogue: matching files, validation, inferred entries."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from briefgen.errors import ConfigError
from briefgen.ingest import ingest_document
from briefgen.workspace.catalogue import load_catalogue
from tests.conftest import write


def test_shipped_catalogue_matches_all_five_seeds(repo: Path) -> None:
    entries = load_catalogue(repo / "seeds")
    assert [e.path.name[:3] for e in entries] == ["000", "001", "002", "003", "004"]
    assert all(e.catalogued for e in entries)
    by_id = {e.id: e for e in entries}
    # Month-only dates keep their precision; no day is invented.
    assert by_id["roggio2011"].csl["issued"] == {"date-parts": [[2011, 3]]}
    assert by_id["sayed2022"].csl["author"][1] == {"family": "Jadoon", "given": "Amira"}
    assert "URL" not in by_id["dressler2011"].csl


def test_entry_without_file_is_an_error_naming_the_line(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Some text.\n")
    write(
        tmp_path / "sources.yaml",
        "references:\n  - id: a\n    type: report\n  - id: gone\n    type: report\n",
    )
    with pytest.raises(ConfigError) as caught:
        load_catalogue(tmp_path)
    assert caught.value.problems == [
        f"{tmp_path / 'sources.yaml'}:4: references[1]: source file a file named gone.* "
        f"not found in {tmp_path}; add the file or remove the entry"
    ]


def test_unknown_csl_variable_and_type_are_reported(tmp_path: Path) -> None:
    write(tmp_path / "sources.yaml", "references:\n  - id: a\n    type: blogpost\n    titel: X\n")
    with pytest.raises(ConfigError) as caught:
        load_catalogue(tmp_path)
    catalogue = tmp_path / "sources.yaml"
    assert caught.value.problems == [
        f"{catalogue}:3: references[0].type: 'blogpost' is not an allowed value "
        "(did you mean 'post'?)",
        f"{catalogue}:4: references[0].titel: unknown key (did you mean 'title'?)",
    ]


def test_uncatalogued_file_is_used_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(
        tmp_path / "new note.md",
        "# A New Report\n\nBy Jane Roe | May 3, 2021\n\n"
        "The body text of the report, long enough to be a paragraph of its own.\n",
    )
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        entries = load_catalogue(tmp_path)
    assert [(e.id, e.catalogued, e.csl) for e in entries] == [
        ("new-note", False, {"id": "new-note", "type": "document"})
    ]
    assert "new note.md: no entry in" in caplog.text
    # Ingest fills the entry from what the text states.
    assert ingest_document(entries[0]).entry.csl == {
        "id": "new-note",
        "type": "document",
        "title": "A New Report",
        "author": [{"family": "Roe", "given": "Jane"}],
        "issued": {"date-parts": [[2021, 5, 3]]},
    }


def test_a_parsed_catalogue_is_kept_and_an_edited_one_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.workspace import yamlfile

    parse = yamlfile._parse
    parsed: list[Path] = []

    def counted(path: Path, raw: bytes) -> object:
        parsed.append(path)
        return parse(path, raw)

    monkeypatch.setattr(yamlfile, "_parse", counted)
    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    write(corpus / "a.txt", "Some text.\n")
    catalogue = write(
        corpus / "sources.yaml", "references:\n  - id: a\n    type: report\n    title: First\n"
    )
    assert load_catalogue(corpus, cache)[0].csl["title"] == "First"
    assert len(list(cache.iterdir())) == 1  # kept, one file per catalogue
    assert load_catalogue(corpus, cache)[0].csl["title"] == "First"
    assert len(parsed) == 1  # the second load read the kept one back
    catalogue.write_text(
        "references:\n  - id: a\n    type: report\n    title: Second\n", encoding="utf-8"
    )
    assert load_catalogue(corpus, cache)[0].csl["title"] == "Second"
    assert len(parsed) == 2
    assert len(list(cache.iterdir())) == 1  # the new version replaced the old
    # An edit that breaks it is reported with its line, whatever was kept before.
    catalogue.write_text(
        "references:\n  - id: a\n    type: report\n    titel: Third\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"sources.yaml:4: references\[0\].titel: unknown"):
        load_catalogue(corpus, cache)
