"""A corpus catalogue exported from a reference manager as CSL JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.errors import ConfigError
from briefgen.workspace.catalogue import load_catalogue
from tests.conftest import write

ITEM = {
    "id": "lind2022",
    "type": "article-newspaper",
    "title": "Ostrava and coastal rebels sign fishing-rights deal",
    "author": [{"family": "Lind", "given": "Petra"}],
    "issued": {"date-parts": [[2022, 2, 15]]},
}


def test_a_csl_json_export_is_a_catalogue(tmp_path: Path) -> None:
    write(tmp_path / "lind2022.txt", "Title\n\nThe deal was signed on Tuesday.\n")
    write(tmp_path / "sources.json", json.dumps([ITEM], indent=2))
    (entry,) = load_catalogue(tmp_path)
    assert entry.id == "lind2022" and entry.catalogued
    assert entry.csl["title"] == ITEM["title"]
    assert entry.csl["issued"] == {"date-parts": [[2022, 2, 15]]}


def test_a_bad_item_is_named_with_its_line(tmp_path: Path) -> None:
    write(tmp_path / "lind2022.txt", "Title\n\nThe deal was signed on Tuesday.\n")
    other = {**ITEM, "id": "other", "type": "newspaper story"}
    write(tmp_path / "sources.json", json.dumps([ITEM, other], indent=2))
    with pytest.raises(ConfigError) as raised:
        load_catalogue(tmp_path)
    text = str(raised.value)
    line = json.dumps([ITEM, other], indent=2).splitlines().index('    "id": "other",') + 1
    assert f"sources.json:{line}: references[1].type" in text
