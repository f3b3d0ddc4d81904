"""Sources of every format dropped into a corpus reach the brief, cited, through the CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from briefgen.ingest import ingest_document
from briefgen.model import Zone
from briefgen.workspace.catalogue import load_catalogue
from tests.conftest import run_cli

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"


_run = run_cli


def _statements(brief: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for section in brief["sections"] for s in section["statements"]]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped workspace plus an uncatalogued HTML page and an uncatalogued PDF."""
    import weasyprint

    root = tmp_path_factory.mktemp("workspace")
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "briefs", root / "briefs")
    shutil.copy(DATA / "analysis.html", root / "seeds" / "analysis.html")
    weasyprint.HTML(DATA / "paper.html").write_pdf(root / "seeds" / "paper.pdf")
    return root


@pytest.fixture(scope="module")
def built(workspace: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    result = _run(workspace, "build", "--format", "json,html")
    brief = json.loads((workspace / "_build" / "pakistan-ttp" / "analyst.json").read_text())
    return result, brief


def test_uncatalogued_html_and_pdf_are_cited_with_inferred_metadata(
    workspace: Path, built: tuple[subprocess.CompletedProcess[str], dict[str, Any]]
) -> None:
    result, brief = built
    assert result.returncode == 0, result.stderr
    for name in ("analysis.html", "paper.pdf"):
        assert f"{name}: no entry in" in result.stderr
    sources = {s["id"]: s for s in brief["sources"]}
    assert sources["analysis"]["csl"]["title"] == "Talks Stall as Ceasefire Frays"
    assert sources["analysis"]["csl"]["issued"] == {"date-parts": [[2023, 3, 14]]}
    assert sources["paper"]["csl"]["author"] == [{"family": "Lindqvist", "given": "Tomas"}]
    cited = {a["source"] for s in _statements(brief) for a in s["citations"]}
    assert {"analysis", "paper"} <= cited
    page = (workspace / "_build" / "pakistan-ttp" / "analyst.html").read_text()
    assert "Okafor, Maria." in page and "Lindqvist, Tomas." in page  # the bibliography
    check = _run(workspace, "check")
    assert check.returncode == 0, check.stderr


def test_statements_rest_only_on_body_or_note_text_and_read_clean(
    workspace: Path, built: tuple[subprocess.CompletedProcess[str], dict[str, Any]]
) -> None:
    _, brief = built
    documents = {e.id: ingest_document(e) for e in load_catalogue(workspace / "seeds")}
    anchored = _statements(brief) + brief["timeline"]
    for statement in anchored:
        text = statement["text"]
        assert "\n" not in text and "](" not in text and "<sup>" not in text, text
        assert not re.search(r"[a-z][.,;:”]\d{1,3}(?= [A-Z])", text), text  # glued note
        for anchor in statement["citations"]:
            paragraph = documents[anchor["source"]].paragraphs[anchor["paragraph"] - 1]
            assert paragraph.zone in (Zone.BODY, Zone.NOTE), (text, paragraph.zone)
            assert anchor.get("zone", "body") == paragraph.zone
    for actor in brief["actors"]:
        for anchor in actor["citations"]:
            paragraph = documents[anchor["source"]].paragraphs[anchor["paragraph"] - 1]
            assert paragraph.zone is Zone.BODY, (actor["name"], paragraph.zone)


def test_every_shipped_source_has_the_metadata_sources_md_gives(
    built: tuple[subprocess.CompletedProcess[str], dict[str, Any]],
) -> None:
    _, brief = built
    for source in brief["sources"]:
        csl = source["csl"]
        assert csl.get("title") and csl.get("author") and csl.get("issued"), source["id"]


def test_reader_comments_are_cited_only_on_request_and_labelled(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    shutil.copy(DATA / "analysis.html", tmp_path / "corpus" / "analysis.html")
    spec = tmp_path / "briefs" / "talks.yaml"
    spec.parent.mkdir()
    base = "title: Talks\nas_of: 2023-04\ncorpus: ../corpus\n"
    spec.write_text(base)
    first = _run(tmp_path, "build", "--format", "json")
    assert first.returncode == 0, first.stderr
    brief = json.loads((tmp_path / "_build" / "talks" / "analyst.json").read_text())
    cited = [a for s in _statements(brief) for a in s["citations"]]
    assert cited  # the article's own text is cited...
    assert all(a.get("zone") != "comment" for a in cited)  # ...its comments are not

    spec.write_text(base + "reader_comments: cite\n")
    result = _run(tmp_path, "build", "--format", "json,html")
    assert result.returncode == 0, result.stderr
    brief = json.loads((tmp_path / "_build" / "talks" / "analyst.json").read_text())
    from_comments = [
        s for s in _statements(brief) if any(a.get("zone") == "comment" for a in s["citations"])
    ]
    assert from_comments
    assert all(s["text"].startswith("A reader commented: “") for s in from_comments)
    page = (tmp_path / "_build" / "talks" / "analyst.html").read_text()
    assert re.search(r"para\. \d+, reader comment", page)


def test_sources_and_show_let_a_reader_check_a_citation_by_hand(
    workspace: Path, built: tuple[subprocess.CompletedProcess[str], dict[str, Any]]
) -> None:
    _, brief = built
    table = _run(workspace, "sources")
    assert table.returncode == 0, table.stderr
    for source in brief["sources"]:
        assert source["id"] in table.stdout
    anchor = _statements(brief)[0]["citations"][0]
    shown = _run(workspace, "show", anchor["source"], "--zones")
    assert shown.returncode == 0, shown.stderr
    block = shown.stdout.split(f"¶{anchor['paragraph']} [")[1].split("\n¶")[0]
    assert " ".join(anchor["quote"].split()) in " ".join(block.split())
    missing = _run(workspace, "show", "analysys")
    assert missing.returncode == 1
    assert "no source 'analysys'" in missing.stderr and "did you mean 'analysis'" in missing.stderr
