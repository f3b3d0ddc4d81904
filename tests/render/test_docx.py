"""DOCX editions read back as a colleague's Word would: headings, real footnotes (one per
statement), every statement, the bibliography and the marking."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import pytest

from tests.conftest import REPO, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def docx_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "_build"
    result = run_cli(REPO, "build", "--format", "docx,json", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out / "pakistan-ttp"


def _footnotes(path: Path) -> list[str]:
    """The texts of the document's footnotes (Word's separators aside)."""
    xml = zipfile.ZipFile(path).read("word/footnotes.xml").decode()
    notes = re.findall(r"<w:footnote(?![^>]*w:type=)[^>]*>(.*?)</w:footnote>", xml, re.S)
    texts = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", note)).strip() for note in notes]
    return [text for text in texts if text]  # Word's separators hold no text


@pytest.mark.parametrize("audience", ["policymaker", "analyst"])
def test_a_docx_edition_has_headings_footnotes_and_every_statement(
    docx_build: Path, audience: str
) -> None:
    path = docx_build / f"{audience}.docx"
    document = docx.Document(str(path))
    export = json.loads((docx_build / f"{audience}.json").read_text())
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [s["title"] for s in export["sections"]] + ["Bibliography"]
    statements = [st for s in export["sections"] for st in s["statements"]]
    notes = _footnotes(path)
    assert len(notes) == len(statements)
    assert all("para." in note for note in notes)  # each note is a pinpointed citation
    body = " ".join(p.text for p in document.paragraphs)
    missing = [st["id"] for st in statements if " ".join(st["text"].split()) not in body]
    assert missing == []
    assert "UNCLASSIFIED // FOR PUBLIC RELEASE" in body
    bibliography = body.split("Bibliography", 1)[1]
    assert "Dressler" in bibliography and "Sayed" in bibliography
